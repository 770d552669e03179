import Testing
@testable import StemCheckInput

/// The importers' text clean-up reads ASCII text by its bytes (`ImportText.asciiCollapsed`,
/// `InterventionText.asciiPlain`) and other text scalar by scalar or character by character: both
/// ways must give the same text.
@Suite struct ImportTextTests {
    static let crafted = [
        "", "   ", "a", " a  b\t\tc\n", "\t a \u{0B}\u{0C} b \r", "a\r\n\r\nb", "\u{1C}a\u{1F} b", "x\u{7F}y",
        "a\\*b", "\\\\", "x\\", "\\\r\nq", "\\>1x10\\^7", "\\a\\b", "ends in a backslash \\", "\\ \\",
        "\\é", "é \\x", "ü  ber", "non\u{00A0}breaking", "line\u{2028}separator", "K\u{212A}",
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
        #expect(fast("é") == nil)
    }

    @Test func bytesAndScalarsCollapseAlike() throws {
        try Self.expectSame(fast: ImportText.asciiCollapsed, slow: ImportText.collapsedScalars, either: ImportText.collapse)
    }

    @Test func bytesAndCharactersMakeTheSamePlainText() throws {
        try Self.expectSame(fast: InterventionText.asciiPlain, slow: InterventionText.plainCharacters, either: InterventionText.plain)
        #expect(InterventionText.plain("12/12 HLA matched (\\>1x10\\^7 cells/kg)") == "12/12 HLA matched (>1x10^7 cells/kg)")
    }
}
