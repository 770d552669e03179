import Testing
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14: `equals` / `not_equals` / `in` / `not_in` with another field (`{path: OTHER}`), and
/// `ignore_whitespace`.
@Suite struct FieldEqualityTests {
    static let doc = """
        sponsor: {name: " Acme   Cell\\tTherapies ", code: 7, sites: [Leiden, Ghent], contact: {city: Leiden}}
        applicant: {name: "Acme Cell Therapies", shouted: "ACME CELL THERAPIES", code: 7.0, sites: [Leiden, Ghent], contact: {city: Leiden}}
        other: {name: "Acme Bio", code: "8", sites: [Ghent, Leiden], city: Leiden, nul: ~}
        licence: {sites: [Leiden, " Ghent "], word: Leiden}
        """

    func truth(_ condition: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Truth {
        try EngineFixture.truth(condition, on: Self.doc, sourceLocation: sourceLocation)
    }

    @Test func equalsAnotherField() throws {
        #expect(try truth("{path: applicant.code, equals: {path: sponsor.code}}") == .true)      // 7.0 = 7
        #expect(try truth("{path: applicant.sites, equals: {path: sponsor.sites}}") == .true)    // lists, in order
        #expect(try truth("{path: other.sites, equals: {path: sponsor.sites}}") == .false)
        #expect(try truth("{path: applicant.contact, equals: {path: sponsor.contact}}") == .true)  // maps
        #expect(try truth("{path: other.code, equals: {path: sponsor.code}}") == .false)         // "8" is 8, not 7
        #expect(try truth("{path: applicant.name, equals: {path: other.name}}") == .false)
        #expect(try truth("{path: applicant.name, equals: {path: other.none}}") == .unknown)
        #expect(try truth("{path: applicant.name, equals: {path: other.nul}}") == .unknown)
        #expect(try truth("{path: applicant.name, not_equals: {path: other.name}}") == .true)
        #expect(try truth("{path: applicant.code, not_equals: {path: sponsor.code}}") == .false)
        #expect(try truth("{path: applicant.name, not_equals: {path: other.none}}") == .unknown)
    }

    /// `in: {path: "list[*].field"}`: one of the values a wildcard reaches.
    @Test func inTheValuesAWildcardReaches() throws {
        let doc = "regs: [{outcome: \"GMFM-66 at 12 months.\"}, {outcome: PEDI}, {id: x}]\nall: [{outcome: a}, {outcome: b}]\nm: \"gmfm-66  at 12 months\"\n"
        func truth(_ c: String) throws -> Truth { try EngineFixture.truth(c, on: doc) }
        #expect(try truth("{path: m, in: {path: \"regs[*].outcome\"}, ignore_case: true, ignore_whitespace: true}") == .true)
        #expect(try truth("{path: m, in: {path: \"regs[*].outcome\"}}") == .unknown)      // not found; regs[2] states none
        #expect(try truth("{path: m, in: {path: \"all[*].outcome\"}}") == .false)          // every value stated, none equal
        #expect(try truth("{path: m, not_in: {path: \"all[*].outcome\"}}") == .true)
        #expect(try truth("{path: m, in: {path: \"none[*].outcome\"}}") == .unknown)
        // Other operators still want one value.
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{path: m, equals: {path: \"regs[*].outcome\"}}")).first?
                    .contains("cannot contain [*]") == true)
    }

    @Test func missingOtherIsNamed() throws {
        let r = try EngineFixture.result(check: "{path: applicant.name, equals: {path: other.none}}", on: Self.doc)
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "other.none", reason: .absent)])
        #expect(r.why[0].detail == "the compared path other.none is missing")
        let f = try EngineFixture.result(check: "{path: applicant.name, equals: {path: other.name}}", on: Self.doc)
        #expect(f.status == .fail)
        #expect(f.message == "The rule: applicant.name is \"Acme Cell Therapies\"; expected equals {path: other.name} (compared with other.name = \"Acme Bio\")")
    }

    @Test func ignoreWhitespace() throws {
        #expect(try truth("{path: sponsor.name, equals: {path: applicant.name}}") == .false)
        #expect(try truth("{path: sponsor.name, equals: {path: applicant.name}, ignore_whitespace: true}") == .true)
        #expect(try truth("{path: sponsor.name, equals: {path: applicant.shouted}, ignore_whitespace: true}") == .false)
        #expect(try truth("{path: sponsor.name, equals: {path: applicant.shouted}, ignore_whitespace: true, ignore_case: true}") == .true)
        #expect(try truth("{path: sponsor.name, equals: \"Acme Cell Therapies\", ignore_whitespace: true}") == .true)
        #expect(try truth("{path: sponsor.name, in: [x, \"Acme  Cell Therapies\"], ignore_whitespace: true}") == .true)
        #expect(try truth("{path: sponsor.name, not_in: [\"Acme Cell Therapies\"], ignore_whitespace: true}") == .false)
        #expect(try truth("{path: licence.sites, equals: [Leiden, Ghent], ignore_whitespace: true}") == .true)
        // Whitespace and a sentence's final punctuation; other punctuation still counts.
        #expect(try truth("{path: sponsor.name, equals: \"Acme Cell Therapies.\", ignore_whitespace: true}") == .true)
        #expect(try truth("{path: sponsor.name, equals: \"Acme Cell-Therapies\", ignore_whitespace: true}") == .false)
        #expect(Equality.normalized("values .") == "values")
        #expect(Equality.normalized("  a \t b\n\u{00A0}c  ") == "a b c")
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{path: a, gte: 1, ignore_whitespace: true}"))
                == ["p.yaml:6:49: error: ignore_whitespace has no effect on 'gte'"])
    }

    @Test func inAListOfTheProtocol() throws {
        #expect(try truth("{path: other.city, in: {path: sponsor.sites}}") == .true)
        #expect(try truth("{path: other.name, in: {path: sponsor.sites}}") == .false)
        #expect(try truth("{path: other.name, not_in: {path: sponsor.sites}}") == .true)
        #expect(try truth("{path: other.city, in: {path: licence.none}}") == .unknown)
        #expect(try truth("{path: other.city, in: {path: licence.word}}") == .error)
        #expect(try truth("{path: applicant.contact.city, in: {path: licence.sites}}") == .true)
        let r = try EngineFixture.result(check: "{path: other.city, in: {path: licence.word}}", on: Self.doc)
        #expect(r.message == "cannot evaluate: 'in' needs a list to look in; licence.word is the string \"Leiden\"")
    }

    @Test func aMappingWithAReferenceKeyIsAReference() throws {
        // A literal mapping without reference keys is still a literal.
        #expect(try truth("{path: sponsor.contact, equals: {city: Leiden}}") == .true)
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{path: a, equals: {path: b, city: Leiden}}"))
                == ["p.yaml:6:40: error: unknown key 'city' in a 'path' reference"])
        let catalog = try EngineFixture.catalog(EngineFixture.pack(check: "{path: a, not_equals: {path: b}, ignore_case: true, ignore_whitespace: true}"))
        let check = try #require(catalog.packs[0].rules[0].check)
        #expect(ConditionText.render(check) == "{path: a, not_equals: {path: b}, ignore_case: true, ignore_whitespace: true}")
        #expect(check.readPaths().map { Path.render($0.segments) } == ["a", "b"])
    }
}
