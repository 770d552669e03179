import Testing
@testable import StemCheckInput

/// The importers' text clean-up reads text that is ASCII but for characters with a stand-in by its
/// bytes (`ImportText.bytesCollapsed`, `InterventionText.bytesPlain`) and other text scalar by
/// scalar or character by character: both ways must give the same text.
@Suite struct ImportTextTests {
    static let crafted = [
        "", "   ", "a", " a  b\t\tc\n", "\t a \u{0B}\u{0C} b \r", "a\r\n\r\nb", "\u{1C}a\u{1F} b", "x\u{7F}y",
        "a\\*b", "\\\\", "x\\", "\\\r\nq", "\\>1x10\\^7", "\\a\\b", "ends in a backslash \\", "\\ \\",
        "\\é", "é \\x", "ü  ber", "× \\×", "\\≥3", "a –  b", "µ\t\tg", "\\\u{301}", "a\u{A0}\u{A0}b", "non\u{00A0}breaking", "line\u{2028}separator", "K\u{212A}",
    ]

    /// Checks a clean-up's byte way (`fast`, nil for text with other than ASCII) against its
    /// other way (`slow`), and the clean-up itself (`either`), on every fixture text and the crafted ones.
    static func expectSame(fast: (String) -> String?, slow: (String) -> String, either: (String) -> String) throws {
        var ascii = 0
        for text in try ScreenedPatternTests.fixtureTexts() + crafted {
            let expected = slow(text)
            #expect(either(text) == expected, "\(String(reflecting: text))")
            if let found = fast(text) {
                ascii += 1
                #expect(found == expected, "\(String(reflecting: text))")
            }
        }
        #expect(ascii > 1000, "the byte way was not taken")
        #expect(fast("a\u{A0}b") == nil && fast("e\u{301}") == nil && fast("\\\u{301}") == nil)
        #expect(fast("é") != nil, "text with stand-ins is read by its bytes")
    }

    @Test func bytesAndScalarsCollapseAlike() throws {
        try Self.expectSame(fast: ImportText.bytesCollapsed, slow: ImportText.collapsedScalars, either: ImportText.collapse)
    }

    @Test func bytesAndCharactersMakeTheSamePlainText() throws {
        try Self.expectSame(fast: InterventionText.bytesPlain, slow: InterventionText.plainCharacters, either: InterventionText.plain)
        #expect(InterventionText.plain("12/12 HLA matched (\\>1x10\\^7 cells/kg)") == "12/12 HLA matched (>1x10^7 cells/kg)")
    }

    /// `JSONPath.key`'s test of a plain key (`.key`, not `['key']`), as it was: character by character.
    @Test func plainKeysAreToldByTheirBytesAsByTheirCharacters() throws {
        let keys = try ScreenedPatternTests.fixtureTexts() + Self.crafted
            + ["a_1", "_", "a-b", "a b", "-\u{301}", "_\u{301}", "1\u{FE0F}\u{20E3}", "\u{0600}a", "a\u{0600}", "é", "Ⅻ", "x.y", "\r\n"]
        for key in keys {
            #expect(JSONPath.isPlain(key) == key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(String(reflecting: key))")
        }
    }

    /// `ImportGaps.wrap` wraps ASCII lines by their bytes; counted character by character, as it
    /// was, they must give the same lines, and other lines (marks, prepended signs, emoji) too.
    @Test func wrappedLinesAreTheSameAsWhenCountedAfresh() throws {
        let words = ["field", "a.b.c", "\u{301}x", "\u{301}", "e\u{301}", "\u{0600}", "\u{0600}\u{0600}", "数据", "👩‍⚕️", "x\r", "\ny",
                     "\u{1F1FA}\u{1F1F8}", "products[0].dose,"]
        // ASCII lines are wrapped by their bytes: half the lines are made of ASCII words only.
        let asciiWords = ["field", "a.b.c", "x", "products[0].dose,", "design.arms[1].interventions[0].route", "\t", "(a,b)"]
        var lines: [String] = []
        var seed: UInt64 = 7
        for n in 0..<400 {
            let pool = n % 2 == 0 ? words : asciiWords
            var line = String(repeating: " ", count: n % 5)
            for _ in 0..<(8 + n % 30) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                line += pool[Int(seed >> 33) % pool.count] + (seed & 1 == 0 ? " " : "  ")
            }
            lines.append(line)
        }
        for width in [10, 24, 96] {
            #expect(ImportGaps.wrap(lines, width: width) == ImportGaps.wrapCharacters(lines, width: width), "width \(width)")
        }
        let fixtures = try ScreenedPatternTests.fixtureTexts()
        #expect(ImportGaps.wrap(fixtures, width: 40) == ImportGaps.wrapCharacters(fixtures, width: 40))
    }
}
