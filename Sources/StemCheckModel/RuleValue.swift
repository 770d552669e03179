import YAMLSource

/// A literal value written in a rule (`equals: V`, `in: [V...]`, `contains: V`).
public indirect enum RuleValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([RuleValue])
    case map([String: RuleValue], order: [String])

    /// Converts a loaded node (aliases already applied).
    public init(_ node: YAMLNode) {
        switch node.kind {
        case .null: self = .null
        case .bool: self = .bool(node.bool!)
        case .int: self = .int(node.int!)
        case .float: self = .float(node.float!)
        case .string: self = .string(node.string!)
        case .sequence: self = .list(node.items.map(RuleValue.init))
        case .mapping:
            var map: [String: RuleValue] = [:]
            var order: [String] = []
            for (key, value) in node.pairs {
                let name = key.text ?? key.json(indent: 0)
                if map[name] == nil { order.append(name) }
                map[name] = RuleValue(value)
            }
            self = .map(map, order: order)
        }
    }

    /// The value as compact JSON text.
    public var json: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return JSONText.number(d)
        case .string(let s): return JSONText.quote(s)
        case .list(let items): return "[" + items.map(\.json).joined(separator: ", ") + "]"
        case .map(let map, let order):
            return "{" + order.map { JSONText.quote($0) + ": " + map[$0]!.json }.joined(separator: ", ") + "}"
        }
    }

    /// Human text: strings unquoted, everything else as JSON.
    public var description: String {
        if case .string(let s) = self { return s }
        return json
    }

    /// The numeric value of an int or float.
    package var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }
}
