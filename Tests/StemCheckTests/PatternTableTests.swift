@testable import StemCheckEngine
import Testing

/// The regex matcher answers ASCII characters from a table made when a pattern compiles; the
/// table must give, for every class of every pattern and every ASCII character, the answer the
/// class's items give (issue 20).
@Suite struct PatternTableTests {
    static let patterns: [(String, Bool)] = [
        ("[Ff]low", false), ("cerebral palsy", true), ("^G80", false), ("^[0-9]+/[0-9]+$", false),
        ("(?i)USP\\s*<?\\s*71\\s*>?|Ph\\.?\\s*Eur\\.?\\s*2\\.6\\.(1|27)\\b|BacT\\s*/?\\s*ALERT", false),
        ("(?i)^\\s*(none|no\\b|not (used|planned|given|required))", false), ("[A-Za-z]{3,}", false),
        ("^KCT\\d{7}$", false), ("[0-9]|\\b[Aa]ny\\b", false), ("[^a-z]", true), ("[^\\d\\s]", false),
        ("\\W\\S\\D", false), ("\\w\\s\\d", true), (".", false), ("[^.]", false), ("[\\u{0}-~]", false),
        ("[Z-a]", true), ("[@-`]", true), ("[k]", true), ("[\u{212A}]", true), ("[é-ÿ]", true), ("[ -\u{3000}]", false),
        ("申请中|待定|无", false), ("[^A-Z_]", true),
    ]

    @Test(arguments: patterns)
    func tableAgreesWithTheItems(_ source: String, _ ignoreCase: Bool) throws {
        let pattern = try Pattern(source, ignoreCase: ignoreCase)
        var classes = 0
        for instruction in pattern.program {
            guard case .consume(let c) = instruction else { continue }
            classes += 1
            for value in UInt32(0)..<128 {
                let s = Unicode.Scalar(value)!
                #expect(c.matches(s) == c.matchesUntabled(s), "\(source) class \(classes): U+\(String(value, radix: 16))")
            }
        }
        #expect(classes > 0)
    }

    @Test func casesFoldOnlyWhereAsked() throws {
        #expect(try Pattern("cerebral PALSY", ignoreCase: true).search("Spastic Cerebral Palsy") == .match)
        #expect(try Pattern("cerebral PALSY", ignoreCase: false).search("Spastic Cerebral Palsy") == .noMatch)
        #expect(try Pattern("[^a-z]+$", ignoreCase: true).search("abcD") == .noMatch)
        #expect(try Pattern("\\S+\\s\\d", ignoreCase: false).search("phase\t2") == .match)
    }
}
