import StemCheckModel
/// A compiled path into a protocol document: `a.b[0].c`, `a.items[*].x`, `a["key.with dots"]`, `$.root`.
public struct Path: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        case key(String)
        case index(Int)
        case wildcard
    }

    /// The steps, in order.
    public let segments: [Segment]
    /// True for `$.`-paths, which start at the document root even inside `for_each`.
    public let isRooted: Bool
    /// The path as the rule author wrote it.
    public let text: String

    /// Whether any step is `[*]`.
    public let hasWildcard: Bool
    /// The steps as `render` writes them (relative, without `$`), made once.
    public let rendered: String

    public var description: String { text }

    /// Creates a path from parsed parts.
    public init(segments: [Segment], isRooted: Bool, text: String) {
        self.segments = segments
        self.isRooted = isRooted
        self.text = text
        self.hasWildcard = segments.contains(.wildcard)
        self.rendered = Path.render(segments)
    }

    /// `render(prefix + segments)` from `render(prefix)`, without rendering the prefix again.
    public func rendered(after prefix: String) -> String {
        guard !prefix.isEmpty else { return rendered }
        guard !rendered.isEmpty else { return prefix }
        return rendered.utf8.first == UInt8(ascii: "[") ? prefix + rendered : prefix + "." + rendered
    }

    /// Why a path could not be parsed.
    public struct ParseError: Error, Sendable, Equatable {
        /// What is wrong.
        public var message: String
        /// 0-based character offset of the problem in the path text.
        public var offset: Int
    }

    /// Parses path text.
    public static func parse(_ text: String) throws(ParseError) -> Path {
        let chars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var i = 0
        var rooted = false
        if chars.isEmpty { throw ParseError(message: "the path is empty", offset: 0) }
        if chars[0] == "$" {
            rooted = true
            i = 1
            if i == chars.count { return Path(segments: [], isRooted: true, text: text) }
            if chars[i] == "." { i += 1 } else if chars[i] != "[" {
                throw ParseError(message: "expected '.' or '[' after '$'", offset: i)
            }
        }
        var expectName = true
        while i < chars.count {
            let c = chars[i]
            if c == "[" {
                i += 1
                guard i < chars.count else { throw ParseError(message: "unclosed '['", offset: i - 1) }
                if chars[i] == "*" {
                    i += 1
                    guard i < chars.count, chars[i] == "]" else { throw ParseError(message: "expected ']' after '*'", offset: i) }
                    segments.append(.wildcard)
                    i += 1
                } else if chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    var key = String.UnicodeScalarView()
                    while i < chars.count, chars[i] != quote {
                        if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                        key.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { throw ParseError(message: "unclosed quoted key", offset: i) }
                    i += 1
                    guard i < chars.count, chars[i] == "]" else { throw ParseError(message: "expected ']' after quoted key", offset: i) }
                    i += 1
                    segments.append(.key(String(key)))
                } else {
                    var digits = 0
                    var value = 0
                    let start = i
                    while i < chars.count, chars[i].value >= 48, chars[i].value <= 57 {
                        let d = Int(chars[i].value - 48)
                        if value > 1_000_000_000 { throw ParseError(message: "index is too large", offset: start) }
                        value = value * 10 + d
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else {
                        throw ParseError(message: "expected an index, '*' or a quoted key inside '[ ]'", offset: start)
                    }
                    guard i < chars.count, chars[i] == "]" else { throw ParseError(message: "expected ']' after index", offset: i) }
                    i += 1
                    segments.append(.index(value))
                }
                expectName = false
                if i < chars.count {
                    if chars[i] == "." {
                        i += 1
                        expectName = true
                        if i == chars.count { throw ParseError(message: "the path ends with '.'", offset: i - 1) }
                    } else if chars[i] != "[" {
                        throw ParseError(message: "expected '.' or '[' after ']'", offset: i)
                    }
                }
                continue
            }
            guard expectName else { throw ParseError(message: "expected '.' or '['", offset: i) }
            var name = String.UnicodeScalarView()
            let start = i
            while i < chars.count, chars[i] != ".", chars[i] != "[" {
                if chars[i] == "]" || chars[i] == " " {
                    throw ParseError(message: "unexpected '\(chars[i])' in a key (quote keys with spaces: a[\"key with spaces\"])", offset: i)
                }
                name.append(chars[i])
                i += 1
            }
            if name.isEmpty { throw ParseError(message: "empty key in path", offset: start) }
            segments.append(.key(String(name)))
            if i < chars.count, chars[i] == "." {
                i += 1
                if i == chars.count { throw ParseError(message: "the path ends with '.'", offset: i - 1) }
                expectName = true
            } else {
                expectName = false
            }
        }
        if segments.isEmpty && !rooted { throw ParseError(message: "the path is empty", offset: 0) }
        return Path(segments: segments, isRooted: rooted, text: text)
    }

    /// `render(list + [.index(n)])` from `render(list)`, for an item's offset `n`: `arms[2]`.
    public static func item(_ n: Int, of list: String) -> String {
        var out = Array(list.utf8)
        out.reserveCapacity(out.count + 22)
        out.append(UInt8(ascii: "["))
        appendDecimal(n, to: &out)
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Renders segments as path text (used for the concrete paths in `why`).
    public static func render(_ segments: [Segment], rooted: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        if rooted { out.append(UInt8(ascii: "$")) }
        for segment in segments {
            switch segment {
            case .key(var key):
                key.withUTF8 { key in
                    // Bytes of `.`, `[`, `]`, space and `"` are ASCII: no multi-byte scalar contains them.
                    let plain = !key.isEmpty && !key.contains { $0 == 0x2E || $0 == 0x5B || $0 == 0x5D || $0 == 0x20 || $0 == 0x22 }
                    if plain {
                        if !out.isEmpty { out.append(UInt8(ascii: ".")) }
                        out.append(contentsOf: key)
                    } else {
                        out.append(UInt8(ascii: "["))
                        out.append(UInt8(ascii: "\""))
                        for byte in key {
                            if byte == 0x22 { out.append(UInt8(ascii: "\\")) }
                            out.append(byte)
                        }
                        out.append(UInt8(ascii: "\""))
                        out.append(UInt8(ascii: "]"))
                    }
                }
            case .index(let n):
                out.append(UInt8(ascii: "["))
                appendDecimal(n, to: &out)
                out.append(UInt8(ascii: "]"))
            case .wildcard:
                out.append(UInt8(ascii: "["))
                out.append(UInt8(ascii: "*"))
                out.append(UInt8(ascii: "]"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `n` in decimal (as `String(n)` writes it) without making a string.
    private static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var value = n.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(value % 10))
            value /= 10
        } while value > 0
        out[start...].reverse()
    }
}
