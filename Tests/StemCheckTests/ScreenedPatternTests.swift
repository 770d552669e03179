import Foundation
import Synchronization
import Testing
@testable import StemCheckInput

/// The importers run a Swift `Regex` only on text holding one of the words it cannot match
/// without (`TextScreen`, `ScreenedPattern`): a wrong word would silently drop a route, a dose or
/// a registry from an imported record. These tests run every screened pattern over every text of
/// the registry fixtures and over examples of each pattern, in several cases and with other than
/// ASCII, and check that wherever the pattern matches, the screen lets it run.
@Suite struct ScreenedPatternTests {
    /// Every screened pattern of the importers.
    static var checks: [PatternCheck] { InterventionText.screenedPatterns + RegistryVocabulary.screenedPatterns }

    /// Texts each pattern should match (one or more per pattern: none is checked on texts it never matches).
    static let examples = [
        "given intravenously", "intrathecal injection", "by lumbar puncture", "intra-arterial infusion",
        "intracerebroventricular", "intracerebral implantation", "intranasal spray", "applied nasally",
        "intramuscular injection", "intra-articular", "subcutaneously", "intravitreal injection", "subretinal bleb",
        "intraspinal", "taken orally", "by mouth",
        "2 × 10^6 cells/kg", "3x10^7 TNC/kg", "a maximum of 10x107/kg", ">= 3e7 cells/kg", "5 E+7 cells", "10 million cells", "2 billion cells",
        "1–", "1 - ", "2.5 to", "2 —\t", ">=", "≥ ", "=>", "<=", "≤", "=<", "dose >", "dose <  ", "up to ", "a maximum of",
        "max", "not more than", "at least\n", "a minimum of", "no less than", "more than", "over", "above", "less than",
        "under", "below",
        "a single infusion", "a single intravenous dose", "three intravenous infusions", "2 doses",
        "one dose every 4 weeks", "two doses 28 days apart", "infusions at baseline, 3 months and 6 months",
        "an acellular medium", "stem cells", "umbilical cord blood", "hUCB", "MSCs", "hCT-MSC", "mesenchymal", "stromal",
        "mononuclear", "MNC", "BMMNCs", "CD34+", "CD133", "progenitor", "cellular", "cord tissue",
        "placebo", "sham procedure", "vehicle", "mock injection", "natural-history control", "natural history",
        "wait-list control", "waiting list", "delayed treatment",
        "4/6 HLA-matched", "at least 5 of 6 matched", "5 / 6 match", "12/12", "≥3/6 match", "7 out of 8", "9\tOF\n10 alleles",
        "11 of  12 HLA", "4/6 × 2", "haplo-identical", "allele-level typing", "high resolution",
        "antigen level", "low-resolution", "serological typing",
        "NCT01234567", "ACTRN12345678901234", "ISRCTN12345678", "2022-500001-23-00", "EudraCT 2015-001234-56",
        "2015-001234-56", "ChiCTR2000012345", "jRCTs031190001", "CTRI/2020/01/012345", "IRCT20200101012345N1",
        "KCT0001234", "DRKS00012345", "PACTR202001012345678", "RBR-7abc12", "PER-001-20", "TCTR20200101001",
        "SLCTR/2020/001", "LBCTR2020012345", "ITMCTR2020001", "RPCEC00000123", "NTR1234",
    ]

    /// Every distinct string value and key of the registry fixtures (ClinicalTrials.gov and USDM).
    static func fixtureTexts() throws -> [String] {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        var texts: [String] = []
        func collect(_ value: Any) {
            if let s = value as? String { texts.append(s) }
            else if let a = value as? [Any] { a.forEach(collect) }
            else if let d = value as? [String: Any] { for (k, v) in d { texts.append(k); collect(v) } }
        }
        for folder in ["ctgov", "usdm"] {
            let dir = fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".json") {
                collect(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))))
            }
        }
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }

    /// A text in other cases, and with other than ASCII (where the screen lets every pattern run).
    static func variants(_ text: String) -> [String] {
        [text, text.uppercased(), text.lowercased(), text.capitalized, text + " é", "\u{212A}" + text]
    }

    @Test func whereAPatternMatchesItsWordsAreThere() throws {
        let texts = try Self.fixtureTexts()
        #expect(texts.count > 1000, "the fixtures' texts were not read")
        var matched = Set<String>()
        let checks = Self.checks
        for text in texts + Self.examples.flatMap(Self.variants) {
            let screen = TextScreen(text)
            for check in checks {
                // Every screen is asked of every text (a clue reads any bytes it is given).
                let passes = check.passes(screen)
                guard check.matches(text) else { continue }
                matched.insert(check.name)
                #expect(passes, "\(check.name) matches \(String(reflecting: text)), which its screen (\(check.words)) rules out")
            }
        }
        for check in checks {
            #expect(matched.contains(check.name), "\(check.name) matched no text: add an example it matches")
        }
    }

    @Test func theScreenIgnoresCaseAndLetsOtherThanASCIIThrough() {
        #expect(TextScreen("Given INTRAVENOUSLY").mayContain(["intravenous"]))
        #expect(TextScreen("two doses").mayContain(["single", "doses"]))
        #expect(!TextScreen("125 mg orally").mayContain(["intravenous", "nasal"]))
        #expect(!TextScreen("").mayContain(["x"]))
        // Unicode case folding: the Kelvin sign matches `k` in a case-insensitive pattern.
        #expect("\u{212A}CT0001234".wholeMatch(of: #/^KCT\d{7}$/#.ignoresCase()) != nil)
        #expect(TextScreen("\u{212A}CT0001234").mayContain(["kct"]))
        #expect(TextScreen("x ⊗ y").mayContain(["anything"]))
        // A sign with a stand-in matches no letter: the screen can tell.
        #expect(!TextScreen("x × y").mayContain(["anything"]))
        #expect(RegistryVocabulary.registry(ofID: "\u{212A}CT0001234") == "CRIS")
    }

    @Test func patternsGiveTheSameOnEveryThread() throws {
        let texts = Array(try Self.fixtureTexts().prefix(400)) + Self.examples
        @Sendable func read(_ text: String) -> String {
            let facts = InterventionText.facts([text], cells: true)
            return [facts.dose?.text, facts.route?.value, facts.count.map { String($0.value) }, facts.interval?.value,
                    InterventionText.hla(in: text)?.score, RegistryVocabulary.registry(ofID: text),
                    InterventionText.namesCells(text) ? "cells" : nil].map { $0 ?? "-" }.joined(separator: "|")
        }
        let expected = texts.map(read)
        let results = Mutex<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let mine = texts.map(read)
            results.withLock { $0.append(mine) }
        }
        for found in results.withLock({ $0 }) { #expect(found == expected) }
        #expect(expected.contains { $0.hasPrefix("2 × 10^6 cells/kg|") }, "the examples were not read")
    }

    @Test func patternsAreKeptApartByWhereTheyAreWritten() {
        let a = ScreenedPattern([]) { #/a+/# }, b = ScreenedPattern([]) { #/b+/# }
        #expect("aa".wholeMatch(of: a.regex) != nil && "aa".wholeMatch(of: b.regex) == nil)
        #expect("bb".wholeMatch(of: b.regex) != nil && "bb".wholeMatch(of: a.regex) == nil)
        // Made once: the same pattern again (from the cache) still matches as it did.
        #expect("aaa".wholeMatch(of: a.regex) != nil)
    }

    @Test func anIdIsToldByItsBytesAsThePatternTellsIt() {
        let pattern = #/[A-Za-z0-9][A-Za-z0-9_.-]*/#
        for text in ["arm-1", "Arm_2.b", "x", "", "-x", "_x", "a b", "é", "a\u{301}", "A\u{20DD}", "\u{212A}", "Ａb", "a\r\nb", "a/b", "9"] {
            #expect(ImportText.isIdentifier(text) == (text.wholeMatch(of: pattern) != nil), "\(String(reflecting: text))")
        }
    }

    @Test func countriesAreFoundByNameAndCode() {
        #expect(ImportText.countryCode("United States") == "US")
        #expect(ImportText.countryCode("usa") == "US")
        #expect(ImportText.countryCode("GB") == "GB")
        #expect(ImportText.countryCode("Korea, Republic of") == "KR")
        #expect(ImportText.countryCode("Türkiye") == "TR")
        #expect(ImportText.countryCode("PER") == "PE")
        #expect(ImportText.countryCode("Atlantis") == nil)
    }
}
