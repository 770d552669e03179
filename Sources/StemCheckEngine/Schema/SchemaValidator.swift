#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSource
import StemCheckModel

/// One value of a protocol that does not fit the protocol schema: a result of the built-in rule
/// `SCHEMA` (severity error, status `error`).
public struct SchemaViolation: Sendable, Equatable {
    /// The JSON Schema keyword that failed.
    public enum Keyword: String, Sendable {
        case type, `enum`, format, pattern, minimum, maximum, oneOf, anyOf, required
    }

    /// The concrete path of the value (`design.arms[1].type`).
    public var path: String
    /// The value's position (for `required`, the mapping's).
    public var location: SourceLocation
    /// The value found.
    public var actual: RuleValue?
    /// The value found, in words (`the string "twelve"`).
    public var found: String
    public var keyword: Keyword
    /// What the schema expects, in words (`a number (months)`, `one of all, female, male`).
    public var expected: String
    /// `Title (path) must be …; found …`.
    public var message: String
    /// How to write the value.
    public var remediation: String
}

extension ProtocolSchema {
    /// The values of `root` that do not fit the schema, in document order. A value is reported
    /// once, for the first keyword it fails; values below it are still checked.
    ///
    /// Lenient where the rest of stemcheck is: a number is accepted where a string is expected
    /// (its text is the string, as `NodeReader` reads string fields), and a date field accepts a
    /// date-time (rules compare both as instants). Null is valid wherever the schema lists it:
    /// the shipped schema lists it everywhere, since null means "not stated" (SPEC 3.2).
    public func validate(_ root: YAMLNode) -> [SchemaViolation] {
        var walker = SchemaWalker()
        _ = walker.check(root, self.root, field: nil)
        return walker.violations
    }
}

/// The walk over a protocol beside its schema; the path is a stack of key node indexes and list
/// positions, so nothing is allocated or retained for values that are valid.
struct SchemaWalker {
    enum Step {
        /// The key node's `index` in its document.
        case key(Int32)
        case index(Int)
    }

    var steps: [Step] = []
    var violations: [SchemaViolation] = []
    /// When false (inside `oneOf`/`anyOf` branches) only validity is wanted, not messages.
    var recording = true

    /// Validates `value` against `schema`; `field` is the nearest titled schema on the way down (for
    /// messages). Returns whether the value and everything below it is valid.
    mutating func check(_ value: YAMLNode, _ schema: SchemaNode, field: SchemaNode?) -> Bool {
        if schema.hasRef, !check(value, schema.ref!, field: field) { return false }
        var asText = value.kind == .string
        if let types = schema.types {
            let accepted: Bool
            switch value.kind {
            case .null: accepted = types.contains(.null)
            case .bool: accepted = types.contains(.boolean)
            case .int:
                accepted = !types.isDisjoint(with: [.integer, .number, .string])
                asText = types.isDisjoint(with: [.integer, .number])
            case .float:
                let integral = value.float!.rounded() == value.float! && value.float!.isFinite
                let asNumber = types.contains(.number) || types.contains(.integer) && integral
                accepted = asNumber || types.contains(.string)
                asText = !asNumber
            case .string: accepted = types.contains(.string)
            case .sequence: accepted = types.contains(.array)
            case .mapping: accepted = types.contains(.object)
            }
            if !accepted {
                return fail(value, schema, field, .type, expected: Self.expectedType(types, schema, field))
            }
        } else if value.kind == .int || value.kind == .float {
            asText = false
        }
        if schema.hasEnum, let values = schema.enumValues, !values.contains(where: { Self.equals(value, $0) }) {
            return fail(value, schema, field, .enum, expected: Self.expectedEnum(values, schema, field), suggest: values)
        }
        if asText, schema.checksText {
            let text = value.text ?? ""
            if let format = schema.format, !Self.conforms(text, to: format) {
                return fail(value, schema, field, .format, expected: format.expected)
            }
            if let pattern = schema.pattern, pattern.search(text) != .match {
                return fail(value, schema, field, .pattern, expected: Self.expectedPattern(schema, field))
            }
        }
        if schema.hasBounds, let n = value.number {
            if let low = schema.minimum, n < low {
                return fail(value, schema, field, .minimum, expected: "at least \(NumberText.format(low))")
            }
            if let high = schema.maximum, n > high {
                return fail(value, schema, field, .maximum, expected: "at most \(NumberText.format(high))")
            }
        }
        if schema.hasAlternatives, !schema.oneOf.isEmpty {
            let matched = schema.oneOf.reduce(0) { $0 + (branchHolds(value, $1) ? 1 : 0) }
            if matched != 1 { return fail(value, schema, field, .oneOf, expected: Self.expectedAlternatives(schema, field)) }
        }
        if schema.hasAlternatives, !schema.anyOf.isEmpty, !schema.anyOf.contains(where: { branchHolds(value, $0) }) {
            return fail(value, schema, field, .anyOf, expected: Self.expectedAlternatives(schema, field))
        }
        var valid = true
        switch value.kind {
        case .mapping:
            guard schema.checksKeys else { break }
            for key in schema.required where value.pair(forKey: key) == nil {
                valid = fail(value, schema, field, .required, expected: "the key '\(key)'") && valid
            }
            if schema.properties.isEmpty && schema.additionalProperties == nil { break }
            value.forEachPair { key, child in
                guard !key.isCollection else { return }
                guard let next = key.withTextBytes({ schema.property($0) }) ?? schema.additionalProperties else { return }
                if next.acceptsScalar(child.kind) { return }
                steps.append(.key(key.index))
                valid = check(child, next, field: next.hasTitle ? next : field) && valid
                steps.removeLast()
            }
        case .sequence:
            guard let items = schema.items else { break }
            let field = items.hasTitle ? items : field
            for n in 0..<value.count {
                let item = value.item(n)!
                if items.acceptsScalar(item.kind) { continue }
                steps.append(.index(n))
                valid = check(item, items, field: field) && valid
                steps.removeLast()
            }
        default:
            break
        }
        return valid
    }

    /// Whether `value` fits one branch of `oneOf`/`anyOf` (no messages are built for branches).
    private mutating func branchHolds(_ value: YAMLNode, _ branch: SchemaNode) -> Bool {
        let saved = recording
        recording = false
        defer { recording = saved }
        return check(value, branch, field: nil)
    }

    // MARK: - Violations

    /// Records a violation (when recording) and returns false.
    private mutating func fail(_ value: YAMLNode, _ schema: SchemaNode, _ field: SchemaNode?, _ keyword: SchemaViolation.Keyword,
                               expected: String, suggest: [SchemaNode.Constant] = []) -> Bool {
        guard recording else { return false }
        let path = Path.render(steps.map { step -> Path.Segment in
            switch step {
            case .key(let key): return .key(value.node(at: key).text ?? "")
            case .index(let n): return .index(n)
            }
        })
        let name = path.isEmpty ? "the protocol" : path
        let subject = field?.title.map { "\($0) (\(name))" } ?? name
        var message: String
        if keyword == .required {
            message = "\(subject) lacks \(expected)"
        } else {
            message = "\(subject) must be \(expected); found \(describe(value))"
            if keyword == .enum, let text = value.text {
                message += Suggestion.phrase(for: text, in: suggest.compactMap { if case .string(let s, _) = $0 { return s } else { return nil } })
            }
            if keyword == .type, value.kind == .string, let text = value.string, CoreSchema.bool(text.lowercased()) == nil,
               ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()), schema.types?.contains(.boolean) == true {
                message += " (YAML 1.2 reads only true and false as booleans)"
            }
        }
        violations.append(SchemaViolation(
            path: path, location: value.location, actual: value.isNull ? nil : ReportValue.of(value),
            found: keyword == .required ? "no such key" : describe(value), keyword: keyword,
            expected: expected, message: message,
            remediation: Self.remediation(keyword, schema, field, key: exampleKey(value), expected: expected, path: path)))
        return false
    }

    /// The key an example is written under: the value's own key, none for a list item (`- US`).
    private func exampleKey(_ value: YAMLNode) -> String? {
        if case .key(let key) = steps.last { return value.node(at: key).text }
        return nil
    }

    private static func equals(_ value: YAMLNode, _ constant: SchemaNode.Constant) -> Bool {
        switch constant {
        case .null: return value.kind == .null
        case .bool(let b): return value.bool == b
        case .number(let n): return value.number == n
        case .string(_, let bytes):
            // A number written where a string is expected compares by its source text (`phase: 2`).
            guard value.kind == .string || value.kind == .int || value.kind == .float else { return false }
            return value.withTextBytes { text in
                text.count == bytes.count && (text.count == 0 || bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 })
            }
        }
    }

    /// Whether a text value has a format.
    static func conforms(_ text: String, to format: SchemaNode.Format) -> Bool {
        switch format {
        case .date: return ISODate.parse(text) != nil
        case .partialDate: return ISODate.parse(text) != nil || ISODate.period(text) != nil
        case .quantity:
            if case .quantity = Quantity.parse(text) { return true }
            return QuantityRange.parse(text) != nil
        }
    }

    // MARK: - Words

    private static func expectedType(_ types: SchemaNode.Types, _ schema: SchemaNode, _ field: SchemaNode?) -> String {
        let numeric = !types.isDisjoint(with: [.integer, .number])
        let unit = (schema.first(\.unit) ?? field?.first(\.unit)).map { " (\($0))" } ?? ""
        var words: [String] = []
        if types.contains(.string) && !numeric { words.append(schema.format?.expected ?? "text") }
        if types.contains(.integer) { words.append("a whole number" + unit) } else if types.contains(.number) { words.append("a number" + unit) }
        if types.contains(.string) && numeric { words.append("a number-form string such as \"3 x 10^7\"") }
        if types.contains(.boolean) { words.append("true or false") }
        if types.contains(.array) { words.append("a list") }
        if types.contains(.object) { words.append("a mapping") }
        guard let last = words.last else { return "null" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }

    private static func expectedEnum(_ values: [SchemaNode.Constant], _ schema: SchemaNode, _ field: SchemaNode?) -> String {
        let listed = values.filter { if case .null = $0 { return false } else { return true } }
        if listed.count > 12, let anchor = schema.first(\.vocabularyAnchor) {
            return "one of the \(listed.count) values of docs/protocol-schema.md#\(anchor)"
        }
        return "one of " + listed.map(\.text).joined(separator: ", ")
    }

    private static func expectedPattern(_ schema: SchemaNode, _ field: SchemaNode?) -> String {
        // A pattern from $defs has a title saying what it is ("Country code (ISO 3166-1 alpha-2)").
        if let title = schema.title, schema !== field { return article(title) }
        return "text matching the pattern \(schema.pattern?.source ?? "")"
    }

    private static func expectedAlternatives(_ schema: SchemaNode, _ field: SchemaNode?) -> String {
        let base = schema.title.map(article) ?? "one of the forms the schema allows"
        if schema.first(\.dimension) != nil {
            return base + " (`NUMBER UNIT` such as \"18 months\", or {value: N, unit: U})"
        }
        return base
    }

    /// "Country code (ISO …)" → "a country code (ISO …)".
    private static func article(_ title: String) -> String {
        guard let first = title.unicodeScalars.first else { return title }
        let lowered = title.unicodeScalars.dropFirst().first.map { $0.properties.isUppercase } == true
            ? title : title.prefix(1).lowercased() + title.dropFirst()
        return ("aeiouAEIOU".unicodeScalars.contains(first) ? "an " : "a ") + lowered
    }

    private static func remediation(_ keyword: SchemaViolation.Keyword, _ schema: SchemaNode, _ field: SchemaNode?,
                                    key: String?, expected: String, path: String) -> String {
        let example = (field?.example).map { e in key.map { ", e.g. `\($0): \(e)`" } ?? ", e.g. `\(e)`" } ?? ""
        let section = path.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? ""
        let docs = "docs/protocol-schema.md#" + (schema.first(\.vocabularyAnchor) ?? section)
        switch keyword {
        case .type:
            if expected.hasPrefix("true or false") {
                return "Write true or false without quotes\(example); YAML 1.2 reads yes, no, on and off as strings."
            }
            if expected.hasPrefix("a list") { return "Write a list: [a, b] or one '- item' per line\(example)." }
            if expected.hasPrefix("a mapping") { return "Write a mapping of the keys listed in \(docs)\(example)." }
            if expected.hasPrefix("a date") { return "Write an ISO 8601 date, YYYY-MM-DD\(example)." }
            if expected.hasPrefix("text") { return "Write text; quote it when it could read as another type\(example)." }
            return "Write \(expected) without quotes, words or units\(example)."
        case .enum:
            return "Use one of the values listed in \(docs)\(example); correct the spelling if the value is meant to be one of them."
        case .format:
            switch schema.format {
            case .quantity: return "Write \(expected)\(example); or {value: N, unit: U} or {min: N, max: N, unit: U}."
            case .partialDate: return "Write an ISO 8601 date, YYYY-MM-DD (or YYYY-MM or YYYY when only that is known)\(example)."
            default: return "Write an ISO 8601 date, YYYY-MM-DD\(example)."
            }
        case .pattern:
            return "Write \(expected)\(example)."
        case .minimum, .maximum:
            return "Give a value of \(expected)\(example); see \(docs)."
        case .oneOf, .anyOf:
            if schema.first(\.dimension) != nil {
                return "Write the number and a unit of \(schema.first(\.dimension)!) (days, weeks, months, years)\(example); or {value: N, unit: U}."
            }
            // A dose: its text form, the forms the format says, then the maps.
            let alternatives = schema.first { $0.anyOf.isEmpty ? ($0.oneOf.isEmpty ? nil : $0.oneOf) : $0.anyOf } ?? []
            if let format = alternatives.lazy.compactMap(\.format).first {
                return "Write \(format.expected)\(example); or {value: N, unit: U}, or {min: N, max: N, unit: U}."
            }
            return "Write the value in one of the forms described in \(docs)\(example)."
        case .required:
            return "Add \(expected); see \(docs)."
        }
    }
}

/// The built-in rule whose results are schema violations, and its pseudo pack.
public enum SchemaRule {
    /// The rule id of every schema result.
    public static let id = "SCHEMA"
    /// The pseudo pack listed first in a report's `rule_packs`, with the schema's version and digest.
    public static let pack = "schema"
    /// The pack's title.
    public static let packTitle = "Protocol schema"
    /// The rule's title.
    public static let title = "Values have the type, format, unit and vocabulary the protocol schema gives them"
}
