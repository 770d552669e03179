import Testing
@testable import StemCheckEngine

/// `Path.parse` reads bytes; it must accept, refuse and locate exactly as the earlier parser,
/// which read Unicode scalars (kept here as the reference).
@Suite struct PathParseTests {
    enum Parsed: Equatable {
        case path([Path.Segment], rooted: Bool, bytes: [[UInt8]])
        case error(String, offset: Int)
    }

    static func parsed(_ parse: (String) throws(Path.ParseError) -> Path, _ text: String) -> Parsed {
        do {
            let path = try parse(text)
            // Keys compared by their bytes too (String equality is canonical equivalence).
            let bytes = path.segments.map { segment -> [UInt8] in if case .key(let k) = segment { return Array(k.utf8) } else { return [] } }
            return .path(path.segments, rooted: path.isRooted, bytes: bytes)
        } catch {
            return .error(error.message, offset: error.offset)
        }
    }

    @Test func sameAsTheScalarParser() {
        // Paths over the syntax's characters, digits, letters, a space and multi-byte characters.
        var rng = SplitMix(seed: 42)
        let pieces = ["$", ".", "[", "]", "*", "\"", "'", "\\", "0", "7", "12", "a", "arms", " ", "é", "名", "😀", "[*]", "[0]", "[\"k.ey\"]"]
        var accepted = 0
        for _ in 0..<60_000 {
            let text = (0..<Int(rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let expected = Self.parsed(Self.referenceParse, text)
            #expect(Self.parsed(Path.parse, text) == expected, "\(text)")
            if case .path = expected { accepted += 1 }
        }
        #expect(accepted > 3_000)  // both accepted and refused paths are exercised
        for text in ["a.b[0].c", "$.protocol.id", "arms[*].interventions[*].dose", "a[\"key with spaces\"].b", "a['x\\'y']", "é.名[3]",
                     "a[10000000000]", "a..b", "a.", "[", "a[\"x", "a b", "$x", "a]b", "名 x"] {
            #expect(Self.parsed(Path.parse, text) == Self.parsed(Self.referenceParse, text), "\(text)")
        }
    }

    /// A path rendered after its scope's rendered path is the whole concrete path rendered.
    @Test func renderedAfterAPrefix() throws {
        let prefixes: [[Path.Segment]] = [[], [.key("arms"), .index(2)], [.key("a b")], [.key("名"), .wildcard], [.index(0)]]
        for text in ["a.b", "[3].c", "[*]", "[\"k.ey\"].x", "é", "$.protocol.id", "x[0][1]"] {
            let path = try Path.parse(text)
            for prefix in prefixes {
                #expect(path.rendered(after: Path.render(prefix)) == Path.render(prefix + path.segments), "\(text) after \(prefix)")
            }
        }
    }

    /// The parser as it was before it read bytes, on Unicode scalars.
    static func referenceParse(_ text: String) throws(Path.ParseError) -> Path {
        let chars = Array(text.unicodeScalars)
        var segments: [Path.Segment] = []
        var i = 0
        var rooted = false
        if chars.isEmpty { throw Path.ParseError(message: "the path is empty", offset: 0) }
        if chars[0] == "$" {
            rooted = true
            i = 1
            if i == chars.count { return Path(segments: [], isRooted: true, text: text) }
            if chars[i] == "." { i += 1 } else if chars[i] != "[" {
                throw Path.ParseError(message: "expected '.' or '[' after '$'", offset: i)
            }
        }
        var expectName = true
        while i < chars.count {
            let c = chars[i]
            if c == "[" {
                i += 1
                guard i < chars.count else { throw Path.ParseError(message: "unclosed '['", offset: i - 1) }
                if chars[i] == "*" {
                    i += 1
                    guard i < chars.count, chars[i] == "]" else { throw Path.ParseError(message: "expected ']' after '*'", offset: i) }
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
                    guard i < chars.count else { throw Path.ParseError(message: "unclosed quoted key", offset: i) }
                    i += 1
                    guard i < chars.count, chars[i] == "]" else { throw Path.ParseError(message: "expected ']' after quoted key", offset: i) }
                    i += 1
                    segments.append(.key(String(key)))
                } else {
                    var digits = 0
                    var value = 0
                    let start = i
                    while i < chars.count, chars[i].value >= 48, chars[i].value <= 57 {
                        let d = Int(chars[i].value - 48)
                        if value > 1_000_000_000 { throw Path.ParseError(message: "index is too large", offset: start) }
                        value = value * 10 + d
                        digits += 1
                        i += 1
                    }
                    guard digits > 0 else {
                        throw Path.ParseError(message: "expected an index, '*' or a quoted key inside '[ ]'", offset: start)
                    }
                    guard i < chars.count, chars[i] == "]" else { throw Path.ParseError(message: "expected ']' after index", offset: i) }
                    i += 1
                    segments.append(.index(value))
                }
                expectName = false
                if i < chars.count {
                    if chars[i] == "." {
                        i += 1
                        expectName = true
                        if i == chars.count { throw Path.ParseError(message: "the path ends with '.'", offset: i - 1) }
                    } else if chars[i] != "[" {
                        throw Path.ParseError(message: "expected '.' or '[' after ']'", offset: i)
                    }
                }
                continue
            }
            guard expectName else { throw Path.ParseError(message: "expected '.' or '['", offset: i) }
            var name = String.UnicodeScalarView()
            let start = i
            while i < chars.count, chars[i] != ".", chars[i] != "[" {
                if chars[i] == "]" || chars[i] == " " {
                    throw Path.ParseError(message: "unexpected '\(chars[i])' in a key (quote keys with spaces: a[\"key with spaces\"])", offset: i)
                }
                name.append(chars[i])
                i += 1
            }
            if name.isEmpty { throw Path.ParseError(message: "empty key in path", offset: start) }
            segments.append(.key(String(name)))
            if i < chars.count, chars[i] == "." {
                i += 1
                if i == chars.count { throw Path.ParseError(message: "the path ends with '.'", offset: i - 1) }
                expectName = true
            } else {
                expectName = false
            }
        }
        if segments.isEmpty && !rooted { throw Path.ParseError(message: "the path is empty", offset: 0) }
        return Path(segments: segments, isRooted: rooted, text: text)
    }
}
