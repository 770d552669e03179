import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 4: a protocol key that no loaded rule and no documented field uses is reported, with a
/// did-you-mean, so typos do not hide data.
@Suite struct UnknownKeyTests {
    static let pack = """
        pack: {id: t, version: "1"}
        rules:
          - id: R
            title: Follow-up and arms
            severity: error
            check:
              all:
                - {path: follow_up.months, gte: 12}
                - {path: custom.blob, exists: true}
                - {for_each: custom.arms, check: {path: label, exists: true}}
        """

    func notes(_ doc: String) throws -> [String] {
        try EngineFixture.report(rules: Self.pack, protocol: doc).notes
    }

    @Test func typoAtTopLevel() throws {
        #expect(try notes("folow_up:\n  months: 24\n")
                == ["unknown key 'folow_up' (did you mean 'follow_up'?) at 1:1: no rule or documented field reads it"])
    }

    @Test func typoNested() throws {
        #expect(try notes("follow_up:\n  monhts: 24\n")
                == ["unknown key 'follow_up.monhts' (did you mean 'months'?) at 2:3: no rule or documented field reads it"])
    }

    @Test func keyWithoutASuggestion() throws {
        #expect(try notes("zzz_internal: 1\n") == ["unknown key 'zzz_internal' at 1:1: no rule or documented field reads it"])
    }

    @Test func keysInsideListItems() throws {
        #expect(try notes("custom:\n  arms:\n    - {label: A}\n    - {lable: B}\n")
                == ["unknown key 'custom.arms[1].lable' (did you mean 'label'?) at 4:8: no rule or documented field reads it"])
    }

    @Test func knownKeysAreSilent() throws {
        // Rule paths, documented fields, anything below a value a rule reads whole, and the
        // attestations and waivers sections.
        let doc = """
            protocol: {id: P-1, title: A trial}
            follow_up: {months: 24}
            custom:
              blob: {anything: [1, 2], goes: here}
            attestations:
              R: {by: someone, date: 2026-01-01}
            waivers: []
            """
        #expect(try notes(doc).filter { $0.hasPrefix("unknown key") } == [])
    }
}
