import Testing
@testable import StemCheckReports
@testable import StemCheckEngine

/// `SARIFReporter.pascalName` reads UTF-8 bytes (issue 20); it must name every rule as the
/// scalar-by-scalar definition (the one before the change, below) does.
@Suite struct SARIFNameTests {
    static func reference(_ title: String, fallback: String) -> String {
        var out = ""
        var upper = true
        for scalar in title.unicodeScalars {
            let isAlnum = (scalar.value < 0x80) && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            if isAlnum {
                out += upper ? String(scalar).uppercased() : String(scalar)
                upper = false
            } else {
                upper = true
            }
        }
        return out.isEmpty ? fallback : out
    }

    @Test func shippedRuleTitlesAndGeneratedTexts() throws {
        let catalog = try RuleCatalog.shipped()
        let titles = catalog.packs.flatMap { $0.rules.map(\.title) }
        #expect(titles.count > 300)
        for title in titles { #expect(SARIFReporter.pascalName(title, fallback: "R") == Self.reference(title, fallback: "R"), "\(title)") }
        #expect(SARIFReporter.pascalName("follow-up lasts ≥ 24 months", fallback: "R") == "FollowUpLasts24Months")
        #expect(SARIFReporter.pascalName("— é ü", fallback: "RULE-1") == "RULE-1")
        let pieces = ["a", "Z", "9", " ", "-", "é", "É", "ß", "ǅ", "_", "ｱ", "Ⅻ", "x1", "\u{301}", "@", "[", "`", "{"]
        var random = SplitMix(seed: 9)
        for _ in 0..<5_000 {
            let text = (0..<Int(random.next() % 10)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(SARIFReporter.pascalName(text, fallback: "F") == Self.reference(text, fallback: "F"), "\(text)")
        }
    }
}
