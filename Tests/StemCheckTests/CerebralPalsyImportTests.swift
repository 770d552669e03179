import Foundation
import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckRun
import YAMLSource

/// The ClinicalTrials.gov import into protocol schema v2 on the cerebral-palsy cell-trial records of
/// `Tests/Fixtures/ctgov` (what each record is, and which of its values are illustrative, is in that
/// folder's README), one test per mapping, plus a golden file of every fixture's import.
@Suite struct CerebralPalsyImportTests {
    /// `<repo>/Tests/Fixtures/ctgov`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ctgov").path

    /// The imported protocol of a fixture, loaded back from the YAML `stemcheck import` writes.
    static func imported(_ name: String) throws -> (protocol: ImportedProtocol, root: YAMLNode) {
        let file = folder + "/" + name + ".json"
        let imported = try ImportFormat.ctgov.importFile(path: file, displayName: name + ".json")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString).yaml").path
        try imported.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (imported, try YAMLLoader().loadDocument(path: path).root)
    }

    static func at(_ root: YAMLNode, _ path: String) -> YAMLNode? {
        guard let segments = FieldPathSegment.parse(path) else { return nil }
        var node: YAMLNode? = root
        for segment in segments {
            switch segment {
            case .key(let key): node = node?[key]
            case .index(let n): node = node?.item(n)
            }
        }
        return node
    }

    /// The written line that holds `text`, for its provenance comment.
    static func line(_ text: String, in yaml: String) -> String? {
        yaml.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }

    // MARK: - (a) partial dates

    @Test func aMonthOnlyStartStaysAMonthAndTheRegistrationDatesAreTheRecords() throws {
        let (imported, root) = try Self.imported("NCT02599207")
        #expect(Self.at(root, "protocol.dates.first_enrolment")?.string == "2015-11")
        #expect(Self.at(root, "registrations[0].first_submitted")?.string == "2015-11-05")
        #expect(Self.at(root, "registrations[0].first_posted")?.string == "2015-11-06")
        #expect(Self.at(root, "protocol.dates.primary_completion")?.string == "2016-10")
        let start = try #require(Self.line("first_enrolment:", in: imported.yaml))
        #expect(start.hasSuffix("  # $.protocolSection.statusModule.startDateStruct.date — month precision, as registered"))
        #expect(!imported.yaml.contains("first day assumed"))

        // The illustrative record: submitted later in its start month.
        let (_, composite) = try Self.imported("NCT00000000-illustrative")
        #expect(Self.at(composite, "protocol.dates.first_enrolment")?.string == "2015-11")
        #expect(Self.at(composite, "registrations[0].first_submitted")?.string == "2015-11-20")
    }

    // MARK: - (b) status and enrolment

    @Test func aWithdrawnTrialHasItsStatusAndAnActualEnrolmentOfNone() throws {
        let (_, root) = try Self.imported("NCT01072370")
        #expect(Self.at(root, "protocol.status")?.string == "withdrawn")
        #expect(Self.at(root, "participants.actual_enrollment")?.int == 0)
        #expect(Self.at(root, "participants.target_enrollment") == nil)
        #expect(Self.at(root, "protocol.dates.first_enrolment")?.string == "2010-01")
        // Its sham comparator arm and sham product.
        #expect(Self.at(root, "design.arms[1].type")?.string == "sham_comparator")
        #expect(Self.at(root, "design.arms[1].comparator")?.string == "sham_procedure")
        #expect(Self.at(root, "design.arms[1].interventions[0].product")?.string == "intravenous-sham")
        #expect(Self.at(root, "products[1].id")?.string == "intravenous-sham")
        #expect(Self.at(root, "products[1].role")?.string == "comparator")
        #expect(Self.at(root, "products[0].type")?.string == "cell")
        #expect(Self.at(root, "products[0].role")?.string == "investigational")
        // An arm typed active comparator is one, whatever it gives.
        #expect(Self.at(root, "design.arms[0].comparator")?.string == "active")
    }

    @Test(arguments: [("NCT02599207", "completed"), ("NCT00000000-illustrative", "terminated"), ("NCT03473301", "completed")])
    func theOverallStatusIsASchemaV2Status(_ name: String, _ status: String) throws {
        #expect(Self.at(try Self.imported(name).root, "protocol.status")?.string == status)
    }

    @Test func aStatusOutsideTheSchemaIsLeftOutWithANote() throws {
        let text = """
            {"protocolSection": {"identificationModule": {"nctId": "NCT00000001"},
             "statusModule": {"overallStatus": "UNKNOWN", "lastKnownStatus": "RECRUITING"}}}
            """
        let document = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "u.json")
        let imported = try ImportFormat.ctgov.importProtocol(document.root, file: "u.json")
        #expect(imported.tree.value(at: "protocol.status") == nil)
        #expect(imported.header.contains("Note: overallStatus UNKNOWN (last known: RECRUITING) at $.protocolSection.statusModule.overallStatus is not a status of the schema; protocol.status is left out"))
        for (raw, v2) in [("NOT_YET_RECRUITING", "not_yet_recruiting"), ("ENROLLING_BY_INVITATION", "enrolling_by_invitation"),
                          ("SUSPENDED", "suspended"), ("ACTIVE_NOT_RECRUITING", "active_not_recruiting")] {
            #expect(CTGovImporter.statusText(raw) == v2)
        }
    }

    @Test func resultsFirstPostedAndActualEnrolment() throws {
        let (_, root) = try Self.imported("NCT03473301")
        #expect(Self.at(root, "protocol.dates.results_first_posted")?.string == "2021-02-17")
        #expect(Self.at(root, "participants.actual_enrollment")?.int == 91)
        #expect(Self.at(root, "protocol.dates.first_enrolment")?.string == "2018-04-10")
    }

    // MARK: - (c) arms, products, interventions

    @Test func twoExperimentalArmsGiveTwoDifferentCellProductsAndANaturalHistoryArmComparesThem() throws {
        let (imported, root) = try Self.imported("NCT03473301")
        #expect(Self.at(root, "products")?.count == 2)
        #expect(Self.at(root, "products[0].id")?.string == "infusion-of-allogeneic-umbilical-cord-blood")
        #expect(Self.at(root, "products[1].id")?.string == "infusion-of-mscs")
        for n in 0..<2 {
            #expect(Self.at(root, "products[\(n)].type")?.string == "cell")
            #expect(Self.at(root, "products[\(n)].role")?.string == "investigational")
            #expect(Self.at(root, "design.arms[\(n)].type")?.string == "experimental")
            #expect(Self.at(root, "design.arms[\(n)].comparator")?.string == "none")
        }
        let cordBlood = "design.arms[0].interventions[0]"
        #expect(Self.at(root, cordBlood + ".product")?.string == "infusion-of-allogeneic-umbilical-cord-blood")
        #expect(Self.at(root, cordBlood + ".route")?.string == "intravenous")
        #expect(Self.at(root, cordBlood + ".dose")?.string == "up to 10 × 10^7 cells/kg")
        #expect(Self.at(root, cordBlood + ".administrations.count")?.int == 1)
        // The registry flattened 10^7 to "107"; the comment says how it was read.
        let dose = try #require(Self.line("dose: \"up to 10", in: imported.yaml))
        #expect(dose.contains("from \"a maximum of 10x107/kg\"; \"10x107\" read as 10 × 10^7: the registry text lost the superscript"))
        let msc = "design.arms[1].interventions[0]"
        #expect(Self.at(root, msc + ".product")?.string == "infusion-of-mscs")
        #expect(Self.at(root, msc + ".dose")?.string == "2 × 10^6 cells/kg")
        #expect(Self.at(root, msc + ".route")?.string == "intravenous")
        #expect(Self.at(root, msc + ".administrations.count")?.int == 3)
        #expect(Self.at(root, msc + ".administrations.interval")?.string == "3 months")
        #expect(Self.at(root, msc + ".administrations.timing")?.string == "baseline, 3 months and 6 months")
        #expect(Self.at(root, msc + ".source_text")?.string?.hasPrefix("Subjects will receive three intravenous infusions of 2x106/kg") == true)
        #expect(Self.at(root, "design.arms[2].comparator")?.string == "natural_history")
        #expect(Self.at(root, "design.arms[2].interventions[0].product")?.string == "infusion-of-allogeneic-umbilical-cord-blood")
        #expect(Self.at(root, "design.arms[2].interventions[0].dose") == nil)
    }

    @Test func theIllustrativeRecordCarriesRangeAndBoundDosesCoTreatmentsPlaceboAndSham() throws {
        let (_, root) = try Self.imported("NCT00000000-illustrative")
        let arms = try #require(Self.at(root, "design.arms")).items
        #expect(arms.map { $0["type"]?.string } == ["experimental", "experimental", "experimental", "placebo_comparator", "sham_comparator"])
        #expect(arms.map { $0["comparator"]?.string } == ["none", "none", "none", "placebo", "sham_procedure"])
        // Range and bound doses, as the schema's dose forms, with the counted population.
        #expect(Self.at(root, "design.arms[0].interventions[0].dose")?.string == "1–5 × 10^7 TNC/kg")
        #expect(Self.at(root, "design.arms[0].interventions[0].dose_population")?.string == "TNC")
        #expect(Self.at(root, "design.arms[1].interventions[0].dose")?.string == "> 3 × 10^7 TNC/kg")
        #expect(Self.at(root, "design.arms[1].interventions[0].dose_population")?.string == "TNC")
        #expect(Self.at(root, "design.arms[2].interventions[0].dose")?.string == "2 × 10^6 cells/kg")
        #expect(Self.at(root, "design.arms[2].interventions[0].route")?.string == "intrathecal")
        #expect(Self.at(root, "design.arms[2].interventions[0].administrations.count")?.int == 2)
        #expect(Self.at(root, "design.arms[2].interventions[0].administrations.interval")?.string == "3 months")
        // The arm's words for each intervention: the cord blood clause, not the EPO one.
        #expect(Self.at(root, "design.arms[1].interventions[0].source_text")?.string?
            .hasPrefix("A single intravenous infusion of 4/6 HLA-matched allogeneic umbilical cord blood, > 3 × 10^7 TNC/kg |") == true)
        #expect(Self.at(root, "design.arms[1].interventions[1].product")?.string == "erythropoietin")
        #expect(Self.at(root, "design.arms[1].interventions[1].route")?.string == "subcutaneous")
        #expect(Self.at(root, "design.arms[1].interventions[1].dose") == nil)

        let products = try #require(Self.at(root, "products")).items
        #expect(products.map { $0["id"]?.string } == ["autologous-umbilical-cord-blood", "allogeneic-umbilical-cord-blood", "umbilical-cord-msc",
                                                      "erythropoietin", "rehabilitation", "placebo-infusion", "sham-lumbar-puncture"])
        #expect(products.map { $0["type"]?.string } == ["cell", "cell", "cell", "drug", "behavioural", "drug", "procedure"])
        #expect(products.map { $0["role"]?.string } == ["investigational", "investigational", "investigational", "co_treatment", "co_treatment",
                                                        "comparator", "comparator"])
        #expect(Self.at(root, "products[1].hla_match.score")?.string == "4/6")
        #expect(Self.at(root, "products[1].hla_match.matched")?.int == 4)
        #expect(Self.at(root, "products[1].hla_match.of")?.int == 6)
        #expect(Self.at(root, "products[1].hla_match.level")?.string == "antigen")
        #expect(Self.at(root, "products[0].hla_match") == nil)
        #expect(Self.at(root, "products[0].source_text")?.string == "BIOLOGICAL: Autologous umbilical cord blood: The child's own cord blood unit, thawed and infused intravenously.")
        // A sham procedure imitates a route: none is read for it.
        #expect(Self.at(root, "design.arms[4].interventions[1].product")?.string == "sham-lumbar-puncture")
        #expect(Self.at(root, "design.arms[4].interventions[1].route") == nil)
        // Every arm gives rehabilitation, by the product's id.
        for arm in arms {
            #expect(arm["interventions"]?.items.contains { $0["product"]?.string == "rehabilitation" } == true)
        }
    }

    @Test func cordBloodWithErythropoietinAndPlaceboComparators() throws {
        let (imported, root) = try Self.imported("NCT01193660")
        #expect(Self.at(root, "design.arms[0].interventions[0].product")?.string == "umbilical-cord-blood-infusion")
        #expect(Self.at(root, "design.arms[0].interventions[0].dose")?.string == "> 3 × 10^7 cells/kg")
        #expect(Self.at(root, "design.arms[0].interventions[0].dose_population")?.string == "TNC")
        #expect(Self.at(root, "design.arms[0].interventions[0].route")?.string == "intravenous")
        // Erythropoietin is given both ways: no route, and the comment says why.
        #expect(Self.at(root, "design.arms[0].interventions[1].product")?.string == "erythropoietin-injection")
        #expect(Self.at(root, "design.arms[0].interventions[1].route") == nil)
        #expect(imported.yaml.contains("interventions[1] — the text names several routes (intravenously, subcutaneously); none imported\n"))
        #expect(Self.at(root, "products[1].role")?.string == "co_treatment")
        #expect(Self.at(root, "products[2].role")?.string == "co_treatment")
        #expect(Self.at(root, "products[3].role")?.string == "comparator")
        #expect(Self.at(root, "products[4].role")?.string == "comparator")
        #expect(Self.at(root, "products[0].hla_match.score")?.string == "4/6")
        #expect(Self.at(root, "design.arms[2].comparator")?.string == "placebo")
        #expect(Self.at(root, "participants.actual_enrollment")?.int == 105)
        #expect(Self.at(root, "protocol.dates.results_first_posted")?.string == "2012-03-01")
        #expect(Self.at(root, "protocol.phase")?.string == "not_applicable")
    }

    @Test func hlaMatchFromASiblingCordBloodRecord() throws {
        let (_, root) = try Self.imported("NCT02599207")
        #expect(Self.at(root, "products[0].hla_match.score")?.string == "3/6")
        #expect(Self.at(root, "products[0].hla_match.matched")?.int == 3)
        #expect(Self.at(root, "products[0].hla_match.of")?.int == 6)
        #expect(Self.at(root, "products[0].hla_match.haploidentical")?.bool == true)
        #expect(Self.at(root, "design.arms[0].interventions[0].administrations.count")?.int == 1)
        #expect(Self.at(root, "design.arms[1].interventions[0].product")?.string == "sibling-umbilical-cord-blood")
    }

    // MARK: - (d) outcomes

    @Test(arguments: [
        ("NCT00000000-illustrative", ["primary", "primary", "secondary", "other"]),
        ("NCT01193660", ["primary", "primary", "secondary"]),
        ("NCT01072370", ["primary", "primary"]),
        ("NCT03473301", ["primary", "secondary"]),
    ])
    func everyPrimaryAndSecondaryOutcomeIsAnOutcome(_ name: String, _ types: [String]) throws {
        let file = Self.folder + "/" + name + ".json"
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let module = try #require((json["protocolSection"] as? [String: Any])?["outcomesModule"] as? [String: Any])
        let source = ["primaryOutcomes", "secondaryOutcomes", "otherOutcomes"].flatMap { (module[$0] as? [[String: Any]]) ?? [] }
        let (imported, root) = try Self.imported(name)
        let outcomes = try #require(Self.at(root, "outcomes")).items
        #expect(outcomes.map { $0["type"]?.string } == types)
        #expect(outcomes.map { $0["measure"]?.string } == source.map { $0["measure"] as? String })
        #expect(outcomes.map { $0["time_frame"]?.string } == source.map { $0["timeFrame"] as? String })
        #expect(outcomes.map { $0["analysis"]?.string } == source.map { $0["description"] as? String })
        let primaries = types.filter { $0 == "primary" }.count
        #expect(Self.at(root, "registrations[0].primary_outcome")?.string == source[0]["measure"] as? String)
        if primaries > 1 {
            #expect(imported.yaml.contains("primaryOutcomes[0].measure — the first of \(primaries) primary outcomes\n"))
        }
    }

    // MARK: - (e) registrations

    @Test func aSecondaryIdOnANZCTRIsAFurtherRegistration() throws {
        let (imported, root) = try Self.imported("NCT03087110")
        let registrations = try #require(Self.at(root, "registrations")).items
        #expect(registrations.count == 3)
        #expect(registrations.map { $0["primary"]?.bool } == [true, false, false])
        #expect(registrations.map { $0["id"]?.string } == ["NCT03087110", "U1111-1179-9253", "ACTRN12616000403437"])
        #expect(registrations.map { $0["registry"]?.string } == ["ClinicalTrials.gov", "other", "ANZCTR"])
        // The WHO Universal Trial Number is not a registry: the id is kept, with a comment.
        #expect(imported.yaml.contains("registry: other  # $.protocolSection.identificationModule.secondaryIdInfos[0].id — not a registry of the schema's vocabulary (a sponsor's, funder's or other number)\n"))
        #expect(Self.at(root, "registrations[0].first_submitted")?.string == "2017-02-26")
        #expect(Self.at(root, "protocol.dates.first_enrolment")?.string == "2016-03")
        #expect(Self.at(root, "products[0].hla_match.score")?.string == "12/12")
        #expect(Self.at(root, "design.arms[0].interventions[0].dose")?.string == "> 1 × 10^7 cells/kg")
        #expect(Self.at(root, "design.arms[0].interventions[0].route")?.string == "intravenous")
    }

    @Test func secondaryIdsMapToTheRegistryVocabulary() throws {
        let (_, root) = try Self.imported("NCT00000000-illustrative")
        let registrations = try #require(Self.at(root, "registrations")).items
        #expect(registrations.map { $0["id"]?.string } == ["NCT00000000", "2015-000000-00", "KCT0000000", "R01 NS000000"])
        #expect(registrations.map { $0["registry"]?.string } == ["ClinicalTrials.gov", "EU CTR", "CRIS", "other"])
        for (id, registry) in [("ACTRN12616000403437", "ANZCTR"), ("ISRCTN12345678", "ISRCTN"), ("ChiCTR2000029308", "ChiCTR"),
                               ("ChiCTR-IOR-17011234", "ChiCTR"), ("jRCTs031180001", "jRCT"), ("CTRI/2019/05/019185", "CTRI"),
                               ("IRCT201706176907N13", "IRCT"), ("KCT0003321", "CRIS"), ("2024-512345-21-00", "EU CTR"),
                               ("DRKS00012345", "DRKS")] {
            #expect(RegistryVocabulary.registry(ofID: id) == registry, "\(id)")
        }
        #expect(RegistryVocabulary.registry(ofID: "U1111-1179-9253") == nil)
        #expect(RegistryVocabulary.registry(ofIssuer: "Australian New Zealand Clinical Trials Registry") == "ANZCTR")
        #expect(RegistryVocabulary.registry(ofIssuer: "Clinical Research Information Service (CRIS), Republic of Korea") == "CRIS")
        #expect(RegistryVocabulary.registry(ofIssuer: "Crisis Foundation") == nil)
    }

    // MARK: - The written YAML

    static let fixtures = ["NCT00000000-illustrative", "NCT01072370", "NCT01193660", "NCT02513394", "NCT02599207", "NCT03087110", "NCT03473301"]

    @Test(arguments: fixtures)
    func theImportReloadsAsTheDocumentCheckUsesAndChecksTheSame(_ name: String) throws {
        let (imported, root) = try Self.imported(name)
        // The written YAML loads back to the document `check` builds from the JSON.
        let built = try imported.document().root
        #expect(RuleValue(root) == RuleValue(built))
        #expect(root.pairs.first?.key.text == "schema_version" && root["schema_version"]?.int == 2)
        // `check` runs on both, with the same results.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cp-\(UUID().uuidString).yaml").path
        try imported.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let checker = ProtocolCheck(reader: ProtocolReader(),
                                    checker: Checker(rules: try RuleCatalog.shipped().select(profile: nil),
                                                     options: CheckOptions(today: 20_000, generatedAt: "2026-01-01T00:00:00Z")))
        let fromJSON = try checker.check(file: InputFile(Self.folder + "/" + name + ".json"))
        let fromYAML = try checker.check(file: InputFile(path))
        #expect(fromJSON.results.map(\.rule) == fromYAML.results.map(\.rule))
        #expect(fromJSON.results.map(\.status) == fromYAML.results.map(\.status))
        // Until the shipped schema is v2, its additions are the only keys `check` does not know.
        let unknown = fromYAML.notes.filter { $0.hasPrefix("unknown key") }.filter { note in
            !["'schema_version'", "'registrations'", "'products'", "'outcomes'", "'participants.actual_enrollment'",
              "'protocol.dates.results_first_posted'"].contains { note.hasPrefix("unknown key " + $0) }
                && note.firstMatch(of: #/^unknown key 'design\.arms\[\d+\]\.(?:id|comparator|interventions)'/#) == nil
        }
        #expect(unknown.isEmpty, "\(unknown)")
    }

    /// Golden files of the imports (`Golden/import/NAME.yaml`), for the schema v2 validation wired
    /// after the merge. `STEMCHECK_RECORD=1` rewrites them (and fails on purpose); read each one
    /// before committing it.
    @Test(arguments: fixtures)
    func theImportMatchesItsGolden(_ name: String) throws {
        let imported = try ImportFormat.ctgov.importFile(path: Self.folder + "/" + name + ".json", displayName: name + ".json")
        try ImportGolden.compare(imported.yaml, name: name)
    }

    @Test(arguments: ["CDISC_Pilot_Study", "EliLilly_NCT03421379_Diabetes"])
    func theUSDMImportMatchesItsGolden(_ name: String) throws {
        let folder = URL(fileURLWithPath: Self.folder).deletingLastPathComponent().appendingPathComponent("usdm").path
        let imported = try ImportFormat.usdm.importFile(path: folder + "/" + name + ".json", displayName: name + ".json")
        try ImportGolden.compare(imported.yaml, name: name)
    }

    // MARK: - Registry record on a v2 protocol

    @Test func theRegistryGraftReadsTheV2PrimaryOutcomesAndRegistrations() throws {
        let record = try RegistryRecord.load(path: Self.folder + "/NCT03087110.json")
        let protocolText = """
            schema_version: 2
            protocol:
              dates:
                first_enrolment: 2017-04-01
            registrations:
              - {registry: ANZCTR, id: ACTRN12616000403437, primary: false}
              - {registry: ClinicalTrials.gov, id: NCT03087110, primary: true}
            participants:
              age_min_years: 1
              age_max_years: 16
            outcomes:
              - {type: secondary, measure: Preliminary analysis of change in gross motor function}
              - {type: primary, measure: "Number of participants with abnormal clinical assessment and/or laboratory values."}
            """
        let checker = ProtocolCheck(reader: ProtocolReader(registryRecord: record),
                                    checker: Checker(rules: try RuleCatalog.shipped().select(profile: nil),
                                                     options: CheckOptions(today: 20_000, generatedAt: "2026-01-01T00:00:00Z")))
        let report = try checker.check(bytes: Array(protocolText.utf8), name: "p.yaml")
        let outcome = try #require(report.results.first { $0.rule == "REGISTRY-PRIMARY-OUTCOME-MATCHES" })
        #expect(outcome.status == .pass)
        // Located at the protocol's (first) primary outcome.
        #expect(outcome.location == Location(line: 13, column: 30))
        #expect(!report.notes.contains { $0.contains("is not compared with a registration id") })

        let switched = protocolText.replacingOccurrences(of: "type: primary, measure: \"Number", with: "type: primary, measure: \"Count")
        let report2 = try checker.check(bytes: Array(switched.utf8), name: "p.yaml")
        #expect(report2.results.first { $0.rule == "REGISTRY-PRIMARY-OUTCOME-MATCHES" }?.status == .fail)

        // The record's id is looked for among registrations[*].id.
        let other = protocolText.replacingOccurrences(of: "id: NCT03087110", with: "id: NCT09999999")
        let error = try #require(throws: InputError.self) { try checker.check(bytes: Array(other.utf8), name: "p.yaml") }
        #expect(error.description.hasPrefix("p.yaml:7:40: error: registrations[1].id is NCT09999999, but the registry record"), "\(error)")
        // A v2 protocol without registrations is told to add registrations[0].id.
        let none = "schema_version: 2\nprotocol: {id: X}\n"
        let report3 = try checker.check(bytes: Array(none.utf8), name: "p.yaml")
        #expect(report3.notes.contains { $0.hasSuffix("the protocol states none; add registrations[0].id to have it checked") })
    }

    @Test func aCTGovRecordCheckedWithItsOwnRecordMatchesItsPrimaryOutcome() throws {
        let file = Self.folder + "/NCT03087110.json"
        let record = try RegistryRecord.load(path: file)
        let document = try ProtocolReader(registryRecord: record).read(InputFile(file))
        let rules = try RuleCatalog.shipped().packs.flatMap(\.rules)
        let outcome = RuleEvaluator().evaluate(try #require(rules.first { $0.id == "REGISTRY-PRIMARY-OUTCOME-MATCHES" }), root: document.root)
        #expect(outcome.status == .pass, "\(outcome.message)")
        #expect(document.notes.isEmpty)
    }
}

/// Golden files of imported YAML: `Tests/StemCheckTests/Golden/import/NAME.yaml`, the tool's
/// version replaced by `<version>`.
enum ImportGolden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/import")
    static let recording = ProcessInfo.processInfo.environment["STEMCHECK_RECORD"] == "1"

    static func compare(_ yaml: String, name: String) throws {
        let text = yaml.replacingOccurrences(of: "Imported by stemcheck \(ToolInfo.version) from", with: "Imported by stemcheck <version> from")
        let file = directory.appendingPathComponent(name + ".yaml")
        if recording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            Issue.record("recorded \(file.lastPathComponent); unset STEMCHECK_RECORD and run the tests again")
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("missing golden \(file.lastPathComponent); run with STEMCHECK_RECORD=1 to create it")
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
        Issue.record("""
            \(file.lastPathComponent) differs at line \(line + 1)
              expected: \(line < want.count ? String(want[line]) : "<end>")
              imported: \(line < got.count ? String(got[line]) : "<end>")
            run with STEMCHECK_RECORD=1 to update after checking the change is intended
            """)
    }
}
