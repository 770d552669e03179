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

    @Test func bytesAndScalarsCollapseAlike() throws {
        var ascii = 0
        for text in try ScreenedPatternTests.fixtureTexts() + Self.crafted {
            let slow = ImportText.collapsedScalars(text)
            #expect(ImportText.collapse(text) == slow, "\(String(reflecting: text))")
            if let fast = ImportText.asciiCollapsed(text) {
                ascii += 1
                #expect(fast == slow, "\(String(reflecting: text))")
            }
        }
        #expect(ascii > 1000, "the fast path was not taken")
        #expect(ImportText.asciiCollapsed("é") == nil)
    }

    @Test func bytesAndCharactersMakeTheSamePlainText() throws {
        var ascii = 0
        for text in try ScreenedPatternTests.fixtureTexts() + Self.crafted {
            let slow = InterventionText.plainCharacters(text)
            #expect(InterventionText.plain(text) == slow, "\(String(reflecting: text))")
            if let fast = InterventionText.asciiPlain(text) {
                ascii += 1
                #expect(fast == slow, "\(String(reflecting: text))")
            }
        }
        #expect(ascii > 1000, "the fast path was not taken")
        #expect(InterventionText.plain("12/12 HLA matched (\\>1x10\\^7 cells/kg)") == "12/12 HLA matched (>1x10^7 cells/kg)")
    }
}
