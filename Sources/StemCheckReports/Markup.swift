import StemCheckEngine
import StemCheckModel
import YAMLSource
/// Escaping shared by the markup formats (JUnit XML, HTML), so that no protocol or rule text
/// can open a tag, end an attribute or a CDATA section, or carry a character XML forbids.
public enum Markup {
    /// Text for XML character data or a double- or single-quoted attribute value.
    ///
    /// `&`, `<`, `>`, `"` and `'` become entities; characters that XML 1.0 does not allow
    /// (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) become U+FFFD so that the
    /// reader sees something was there. In attributes, tab, LF and CR become character
    /// references, because attribute-value normalisation would otherwise turn them into spaces.
    public static func xml(_ text: String, attribute: Bool = false) -> String {
        escape(text, Escaper(apostrophe: "&apos;", whitespaceAsReferences: attribute, replacesDELAndC1: false))
    }

    /// Appends `xml(text, attribute:)`'s bytes to `out`, without making a string.
    public static func appendXML(_ text: String, attribute: Bool = false, to out: inout ByteSink) {
        text.withUTF8Bytes { Escaper(apostrophe: "&apos;", whitespaceAsReferences: attribute, replacesDELAndC1: false).append($0, to: &out) }
    }

    /// Escapes text for one line of Markdown (a heading or list item): the Markdown reporter's escaping.
    public static func markdown(_ text: String) -> String { MarkdownReporter.inline(text) }

    /// Text for HTML content or a quoted attribute value: `&`, `<`, `>`, `"`, `'` become
    /// entities; controls other than tab, LF and CR, DEL, C1, U+FFFE and U+FFFF become U+FFFD.
    public static func html(_ text: String) -> String {
        escape(text, htmlEscaper)
    }

    /// Appends `html(text)`'s bytes to `out`, without making a string.
    public static func appendHTML(_ text: String, to out: inout ByteSink) {
        text.withUTF8Bytes { htmlEscaper.append($0, to: &out) }
    }

    /// Appends the UTF-8 of whole characters escaped as `html` escapes them.
    static func appendHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteSink) {
        htmlEscaper.append(bytes, to: &out)
    }

    private static var htmlEscaper: Escaper {
        Escaper(apostrophe: "&#39;", whitespaceAsReferences: false, replacesDELAndC1: true)
    }

    /// `escaper`'s text for `text`; `text` itself when nothing in it is replaced.
    private static func escape(_ text: String, _ escaper: Escaper) -> String {
        let escaped: String? = text.withUTF8Bytes { bytes in
            guard escaper.replacesSomething(bytes) else { return nil }
            var out = ByteSink(capacity: bytes.count + bytes.count / 8 + 16)
            escaper.append(bytes, to: &out)
            return out.text
        }
        return escaped ?? text
    }

    /// The one markup escaper; XML and HTML differ only in its settings.
    ///
    /// It works on the UTF-8 bytes (issue 20: appending scalar by scalar cost some 45
    /// instructions a byte, most of a JUnit or HTML report's time). Everything it replaces is an
    /// ASCII byte or one of three multi-byte characters whose encodings it matches exactly (C1:
    /// `C2 80`–`C2 9F`; U+FFFE and U+FFFF: `EF BF BE`, `EF BF BF`); a Swift string's UTF-8 is
    /// valid, so no other character contains those bytes in that order at a character's start.
    private struct Escaper {
        /// What `'` becomes.
        let apostrophe: StaticString
        /// Whether tab, LF and CR become character references (attributes).
        let whitespaceAsReferences: Bool
        /// Whether DEL and C1 controls become U+FFFD (HTML).
        let replacesDELAndC1: Bool

        /// Whether the byte at `n` is copied for certain: printable ASCII other than the five
        /// replaced, or a byte that cannot start a replaced character.
        @inline(__always) func plain(_ bytes: UnsafeBufferPointer<UInt8>, _ n: Int) -> Bool {
            let b = bytes[n]
            if b >= 0x20 && b < 0x7F {
                return b != UInt8(ascii: "&") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">") && b != UInt8(ascii: "\"") && b != UInt8(ascii: "'")
            }
            return b >= 0x80 && b != 0xC2 && b != 0xEF
        }

        /// The start of the first eight-byte word from `n` holding a byte that may be replaced
        /// (a control, `&`, `<`, `>`, `"`, `'`, DEL, or 0xC2 or 0xEF, which may start C1 or
        /// U+FFFE/U+FFFF), or of the last part shorter than a word: runs of plain text are passed
        /// over a word at a time (`ByteWord`), and `replaced` decides byte by byte after that.
        @inline(__always) func plainWords(_ bytes: UnsafeBufferPointer<UInt8>, from n: Int) -> Int {
            guard let base = bytes.baseAddress else { return n }
            var n = n
            while n + 8 <= bytes.count {
                let w = ByteWord.load(base, at: n)
                let stops = ByteWord.below(0x20, in: w)
                    | ByteWord.matching(0x26, in: w) | ByteWord.matching(0x3C, in: w) | ByteWord.matching(0x3E, in: w)
                    | ByteWord.matching(0x22, in: w) | ByteWord.matching(0x27, in: w) | ByteWord.matching(0x7F, in: w)
                    | ByteWord.matching(0xC2, in: w) | ByteWord.matching(0xEF, in: w)
                if ByteWord.found(stops) { break }
                n += 8
            }
            return n
        }

        /// The length of the sequence at `n` that is replaced, or 0 when the byte is copied.
        func replaced(_ bytes: UnsafeBufferPointer<UInt8>, at n: Int) -> Int {
            if plain(bytes, n) { return 0 }
            switch bytes[n] {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return 1
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return whitespaceAsReferences ? 1 : 0
            case 0..<0x20:
                return 1
            case 0x7F:
                return replacesDELAndC1 ? 1 : 0
            case 0xC2:
                return replacesDELAndC1 && n + 1 < bytes.count && (0x80...0x9F).contains(bytes[n + 1]) ? 2 : 0
            case 0xEF:
                return n + 2 < bytes.count && bytes[n + 1] == 0xBF && (bytes[n + 2] == 0xBE || bytes[n + 2] == 0xBF) ? 3 : 0
            default:
                return 0
            }
        }

        /// Whether any byte sequence of `bytes` is replaced.
        func replacesSomething(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var n = plainWords(bytes, from: 0)
            while n < bytes.count {
                if replaced(bytes, at: n) > 0 { return true }
                n = plainWords(bytes, from: n + 1)
            }
            return false
        }

        /// Appends `bytes` escaped to `out`: the bytes copied as they are in runs.
        func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteSink) {
            var start = 0
            var n = plainWords(bytes, from: 0)
            while n < bytes.count {
                let length = replaced(bytes, at: n)
                guard length > 0 else {
                    n += 1
                    continue
                }
                out.append(UnsafeBufferPointer(rebasing: bytes[start..<n]))
                switch bytes[n] {
                case UInt8(ascii: "&"): out.append("&amp;")
                case UInt8(ascii: "<"): out.append("&lt;")
                case UInt8(ascii: ">"): out.append("&gt;")
                case UInt8(ascii: "\""): out.append("&quot;")
                case UInt8(ascii: "'"): out.append(apostrophe)
                case UInt8(ascii: "\t"): out.append("&#9;")
                case UInt8(ascii: "\n"): out.append("&#10;")
                case UInt8(ascii: "\r"): out.append("&#13;")
                // XML 1.0's Char production (Swift strings hold no surrogates), and for HTML DEL and C1 too.
                default: out.append("\u{FFFD}")
                }
                n += length
                start = n
                n = plainWords(bytes, from: n)
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Whether a URL may be linked: `http` or `https`, with no space, quote, angle bracket or control.
    public static func isWebLink(_ url: String) -> Bool {
        // In the UTF-8 bytes: the scheme and the characters refused are ASCII, and no byte of a
        // multi-byte character is below 0x80.
        return url.withUTF8Bytes { bytes in
            func startsWith(_ scheme: StaticString) -> Bool {
                guard bytes.count >= scheme.utf8CodeUnitCount else { return false }
                for n in 0..<scheme.utf8CodeUnitCount {
                    if bytes[n].asciiLowercased != scheme.utf8Start[n] { return false }
                }
                return true
            }
            guard startsWith("https://") || startsWith("http://") else { return false }
            // A combining mark right after the scheme makes its last character another one (as
            // the scheme compared by characters saw it): rare, so decided the slow way.
            let rest = startsWith("https://") ? 8 : 7
            if rest < bytes.count, bytes[rest] >= 0x80 {
                let lower = String(decoding: bytes, as: UTF8.self).lowercased()
                guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
            }
            return !bytes.contains { b in
                b <= 0x20 || b == 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "<")
                    || b == UInt8(ascii: ">") || b == UInt8(ascii: "`") || b == UInt8(ascii: "\\")
            }
        }
    }

    /// `LINE:COL`, or nil without a location.
    static func position(_ location: Location?) -> String? {
        location.map { "\($0.line):\($0.column)" }
    }

    /// A value as a reviewer reads it: strings as written, everything else as JSON; nil is "missing".
    static func value(_ value: RuleValue?) -> String {
        value?.description ?? "not stated"
    }
}
