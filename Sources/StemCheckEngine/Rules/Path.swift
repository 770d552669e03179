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

    /// The steps from the document root when relative paths start at `prefix` (a rooted path's
    /// own steps); the path's own array, not a copy, when there is no prefix.
    public func segments(under prefix: [Segment]) -> [Segment] {
        isRooted || prefix.isEmpty ? segments : prefix + segments
    }

    /// `render(prefix + segments)` from `render(prefix)`, without rendering the prefix again.
    public func rendered(after prefix: String) -> String {
        Path.join(rendered, after: prefix)
    }

    /// A path's steps as `render` writes them (`rendered`) after a prefix rendered the same way:
    /// `rendered(after:)` for callers that keep only the rendered text.
    static func join(_ rendered: String, after prefix: String) -> String {
        guard !prefix.isEmpty else { return rendered }
        guard !rendered.isEmpty else { return prefix }
        // One buffer for the joined bytes (the `+`s made a string per join).
        return prefix.withUTF8Bytes { head in
            rendered.withUTF8Bytes { tail in
                let dot = tail[0] != UInt8(ascii: "[")
                return String(unsafeUninitializedCapacity: head.count + tail.count + (dot ? 1 : 0)) { out in
                    var n = head.count
                    _ = out.initialize(from: head)
                    if dot { out[n] = UInt8(ascii: "."); n += 1 }
                    _ = UnsafeMutableBufferPointer(rebasing: out[n...]).initialize(from: tail)
                    return n + tail.count
                }
            }
        }
    }

    /// Why a path could not be parsed.
    public struct ParseError: Error, Sendable, Equatable {
        /// What is wrong.
        public var message: String
        /// 0-based offset of the problem in the path text, in Unicode scalars.
        public var offset: Int
    }

    /// Parses path text.
    ///
    /// Reads the text's UTF-8 bytes: every character the syntax gives a meaning to is ASCII, and
    /// no byte of a multi-byte character is ASCII, so a key's bytes are taken whole. Error offsets
    /// count Unicode scalars (`ParseError.offset`), as before.
    public static func parse(_ text: String) throws(ParseError) -> Path {
        var utf8 = text
        let result = utf8.withUTF8 { bytes in Result { () throws(ParseError) -> Path in try parse(bytes, text: text) } }
        return try result.get()
    }

    private static func parse(_ chars: UnsafeBufferPointer<UInt8>, text: String) throws(ParseError) -> Path {
        /// A parse error at byte `i`, its offset counted in scalars (bytes that do not continue one).
        func failure(_ message: String, _ i: Int) -> ParseError {
            ParseError(message: message, offset: chars[..<min(i, chars.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
        }
        func key(_ bytes: some Collection<UInt8>) -> Segment { .key(String(decoding: bytes, as: UTF8.self)) }
        let dot = UInt8(ascii: "."), open = UInt8(ascii: "["), close = UInt8(ascii: "]")
        var segments: [Segment] = []
        var i = 0
        var rooted = false
        if chars.isEmpty { throw failure("the path is empty", 0) }
        if chars[0] == UInt8(ascii: "$") {
            rooted = true
            i = 1
            if i == chars.count { return Path(segments: [], isRooted: true, text: text) }
            if chars[i] == dot { i += 1 } else if chars[i] != open {
                throw failure("expected '.' or '[' after '$'", i)
            }
        }
        var expectName = true
        while i < chars.count {
            let c = chars[i]
            if c == open {
                i += 1
                guard i < chars.count else { throw failure("unclosed '['", i - 1) }
                if chars[i] == UInt8(ascii: "*") {
                    i += 1
                    guard i < chars.count, chars[i] == close else { throw failure("expected ']' after '*'", i) }
                    segments.append(.wildcard)
                    i += 1
                } else if chars[i] == UInt8(ascii: "\"") || chars[i] == UInt8(ascii: "'") {
                    let quote = chars[i]
                    i += 1
                    var name: [UInt8] = []
                    while i < chars.count, chars[i] != quote {
                        // `\` takes the next character as it is (its bytes follow, none ASCII).
                        if chars[i] == UInt8(ascii: "\\"), i + 1 < chars.count { i += 1 }
                        name.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { throw failure("unclosed quoted key", i) }
                    i += 1
                    guard i < chars.count, chars[i] == close else { throw failure("expected ']' after quoted key", i) }
                    i += 1
                    segments.append(key(name))
                } else {
                    var digits = 0
                    var value = 0
                    let start = i
                    while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                        if value > 1_000_000_000 { throw failure("index is too large", start) }
                        value = value * 10 + Int(chars[i] - 48)
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else {
                        throw failure("expected an index, '*' or a quoted key inside '[ ]'", start)
                    }
                    guard i < chars.count, chars[i] == close else { throw failure("expected ']' after index", i) }
                    i += 1
                    segments.append(.index(value))
                }
                expectName = false
                if i < chars.count {
                    if chars[i] == dot {
                        i += 1
                        expectName = true
                        if i == chars.count { throw failure("the path ends with '.'", i - 1) }
                    } else if chars[i] != open {
                        throw failure("expected '.' or '[' after ']'", i)
                    }
                }
                continue
            }
            guard expectName else { throw failure("expected '.' or '['", i) }
            let start = i
            while i < chars.count, chars[i] != dot, chars[i] != open {
                if chars[i] == close || chars[i] == UInt8(ascii: " ") {
                    throw failure("unexpected '\(Character(Unicode.Scalar(chars[i])))' in a key (quote keys with spaces: a[\"key with spaces\"])", i)
                }
                i += 1
            }
            if i == start { throw failure("empty key in path", start) }
            segments.append(key(chars[start..<i]))
            if i < chars.count, chars[i] == dot {
                i += 1
                if i == chars.count { throw failure("the path ends with '.'", i - 1) }
                expectName = true
            } else {
                expectName = false
            }
        }
        if segments.isEmpty && !rooted { throw failure("the path is empty", 0) }
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
            case .key(let key):
                key.withUTF8Bytes { key in
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
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        let value = n.magnitude
        // The largest power of ten not above the value, then the digits from the first.
        var divisor: UInt = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
