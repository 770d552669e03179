#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a file's text is parsed: YAML (the default) or strict JSON (RFC 8259), chosen by the file name.
public enum SourceSyntax: Sendable, Equatable {
    /// YAML 1.2 through libyaml (`YAMLLoader`). JSON text in a `.yaml` file is YAML: JSON is valid YAML.
    case yaml
    /// RFC 8259 JSON (`JSONLoader`): trailing commas, comments, single quotes and the like are errors.
    case json

    /// `.json` for a name ending in `.json` (in any case, as `check` finds files), `.yaml` for every other name.
    public init(fileName: String) {
        var isJSON = false
        let utf8 = fileName.utf8
        if utf8.count >= 5 {
            let tail = Array(utf8.suffix(5))
            isJSON = tail[0] == UInt8(ascii: ".")
                && tail[1] | 0x20 == UInt8(ascii: "j") && tail[2] | 0x20 == UInt8(ascii: "s")
                && tail[3] | 0x20 == UInt8(ascii: "o") && tail[4] | 0x20 == UInt8(ascii: "n")
        }
        self = isJSON ? .json : .yaml
    }
}

extension YAMLLoader {
    /// Loads a buffer that must hold one document, parsed as `syntax`: JSON with `JSONLoader` (these limits), YAML as `loadDocument(bytes:file:)`.
    public func loadDocument(bytes: [UInt8], file: String, syntax: SourceSyntax) throws(YAMLError) -> YAMLDocument {
        switch syntax {
        case .yaml: return try loadDocument(bytes: bytes, file: file)
        case .json: return try JSONLoader(limits: limits).loadDocument(bytes: bytes, file: file)
        }
    }

    /// Loads a file that must hold one document, parsed as `syntax`. `displayName` is used in messages (default: `path`).
    public func loadDocument(path: String, displayName: String? = nil, syntax: SourceSyntax) throws(YAMLError) -> YAMLDocument {
        switch syntax {
        case .yaml: return try loadDocument(path: path, displayName: displayName)
        case .json: return try JSONLoader(limits: limits).loadDocument(path: path, displayName: displayName)
        }
    }
}

/// What is wrong with a JSON text (`YAMLError.Reason.json`). The texts name what was found as
/// `'x'` (a character or word), `control character U+0007` or `the end of the file`.
public enum JSONProblem: Sendable, Equatable {
    /// A comma after the last member of an object (`inObject`) or the last item of an array.
    case trailingComma(inObject: Bool)
    /// `//`, `/*` or `#`.
    case comment
    /// A string or key in single quotes.
    case singleQuotes
    /// `NaN`, `Infinity`, `-Infinity` (as written).
    case nonFiniteNumber(String)
    /// `01`, `-007` (as written).
    case leadingZero(String)
    /// A number JSON does not allow: `+1`, `.5`, `1.`, `1e`, `0x1F` (as written).
    case invalidNumber(String)
    /// A raw control character (U+0001 to U+001F, not a line break) inside a string.
    case controlCharacterInString(UInt32)
    /// A raw line break inside a string: the string is not closed on its line.
    case lineBreakInString
    /// A backslash followed by something that is not a JSON escape (the escape as written, `\x`,
    /// `\u12G4`; `\` plus a description for a control character).
    case invalidEscape(String)
    /// A `\u` escape of half a surrogate pair without the other half (as written, `\uD83D`);
    /// `high` for a first half (D800–DBFF), otherwise a second half (DC00–DFFF).
    case loneSurrogate(String, high: Bool)
    /// The file ends inside a string (located at its opening quote).
    case unterminatedString
    /// A bare word where a value is expected: `yes`, `True`, `undefined`.
    case notAValue(String)
    /// A bare word where an object key is expected.
    case unquotedKey(String)
    /// Something else where `expected` should be.
    case unexpected(found: String, expected: String)
    /// A value where a comma should separate it from the one before.
    case missingComma(found: String, inObject: Bool)
    /// The file ends before the value is complete; `unclosed` says which collection is still open.
    case unexpectedEnd(expected: String, unclosed: String?)
    /// More text after the one JSON value of the file.
    case trailingContent(found: String)
    /// No value at all: the file is empty or only white space.
    case empty

    /// The message after `invalid JSON: `.
    public var message: String {
        switch self {
        case .trailingComma(let inObject):
            return inObject ? "a comma after the last member of an object" : "a comma after the last item of an array"
        case .comment: return "comments are not allowed in JSON"
        case .singleQuotes: return "strings must be in double quotes, not single quotes"
        case .nonFiniteNumber(let text): return "\(text) is not a JSON number (JSON has no NaN or Infinity)"
        case .leadingZero(let text): return "number \(text) has a leading zero"
        case .invalidNumber(let text): return "\(text) is not a valid JSON number"
        case .controlCharacterInString(let value): return "control character U+\(hex4(value)) must be escaped in a string"
        case .lineBreakInString: return "the line ends inside a string (a string cannot continue on the next line)"
        case .invalidEscape(let text): return "invalid escape \(text) in a string"
        case .loneSurrogate(let text, let high):
            return high
                ? "\(text) is the first half of a surrogate pair, but no second half (\\uDC00 to \\uDFFF) follows"
                : "\(text) is the second half of a surrogate pair, but no first half (\\uD800 to \\uDBFF) comes before it"
        case .unterminatedString: return "this string is not closed: the file ends before its closing quote"
        case .notAValue(let word): return "\(word) is not a JSON value"
        case .unquotedKey(let word): return "object key \(word) is not in double quotes"
        case .unexpected(let found, let expected): return "expected \(expected), found \(found)"
        case .missingComma(let found, let inObject): return "expected ',' or '\(inObject ? "}" : "]")', found \(found)"
        case .unexpectedEnd(let expected, let unclosed):
            return "the file ends where \(expected) should be" + (unclosed.map { "; \($0)" } ?? "")
        case .trailingContent(let found): return "found \(found) after the end of the JSON value"
        case .empty: return "the file holds no JSON value (it is empty)"
        }
    }

    /// How to fix it.
    public var hint: String {
        switch self {
        case .trailingComma: return "remove the comma: JSON does not allow a comma before '}' or ']'"
        case .comment: return "remove the comment, or write the file as YAML (.yaml), where # starts a comment"
        case .singleQuotes: return "write \"text\" instead of 'text'"
        case .nonFiniteNumber: return "write null, or the value as a string in double quotes"
        case .leadingZero: return "remove the leading zero, or write the value as a string in double quotes to keep it as text"
        case .invalidNumber: return "JSON numbers are written like 12, -3.5 or 2.5e-3: no '+' sign, no hexadecimal, a digit on both sides of a decimal point"
        case .controlCharacterInString(let value):
            let escape: String
            switch value {
            case 0x08: escape = "\\b"
            case 0x09: escape = "\\t"
            case 0x0C: escape = "\\f"
            default: escape = "\\u" + hex4(value)
            }
            return "write it as \(escape)"
        case .lineBreakInString: return "close the string with \" on this line, or write the line break as \\n"
        case .invalidEscape:
            return "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u with four hex digits; write a backslash itself as \\\\"
        case .loneSurrogate:
            return "write the character itself, or both halves of its pair (\\uD83D\\uDE00 is U+1F600)"
        case .unterminatedString: return "close the string with \""
        case .notAValue(let word):
            switch word {
            case "'True'", "'TRUE'", "'False'", "'FALSE'", "'Null'", "'NULL'":
                return "JSON's literals are lowercase: true, false, null"
            default:
                return "write text as a string in double quotes; the other values are numbers, true, false, null, objects and arrays"
            }
        case .unquotedKey: return "put the key in double quotes: \"key\": value"
        case .unexpected: return "check the commas, colons, brackets and quotes around this position"
        case .missingComma(_, let inObject):
            return inObject ? "put a comma between two members, or close the object with '}'" : "put a comma between two items, or close the array with ']'"
        case .unexpectedEnd: return "close every '{' with '}' and every '[' with ']'; the file may have been cut short"
        case .trailingContent: return "a JSON file holds exactly one value; remove what follows it, or put several values in an array"
        case .empty: return "write the protocol as a JSON object ({...}), or remove the file"
        }
    }
}

private func hex4(_ value: UInt32) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

/// Loads JSON as RFC 8259 defines it into the `YAMLDocument` storage `YAMLLoader` makes, with the
/// same positions (1-based lines; columns in Unicode scalars, a byte order mark skipped; lines
/// broken where libyaml breaks them: LF, CR, CR LF, and NEL, LS, PS inside strings) and the same
/// kinds: strings (double-quoted style), `true`/`false`, `null` and numbers (plain style, their
/// text as written). A number without fraction or exponent that fits in 64 bits is an int, any
/// other number a float; one beyond the range of a double is `numberOutOfRange`.
///
/// Anything JSON does not allow is a located `YAMLError` (`.json`): trailing commas, comments,
/// single quotes, NaN and Infinity, leading zeros, control characters in strings, invalid escapes,
/// lone surrogates, text after the value. Duplicate keys (compared after unescaping), the limits
/// (file size, nesting depth), invalid UTF-8 and NUL bytes give the same errors as `YAMLLoader`.
public struct JSONLoader: Sendable {
    /// The limits applied to every input (file size and nesting depth; JSON has no aliases).
    public var limits: YAMLLimits

    /// Creates a loader.
    public init(limits: YAMLLimits = YAMLLimits()) {
        self.limits = limits
    }

    /// Loads the JSON file at `path`. `displayName` is used in messages (default: `path`).
    public func loadDocument(path: String, displayName: String? = nil) throws(YAMLError) -> YAMLDocument {
        let name = displayName ?? path
        let bytes = try SourceFile.read(path: path, displayName: name, limit: limits.maxFileSize)
        return try loadDocument(bytes: bytes, file: name)
    }

    /// Loads a buffer of JSON text; `file` names it in messages.
    public func loadDocument(bytes: [UInt8], file: String) throws(YAMLError) -> YAMLDocument {
        if bytes.count > limits.maxFileSize {
            throw YAMLError(location: SourceLocation(file: file, line: 1, column: 1),
                            reason: .fileTooLarge(size: bytes.count, limit: limits.maxFileSize))
        }
        // A UTF-8 byte order mark is skipped, as the YAML loader skips it; positions start after it.
        let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let result: Result<YAMLDocument, YAMLError> = bytes.withUnsafeBufferPointer { all in
            let input = UnsafeBufferPointer(rebasing: all[skip...])
            var parser = JSONParser(file: file, input: input, limits: limits)
            return Result { () throws(YAMLError) in try parser.run() }
        }
        return try result.get()
    }
}

// MARK: - The parser

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

/// One pass over the bytes, no recursion: open collections are frames, finished nodes wait in
/// `pending` until their collection closes (the layout `YAMLLoader`'s tree builder makes).
private struct JSONParser {
    struct Frame {
        var node: Int32
        var pendingStart: Int
        var isObject: Bool
    }

    let file: String
    let input: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let end: Int
    let limits: YAMLLimits

    var nodes: [NodeRecord] = []
    var children: [Int32] = []
    var text: [UInt8] = []
    var pending: [Int32] = []
    var frames: [Frame] = []

    /// The next byte to read.
    var p = 0
    /// The current line (1-based), the byte where it starts, and how many UTF-8 continuation bytes
    /// lie between that start and `p` (columns count scalars, not bytes).
    var line: Int32 = 1
    var lineStart = 0
    var continuation = 0

    init(file: String, input: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) {
        self.file = file
        self.input = input
        // An empty input still needs a pointer; nothing is read from it.
        self.base = input.baseAddress.map { UnsafePointer($0) } ?? UnsafePointer(bitPattern: 1)!
        self.end = input.count
        self.limits = limits
    }

    var column: Int32 { Int32(p - lineStart - continuation + 1) }

    mutating func run() throws(YAMLError) -> YAMLDocument {
        nodes.reserveCapacity(input.count / 12 + 16)
        children.reserveCapacity(input.count / 12 + 16)
        text.reserveCapacity(input.count / 2 + 16)
        pending.reserveCapacity(256)

        skipWhitespace()
        if p == end { throw error(atByte: 0, .json(.empty)) }
        // Whether a value is due at `p` (white space skipped), and what the message says is expected
        // there; otherwise a value has just ended.
        var wantValue = true
        var expected = "a value"
        while true {
            if wantValue {
                wantValue = try value(expected: expected)
                expected = "a value"
                if wantValue, let frame = frames.last, !frame.isObject, pending.count == frame.pendingStart {
                    expected = "a value or ']'"
                }
                continue
            }
            skipWhitespace()
            guard let frame = frames.last else {
                if p < end { throw trailing() }
                return YAMLDocument(file: file, nodes: nodes, children: children, text: text, rootIndex: pending[0])
            }
            let close = frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            guard p < end else { throw endOfInput(expected: "',' or '\(frame.isObject ? "}" : "]")'") }
            let b = base[p]
            if b == UInt8(ascii: ",") {
                let comma = p
                p += 1
                skipWhitespace()
                if p < end, base[p] == close { throw error(atByte: comma, .json(.trailingComma(inObject: frame.isObject))) }
                if frame.isObject { try key(expected: "a string key in double quotes") }
                wantValue = true
                expected = "a value"
            } else if b == close {
                p += 1
                try endCollection()
            } else if startsValue(b) {
                throw error(atByte: p, .json(.missingComma(found: found(at: p), inObject: frame.isObject)))
            } else {
                throw unexpected(expected: "',' or '\(frame.isObject ? "}" : "]")'")
            }
        }
    }

    // MARK: Values

    /// Parses the value at `p` (white space skipped), `expected` there. A scalar is finished; a
    /// collection is opened (and closed at once when empty) and its first key read. Returns whether
    /// a value is due next: the first one of a collection just opened.
    private mutating func value(expected: String) throws(YAMLError) -> Bool {
        guard p < end else { throw endOfInput(expected: expected) }
        let b = base[p]
        switch b {
        case quote:
            let line = self.line, column = self.column
            let (start, count) = try string()
            appendScalar(.string, style: .doubleQuoted, line: line, column: column, start: start, count: count, payload: 0)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = b == UInt8(ascii: "{")
            if frames.count >= limits.maxDepth { throw error(atByte: p, .nestingTooDeep(limit: limits.maxDepth)) }
            let index = Int32(nodes.count)
            nodes.append(NodeRecord(kind: isObject ? .mapping : .sequence, style: .none, tagged: false,
                                    line: line, column: column, start: 0, count: 0, file: 0, payload: 0))
            frames.append(Frame(node: index, pendingStart: pending.count, isObject: isObject))
            p += 1
            skipWhitespace()
            if p < end, base[p] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                p += 1
                try endCollection()
                return false
            }
            if isObject { try key(expected: "a string key in double quotes or '}'") }
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        case UInt8(ascii: "t"):
            try literal("true", kind: .bool, payload: 1, expected: expected)
        case UInt8(ascii: "f"):
            try literal("false", kind: .bool, payload: 0, expected: expected)
        case UInt8(ascii: "n"):
            try literal("null", kind: .null, payload: 0, expected: expected)
        default:
            throw unexpected(expected: expected)
        }
        return false
    }

    /// Reads an object key and its colon, leaving `p` at the value (white space skipped).
    private mutating func key(expected: String) throws(YAMLError) {
        guard p < end else { throw endOfInput(expected: expected) }
        guard base[p] == quote else {
            if isWordStart(base[p]) || base[p] == UInt8(ascii: "-") || isDigit(base[p]) {
                throw error(atByte: p, .json(.unquotedKey(found(at: p))))
            }
            throw unexpected(expected: expected)
        }
        let line = self.line, column = self.column
        let (start, count) = try string()
        appendScalar(.string, style: .doubleQuoted, line: line, column: column, start: start, count: count, payload: 0)
        skipWhitespace()
        guard p < end else { throw endOfInput(expected: "':' after the key") }
        guard base[p] == UInt8(ascii: ":") else { throw unexpected(expected: "':' after the key") }
        p += 1
        skipWhitespace()
    }

    private mutating func literal(_ word: StaticString, kind: NodeKind, payload: UInt64, expected: String) throws(YAMLError) {
        let n = word.utf8CodeUnitCount
        if end - p >= n, memcmp(base + p, word.utf8Start, n) == 0, p + n == end || !isWordByte(base[p + n]) {
            let start = Int32(text.count)
            text.append(contentsOf: UnsafeBufferPointer(start: base + p, count: n))
            appendScalar(kind, style: .plain, line: line, column: column, start: start, count: Int32(n), payload: payload)
            p += n
            return
        }
        throw unexpected(expected: expected)
    }

    private mutating func appendScalar(_ kind: NodeKind, style: ScalarStyle, line: Int32, column: Int32,
                                       start: Int32, count: Int32, payload: UInt64) {
        pending.append(Int32(nodes.count))
        nodes.append(NodeRecord(kind: kind, style: style, tagged: false, line: line, column: column,
                                start: start, count: count, file: 0, payload: payload))
    }

    // MARK: Numbers

    /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`; anything else that starts like a
    /// number (up to the next delimiter) is an error naming the whole token.
    private mutating func number() throws(YAMLError) {
        let start = p
        var i = p
        let negative = base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digitsStart = i
        var magnitude: UInt64 = 0
        var overflow = false
        var valid = true
        if i < end, base[i] == UInt8(ascii: "0") {
            i += 1
        } else if i < end, isDigit(base[i]) {
            while i < end, isDigit(base[i]) {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(base[i] &- 48))
                overflow = overflow || o1 || o2
                magnitude = a
                i += 1
            }
        } else {
            valid = false
        }
        var isInteger = true
        if valid, i < end, base[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            let fraction = i
            while i < end, isDigit(base[i]) { i += 1 }
            if i == fraction { valid = false }
        }
        if valid, i < end, base[i] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            i += 1
            if i < end, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            let exponent = i
            while i < end, isDigit(base[i]) { i += 1 }
            if i == exponent { valid = false }
        }
        if !valid || (i < end && isNumberByte(base[i])) {
            // The whole token, for the message: `01`, `1.`, `0x1F`, `-Infinity`.
            var j = i
            while j < end, isNumberByte(base[j]) { j += 1 }
            let token = tokenText(start, j)
            let afterSign = negative ? digitsStart : start
            if afterSign < end, isWordStart(base[afterSign]), isNonFinite(afterSign, j) {
                throw error(atByte: start, .json(.nonFiniteNumber(token)))
            }
            if afterSign + 1 < j, base[afterSign] == UInt8(ascii: "0"), isDigit(base[afterSign + 1]) {
                throw error(atByte: start, .json(.leadingZero(token)))
            }
            throw error(atByte: start, .json(.invalidNumber(token)))
        }
        let count = i - start
        let textStart = Int32(text.count)
        text.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count))
        let line = self.line, column = self.column
        p = i
        if isInteger && !overflow && magnitude <= UInt64(Int64.max) + (negative ? 1 : 0) {
            let value: Int64 = negative
                ? (magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
                : Int64(magnitude)
            appendScalar(.int, style: .plain, line: line, column: column, start: textStart, count: Int32(count),
                         payload: UInt64(bitPattern: value))
            return
        }
        // A fraction, an exponent, or an integer beyond 64 bits: a double, read as the YAML loader reads floats.
        let token = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
        guard let value = Double(token), value.isFinite else {
            throw error(atByte: start, .numberOutOfRange(token))
        }
        appendScalar(.float, style: .plain, line: line, column: column, start: textStart, count: Int32(count),
                     payload: value.bitPattern)
    }

    /// Whether bytes `from..<to` spell NaN or Infinity (or a short form of it), in any case.
    private func isNonFinite(_ from: Int, _ to: Int) -> Bool {
        let word = tokenText(from, to).lowercased()
        return word == "nan" || word == "infinity" || word == "inf"
    }

    // MARK: Strings

    /// Reads the string whose opening quote is at `p` into `text`; returns where its text starts and
    /// its length. Leaves `p` after the closing quote.
    private mutating func string() throws(YAMLError) -> (Int32, Int32) {
        let opening = p
        let start = text.count
        p += 1
        var run = p
        while true {
            // The common case: a run of ASCII that needs nothing done.
            while p < end {
                let b = base[p]
                if b == quote || b == backslash || b &- 0x20 >= 0x60 { break }
                p += 1
            }
            guard p < end else { throw error(atByte: opening, .json(.unterminatedString)) }
            let b = base[p]
            if b == quote {
                if p > run { text.append(contentsOf: UnsafeBufferPointer(start: base + run, count: p - run)) }
                p += 1
                return (Int32(start), Int32(text.count - start))
            }
            if b == backslash {
                if p > run { text.append(contentsOf: UnsafeBufferPointer(start: base + run, count: p - run)) }
                try escape(opening: opening)
                run = p
                continue
            }
            if b >= 0x80 {
                let width = utf8Width(at: p)
                if width == 0 { throw error(atByte: p, .invalidUTF8(byte: b)) }
                // NEL, LS and PS break lines for libyaml, and so for positions everywhere in stemcheck.
                if (b == 0xC2 && base[p + 1] == 0x85)
                    || (width == 3 && b == 0xE2 && base[p + 1] == 0x80 && (base[p + 2] == 0xA8 || base[p + 2] == 0xA9)) {
                    p += width
                    line += 1
                    lineStart = p
                    continuation = 0
                } else {
                    p += width
                    continuation += width - 1
                }
                continue
            }
            // A control character.
            if b == 0 { throw error(atByte: p, .nulByte) }
            if b == 0x0A || b == 0x0D { throw error(atByte: p, .json(.lineBreakInString)) }
            throw error(atByte: p, .json(.controlCharacterInString(UInt32(b))))
        }
    }

    /// Reads the escape at `p` (a backslash) into `text`.
    private mutating func escape(opening: Int) throws(YAMLError) {
        let at = p
        guard p + 1 < end else { throw error(atByte: opening, .json(.unterminatedString)) }
        let c = base[p + 1]
        var byte: UInt8
        switch c {
        case quote, backslash, UInt8(ascii: "/"): byte = c
        case UInt8(ascii: "b"): byte = 0x08
        case UInt8(ascii: "f"): byte = 0x0C
        case UInt8(ascii: "n"): byte = 0x0A
        case UInt8(ascii: "r"): byte = 0x0D
        case UInt8(ascii: "t"): byte = 0x09
        case UInt8(ascii: "u"):
            guard let unit = hexUnit(at: p + 2) else {
                throw error(atByte: at, .json(.invalidEscape(badUnicodeEscape(at: at))))
            }
            var scalar = UInt32(unit)
            var length = 6
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(atByte: at, .json(.loneSurrogate(tokenText(at, at + 6), high: false)))
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard p + 7 < end, base[p + 6] == backslash, base[p + 7] == UInt8(ascii: "u"),
                      let low = hexUnit(at: p + 8), low >= 0xDC00 && low <= 0xDFFF else {
                    throw error(atByte: at, .json(.loneSurrogate(tokenText(at, at + 6), high: true)))
                }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                length = 12
            }
            appendUTF8(scalar)
            p += length
            return
        default:
            if c == 0 { throw error(atByte: p + 1, .nulByte) }
            if c >= 0x80 {
                let width = utf8Width(at: p + 1)
                if width == 0 { throw error(atByte: p + 1, .invalidUTF8(byte: c)) }
                throw error(atByte: at, .json(.invalidEscape("\\" + tokenText(p + 1, p + 1 + width))))
            }
            if c < 0x20 || c == 0x7F {
                throw error(atByte: at, .json(.invalidEscape("\\ followed by control character U+\(hex4(UInt32(c)))")))
            }
            throw error(atByte: at, .json(.invalidEscape("\\" + String(UnicodeScalar(c)))))
        }
        text.append(byte)
        p += 2
    }

    /// The four hex digits at `i` as a UTF-16 unit, or nil.
    private func hexUnit(at i: Int) -> UInt16? {
        guard i + 4 <= end else { return nil }
        var value: UInt16 = 0
        for k in i..<(i + 4) {
            let b = base[k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - 55
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// A `\u` escape without four hex digits, as written: `\u` and what follows, up to four
    /// characters, stopping at a quote or anything that is not printable ASCII.
    private func badUnicodeEscape(at i: Int) -> String {
        var j = i + 2
        while j < end, j < i + 6, base[j] >= 0x21, base[j] <= 0x7E, base[j] != quote, base[j] != backslash { j += 1 }
        return tokenText(i, j)
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            text.append(UInt8(scalar))
        case 0x80..<0x800:
            text.append(UInt8(0xC0 | scalar >> 6))
            text.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            text.append(UInt8(0xE0 | scalar >> 12))
            text.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            text.append(UInt8(0x80 | scalar & 0x3F))
        default:
            text.append(UInt8(0xF0 | scalar >> 18))
            text.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            text.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            text.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the valid UTF-8 sequence whose lead byte (>= 0x80) is at `i`, or 0 when it is
    /// not valid (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, cut short).
    private func utf8Width(at i: Int) -> Int {
        let b0 = base[i]
        func cont(_ k: Int) -> UInt8? {
            guard i + k < end, base[i + k] & 0xC0 == 0x80 else { return nil }
            return base[i + k]
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) != nil ? 2 : 0
        case 0xE0...0xEF:
            guard let b1 = cont(1), cont(2) != nil else { return 0 }
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return 0 }  // a surrogate
            return 3
        case 0xF0...0xF4:
            guard let b1 = cont(1), cont(2) != nil, cont(3) != nil else { return 0 }
            if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }  // beyond U+10FFFF
            return 4
        default:
            return 0
        }
    }

    // MARK: Collections

    /// Closes the innermost collection: its children are the pending nodes since it opened.
    private mutating func endCollection() throws(YAMLError) {
        let frame = frames.removeLast()
        let range = frame.pendingStart..<pending.count
        if frame.isObject { try checkDuplicates(range) }
        let start = Int32(children.count)
        children.append(contentsOf: pending[range])
        nodes[Int(frame.node)].start = start
        nodes[Int(frame.node)].count = Int32(range.count)
        pending.removeSubrange(range)
        pending.append(frame.node)
    }

    /// Rejects a key given twice (compared after unescaping), reporting the pair `YAMLLoader`
    /// reports for the same mapping: for up to 12 pairs the first key that recurs, with its first
    /// recurrence; for more, the earliest second occurrence of any key, with that key's first.
    private func checkDuplicates(_ range: Range<Int>) throws(YAMLError) {
        let count = range.count
        let pairCount = count / 2
        if pairCount < 2 { return }
        if pairCount <= 12 {
            var i = range.lowerBound
            while i < range.upperBound {
                let a = nodes[Int(pending[i])]
                var j = i + 2
                while j < range.upperBound {
                    let b = nodes[Int(pending[j])]
                    if sameText(a, b) { throw duplicate(first: a, second: b) }
                    j += 2
                }
                i += 2
            }
            return
        }
        var positions: [Int] = []
        positions.reserveCapacity(pairCount)
        var i = range.lowerBound
        while i < range.upperBound { positions.append(i); i += 2 }
        let found = DuplicateKeyScan.earliestPair(positions, text: text) { nodes[Int(pending[$0])] }
        if let found {
            throw duplicate(first: nodes[Int(pending[found.first])], second: nodes[Int(pending[found.second])])
        }
    }

    private func sameText(_ a: NodeRecord, _ b: NodeRecord) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return text.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + Int(a.start), $0.baseAddress! + Int(b.start), Int(a.count)) == 0
        }
    }

    private func duplicate(first: NodeRecord, second: NodeRecord) -> YAMLError {
        let key = String(decoding: text[Int(second.start)..<Int(second.start + second.count)], as: UTF8.self)
        return error(line: Int(second.line), column: Int(second.column),
                     .duplicateKey(key: "'" + key + "'",
                                   first: SourceLocation(file: file, line: Int(first.line), column: Int(first.column))))
    }

    // MARK: White space and bytes

    private mutating func skipWhitespace() {
        while p < end {
            switch base[p] {
            case 0x20, 0x09:
                p += 1
            case 0x0A:
                p += 1
                line += 1
                lineStart = p
                continuation = 0
            case 0x0D:
                p += p + 1 < end && base[p + 1] == 0x0A ? 2 : 1
                line += 1
                lineStart = p
                continuation = 0
            default:
                return
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    private func isWordStart(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 || b == UInt8(ascii: "_") || b == UInt8(ascii: "$") }
    private func isWordByte(_ b: UInt8) -> Bool { isWordStart(b) || isDigit(b) }
    /// Bytes a malformed number token runs on through: `0x1F`, `1.2.3`, `1e+5e`, `-Infinity`.
    private func isNumberByte(_ b: UInt8) -> Bool {
        isWordByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
    private func startsValue(_ b: UInt8) -> Bool {
        b == quote || b == UInt8(ascii: "{") || b == UInt8(ascii: "[") || b == UInt8(ascii: "-") || isDigit(b) || isWordStart(b)
    }

    /// Bytes `from..<to` as text, at most 40 characters (an ellipsis for the rest).
    private func tokenText(_ from: Int, _ to: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(start: base + from, count: max(0, min(to, end) - from)), as: UTF8.self)
        return text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
    }

    /// What is at byte `i`, for messages: `'x'`, a word `'yes'`, `'é'`, `control character U+0007`, `the end of the file`.
    private func found(at i: Int) -> String {
        guard i < end else { return "the end of the file" }
        let b = base[i]
        if isWordStart(b) || isDigit(b) || b == UInt8(ascii: "-") {
            var j = i + 1
            while j < end, isNumberByte(base[j]) { j += 1 }
            return "'" + tokenText(i, j) + "'"
        }
        if b < 0x20 || b == 0x7F { return "control character U+\(hex4(UInt32(b)))" }
        if b >= 0x80 {
            let width = utf8Width(at: i)
            let scalar = tokenText(i, i + max(width, 1))
            if let value = scalar.unicodeScalars.first?.value, value < 0xA0 {
                return "control character U+\(hex4(value))"
            }
            return "'" + scalar + "'"
        }
        return "'" + String(UnicodeScalar(b)) + "'"
    }

    // MARK: Errors

    /// The error for what is at `p` where `expected` should be: the most specific one that fits.
    private func unexpected(expected: String) -> YAMLError {
        guard p < end else { return endOfInput(expected: expected) }
        if let specific = specificProblem(at: p) { return specific }
        let b = base[p]
        if expected == "a value" || expected == "a value or ']'", isWordStart(b) {
            return error(atByte: p, .json(.notAValue(found(at: p))))
        }
        return error(atByte: p, .json(.unexpected(found: found(at: p), expected: expected)))
    }

    /// Errors that do not depend on what was expected: NUL, invalid UTF-8, comments (`//`, `/*`, `#`), single quotes,
    /// NaN and Infinity.
    private func specificProblem(at i: Int) -> YAMLError? {
        let b = base[i]
        if b == 0 { return error(atByte: i, .nulByte) }
        if b >= 0x80, utf8Width(at: i) == 0 { return error(atByte: i, .invalidUTF8(byte: b)) }
        if b == UInt8(ascii: "#") || (b == UInt8(ascii: "/") && i + 1 < end && (base[i + 1] == UInt8(ascii: "/") || base[i + 1] == UInt8(ascii: "*"))) {
            return error(atByte: i, .json(.comment))
        }
        if b == UInt8(ascii: "'") { return error(atByte: i, .json(.singleQuotes)) }
        if isWordStart(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") {
            var j = i + 1
            while j < end, isNumberByte(base[j]) { j += 1 }
            let from = b == UInt8(ascii: "+") ? i + 1 : i
            if from < j, isWordStart(base[from]), isNonFinite(from, j) {
                return error(atByte: i, .json(.nonFiniteNumber(tokenText(i, j))))
            }
            if b == UInt8(ascii: "+") || b == UInt8(ascii: ".") {
                return error(atByte: i, .json(.invalidNumber(tokenText(i, j))))
            }
        }
        return nil
    }

    /// The file ended where `expected` should be: located just after the last thing in it.
    private func endOfInput(expected: String) -> YAMLError {
        var last = end
        while last > 0, base[last - 1] == 0x20 || base[last - 1] == 0x09 || base[last - 1] == 0x0A || base[last - 1] == 0x0D {
            last -= 1
        }
        var unclosed: String?
        if let frame = frames.last {
            let record = nodes[Int(frame.node)]
            unclosed = "the \(frame.isObject ? "object" : "array") opened at \(record.line):\(record.column) is not closed"
        }
        return error(atByte: last, .json(.unexpectedEnd(expected: expected, unclosed: unclosed)))
    }

    private func trailing() -> YAMLError {
        if let specific = specificProblem(at: p) { return specific }
        return error(atByte: p, .json(.trailingContent(found: found(at: p))))
    }

    private func error(atByte offset: Int, _ reason: YAMLError.Reason) -> YAMLError {
        let (line, column) = SourceText.lineAndColumn(ofByte: offset, in: input)
        return error(line: line, column: column, reason)
    }

    private func error(line: Int, column: Int, _ reason: YAMLError.Reason) -> YAMLError {
        // As the YAML loader: an empty line (an error at the end of the input) gets no caret display.
        let text = SourceText.line(line, in: input)
        return YAMLError(location: SourceLocation(file: file, line: line, column: column), reason: reason,
                         sourceLine: text?.isEmpty == false ? text : nil)
    }
}
