import YAMLSource

/// An ordered JSON value, rendered deterministically (keys keep their insertion order).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number already rendered as JSON text.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered(indent: 0) == rhs.rendered(indent: 0) }

    /// An int.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A string or null.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// A rule or protocol value.
    public init(_ value: RuleValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .number(String(i))
        case .float(let d): self = .number(JSONText.number(d))
        case .string(let s): self = .string(s)
        case .list(let items): self = .array(items.map(JSONValue.init))
        case .map(let map, let order): self = .object(order.map { ($0, JSONValue(map[$0]!)) })
        }
    }

    /// JSON text; `indent` spaces per level, 0 for one line.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): out += JSONText.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (n, item) in items.enumerated() {
                out += n == 0 ? "" : ","
                newline(&out, indent, level + 1)
                item.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (n, pair) in pairs.enumerated() {
                out += n == 0 ? "" : ","
                newline(&out, indent, level + 1)
                out += JSONText.quote(pair.0) + (indent > 0 ? ": " : ":")
                pair.1.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: Int, _ level: Int) {
        guard indent > 0 else { return }
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }
}
