import Testing
import StemCheckReports
import YAMLSource

/// `Markup.xml` and `Markup.html` escape over UTF-8 bytes (issue 20); they must give exactly what
/// escaping scalar by scalar gives (the definition below, the escaper before the change).
@Suite struct MarkupEscapeTests {
    /// Scalar by scalar: the reference.
    static func reference(_ text: String, apostrophe: String, whitespaceAsReferences: Bool, replacesDELAndC1: Bool) -> String {
        var out = ""
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
                let v = scalar.value
                let forbidden = v < 0x20 || v == 0xFFFE || v == 0xFFFF || (replacesDELAndC1 && (0x7F...0x9F).contains(v))
                out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    static func check(_ text: String) {
        #expect(Markup.xml(text) == reference(text, apostrophe: "&apos;", whitespaceAsReferences: false, replacesDELAndC1: false), "\(Array(text.utf8))")
        #expect(Markup.xml(text, attribute: true) == reference(text, apostrophe: "&apos;", whitespaceAsReferences: true, replacesDELAndC1: false), "\(Array(text.utf8))")
        #expect(Markup.html(text) == reference(text, apostrophe: "&#39;", whitespaceAsReferences: false, replacesDELAndC1: true), "\(Array(text.utf8))")
        for attribute in [false, true] {
            var sink = ByteSink(capacity: 4)
            sink.append("<")
            Markup.appendXML(text, attribute: attribute, to: &sink)
            #expect(sink.text == "<" + Markup.xml(text, attribute: attribute), "\(Array(text.utf8))")
        }
        var sink = ByteSink(capacity: 4)
        Markup.appendHTML(text, to: &sink)
        #expect(sink.text == Markup.html(text), "\(Array(text.utf8))")
    }

    /// The escaper passes over plain text eight bytes at a time: each boundary scalar at every
    /// offset in a run of plain text, with plain text after it or not.
    @Test func everyBoundaryScalarAtEveryOffset() {
        for scalar in Self.scalars {
            for offset in 0...17 {
                for after in [0, 1, 8, 9] {
                    Self.check(String(repeating: "x", count: offset) + String(scalar) + String(repeating: "y", count: after))
                }
            }
        }
    }

    /// Every ASCII byte, alone, between text and in runs of its own.
    @Test func everyASCIIByte() {
        for value in 0..<128 {
            let s = String(Unicode.Scalar(UInt8(value)))
            Self.check(s)
            Self.check("ab" + s + "cd")
            Self.check(String(repeating: s, count: 3) + "é" + s)
        }
    }

    /// Scalars at and around every boundary the byte escaper tests.
    static let scalars: [Unicode.Scalar] = [
        "a", "Z", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{20}", "\u{7E}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{BF}", "\u{C2}", "é", "\u{301}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}",
        "\u{EFBF}", "\u{FEFF}", "\u{FFBE}", "\u{FFBF}", "\u{FFFC}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{10000}", "\u{1F600}",
        "\u{10FFFF}", "—", "“",
    ]

    @Test func everyBoundaryScalarAloneAndBetweenText() {
        Self.check("")
        for s in Self.scalars {
            Self.check(String(s))
            Self.check("x" + String(s) + "y")
            for t in Self.scalars { Self.check(String(s) + String(t)) }
        }
    }

    @Test func generatedTextsEscapeAsScalarByScalar() {
        var random = SplitMix(seed: 20)
        for _ in 0..<5_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 24) {
                text.append(Self.scalars[Int(random.next() % UInt64(Self.scalars.count))])
            }
            Self.check(String(text))
        }
    }

    @Test func plainTextIsReturnedAsItIs() {
        let text = "Ethics approval is dated on or before the first enrolment — café"
        #expect(Markup.xml(text) == text)
        #expect(Markup.html(text) == text)
        #expect(Markup.xml("a < b & 'c'\n", attribute: true) == "a &lt; b &amp; &apos;c&apos;&#10;")
        #expect(Markup.html("\u{85}\u{7F}x\u{FFFF}") == "\u{FFFD}\u{FFFD}x\u{FFFD}")
    }
}
