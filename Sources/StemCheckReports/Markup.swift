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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += attribute ? "&#13;" : "\r"
            default:
                out.unicodeScalars.append(isXMLChar(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// Text for HTML content or a quoted attribute value: `&`, `<`, `>`, `"`, `'` become
    /// entities; controls other than tab, LF and CR (and DEL, C1) become U+FFFD.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let control = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
                out.unicodeScalars.append(control ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Whether XML 1.0 allows the character (Char production; Swift strings hold no surrogates).
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD }
        return v != 0xFFFE && v != 0xFFFF
    }

    /// Whether a URL may be linked: `http` or `https`, with no space, quote, angle bracket or control.
    public static func isWebLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        return !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "\"'<>`\\".unicodeScalars.contains($0) }
    }

    /// `LINE:COL`, or nil without a location.
    static func position(_ location: Location?) -> String? {
        location.map { "\($0.line):\($0.column)" }
    }

    /// A value as a reviewer reads it: strings as written, everything else as JSON; nil is "missing".
    static func value(_ value: RuleValue?) -> String {
        value?.description ?? "missing"
    }
}
