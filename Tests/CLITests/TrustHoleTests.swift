import Foundation
import Testing

/// Issue 13: a registry record of another trial, the registry pack under a profile, `--jobs` below 1.
@Suite(.serialized) struct TrustHoleTests {
    /// `<repo>/Tests/Fixtures/ctgov/NCT02513394.json` ("nctId" at line 4, its value at column 16).
    static let record = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ctgov/NCT02513394.json").path

    /// A protocol whose first enrolment predates the record's first submission (2015-07-29), with
    /// `registration` lines inserted.
    static func protocolText(_ registration: String) -> String {
        """
        protocol:
          id: AFT-05
          dates:
            first_enrolment: 2015-07-01
        \(registration)
        participants:
          age_min_years: 18
        """
    }

    func check(_ s: Scratch, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["check"] + arguments, in: s.url)
    }

    @Test func aRecordOfAnotherTrialIsAnInputError() throws {
        let s = try Scratch()
        try s.write("p.yaml", Self.protocolText("registration:\n  registry: ClinicalTrials.gov\n  id: NCT01234567"))
        let r = try check(s, ["p.yaml", "--registry-record", Self.record, "--format", "json", "--detail", "full", "--format", "text", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == """
            p.yaml:7:7: error: registration.id is NCT01234567, but the registry record \(Self.record) is for NCT02513394 (protocolSection.identificationModule.nctId at \(Self.record):4:16)
              id: NCT01234567
                  ^
              hint: give this protocol's own record (https://clinicaltrials.gov/api/v2/studies/NCT01234567), or correct registration.id

            """, "\(r.stderr)")
        #expect(s.list("out").isEmpty)
    }

    @Test func aProtocolRegisteredElsewhereOnlyIsRefusedWithAHint() throws {
        let s = try Scratch()
        try s.write("p.yaml", Self.protocolText("registration:\n  registry: ISRCTN\n  id: ISRCTN12345678"))
        let r = try check(s, ["p.yaml", "--registry-record", Self.record])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("p.yaml:7:7: error: registration.id is ISRCTN12345678, but the registry record \(Self.record) is for NCT02513394"), "\(r.stderr)")
        #expect(r.stderr.contains("  hint: give this protocol's own record; if the trial is also registered as NCT02513394, " +
                                  "add it to registration.secondary_ids as {registry: ClinicalTrials.gov, id: NCT02513394}\n"), "\(r.stderr)")
    }

    @Test func aMatchingPrimaryOrSecondaryIdIsAccepted() throws {
        let s = try Scratch()
        try s.write("primary.yaml", Self.protocolText("registration:\n  registry: ClinicalTrials.gov\n  id: NCT02513394"))
        try s.write("secondary.yaml", Self.protocolText("""
            registration:
              registry: ISRCTN
              id: ISRCTN12345678
              secondary_ids:
                - {registry: EU CTR, id: 2015-512345-21-00}
                - {registry: ClinicalTrials.gov, id: nct02513394}
            """))
        for name in ["primary.yaml", "secondary.yaml"] {
            let r = try check(s, [name, "--registry-record", Self.record])
            #expect(r.status == 1, "\(r.stderr)")
            #expect(r.stdout.contains("\(name):4:22: error: REGISTRY-REGISTERED-BEFORE-ENROLMENT"), "\(r.stdout)")
            #expect(!r.stdout.contains("is not compared with a registration id"))
        }
    }

    @Test func aSecondaryClinicalTrialsGovIdThatDiffersIsTheOneShown() throws {
        let s = try Scratch()
        try s.write("p.yaml", Self.protocolText("""
            registration:
              registry: EU CTR
              id: 2015-512345-21-00
              secondary_ids:
                - {registry: ClinicalTrials.gov, id: NCT09999999}
            """))
        let r = try check(s, ["p.yaml", "--registry-record", Self.record])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("p.yaml:9:42: error: registration.secondary_ids[0].id is NCT09999999, but the registry record"), "\(r.stderr)")
    }

    @Test func aProtocolWithoutRegistrationIdIsCheckedAndTheRecordIdNoted() throws {
        let s = try Scratch()
        try s.write("p.yaml", Self.protocolText(""))
        let r = try check(s, ["p.yaml", "--registry-record", Self.record])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(r.stdout.contains("note: registry record NCT02513394 (\(Self.record):4:16) is not compared with a registration id: " +
                                  "the protocol states none; add registration.id to have it checked"), "\(r.stdout)")
    }

    @Test func aProfilePlusARecordRunsTheRegistryPack() throws {
        let s = try Scratch()
        try s.write("p.yaml", Self.protocolText("registration:\n  registry: ClinicalTrials.gov\n  id: NCT02513394"))
        let withRecord = try check(s, ["p.yaml", "--profile", "isscr-baseline", "--registry-record", Self.record,
                                       "--format", "json", "--detail", "full", "--format", "text", "--output", "out"])
        #expect(withRecord.stdout.contains("p.yaml:4:22: error: REGISTRY-REGISTERED-BEFORE-ENROLMENT"), "\(withRecord.stdout)")
        let report = try s.json("out/p.json")
        #expect(report["profile"] as? String == "isscr-baseline")
        let packs = (report["rule_packs"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(packs.last == "registry", "\(packs)")
        let statuses = try s.statuses("out/p.json")
        #expect(statuses["REGISTRY-REGISTERED-BEFORE-ENROLMENT"] == "fail")
        #expect(statuses["REGISTRY-MINIMUM-AGE-MATCHES"] == "pass")
        #expect(statuses.keys.contains { $0.hasPrefix("ISSCR-") })

        // Without the record the profile's selection is unchanged.
        let plain = try check(s, ["p.yaml", "--profile", "isscr-baseline", "--format", "json", "--detail", "full", "--output", "plain"])
        #expect(plain.status != 2, "\(plain.stderr)")
        #expect(try s.statuses("plain/p.json").keys.allSatisfy { !$0.hasPrefix("REGISTRY-") })

        // A profile that already includes the pack runs it once; rules without a registry pack are left alone.
        try s.write("prof.yaml", "profile:\n  id: mine\n  include: [spirit-2013, registry]\n")
        let own = try check(s, ["p.yaml", "--profile", "prof.yaml", "--registry-record", Self.record, "--format", "json", "--detail", "full", "--output", "own"])
        #expect(own.status == 1, "\(own.stderr)")
        #expect(try s.statuses("own/p.json")["REGISTRY-REGISTERED-BEFORE-ENROLMENT"] == "fail")
        try s.write("rules/one.yaml", "pack: {id: one, version: \"1\"}\nrules:\n  - {id: ONE, title: T, severity: error, check: {path: protocol.id, exists: true}}\n")
        try s.write("rules/profiles/p1.yaml", "profile:\n  id: p1\n  include: [one]\n")
        let custom = try check(s, ["p.yaml", "--rules", "rules", "--profile", "p1", "--registry-record", Self.record])
        #expect(custom.status == 0, "\(custom.stderr)")
    }

    @Test(arguments: [["--jobs", "-1"], ["--jobs", "0"], ["--jobs=-1"], ["--jobs", "-5"]])
    func jobsBelowOneIsAUsageError(_ option: [String]) throws {
        let s = try Scratch()
        try s.write("p.yaml", "protocol: {id: X}\n")
        let r = try check(s, ["p.yaml"] + option)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--jobs must be at least 1"), "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(!s.exists("reports"))
    }
}
