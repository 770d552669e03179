import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 16: without --profile, the profile follows from the protocol's jurisdictions and
/// condition, as the shipped profiles' `auto:` sections say.
@Suite struct ProfileChooserTests {
    static let chooser = ProfileChooser(catalog: try! RuleCatalog.shipped())
    static let cp = "condition: {name: Spastic cerebral palsy, icd10: G80.1}\n"

    static func choose(_ yaml: String) throws -> ProfileChoice {
        let root = try YAMLLoader().loadDocument(bytes: Array(yaml.utf8), file: "p.yaml").root
        return try #require(chooser.choose(root))
    }

    @Test func aUSCerebralPalsyProtocolGetsTheUSProfile() throws {
        let choice = try Self.choose("jurisdictions: [US]\n" + Self.cp)
        #expect(choice.profile.id == "us-pediatric-cp")
        #expect(choice.reason.contains("jurisdictions [US]") && choice.reason.contains("--profile"))
    }

    @Test func aMemberStateCallsForTheEUProfile() throws {
        #expect(try Self.choose("jurisdictions: [DE]\n" + Self.cp).profile.id == "eu-pediatric-cp")
        #expect(try Self.choose("jurisdictions: [EU, ES]\ncondition: {name: Cerebral Palsy, Dyskinetic}\n").profile.id == "eu-pediatric-cp")
    }

    @Test func severalJurisdictionsGetTheUnionWithTheStricterOverride() throws {
        let choice = try Self.choose("jurisdictions: [US, EU, DE]\n" + Self.cp)
        #expect(choice.profile.id == "us-pediatric-cp+eu-pediatric-cp")
        #expect(choice.profile.include.contains("us-fda") && choice.profile.include.contains("eu"))
        #expect(Set(choice.profile.include).count == choice.profile.include.count)
        #expect(choice.profile.overrides.first { $0.rule == "SPIRIT-DSMB" }?.severity == .error)
        let set = try RuleCatalog.shipped().select(profile: choice.profile)
        #expect(set.packs.map(\.id).contains("cerebral-palsy"))
    }

    @Test func aCountryWithoutAProfileGetsTheInternationalProfile() throws {
        let choice = try Self.choose("jurisdictions: [MX]\n" + Self.cp)
        #expect(choice.profile.id == "intl-pediatric-cp")
        #expect(choice.reason.contains("no profile is written for jurisdictions [MX]"))
    }

    @Test func noJurisdictionIsSaid() throws {
        let choice = try Self.choose(Self.cp)
        #expect(choice.profile.id == "intl-pediatric-cp")
        #expect(choice.reason.contains("lists no jurisdictions"))
    }

    @Test func anotherConditionGetsTheBaselineWithTheNationalPacks() throws {
        let choice = try Self.choose("jurisdictions: [US]\ncondition: {name: Spinal cord injury, icd10: S14.1}\n")
        #expect(choice.profile.id == "isscr-baseline+us-fda")
        #expect(choice.profile.include.last == "us-fda")
        #expect(!choice.profile.include.contains("cerebral-palsy"))
        #expect(choice.profile.overrides.allSatisfy { $0.rule != "CP-GMFCS" })
        #expect(choice.reason.contains("us-fda"))
        let plain = try Self.choose("condition: {name: Knee osteoarthritis}\n")
        #expect(plain.profile.id == "isscr-baseline")
    }

    @Test func anUnknownConditionDoesNotChooseTheCPProfile() throws {
        // A condition that is not stated cannot call for the CP profile: the baseline runs.
        #expect(try Self.choose("jurisdictions: [US]\n").profile.id == "isscr-baseline+us-fda")
    }

    @Test func aProfileFileWithAutoNeedsJurisdictionsOrFallback() throws {
        let text = "profile:\n  id: p\n  include: [isscr-2021]\n  auto: {when: {path: a, exists: true}}\n"
        var reader = NodeReader(bytes: Array(text.utf8), file: "p.yaml")
        let root = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "p.yaml").root
        #expect(reader.profile(root, file: "p.yaml") == nil)
        #expect(reader.diagnostics.first?.message.contains("'auto' needs the jurisdictions") == true)
    }
}
