import Testing
@testable import StemCheckModel
@testable import StemCheckEngine
@testable import StemCheckReports

/// A rule's `source: {citation, quote, url}` (issue 15): where the requirement is written and the
/// source's own words, carried into every report that shows a rule's facts.
@Suite struct RuleSourceTests {
    static let source = """
        source:
          citation: "21 CFR 312.7(a)"
          quote: "A sponsor or investigator ... shall not represent in a promotional context that an investigational new drug is safe or effective"
          url: https://www.ecfr.gov/current/title-21/section-312.7
        """

    func report() throws -> Report {
        let extra = Self.source.split(separator: "\n").map(String.init)
        return try EngineFixture.report(rules: EngineFixture.pack(check: "{path: a, equals: 1}", extra: extra), protocol: "a: 2\n")
    }

    @Test func theQuoteReachesTheReports() throws {
        let report = try report()
        let r = report.results[0]
        #expect(r.citation == "21 CFR 312.7(a)")
        #expect(r.url == "https://www.ecfr.gov/current/title-21/section-312.7")
        #expect(r.quote?.hasPrefix("A sponsor or investigator") == true)
        #expect(JSONReporter.render(report).contains("\"quote\": \"A sponsor or investigator"))
        #expect(SARIFReporter.render(report).contains("\"fullDescription\""))
        #expect(HTMLReporter.render(report).contains("The source says"))
    }

    @Test func aCitationMayNotBeGivenTwice() {
        let extra = ["citation: \"21 CFR 312.7\""] + Self.source.split(separator: "\n").map(String.init)
        let errors = EngineFixture.loadErrors(EngineFixture.pack(check: "{path: a, equals: 1}", extra: extra))
        #expect(errors.count == 1)
        #expect(errors.first?.contains("gives 'citation' twice") == true)
    }

    @Test func theSourceIsAMappingOfKnownKeys() {
        let errors = EngineFixture.loadErrors(EngineFixture.pack(check: "{path: a, equals: 1}", extra: ["source: {citation: x, qoute: y}"]))
        #expect(errors.first?.contains("unknown key 'qoute'") == true)
        #expect(errors.first?.contains("did you mean 'quote'") == true)
        let empty = EngineFixture.loadErrors(EngineFixture.pack(check: "{path: a, equals: 1}", extra: ["source: {citation: x, quote: \" \"}"]))
        #expect(empty.first?.contains("source.quote of rule R is empty") == true)
    }
}
