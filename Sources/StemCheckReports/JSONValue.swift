import YAMLSource
import StemCheckEngine
import StemCheckModel

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
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, indent: indent, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], indent: Int, level: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): JSONText.appendQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for n in items.indices {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent, level + 1)
                items[n].write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for n in pairs.indices {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, indent, level + 1)
                JSONText.appendQuoted(pairs[n].0, to: &out)
                out.append(UInt8(ascii: ":"))
                if indent > 0 { out.append(UInt8(ascii: " ")) }
                pairs[n].1.write(into: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

    private func newline(_ out: inout [UInt8], _ indent: Int, _ level: Int) {
        guard indent > 0 else { return }
        out.append(UInt8(ascii: "\n"))
        var width = indent * level
        while width > 0 {
            let step = min(width, Self.spaces.count)
            out.append(contentsOf: Self.spaces[0..<step])
            width -= step
        }
    }
}
