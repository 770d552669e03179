#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSource
import StemCheckModel

/// Whether every byte is ASCII.
@inline(__always)
func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0x80 { return false }
    return true
}

/// Whether a string is all ASCII (looked at as UTF-8 bytes, without copying).
@inline(__always)
func isASCII(_ text: String) -> Bool {
    text.withUTF8Bytes(isASCII)
}

/// Equality, ordering and type tests between protocol values and rule operands (SPEC 3.1, 3.3, 3.5).
enum Compare {
    /// Structural equality; numbers compare numerically (a number-form string counts as a number),
    /// strings exactly or case-folded.
    static func equal(_ node: YAMLNode, _ value: RuleValue, fold: Bool) -> Bool {
        switch (node.kind, value) {
        case (.string, .string(let s)):
            if !fold {
                // Same bytes: equal. Different ASCII bytes: not equal. Otherwise Swift's String
                // equality decides (canonically equivalent Unicode spellings are equal).
                if node.textEquals(s) { return true }
                if node.withTextBytes(isASCII), isASCII(s) { return false }
                return node.string! == s
            }
            return node.string!.lowercased() == s.lowercased()
        case (.bool, .bool(let b)):
            return node.bool! == b
        case (.int, .int(let i)):
            return node.int! == i
        case (.int, .float), (.float, .int), (.float, .float):
            return node.number! == value.number!
        case (.string, .int), (.string, .float):
            guard let n = NumberText.parse(node.string!) else { return false }
            return n == value.number!
        case (.int, .string(let s)), (.float, .string(let s)):
            guard let n = NumberText.parse(s) else { return false }
            return n == node.number!
        case (.null, .null):
            return true
        case (.sequence, .list(let items)):
            guard node.count == items.count else { return false }
            for (a, b) in zip(node.items, items) where !equal(a, b, fold: fold) { return false }
            return true
        case (.mapping, .map(let map, _)):
            guard node.count == map.count else { return false }
            for (key, child) in node.pairs {
                guard let name = key.text, let expected = map[name], equal(child, expected, fold: fold) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Whether a string node contains `needle`, exactly or case-folded.
    static func contains(_ node: YAMLNode, _ needle: String, fold: Bool) -> Bool {
        if !fold, let found = containsBytes(node, needle) { return found }
        let hay = node.string!
        return fold ? hay.lowercased().contains(needle.lowercased()) : hay.contains(needle)
    }

    /// Substring search on UTF-8 bytes: true when found, false when not found and both texts are
    /// ASCII, nil when Unicode equivalence must decide (then `String.contains` does).
    private static func containsBytes(_ node: YAMLNode, _ needle: String) -> Bool? {
        return needle.withUTF8Bytes { n -> Bool? in
            node.withTextBytes { hay -> Bool? in
                if n.isEmpty { return nil }  // whatever String.contains says of ""
                if hay.count >= n.count {
                    let first = n[0]
                    var i = 0
                    let last = hay.count - n.count
                    while i <= last {
                        if hay[i] == first, memcmp(hay.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                        i += 1
                    }
                }
                return isASCII(hay) && isASCII(n) ? false : nil
            }
        }
    }

    /// The other side of an ordered comparison.
    enum Side {
        case operand(OrderOperand)
        case node(YAMLNode)
    }

    /// A value seen as something orderable.
    private enum Orderable {
        case number(Double)
        case quantity(Quantity)
        case date(ISODate)
        /// A partial date: the period it names, and its text.
        case dateSpan(Interval, String)
        /// A quantity range or bound.
        case quantitySpan(QuantityRange)
        case invalid(String)

        var kindName: String {
            switch self {
            case .number: return "a number"
            case .quantity(let q): return "a quantity in \(q.unit.dimension == .time ? "time" : q.unit.symbol)"
            case .quantitySpan(let r): return "a quantity range in \(r.unit.dimension == .time ? "time" : r.unit.symbol)"
            case .date: return "a date"
            case .dateSpan: return "a partial date"
            case .invalid: return "a value that cannot be ordered"
            }
        }

        var isDateLike: Bool {
            switch self {
            case .date, .dateSpan: return true
            default: return false
            }
        }

        var isSpan: Bool {
            switch self {
            case .dateSpan, .quantitySpan: return true
            default: return false
            }
        }

        /// What an interval comparison compares: dates, or quantities of one dimension.
        enum SpanKind: Equatable {
            case date
            case quantity(Dimension)
        }

        /// The value as an interval in base units, with what it measures; nil for plain numbers.
        var interval: (kind: SpanKind, interval: Interval)? {
            switch self {
            case .date(let d): return (.date, Interval(point: d.seconds))
            case .dateSpan(let p, _): return (.date, p)
            case .quantity(let q): return (.quantity(q.unit.dimension), Interval(point: q.baseValue))
            case .quantitySpan(let r): return (.quantity(r.unit.dimension), r.baseInterval)
            default: return nil
            }
        }

        /// The value as a reviewer wrote it, for an "imprecise" detail.
        var spanText: String {
            switch self {
            case .number(let n): return NumberText.format(n)
            case .quantity(let q): return q.description
            case .date(let d): return d.text
            case .dateSpan(_, let text): return text
            case .quantitySpan(let r): return r.text
            case .invalid(let why): return why
            }
        }
    }

    /// Compares `node` with `other`: negative, zero or positive; or why they cannot be compared.
    static func order(_ node: YAMLNode, _ other: Side) -> Result<Int, Why> {
        sides(node, other).flatMap { order($0.left, $0.right, node: node) }
    }

    /// Both sides as orderable values, or why one cannot be ordered.
    private static func sides(_ node: YAMLNode, _ other: Side) -> Result<(left: Orderable, right: Orderable), Why> {
        let left = orderable(node)
        if case .invalid(let why) = left { return .failure(Why(why)) }
        switch other {
        case .operand(.number(let n)): return .success((left, .number(n)))
        case .operand(.quantity(let q)): return .success((left, .quantity(q)))
        case .operand(.date(let d)): return .success((left, .date(d)))
        case .node(let n):
            let right = orderable(n)
            if case .invalid(let why) = right { return .failure(Why("the compared value: " + why)) }
            return .success((left, right))
        }
    }

    private static func order(_ left: Orderable, _ right: Orderable, node: YAMLNode) -> Result<Int, Why> {
        switch (left, right) {
        case let (.number(a), .number(b)):
            return .success(a < b ? -1 : a > b ? 1 : 0)
        case let (.quantity(a), .quantity(b)):
            guard a.unit.dimension == b.unit.dimension else {
                return .failure(Why("cannot compare \(a) with \(b): \(a.unit.symbol) and \(b.unit.symbol) measure different things"))
            }
            let x = a.baseValue, y = b.baseValue
            // Conversions (months to days) are inexact in the last bits: treat a relative 1e-9 as equal.
            if abs(x - y) <= 1e-9 * max(abs(x), abs(y)) { return .success(0) }
            return .success(x < y ? -1 : 1)
        case let (.date(a), .date(b)):
            return .success(a < b ? -1 : a > b ? 1 : 0)
        case let (.quantity(q), .number(n)):
            return .failure(Why("cannot compare the quantity \(q) with the plain number \(NumberText.format(n)): the unit is missing on one side"))
        case let (.number(n), .quantity(q)):
            return .failure(Why("\(NumberText.format(n)) has no unit; expected a quantity comparable with \(q) (write it as \"\(NumberText.format(n)) \(q.unit.symbol)\")"))
        default:
            return .failure(Why("cannot compare \(describe(node)) (\(left.kindName)) with \(right.kindName)"))
        }
    }

    /// What an ordered comparison concluded on values that may be intervals.
    enum Decision {
        /// Decided: the relation holds or not for every value the sides may take.
        case decided(Bool)
        /// The sides are too imprecise to decide (a partial date, a range or a bound straddles the other side).
        case imprecise(String, value: Bool, operand: Bool)
    }

    /// Decides `node RELATION other` when either side may be an interval: a partial date
    /// (`2015-11`, or a year `2015` against a date), a quantity range or bound (SPEC 3.2, 3.3).
    /// Points compare as `order` does.
    static func relate(_ node: YAMLNode, _ other: Side, _ relation: Ordered.Relation) -> Result<Decision, Why> {
        let both: (left: Orderable, right: Orderable)
        switch sides(node, other) {
        case .failure(let why): return .failure(why)
        case .success(let pair): both = pair
        }
        var l = both.left, right = both.right
        // A year written as a number (`2015`) is a period when the other side is a date.
        if l.isDateLike, case .number(let n) = right, let p = yearPeriod(n) { right = .dateSpan(p, NumberText.format(n)) }
        if right.isDateLike, case .number(let n) = l, let p = yearPeriod(n) { l = .dateSpan(p, NumberText.format(n)) }
        guard l.isSpan || right.isSpan else {
            return order(l, right, node: node).map { .decided(relation.holds($0)) }
        }
        let a: Interval, b: Interval
        switch (l.interval, right.interval) {
        case let (.some(x), .some(y)) where x.kind == y.kind:
            a = x.interval
            b = y.interval
        default:
            return order(l, right, node: node).map { .decided(relation.holds($0)) }
        }
        let holds: Bool, fails: Bool
        switch relation {
        case .gt: holds = a.above(b, strict: true); fails = b.above(a, strict: false)
        case .gte: holds = a.above(b, strict: false); fails = b.above(a, strict: true)
        case .lt: holds = b.above(a, strict: true); fails = a.above(b, strict: false)
        case .lte: holds = b.above(a, strict: false); fails = a.above(b, strict: true)
        }
        if holds { return .success(.decided(true)) }
        if fails { return .success(.decided(false)) }
        let why = l.isSpan && right.isSpan ? "\(l.spanText) and \(right.spanText) overlap"
            : l.isSpan ? "\(l.spanText) spans \(right.spanText)" : "\(right.spanText) spans \(l.spanText)"
        return .success(.imprecise(why, value: l.isSpan, operand: right.isSpan))
    }

    private static func yearPeriod(_ n: Double) -> Interval? {
        guard n == n.rounded() else { return nil }
        return ISODate.period(year: Int(n))
    }

    /// The reason a comparison could not be made.
    struct Why: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    private static func orderable(_ node: YAMLNode) -> Orderable {
        switch node.kind {
        case .int, .float:
            return .number(node.number!)
        case .string:
            let text = node.string!
            if text.utf8.count >= 21, text.utf8.contains(UInt8(ascii: "/")), ISODate.looksLikeDate(text) {
                if let period = ISODate.period(text) { return .dateSpan(period, text) }
                return .invalid("'\(text)' is not a valid interval of dates (FIRST/LAST)")
            }
            if ISODate.looksLikeDate(text) {
                if let date = ISODate.parse(text) { return .date(date) }
                return .invalid("'\(text)' is not a valid date")
            }
            if ISODate.looksLikeYearMonth(text) {
                if let period = ISODate.period(text) { return .dateSpan(period, text) }
                return .invalid("'\(text)' is not a valid year and month")
            }
            if let range = QuantityRange.parse(text) { return .quantitySpan(range) }
            switch Quantity.parse(text) {
            case .quantity(let q): return .quantity(q)
            case .unknownUnit(let unit):
                return .invalid("unknown unit '\(unit)' in \"\(text)\"\(Suggestion.phrase(for: unit, in: MeasureUnit.spellings))")
            case .notQuantity:
                if let n = NumberText.parse(text) { return .number(n) }
                return .invalid("\(describe(node)) is not a number, quantity or date")
            }
        case .mapping:
            if let q = quantityMap(node) { return .quantity(q) }
            if let r = rangeMap(node) { return .quantitySpan(r) }
            return .invalid("a mapping is not a number, quantity or date (a quantity map needs value and a known unit)")
        default:
            return .invalid("\(describe(node)) is not a number, quantity or date")
        }
    }

    /// `{value: N, unit: U}` as a quantity.
    static func quantityMap(_ node: YAMLNode) -> Quantity? {
        guard node.kind == .mapping, node.count == 2,
              let number = node["value"]?.number ?? node["value"]?.string.flatMap(NumberText.parse),
              let unitName = node["unit"]?.string, let unit = MeasureUnit.named(unitName) else { return nil }
        return Quantity(value: number, unit: unit)
    }

    /// `{min: N, max: N, unit: U}` (either end may be left out) as a quantity range.
    static func rangeMap(_ node: YAMLNode) -> QuantityRange? {
        guard node.kind == .mapping, node["value"] == nil, let unitName = node["unit"]?.string,
              let unit = MeasureUnit.named(unitName) else { return nil }
        func number(_ key: String) -> Double?? {
            guard let n = node[key], !n.isNull else { return .some(nil) }
            return (n.number ?? n.string.flatMap(NumberText.parse)).map { .some($0) } ?? nil
        }
        guard node.pairs.allSatisfy({ ["min", "max", "unit"].contains($0.key.text ?? "") }),
              let low = number("min"), let high = number("max"), low != nil || high != nil else { return nil }
        if let low, let high, low > high { return nil }
        let text = "\(low.map(NumberText.format) ?? "")–\(high.map(NumberText.format) ?? "") \(unit.symbol)"
        return QuantityRange(interval: Interval(lower: low, upper: high), unit: unit, text: text)
    }

    /// `type: T`.
    static func hasType(_ node: YAMLNode, _ type: ValueType) -> Bool {
        switch type {
        case .string: return node.kind == .string
        case .number: return node.kind == .int || node.kind == .float
        case .integer: return node.kind == .int
        case .boolean: return node.kind == .bool
        case .list: return node.kind == .sequence
        case .map: return node.kind == .mapping
        case .date: return node.string.map { ISODate.parse($0) != nil || ISODate.period($0) != nil } ?? false
        case .quantity:
            if let text = node.string {
                if case .quantity = Quantity.parse(text) { return true }
                return QuantityRange.parse(text) != nil
            }
            return quantityMap(node) != nil || rangeMap(node) != nil
        }
    }
}
