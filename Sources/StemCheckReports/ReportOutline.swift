import StemCheckModel

/// A report in the order a reviewer reads it (issue 13): violations of error severity, then
/// warnings and notices, then what the protocol does not state grouped by the field that blocks
/// the most rules, then waivers and review items; passes and not-applicable results last.
/// Text, Markdown and HTML all present this outline.
public struct ReportOutline: Sendable {
    /// Fields not stated, with the undecided rules each blocks.
    public struct NotStated: Sendable {
        /// The missing path; `products[*].x` when the same field is missing in several items
        /// (`paths` then names them).
        public var path: String
        /// The concrete paths of the group (`products[0].x`, `products[1].x`), in report order
        /// (a slice of an array the outline's groups share: index it from `startIndex`).
        public var paths: ArraySlice<String> = []
        /// The path as a reviewer reads it: `products[*].x (products[0], products[1])` for a field
        /// missing in several items, else the path.
        public var label: String {
            guard paths.count > 1 else { return path }
            // The items: each concrete path without the field after the last `[*]`
            // (`design.arms[0].interventions[1]` of `design.arms[*].interventions[*].dose`),
            // cut in bytes (the paths are made from the same text). Paths with other than ASCII
            // text are cut by characters: a group may hold a key spelled in two canonically
            // equivalent ways (`café` with `é`, and with `e` and a combining accent).
            let field = Self.afterLastWildcard(Array(path.utf8))
            // (`path` is made from `paths[0]`: ASCII when they are.)
            let item: (String) -> String
            if !paths.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                let text = String(decoding: field, as: UTF8.self)
                item = { p in p.hasSuffix(text) ? String(p.dropLast(text.count)) : p }
            } else {
                item = { p in
                    let bytes = Array(p.utf8)
                    return bytes.count >= field.count && bytes.suffix(field.count).elementsEqual(field)
                        ? String(decoding: bytes.dropLast(field.count), as: UTF8.self) : p
                }
            }
            var items: [String] = []
            var distinct = DistinctKeys<String>()
            for p in paths {
                let cut = item(p)
                if distinct.isNew(cut, among: items) { items.append(cut) }
            }
            return path + " (" + items.joined(separator: ", ") + ")"
        }
        /// The bytes after the last `[*]` of `path` (all of them when there is none).
        static func afterLastWildcard(_ path: [UInt8]) -> ArraySlice<UInt8> {
            var n = path.count - 3
            while n >= 0 {
                if path[n] == UInt8(ascii: "["), path[n + 1] == UInt8(ascii: "*"), path[n + 2] == UInt8(ascii: "]") { return path[(n + 3)...] }
                n -= 1
            }
            return path[...]
        }
        /// Whether it is needed to decide applicability (rather than the requirement itself).
        public var forApplicability: Bool
        /// Whether the field is stated, but too coarsely to decide (a partial date, a range), for every rule it blocks.
        public var imprecise: Bool = false
        /// "not stated", or "stated too imprecisely" for a field that is stated but too coarse.
        public var phrase: String { imprecise ? "stated too imprecisely" : "not stated" }
        /// The undecided results (status unknown), in report order, each rule once (a slice of an
        /// array the outline's groups share: index it from `startIndex`).
        public var results: ArraySlice<RuleResult>
        /// Where to point: the nearest stated parent of the path, from the first result.
        public var location: Location? { results.first { $0.location != nil }?.location }
    }

    /// `fail` and `error` results by severity, most severe first, each in report order.
    public var violations: [(severity: Severity, results: [RuleResult])]
    /// Missing fields, the field blocking most rules first.
    public var notStated: [NotStated]
    /// Results excused by a waiver.
    public var waived: [RuleResult]
    /// Review items awaiting a person.
    public var review: [RuleResult]
    /// Results that passed (including attested review items).
    public var passed: [RuleResult]
    /// Results whose `when` is false.
    public var notApplicable: [RuleResult]
    /// Number of `unknown` results.
    public var unknownCount: Int

    /// Sorts a report's results into the outline.
    public init(_ report: Report) {
        var bySeverity: [Severity: [RuleResult]] = [:]
        waived = []; review = []; passed = []; notApplicable = []; unknownCount = 0
        let results = report.results
        // Every missing field of every unknown result, in report order, with its group (one per
        // field, whichever items of a list it is missing in; groups numbered in first-seen order).
        let fieldCount = results.reduce(0) { $0 + ($1.status == .unknown ? max(1, $1.missing.count) : 0) }
        var table = FieldGroups(capacity: fieldCount)
        var entries: [Entry] = []
        entries.reserveCapacity(fieldCount)
        // Per group: whether every field of it is needed for applicability, or stated too imprecisely.
        var reasons: [(forApplicability: Bool, imprecise: Bool)] = []
        reasons.reserveCapacity(fieldCount)
        for (n, r) in results.enumerated() {
            switch r.status {
            case .fail, .error: bySeverity[r.severity, default: []].append(r)
            case .unknown:
                unknownCount += 1
                let missing = r.missing
                for k in missing.isEmpty ? -1 ..< 0 : 0 ..< missing.count {
                    let field = k < 0 ? MissingField(path: r.path ?? "(unstated)", reason: .absent) : missing[k]
                    let (group, isNew) = table.group(of: field.path)
                    if isNew {
                        reasons.append((field.reason == .applicability, field.reason == .imprecise))
                    } else {
                        if field.reason != .applicability { reasons[group].forApplicability = false }
                        if field.reason != .imprecise { reasons[group].imprecise = false }
                    }
                    entries.append(Entry(group: Int32(group), result: Int32(n), field: Int32(k)))
                }
            case .waived: waived.append(r)
            case .review: review.append(r)
            case .pass: passed.append(r)
            case .notApplicable: notApplicable.append(r)
            }
        }
        violations = Severity.allCases.sorted(by: >).compactMap { s in bySeverity[s].map { (s, $0) } }
        notStated = Self.groups(entries, count: table.count, reasons: reasons, results: results)
    }

    /// One missing field of an unknown result: its group, the result's position in the report,
    /// and the field's in the result's `missing` (-1 for the result's path, when it lists none).
    private struct Entry {
        var group: Int32
        var result: Int32
        var field: Int32
    }

    /// The groups of `entries`, each with its paths and rules once, in report order, held in two
    /// arrays the groups share; the group blocking most rules first, ties in first-seen order.
    private static func groups(_ entries: [Entry], count: Int, reasons: [(forApplicability: Bool, imprecise: Bool)],
                               results: [RuleResult]) -> [NotStated] {
        guard count > 0 else { return [] }
        // The entries of each group together, in report order (a counting sort).
        var starts = [Int](repeating: 0, count: count + 1)
        for entry in entries { starts[Int(entry.group) + 1] += 1 }
        for g in 0..<count { starts[g + 1] += starts[g] }
        var next = starts
        var order = [Int32](repeating: 0, count: entries.count)
        for (n, entry) in entries.enumerated() {
            order[next[Int(entry.group)]] = Int32(n)
            next[Int(entry.group)] += 1
        }
        var paths: [String] = []
        paths.reserveCapacity(entries.count)
        var rules: [RuleResult] = []
        rules.reserveCapacity(entries.count)
        // Per group: its path (the wildcarded one when it names several), and where its paths and rules end.
        var made: [(path: String, pathsEnd: Int, rulesEnd: Int)] = []
        made.reserveCapacity(count)
        // The group's paths and rule ids seen so far, for groups larger than a few (a scan per
        // entry grew with the square of a group: the 130 `each: products` rules share the group
        // `products` when a protocol has none).
        var newPaths = DistinctKeys<String>(), newRules = DistinctKeys<String>()
        for g in 0..<count {
            let firstPath = paths.count, firstRule = rules.count
            var path = ""
            newPaths.reset()
            newRules.reset()
            for position in starts[g]..<starts[g + 1] {
                let entry = entries[Int(order[position])]
                let r = results[Int(entry.result)]
                let fieldPath = entry.field < 0 ? r.path ?? "(unstated)" : r.missing[Int(entry.field)].path
                if paths.count == firstPath {
                    path = fieldPath
                    paths.append(fieldPath)
                } else if newPaths.isNew(fieldPath, among: paths[firstPath...]) {
                    paths.append(fieldPath)
                    path = MissingField.wildcarded(fieldPath)
                }
                // Entries come in report order, a result's fields together: a rule seen before is
                // usually the last one added.
                if rules.count == firstRule || (rules[rules.count - 1].rule != r.rule && newRules.isNew(r.rule, among: rules[firstRule...].lazy.map { $0.rule })) {
                    rules.append(r)
                }
            }
            made.append((path, paths.count, rules.count))
        }
        // Most rules blocked first; ties in first-seen order (the sort is not stable). Slices are
        // taken once both arrays are whole (an append after would copy them).
        func start(_ g: Int) -> (paths: Int, rules: Int) { g == 0 ? (0, 0) : (made[g - 1].pathsEnd, made[g - 1].rulesEnd) }
        let ruleCounts = made.indices.map { made[$0].rulesEnd - start($0).rules }
        return made.indices.sorted { a, b in ruleCounts[a] != ruleCounts[b] ? ruleCounts[a] > ruleCounts[b] : a < b }.map { g in
            NotStated(path: made[g].path, paths: paths[start(g).paths..<made[g].pathsEnd],
                      forApplicability: reasons[g].forApplicability, imprecise: reasons[g].imprecise,
                      results: rules[start(g).rules..<made[g].rulesEnd])
        }
    }

    /// The value of a dictionary slot reached in place: passing `&table[key, default: new]`
    /// inout inserts `new` when the key is absent (even though nothing is written to it), with
    /// one lookup.
    static func slot(_ value: inout Int) -> Int { value }

    /// Whether nothing needs attention: no violation, nothing unstated, nothing to review.
    public var isClear: Bool { violations.isEmpty && notStated.isEmpty && review.isEmpty }
}
