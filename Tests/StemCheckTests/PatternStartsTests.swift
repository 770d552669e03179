import Testing
@testable import StemCheckInput

/// The HLA score, cell-count and administration-count patterns are tried only where a match can start
/// (`PatternStarts`) instead of at every position of the text: a start left out would drop a
/// score or a count the registry text states (the import records the lowest score and checks
/// the counts against the arms). These tests compare the two ways, match by match (range and
/// captures), on the registry fixtures and on made texts that put the parts of each pattern
/// (bounds, digits, `/`, `of`, number names, words, nouns) beside each other in every order,
/// case and spacing, with the characters that join words (`1.5`) and characters beyond ASCII.
@Suite struct PatternStartsTests {
    static let scorePieces = ["4", "6", "12", "123", "0", "9", "/", " / ", "/ ", " /", "of", " of ", "OF", "out", " out of ", "Out  Of",
                              "at least ", "AT\tLEAST ", "at  least", "least ", "at", ">=", ">", "=", "≥", "≤", " or more", " OR better",
                              "or", " ", "  ", "\t", "\n", "\r\n", "HLA", "matched", "-", ".", ",", "(", ")", "a", "x", "é", "\u{A0}",
                              "1/2", "×", "µ", "\u{301}", "٣", "ſ", "5 of 6", "10/10", "7 out of 8"]
    static let countPieces = ["a", "A ", "a ", "single", "Single", "SINGLE", " ", "  ", "\t", "\r\n", "\n", "-", "infusion", "infusions",
                              "dose", "doses", "Doses", "injection", "injections", "administrations", "transplantation",
                              "transplantations", "one", "two", "Three", "ten", "eleven", "twelve", "Twelve", "12", "3", "123", "1.5",
                              "2,5", "1:2", ".", ",", ":", ";", "'", "x", "intravenous", "weekly", "é", "×", "\u{A0}", "(", ")",
                              "of", "_", "none", "often", "twelves", "3 doses", "a single dose", " two infusions", " 12 doses", "Single Injection",
                              "three weekly doses"]

    /// Random sequences of `pieces` (the same ones every run).
    static func madeTexts(_ pieces: [String], count: Int, seed: UInt64) -> [String] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let length = 2 + Int(random.next() % 10)
            return (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    /// Every text of the registry fixtures, as written and as the readers clean it.
    static func fixtureTexts() throws -> [String] {
        let fixtures = try ScreenedPatternTests.fixtureTexts()
        return fixtures + fixtures.map(InterventionText.plain)
    }

    /// The matches of `regex` in `text` both ways, as offsets and captures; and how many.
    static func compare<Output>(_ regex: Regex<Output>, _ text: String,
                                _ starts: (UnsafeBufferPointer<UInt8>) -> [Int]?) -> (same: Bool, count: Int) {
        func described(_ m: Regex<Output>.Match) -> String {
            "\(text.utf8.distance(from: text.startIndex, to: m.range.lowerBound))+\(text[m.range].utf8.count) \(m.output)"
        }
        let expected = text.matches(of: regex).map(described)
        let got = PatternStarts.matches(of: regex, in: text, screen: TextScreen(text), starts: starts).map(described)
        return (got == expected, expected.count)
    }

    @Test func scoreStartsFindWhatTheWholeSearchFinds() throws {
        let texts = try Self.fixtureTexts() + ["HLA-matched 4/6, 5/6 or 6/6", "at least 4/6 HLA-matched", ">=5/6", "≥ 4/6", "≥4/6",
                                               "at least 5 of 6 HLA antigens", "7 out of 8 or more", "123/45 and 12/120", "4/6or more"]
            + Self.madeTexts(Self.scorePieces, count: 30_000, seed: 20)
        var matched = 0
        for text in texts {
            let slash = Self.compare(InterventionText.slashScore.regex, text, PatternStarts.slashScore)
            let word = Self.compare(InterventionText.wordScore.regex, text, PatternStarts.wordScore)
            #expect(slash.same && word.same, "\(String(reflecting: text))")
            matched += slash.count + word.count
        }
        // The texts hold many scores (else this compares nothing).
        #expect(matched > 5_000, "\(matched) matches")
    }

    static let dosePieces = ["2", "10", "12", "1.5", "0.5.3", "3,5", "x", "X", "×", "*", "·", "10^6", "10^ 7", "^", "10⁶", "10⁷", "e7",
                             "E+6", "e", "6", "7", " million", " billion", "millions", " ", "  ", "\t", "\r\n", "-", "–", ".", ",", "(",
                             ")", "cells/kg", "cells", "/kg", "TNC", "a", "é", "\u{A0}", "2 × 10^6", "5 x 10^7 cells/kg", "1e6", "10 7"]

    @Test func powerStartsFindWhatTheWholeSearchFinds() throws {
        let texts = try Self.fixtureTexts() + ["2 × 10^6 cells/kg", "1.5x10^7", "0.5.3 x 10^6", "5e7 cells", "3 million cells", "12345 x 10^6"]
            + Self.madeTexts(Self.dosePieces, count: 30_000, seed: 22)
        var matched = 0
        for text in texts {
            let power = Self.compare(InterventionText.power.regex, text, PatternStarts.powerOfTen)
            #expect(power.same, "\(String(reflecting: text))")
            matched += power.count
        }
        #expect(matched > 5_000, "\(matched) matches")
    }

    @Test func countStartsFindWhatTheWholeSearchFinds() throws {
        let texts = try Self.fixtureTexts() + ["a single intravenous infusion", "three intravenous infusions", "1.5 doses", "a.5 doses",
                                               "x1 doses", "12 monthly doses", "eleven doses; a single-dose", "(2) doses", "2 'weekly' doses"]
            + Self.madeTexts(Self.countPieces, count: 30_000, seed: 21)
        var matched = 0, whole = 0
        for text in texts {
            let single = Self.compare(InterventionText.single.regex, text, PatternStarts.singleAdministration)
            let many = Self.compare(InterventionText.many.regex, text, PatternStarts.manyAdministrations)
            #expect(single.same && many.same, "\(String(reflecting: text))")
            matched += single.count + many.count
            if TextScreen(text).lowered?.withUnsafeBufferPointer(PatternStarts.manyAdministrations) == nil { whole += 1 }
        }
        #expect(matched > 5_000, "\(matched) matches")
        // Most texts are read by their starts (else this compares the search with itself).
        #expect(whole < texts.count / 3, "\(whole) of \(texts.count) searched whole")
    }
}
