import StemCheckEngine
import StemCheckModel
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
        escape(text, apostrophe: "&apos;", whitespaceAsReferences: attribute, replacesDELAndC1: false)
    }

    /// Escapes text for one line of Markdown (a heading or list item): the Markdown reporter's escaping.
    public static func markdown(_ text: String) -> String { MarkdownReporter.inline(text) }

    /// Text for HTML content or a quoted attribute value: `&`, `<`, `>`, `"`, `'` become
    /// entities; controls other than tab, LF and CR, DEL, C1, U+FFFE and U+FFFF become U+FFFD.
    public static func html(_ text: String) -> String {
        escape(text, apostrophe: "&#39;", whitespaceAsReferences: false, replacesDELAndC1: true)
    }

    /// The one markup escaper; XML and HTML differ only in the arguments.
    private static func escape(_ text: String, apostrophe: String, whitespaceAsReferences: Bool, replacesDELAndC1: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            case "\t": out += whitespaceAsReferences ? "&#9;" : "\t"
            case "\n": out += whitespaceAsReferences ? "&#10;" : "\n"
            case "\r": out += whitespaceAsReferences ? "&#13;" : "\r"
            default:
                // XML 1.0's Char production (Swift strings hold no surrogates), and for HTML DEL and C1 too.
                let v = scalar.value
                let forbidden = v < 0x20 || v == 0xFFFE || v == 0xFFFF || (replacesDELAndC1 && (0x7F...0x9F).contains(v))
                out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Whether a URL may be linked: `http` or `https`, with no space, quote, angle bracket or control.
    public static func isWebLink(_ url: String) -> Bool {
        var url = url
        // In the UTF-8 bytes: the scheme and the characters refused are ASCII, and no byte of a
        // multi-byte character is below 0x80.
        return url.withUTF8 { bytes in
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
