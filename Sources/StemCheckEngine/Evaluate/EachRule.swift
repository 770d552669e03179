#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckModel
import YAMLSource

/// A rule checked item by item (`each: products`): every product, arm or intervention gets its
/// own `when` and `check`, so two products are each judged against the rules that apply to them.
///
/// The rule's finding is the worst item's (error, then fail, unknown, review, pass,
/// not_applicable), its message naming the item (`products[1] (epo): ...`). An absent or null
/// list leaves the rule `unknown` (the list is not stated); an empty list makes it
/// `not_applicable` (nothing to check).
enum EachRule {
    /// One item: its node and its concrete path (`products[1]`).
    struct Item {
        var node: YAMLNode
        var path: [Path.Segment]
        /// `path` rendered (`products[1]`), made once per item.
        var rendered: String
        /// Values on `$.` paths computed for one item of the list and found by the others; one
        /// object shared by the list's items when it has several (nil for a single item).
        var values: RootValues? = nil
    }

    /// What an `each` path reaches in one document: its targets, and the items they hold (or the
    /// value that is not a list). Many rules check the same list (`each: products`), so it is
    /// resolved once per document (`Lists`).
    struct List {
        var targets: [PathTarget]
        var items: [Item] = []
        /// The value `each` names when it is not a list (a path without `[*]`).
        var notAList: YAMLNode?
    }

    /// The lists of one document, by `each` path, resolved when a rule first asks.
    struct Lists {
        /// The paths' texts and their lists, in the order first asked. Found by the bytes of the
        /// path's text: the same bytes are the same path. (Not by `String`, whose equality is
        /// Unicode canonical equivalence, while keys are found by their bytes: `café` written with
        /// `é` and with `e` and a combining accent are two keys.) A document's rules name a handful
        /// of lists: a scan of their texts costs less than hashing a key made for every rule.
        private var known: [(text: String, list: List)] = []

        init() {}

        /// The list `each` reaches from `root`.
        mutating func list(_ each: Path, root: YAMLNode) -> List {
            let found = each.text.withUTF8Bytes { wanted in
                known.indices.first { n in
                    known[n].text.withUTF8Bytes { $0.count == wanted.count && (wanted.isEmpty || memcmp($0.baseAddress!, wanted.baseAddress!, wanted.count) == 0) }
                }
            }
            if let found { return known[found].list }
            let list = EachRule.resolve(each, root: root)
            known.append((each.text, list))
            return list
        }
    }

    /// Resolves an `each` path from the root. Concrete paths are needed only for a wildcard's
    /// items (a list's are its index).
    static func resolve(_ each: Path, root: YAMLNode) -> List {
        var list = List(targets: PathResolver.all(each.segments, from: root, prefix: [], tracing: each.hasWildcard))
        if each.hasWildcard {
            list.items = list.targets.compactMap { t in t.value.map { Item(node: $0, path: t.concrete, rendered: Path.render(t.concrete)) } }
        } else if let value = list.targets.first?.value {
            guard value.kind == .sequence else {
                list.notAList = value
                return list
            }
            let base = each.segments
            list.items = value.items.enumerated().map {
                Item(node: $0.element, path: base + [.index($0.offset)], rendered: Path.item($0.offset, of: each.rendered))
            }
        }
        if list.items.count > 1 {
            let values = RootValues()
            for n in list.items.indices { list.items[n].values = values }
        }
        return list
    }

    /// An item with nothing stated: what a `when` sees when the list itself is not stated.
    private static let absentItem: YAMLNode = try! YAMLLoader().loadDocument(bytes: Array("{}".utf8), file: "").root

    /// How bad a status is, for choosing the finding that speaks for the rule.
    private static func rank(_ status: Status) -> Int {
        switch status {
        case .error: return 6
        case .fail: return 5
        case .unknown: return 4
        case .review: return 3
        case .pass, .waived: return 2
        case .notApplicable: return 1
        }
    }

    /// `explainUnknown` false: an `unknown` finding that lists its missing fields keeps the
    /// short message its item gave ("not stated"), without naming the item.
    static func evaluate(_ rule: Rule, each: Path, root: YAMLNode, list: List, explainUnknown: Bool,
                         item evaluate: (Item) -> Finding) -> Finding {
        if let value = list.notAList {
            return Finding(status: .error, message: "cannot evaluate: \(each.text) must be a list to check each item, found \(describe(value))",
                           path: each.text, location: RuleEvaluator.reportLocation(value.location, traces: [], file: root.file))
        }
        let targets = list.targets, items = list.items
        if items.isEmpty {
            let stated = each.hasWildcard ? targets.contains { $0.node != nil } : targets.first?.value != nil
            if stated {
                return Finding(status: .notApplicable, message: "not applicable: \(each.text) has no items", path: each.text)
            }
            // Not stated. A `when` that is false whatever the items hold (`$.jurisdictions` does not
            // name the US) still makes the rule not applicable.
            // A check that holds whatever the items hold (its parts on `$.` paths decide) passes.
            let fast = Evaluator(root: root, tracing: false)
            if let when = rule.when, fast.evaluate(when, at: absentItem, path: []).truth == .false {
                let traces = Evaluator(root: root, tracing: true, keep: .false).evaluate(when, at: absentItem, path: []).traces.filter { $0.location?.file == root.file }
                return Finding(status: .notApplicable, message: FindingText.notApplicable(traces))
            }
            if rule.kind == .check, let check = rule.check, fast.evaluate(check, at: absentItem, path: []).truth == .true {
                return Finding(status: .pass, message: "passed")
            }
            // Name the list (the nearest path that is missing).
            let listPath = RuleEvaluator.withoutTrailingWildcards(each.text)
            let reason: MissingField.Reason = rule.when == nil ? .absent : .applicability
            let missing = [MissingField(path: listPath, reason: reason)]
            let anchor = targets.first?.anchor.location
            return Finding(status: .unknown, message: FindingText.unknown(rule, missing, traces: [], worded: explainUnknown), path: listPath,
                           location: RuleEvaluator.reportLocation(anchor, traces: [], file: root.file), missing: missing)
        }
        if items.count == 1 {
            // One item: its finding, named when it is not a pass.
            // (Returned as evaluated when unchanged: a `var` changed on one branch was copied on all.)
            let finding = evaluate(items[0])
            guard finding.status != .pass && finding.status != .notApplicable && !isShort(finding, explainUnknown) else { return finding }
            var named = finding
            named.message = label(items[0]) + ": " + finding.message
            return named
        }
        var findings: [(item: Item, finding: Finding)] = []
        findings.reserveCapacity(items.count)
        for item in items { findings.append((item, evaluate(item))) }
        let worst = findings.map { rank($0.finding.status) }.max()!
        let deciding = findings.filter { rank($0.finding.status) == worst }
        var finding = deciding[0].finding
        finding.status = deciding[0].finding.status
        if finding.status == .pass || finding.status == .notApplicable {
            finding.message = finding.status == .pass ? "passed" : "not applicable to any of \(count(items.count, each))"
            return finding
        }
        let short = isShort(finding, explainUnknown)
        if !short { finding.message = label(deciding[0].item) + ": " + deciding[0].finding.message }
        if deciding.count > 1 {
            if !short { finding.message += " (also " + deciding.dropFirst().map { label($0.item) }.joined(separator: ", ") + ")" }
            finding.why = deciding.flatMap { $0.finding.why }
            var missing: [MissingField] = []
            var distinct = DistinctKeys<MissingField>()
            for m in deciding.flatMap({ $0.finding.missing }) where distinct.isNew(m, among: missing) { missing.append(m) }
            finding.missing = missing
        }
        return finding
    }

    /// Whether a finding keeps its short "not stated" message (see `evaluate`).
    private static func isShort(_ finding: Finding, _ explainUnknown: Bool) -> Bool {
        !explainUnknown && finding.status == .unknown && !finding.missing.isEmpty
    }

    /// `products[1] (epo)`: the item's path, with its `id` or `name` when it states one.
    private static func label(_ item: Item) -> String {
        let path = item.rendered
        for key in ["id", "name"] {
            if let text = item.node[key]?.string, !text.isEmpty { return "\(path) (\(Phrase.short(text, limit: 40)))" }
        }
        return path
    }

    private static func count(_ n: Int, _ each: Path) -> String {
        "\(n) item\(n == 1 ? "" : "s") of \(each.text)"
    }
}
