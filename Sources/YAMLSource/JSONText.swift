/// Writes loaded nodes as JSON text, and quotes strings for JSON.
public enum JSONText {
    /// A JSON string literal for `text` (control characters escaped, non-ASCII kept as UTF-8).
    public static func quote(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// A JSON number for a double. JSON has no infinity or NaN: infinities are written as
    /// `1e999`/`-1e999` (which JSON readers parse back as infinity) and NaN as `null`.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "null" }
        if value.isInfinite { return value < 0 ? "-1e999" : "1e999" }
        if value == value.rounded(.towardZero), abs(value) < 1e16 {
            return String(Int64(value)) + ".0"
        }
        return "\(value)"
    }
}

extension YAMLNode {
    /// The node as JSON. `indent` > 0 pretty-prints with that many spaces per level.
    /// Keys that are not strings are written as their JSON text (SPEC 3.5).
    public func json(indent: Int = 2) -> String {
        var out = ""
        writeJSON(into: &out, indent: indent, level: 0)
        return out
    }

    /// The JSON text of a scalar; for a collection, its compact JSON.
    public var jsonScalarText: String {
        switch kind {
        case .null: return "null"
        case .bool: return bool! ? "true" : "false"
        case .int: return String(int!)
        case .float: return JSONText.number(float!)
        case .string: return JSONText.quote(string!)
        case .sequence, .mapping: return json(indent: 0)
        }
    }

    private func writeJSON(into out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" : ""
        let pad = String(repeating: " ", count: indent * (level + 1))
        let closePad = String(repeating: " ", count: indent * level)
        switch kind {
        case .sequence:
            let items = self.items
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (n, item) in items.enumerated() {
                out += pad
                item.writeJSON(into: &out, indent: indent, level: level + 1)
                out += (n + 1 < items.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .mapping:
            let pairs = self.pairs
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (n, pair) in pairs.enumerated() {
                out += pad
                let keyText = pair.key.kind == .string ? pair.key.string! : pair.key.jsonKeyText
                out += JSONText.quote(keyText) + (indent > 0 ? ": " : ":")
                pair.value.writeJSON(into: &out, indent: indent, level: level + 1)
                out += (n + 1 < pairs.count ? "," : "") + newline
            }
            out += closePad + "}"
        default:
            out += jsonScalarText
        }
    }

    /// The text used for a non-string key: its JSON text (`1`, `true`, `null`, `[1,2]`).
    private var jsonKeyText: String {
        switch kind {
        case .string: return string!
        default: return jsonScalarText
        }
    }
}
