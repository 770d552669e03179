/// Writes loaded nodes as JSON text, and quotes strings for JSON.
public enum JSONText {
    /// A JSON string literal for `text` (control characters escaped, non-ASCII kept as UTF-8).
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON string literal for `text` to a UTF-8 buffer. Runs of bytes that need no
    /// escape are copied in one step.
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        quoted(text) { out.append(contentsOf: $0) }
    }

    /// Appends the JSON string literal for `text` to a byte sink.
    public static func appendQuoted(_ text: String, to sink: inout ByteSink) {
        quoted(text) { sink.append($0) }
    }

    /// Produces the JSON string literal for `text` as runs of bytes passed to `emit`.
    @inline(__always)
    private static func quoted(_ text: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeBytes(of: UInt8(ascii: "\"")) { emit($0.bindMemory(to: UInt8.self)) }
        text.withUTF8Bytes { bytes in
            var runStart = 0
            var i = 0
            let n = bytes.count
            while i < n {
                i = plainRun(bytes, from: i)
                if i == n { break }
                let b = bytes[i]
                var escape: StaticString?
                var width = 1
                switch b {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    if b < 0x20 {
                        emit(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                        let hex = Array("0123456789abcdef".utf8)
                        [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                            .withUnsafeBufferPointer(emit)
                        i += 1
                        runStart = i
                        continue
                    }
                }
                if let escape {
                    emit(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    emit(UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                    i += width
                    runStart = i
                } else {
                    i += 1
                }
            }
            emit(UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
        }
        withUnsafeBytes(of: UInt8(ascii: "\"")) { emit($0.bindMemory(to: UInt8.self)) }
    }

    /// The end of the run of bytes from `start` that need no escape and cannot start U+2028 or
    /// U+2029: the first control character, `"`, `\\` or 0xE2 byte, or the end. Eight bytes are
    /// tested at a time (`ByteWord`), then byte by byte.
    @inline(__always)
    static func plainRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        var i = start
        if let base = bytes.baseAddress {
            while i + 8 <= n {
                let w = ByteWord.load(base, at: i)
                let stops = ByteWord.below(0x20, in: w) | ByteWord.matching(0x22, in: w) | ByteWord.matching(0x5C, in: w)
                    | ByteWord.matching(0xE2, in: w)
                if ByteWord.found(stops) { break }
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { break }
            i += 1
        }
        return i
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
