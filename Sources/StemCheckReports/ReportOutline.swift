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
        /// The concrete paths of the group (`products[0].x`, `products[1].x`), in report order.
        public var paths: [String] = []
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
            var items: [String] = []
            // (`path` is made from `paths[0]`: ASCII when they are.)
            if !paths.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                let text = String(decoding: field, as: UTF8.self)
                for p in paths {
                    let item = p.hasSuffix(text) ? String(p.dropLast(text.count)) : p
                    if !items.contains(item) { items.append(item) }
                }
                return path + " (" + items.joined(separator: ", ") + ")"
            }
            for p in paths {
                let bytes = Array(p.utf8)
                let item = bytes.count >= field.count && bytes.suffix(field.count).elementsEqual(field)
                    ? String(decoding: bytes.dropLast(field.count), as: UTF8.self) : p
                if !items.contains(item) { items.append(item) }
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
        /// The undecided results (status unknown), in report order.
        public var results: [RuleResult]
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
        // Groups in first-seen order, found by their wildcarded path: one lookup per field.
        var groups: [NotStated] = []
        var groupIndex: [String: Int] = [:]
        // At most one group per missing field: room for all of them, so neither the table nor
        // the groups ever grow.
        let fieldCount = report.results.reduce(0) { $0 + ($1.status == .unknown ? max(1, $1.missing.count) : 0) }
        groupIndex.reserveCapacity(fieldCount)
        groups.reserveCapacity(fieldCount)
        waived = []; review = []; passed = []; notApplicable = []; unknownCount = 0
        for r in report.results {
            switch r.status {
            case .fail, .error: bySeverity[r.severity, default: []].append(r)
            case .unknown:
                unknownCount += 1
                let fields = r.missing.isEmpty ? [MissingField(path: r.path ?? "(unstated)", reason: .absent)] : r.missing
                for field in fields {
                    // One group per field, whichever items of a list it is missing in.
                    let key = MissingField.wildcarded(field.path)
                    // One hash of the key: the slot is read, and made with the next index when new.
                    let next = groups.count
                    let n = Self.slot(&groupIndex[key, default: next])
                    if n == next {
                        // A new group: its first path and result (made whole, not appended to empty arrays).
                        groups.append(NotStated(path: field.path, paths: [field.path], forApplicability: field.reason == .applicability,
                                                imprecise: field.reason == .imprecise, results: [r]))
                        continue
                    }
                    if !groups[n].paths.contains(field.path) {
                        groups[n].paths.append(field.path)
                        if groups[n].paths.count > 1 { groups[n].path = key }
                    }
                    if groups[n].results.last?.rule != r.rule && !groups[n].results.contains(where: { $0.rule == r.rule }) {
                        groups[n].results.append(r)
                    }
                    if field.reason != .applicability { groups[n].forApplicability = false }
                    if field.reason != .imprecise { groups[n].imprecise = false }
                }
            case .waived: waived.append(r)
            case .review: review.append(r)
            case .pass: passed.append(r)
            case .notApplicable: notApplicable.append(r)
            }
        }
        violations = Severity.allCases.sorted(by: >).compactMap { s in bySeverity[s].map { (s, $0) } }
        // Most rules blocked first; ties in first-seen order (the sort is not stable).
        let counts = groups.map { $0.results.count }
        notStated = groups.indices.sorted { a, b in counts[a] != counts[b] ? counts[a] > counts[b] : a < b }.map { groups[$0] }
    }

    /// The value of a dictionary slot reached in place: passing `&table[key, default: new]`
    /// inout inserts `new` when the key is absent (even though nothing is written to it), with
    /// one lookup.
    static func slot(_ value: inout Int) -> Int { value }

    /// Whether nothing needs attention: no violation, nothing unstated, nothing to review.
    public var isClear: Bool { violations.isEmpty && notStated.isEmpty && review.isEmpty }
}
