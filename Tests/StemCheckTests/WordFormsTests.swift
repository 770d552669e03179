import Testing
@testable import StemCheckInput

/// The route patterns are found by their spelt-out forms (`WordForms`) instead of Swift's `Regex`
/// wherever the forms can decide: a form that found other than its pattern would give an
/// imported record a route the registry text does not state, or drop one it does. These tests
/// check the forms against the patterns on the registry fixtures and on texts made to sit words
/// beside every kind of neighbour, and check the word-boundary rules and the stand-ins of
/// `TextScreen` against Swift's own `\b` and case-insensitive matching.
@Suite struct WordFormsTests {
    /// Characters beside which a word may or may not end: ASCII ones, the stand-ins' kinds, and
    /// some without a stand-in.
    static let neighbours = ["", " ", "  ", "x", "X", "1", "_", ".", ":", "'", ",", ";", "a.", "3.", "a:", "3,", "(", ")", "-", "/",
                             "\n", "\r\n", "\t", "+", "\"", "×", "é", "É", "≥", "–", "µ", "\u{212A}", "\u{301}", "\u{A0}", "ß", "’", "·"]

    /// Each route pattern's words in several spellings, with neighbours on either side.
    static func madeTexts() -> [String] {
        let words = ["intravenous", "Intravenously", "INTRAVENOUSLYX", "intrathecal", "intrathecally", "lumbar puncture",
                     "Lumbar\t\tPuncture", "lumbar\r\npuncture", "lumbar  puncture", "lumbarpuncture", "intra-arterial",
                     "intraarterially", "intra arterial", "intracerebroventricular", "intracerebral", "intracerebrally",
                     "intra-nasal", "nasally", "intranasal", "intramuscular", "intra-articularly", "subcutaneous", "Subcutaneously",
                     "intravitreal", "subretinal", "intraspinal", "orally", "oral", "by mouth", "By\nMouth", "bymouth", "oralx"]
        var texts: [String] = []
        for word in words {
            for before in neighbours {
                for after in neighbours + ["ly", "lyx", "s"] {
                    texts.append(before + word + after)
                }
            }
        }
        texts += ["nonintravenous then intravenous", "a.intravenous, then intravenously", "x'oral or orally",
                  "intrathecal.then lumbar puncture", "intravenous.", "given intravenously (IV)", "IV × 2 intravenous",
                  "intra-nasal-ly", "nasal; intranasal", "by mouth.", "by mouth's way", "ORAL:", "oral:x"]
        return texts
    }

    @Test func formsFindWhatTheRoutePatternsFind() throws {
        let texts = try ScreenedPatternTests.fixtureTexts() + ScreenedPatternTests.examples.flatMap(ScreenedPatternTests.variants)
            + Self.madeTexts()
        var decided = 0, found = 0, undecided = 0
        for text in texts {
            let screen = TextScreen(text)
            for (pattern, value, _) in InterventionText.routePatterns {
                let forms = try #require(pattern.forms, "routes: \(value) has no forms")
                switch forms.firstMatch(in: screen) {
                case .found: found += 1; decided += 1
                case .none: decided += 1
                case .undecided: undecided += 1
                }
                let expected = text.firstMatch(of: pattern.regex)?.range
                let got = pattern.firstRange(in: text, screen: screen)
                #expect(got.map { Self.offsets($0, in: text) } == expected.map { Self.offsets($0, in: text) },
                        "routes: \(value) in \(String(reflecting: text))")
            }
        }
        // The forms decided most texts themselves (else this compares the pattern with itself).
        #expect(found > 1000 && decided > 2 * undecided, "found \(found), decided \(decided), undecided \(undecided)")
    }

    /// A range as UTF-8 offsets.
    static func offsets(_ range: Range<String.Index>, in text: String) -> Range<Int> {
        text.utf8.distance(from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(from: text.startIndex, to: range.upperBound)
    }

    /// Where Swift's `\b` (UAX #29 word boundaries) holds in `text`, as UTF-8 offsets.
    static func boundaries(_ text: String) -> Set<Int> {
        Set(text.ranges(of: #/\b/#).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) })
    }

    /// Every character that has a stand-in.
    static let standIns: [Unicode.Scalar] = (0x80..<0x3000).compactMap { Unicode.Scalar($0) }.filter { TextScreen.standIn($0) != nil }

    @Test func theBoundaryRulesAreSwifts() {
        let alphabet = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) } + Self.standIns.map { String($0) }
        var told = 0
        for middle in alphabet {
            for context in ["", "a", "1", " ", ".", "é"] {
                for word in ["a", "Z", "7"] {
                    for text in [context + middle + word, word + middle + context] {
                        guard let lowered = TextScreen(text).lowered else { continue }
                        let swift = Self.boundaries(text)
                        for i in 0...lowered.count {
                            // A match starts at an ASCII letter or digit and ends after one.
                            if i < lowered.count, WordForms.isWordByte(lowered[i]), lowered[i] != UInt8(ascii: "_"),
                               let rule = WordForms.boundary(beside: i > 0 ? lowered[i - 1] : nil) {
                                #expect(rule == swift.contains(i), "before offset \(i) of \(String(reflecting: text))")
                                told += 1
                            }
                            if i > 0, WordForms.isWordByte(lowered[i - 1]), lowered[i - 1] != UInt8(ascii: "_"),
                               let rule = WordForms.boundary(beside: i < lowered.count ? lowered[i] : nil) {
                                #expect(rule == swift.contains(i), "after offset \(i) of \(String(reflecting: text))")
                                told += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(told > 10_000)
    }

    @Test func standInsMatchNoASCIILetterOrSpaceAndJoinNoNeighbour() throws {
        #expect(Self.standIns.count > 150, "the stand-ins were not found")
        let letters = try (UInt8(ascii: "a")...UInt8(ascii: "z")).map { try Regex(String(Unicode.Scalar($0))).ignoresCase() }
        for scalar in Self.standIns {
            let character = String(scalar)
            for letter in letters {
                #expect(character.firstMatch(of: letter) == nil, "\(String(reflecting: character)) matches an ASCII letter")
            }
            #expect(character.firstMatch(of: #/\s/#) == nil)
            for neighbour in ["a", "1", " ", "-"] {
                #expect((neighbour + character + neighbour).count == 3, "\(String(reflecting: character)) joins a neighbour")
            }
        }
        // Those without one: each matches an ASCII letter in some case, or is more than one letter.
        #expect(TextScreen.standIn("\u{212A}") == nil && TextScreen.standIn("ſ") == nil && TextScreen.standIn("ı") == nil)
        #expect(TextScreen("given × 2, ≥ 3 µg").lowered?.count == "given × 2, ≥ 3 µg".utf8.count)
        #expect(TextScreen("a \u{301}").lowered == nil)
    }
}
