import YAMLSource
import StemCheckModel

/// Writes an imported protocol as block-style YAML with a provenance comment on every value.
///
/// Strings are written plain when the YAML 1.2 core schema reads them back as the same string,
/// double-quoted otherwise, so the text loads back to exactly the imported values (`loaded` says
/// what each scalar loads as; the in-memory document for `check` is built from that).
public enum ImportWriter {
    /// The YAML text of `root` (a mapping): `header` lines first (as comments), then the values,
    /// then `footer` lines (as comments).
    public static func render(_ root: ImportedValue, header: [String] = [], footer: [String] = []) -> String {
        var out = ""
        for line in header { out += comment(line) + "\n" }
        if let entries = root.entries, !entries.isEmpty {
            writeMap(entries, indent: 0, into: &out)
        } else {
            out += "{}\n"
        }
        if !footer.isEmpty {
            out += "\n"
            for line in footer { out += comment(line) + "\n" }
        }
        return out
    }

    private static func comment(_ text: String) -> String {
        text.isEmpty ? "#" : "# " + oneLine(text)
    }

    private static func writeMap(_ entries: [(key: String, value: ImportedValue)], indent: Int, into out: inout String,
                                 firstLinePrefix: String? = nil) {
        let pad = String(repeating: " ", count: indent)
        for (n, entry) in entries.enumerated() {
            out += (n == 0 ? (firstLinePrefix ?? pad) : pad) + scalarText(.string(entry.key)) + ":"
            writeValue(entry.value, indent: indent, into: &out)
        }
    }

    /// Writes what follows `key:` or `-`: an inline scalar or empty collection, or a nested block.
    private static func writeValue(_ value: ImportedValue, indent: Int, into out: inout String) {
        switch value.content {
        case .map(let entries) where !entries.isEmpty:
            out += trailer(value) + "\n"
            writeMap(entries, indent: indent + 2, into: &out)
        case .list(let items) where !items.isEmpty:
            out += trailer(value) + "\n"
            writeList(items, indent: indent + 2, into: &out)
        default:
            out += " " + scalarText(value.content) + trailer(value) + "\n"
        }
    }

    private static func writeList(_ items: [ImportedValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item.content {
            case .map(let entries) where !entries.isEmpty:
                // `- key: value` with the item's own provenance as a comment line above it.
                if item.sourcePath != nil { out += pad + "-" + trailer(item).dropFirst(1) + "\n" + pad + " " }
                else { out += pad + "-" }
                writeMap(entries, indent: indent + 2, into: &out, firstLinePrefix: " ")
            case .list(let inner) where !inner.isEmpty:
                out += pad + "-" + trailer(item) + "\n"
                writeList(inner, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + scalarText(item.content) + trailer(item) + "\n"
            }
        }
    }

    /// `  # $.path (note)`, or nothing.
    private static func trailer(_ value: ImportedValue) -> String {
        var parts: [String] = []
        if let path = value.sourcePath { parts.append(path) }
        if let note = value.note { parts.append(note) }
        return parts.isEmpty ? "" : "  # " + oneLine(parts.joined(separator: " — "))
    }

    private static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x85 || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
    }

    /// The YAML text of a scalar or empty collection.
    static func scalarText(_ content: ImportedValue.Content) -> String {
        switch content {
        case .string(let s): return isPlainSafe(s) ? s : quote(s)
        case .int(let n): return String(n)
        case .number(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return JSONText.number(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .map: return "{}"
        case .list: return "[]"
        }
    }

    /// What loading `scalarText(content)` gives back: the resolved value, the scalar's text and its
    /// style. The document built for `check` (`ImportedValue.build`) takes its scalars from here, so
    /// it holds what the written YAML loads as (a whole-number `.number` is an int, `null` is null).
    static func loaded(_ content: ImportedValue.Content) -> (value: CoreSchema.Scalar, text: String, style: ScalarStyle) {
        if case .string(let s) = content {
            // Written plain or double-quoted; either way it loads back as exactly `s`.
            return (.string, s, isPlainSafe(s) ? .plain : .doubleQuoted)
        }
        let text = scalarText(content)
        return (CoreSchema.resolvePlain(text), text, .plain)
    }

    /// Whether `text` can be written as a plain scalar and read back as the same string.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              text.utf8.count <= 200 else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        guard last != " ", last != ":" else { return false }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", " ", "_", "-", ".", "/", "(", ")", "+", "'", "%", ";", "=", "<", ">", "^", "~", "@", "$":
                continue
            case ",", "[", "]", "{", "}", "#", ":", "\"", "\\", "`", "|", "*", "&", "!", "?":
                return false
            default:
                if scalar.value < 0xA0 || !scalar.properties.isAlphabetic { return false }
            }
        }
        // Two spaces in a row: looked for in the bytes first, as the string search (Foundation's,
        // 5,000 instructions a call) can only find them where the bytes hold two; it decides.
        if text.utf8Range(of: "  ") != nil, text.contains("  ") { return false }
        return CoreSchema.resolvePlain(text) == .string
    }

    /// A double-quoted YAML scalar; every character outside printable ASCII/letters is escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
