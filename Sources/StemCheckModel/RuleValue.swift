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
        var budget = Int.max
        self.init(node, budget: &budget, maxString: nil)
    }

    /// The node as a value, bounded: each node spends one of `budget`, and a list or mapping that
    /// would overspend it is summarised as text; strings longer than `maxString` scalars are cut.
    /// The one conversion from loaded YAML to values (rule operands and report values alike).
    package init(_ node: YAMLNode, budget: inout Int, maxString: Int?) {
        budget -= 1
        switch node.kind {
        case .null: self = .null
        case .bool: self = .bool(node.bool!)
        case .int: self = .int(node.int!)
        case .float: self = .float(node.float!)
        case .string:
            let text = node.string!
            if let maxString, text.unicodeScalars.count > maxString {
                self = .string(String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxString))) + "… (\(text.unicodeScalars.count) characters)")
            } else {
                self = .string(text)
            }
        case .sequence:
            if budget < node.count { self = .string("(a list of \(node.count) items)"); return }
            self = .list(node.items.map { RuleValue($0, budget: &budget, maxString: maxString) })
        case .mapping:
            if budget < node.count * 2 { self = .string("(a mapping of \(node.count) keys)"); return }
            var map: [String: RuleValue] = [:]
            var order: [String] = []
            for (key, value) in node.pairs {
                let name = key.text ?? key.json(indent: 0)
                if map[name] == nil { order.append(name) }
                map[name] = RuleValue(value, budget: &budget, maxString: maxString)
            }
            self = .map(map, order: order)
        }
    }

    /// The value as one-line JSON text (`[1, "a"]`, `{"k": true}`).
    public var json: String {
        var writer = JSONWriter(layout: .inline, capacity: 64)
        writer.value(self)
        return writer.text
    }

    /// Human text: strings unquoted, everything else as JSON.
    @inlinable
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

extension JSONWriter {
    /// Writes a rule or protocol value: the one place a `RuleValue` becomes JSON (reports, SARIF
    /// and the `json` text in messages). Maps keep their key order.
    public mutating func value(_ value: RuleValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .float(let d): number(d)
        case .string(let s): string(s)
        case .list(let items):
            array(items) { json, item in json.value(item) }
        case .map(let map, let order):
            object { json in
                for name in order {
                    json.key(escaping: name)
                    json.value(map[name]!)
                }
            }
        }
    }

    /// A value, or `null` when absent.
    public mutating func value(_ value: RuleValue?) {
        if let value { self.value(value) } else { null() }
    }
}
