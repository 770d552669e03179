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
    var text = text
    return text.withUTF8(isASCII)
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
        var needle = needle
        return needle.withUTF8 { n -> Bool? in
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
        case invalid(String)

        var kindName: String {
            switch self {
            case .number: return "a number"
            case .quantity(let q): return "a quantity in \(q.unit.dimension == .time ? "time" : q.unit.symbol)"
            case .date: return "a date"
            case .invalid: return "a value that cannot be ordered"
            }
        }
    }

    /// Compares `node` with `other`: negative, zero or positive; or why they cannot be compared.
    static func order(_ node: YAMLNode, _ other: Side) -> Result<Int, Why> {
        let left = orderable(node)
        if case .invalid(let why) = left { return .failure(Why(why)) }
        let right: Orderable
        switch other {
        case .operand(.number(let n)): right = .number(n)
        case .operand(.quantity(let q)): right = .quantity(q)
        case .operand(.date(let d)): right = .date(d)
        case .operand(.path): return .failure(Why("internal: unresolved path operand"))
        case .node(let n):
            right = orderable(n)
            if case .invalid(let why) = right { return .failure(Why("the compared value: " + why)) }
        }
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
            if ISODate.looksLikeDate(text) {
                if let date = ISODate.parse(text) { return .date(date) }
                return .invalid("'\(text)' is not a valid date")
            }
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

    /// `type: T`.
    static func hasType(_ node: YAMLNode, _ type: ValueType) -> Bool {
        switch type {
        case .string: return node.kind == .string
        case .number: return node.kind == .int || node.kind == .float
        case .integer: return node.kind == .int
        case .boolean: return node.kind == .bool
        case .list: return node.kind == .sequence
        case .map: return node.kind == .mapping
        case .date: return node.string.flatMap(ISODate.parse) != nil
        case .quantity:
            if let text = node.string, case .quantity = Quantity.parse(text) { return true }
            return quantityMap(node) != nil
        }
    }
}
