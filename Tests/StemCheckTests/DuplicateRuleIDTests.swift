import Testing
@testable import StemCheckModel
@testable import StemCheckEngine

/// A rule id used twice is reported at the later definition, naming the earlier one, even when
/// either definition (or its pack) has errors of its own and so does not load.
@Suite struct DuplicateRuleIDTests {
    static let good = "{id: R1, title: T, severity: error, check: {path: a, exists: true}}"
    static let broken = "{id: R1, title: T, severity: fatal, check: {path: a, exists: true}}"

    static func pack(_ id: String, _ rules: [String]) -> String {
        "pack: {id: \(id), version: \"1\"}\nrules:\n" + rules.map { "  - " + $0 + "\n" }.joined()
    }

    @Test func theFirstDefinitionHasAnotherError() {
        let errors = EngineFixture.loadErrors([("t.yaml", Self.pack("t", [Self.broken])), ("u.yaml", Self.pack("u", [Self.good]))])
        #expect(errors == [
            "t.yaml:3:34: error: severity 'fatal' must be error, warning or info",
            "u.yaml:3:5: error: rule id 'R1' is already used at t.yaml:3:5",
        ])
    }

    @Test func theSecondDefinitionHasAnotherError() {
        let errors = EngineFixture.loadErrors([("t.yaml", Self.pack("t", [Self.good])), ("u.yaml", Self.pack("u", [Self.broken]))])
        #expect(errors == [
            "u.yaml:3:5: error: rule id 'R1' is already used at t.yaml:3:5",
            "u.yaml:3:34: error: severity 'fatal' must be error, warning or info",
        ])
    }

    @Test func withinOnePackWhoseOtherRuleIsBroken() {
        let errors = EngineFixture.loadErrors(Self.pack("t", [Self.broken, "{id: R2, title: T, severity: error}", Self.good]))
        #expect(errors.contains("p.yaml:5:5: error: rule id 'R1' is already used at p.yaml:3:5"), "\(errors)")
        #expect(errors.contains("p.yaml:3:34: error: severity 'fatal' must be error, warning or info"), "\(errors)")
    }

    @Test func theDiagnosticShowsTheLineAndAHint() throws {
        let error = try #require(throws: InputError.self) {
            try EngineFixture.catalog([("t.yaml", Self.pack("t", [Self.broken])), ("u.yaml", Self.pack("u", [Self.good]))])
        }
        let duplicate = try #require(error.diagnostics.first { $0.message.hasPrefix("rule id 'R1'") })
        #expect(duplicate.description == """
            u.yaml:3:5: error: rule id 'R1' is already used at t.yaml:3:5
              - {id: R1, title: T, severity: error, check: {path: a, exists: true}}
                ^
              hint: rule ids must be unique across all loaded packs
            """)
    }
}
