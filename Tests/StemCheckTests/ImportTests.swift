import Foundation
import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun
import YAMLSource

/// A fixture folder (`<repo>/Tests/Fixtures/SUB`), or nil with a recorded issue.
private func importFixture(_ sub: String) -> String? {
    // <repo>/Tests/StemCheckTests/ImportTests.swift → <repo>/Tests/Fixtures/SUB
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let folder = tests.appendingPathComponent("Fixtures").appendingPathComponent(sub).path
    guard FileManager.default.fileExists(atPath: folder) else {
        Issue.record("fixture folder \(folder) is missing: it ships with the repository; nothing was checked")
        return nil
    }
    return folder
}

/// The JSON file parsed independently of stemcheck (Foundation), to compare imported values with.
private func importJSONFixture(_ path: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
}

/// Walks `a.b[0].c` through Foundation JSON.
private func importJSONValue(_ root: Any, _ path: String) -> Any? {
    var node: Any? = root
    for part in path.split(separator: ".") {
        var key = Substring(part)
        var indexes: [Int] = []
        while let open = key.lastIndex(of: "["), key.hasSuffix("]") {
            indexes.insert(Int(key[key.index(after: open)..<key.index(before: key.endIndex)])!, at: 0)
            key = key[..<open]
        }
        node = (node as? [String: Any])?[String(key)]
        for i in indexes { node = (node as? [Any]).flatMap { i < $0.count ? $0[i] : nil } }
    }
    return node
}

/// Writes the imported YAML to a temporary file and loads it back with the YAML loader.
private func importReload(_ imported: ImportedProtocol) throws -> YAMLNode {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).yaml").path
    try imported.yaml.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try YAMLLoader().loadDocument(path: path).root
}

private func importAt(_ root: YAMLNode, _ path: String) -> YAMLNode? {
    var node: YAMLNode? = root
    for part in path.split(separator: ".") {
        var key = Substring(part)
        var index: Int?
        if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
            index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)])
            key = key[..<open]
        }
        node = node?[String(key)]
        if let index { node = node?.item(index) }
    }
    return node
}

private func importChecker(_ rules: RuleCatalog? = nil, record: RegistryRecord? = nil, migratesSchemaV1: Bool = true) throws -> ProtocolCheck {
    let catalog = try rules ?? RuleCatalog.shipped()
    return ProtocolCheck(reader: ProtocolReader(registryRecord: record, migratesSchemaV1: migratesSchemaV1),
                         checker: Checker(rules: try catalog.select(profile: nil),
                                          options: CheckOptions(today: 20_000, generatedAt: "2026-01-01T00:00:00Z")))
}

/// Each rule's statuses (a rule such as SCHEMA has a result per problem), in report order.
private func importStatuses(_ report: Report) -> [String: [Status]] {
    Dictionary(grouping: report.results, by: \.rule).mapValues { $0.map(\.status) }
}

/// The keys protocol schema v2 adds (/work/notes/schema-v2.md): until the shipped schema is v2,
/// `check` reports them as unknown keys, and only them.
private let schemaV2Additions = ["schema_version", "registrations", "products", "outcomes", "participants.actual_enrollment",
                                 "protocol.dates.results_first_posted"]

/// Unknown-key notes about anything but a schema v2 addition.
private func importUnknownKeysBeyondV2(_ notes: [String]) -> [String] {
    notes.filter { note in
        guard note.hasPrefix("unknown key '"), let end = note.dropFirst(13).firstIndex(of: "'") else { return false }
        let path = String(note.dropFirst(13)[..<end])
        if schemaV2Additions.contains(path) { return false }
        if path.wholeMatch(of: #/design\.arms\[\d+\]\.(?:id|comparator|interventions)/#) != nil { return false }
        return true
    }
}

private func importCheck(_ checker: ProtocolCheck, file path: String) throws -> Report {
    try checker.check(file: InputFile(path))
}

@Suite struct CTGovImportTests {
    @Test func importsTheSharedRecordFieldByField() throws {
        guard let folder = importFixture("ctgov") else { return }
        let file = folder + "/NCT02513394.json"
        let json = try importJSONFixture(file)
        let p = try #require(json["protocolSection"])
        let imported = try ImportFormat.ctgov.importFile(path: file)
        let root = try importReload(imported)

        #expect(importAt(root, "schema_version")?.int == 2)
        #expect(root.pairs.first?.key.text == "schema_version")
        #expect(importAt(root, "registrations[0].id")?.string == importJSONValue(p, "identificationModule.nctId") as? String)
        #expect(importAt(root, "registrations[0].id")?.string == "NCT02513394")
        #expect(importAt(root, "registrations[0].registry")?.string == "ClinicalTrials.gov")
        #expect(importAt(root, "registrations[0].primary")?.bool == true)
        #expect(importAt(root, "registrations[0].first_submitted")?.string == importJSONValue(p, "statusModule.studyFirstSubmitDate") as? String)
        #expect(importAt(root, "registrations[0].first_posted")?.string == "2015-07-31")
        // Secondary ids: a EudraCT number is EU CTR; sponsor codes keep their id, with no registry.
        #expect(importAt(root, "registrations")?.count == 4)
        #expect(importAt(root, "registrations[1].id")?.string == "ABCSG 42")
        #expect(importAt(root, "registrations[1].registry")?.string == "other")
        #expect(importAt(root, "registrations[1].primary")?.bool == false)
        #expect(importAt(root, "registrations[3].id")?.string == "2014-005181-30")
        #expect(importAt(root, "registrations[3].registry")?.string == "EU CTR")
        #expect(importAt(root, "protocol.status")?.string == "active_not_recruiting")
        #expect(importAt(root, "protocol.dates.results_first_posted")?.string == "2022-04-13")
        #expect(importAt(root, "protocol.id")?.string == importJSONValue(p, "identificationModule.orgStudyIdInfo.id") as? String)
        #expect(importAt(root, "protocol.title")?.string == importJSONValue(p, "identificationModule.officialTitle") as? String)
        #expect(importAt(root, "protocol.phase")?.string == "3")
        #expect((importJSONValue(p, "designModule.phases") as? [String]) == ["PHASE3"])
        #expect(importAt(root, "protocol.sponsor.name")?.string == importJSONValue(p, "sponsorCollaboratorsModule.leadSponsor.name") as? String)
        // A partial date stays partial.
        #expect(importAt(root, "protocol.dates.first_enrolment")?.string == "2015-08")
        #expect(importJSONValue(p, "statusModule.startDateStruct.date") as? String == "2015-08")
        // An ACTUAL enrolment is the actual one, not the target.
        #expect(importAt(root, "participants.actual_enrollment")?.int == importJSONValue(p, "designModule.enrollmentInfo.count") as? Int)
        #expect(importAt(root, "participants.target_enrollment") == nil)
        #expect(importAt(root, "participants.age_min_years")?.int == 18)
        #expect(importJSONValue(p, "eligibilityModule.minimumAge") as? String == "18 Years")
        #expect(importAt(root, "participants.age_max_years") == nil)
        #expect(importAt(root, "participants.sex")?.string == "all")
        #expect(importAt(root, "participants.healthy_volunteers")?.bool == false)
        #expect(importAt(root, "design.type")?.string == "interventional")
        #expect(importAt(root, "design.model")?.string == "parallel")
        #expect(importAt(root, "design.randomized")?.bool == true)
        #expect(importAt(root, "design.blinding")?.string == "none")
        #expect(importAt(root, "safety.dsmb")?.kind == .mapping)
        #expect(importAt(root, "condition.name")?.string == "Breast Cancer")

        let arms = try #require(importJSONValue(p, "armsInterventionsModule.armGroups") as? [[String: Any]])
        #expect(importAt(root, "design.arms")?.count == arms.count)
        for (n, arm) in arms.enumerated() {
            #expect(importAt(root, "design.arms[\(n)].name")?.string == arm["label"] as? String)
            #expect(importAt(root, "design.arms[\(n)].type")?.string == (arm["type"] as? String)?.lowercased())
            #expect(importAt(root, "design.arms[\(n)].description")?.string == arm["description"] as? String)
        }
        #expect(importAt(root, "outcomes[0].type")?.string == "primary")
        #expect(importAt(root, "outcomes[0].measure")?.string == importJSONValue(p, "outcomesModule.primaryOutcomes[0].measure") as? String)
        #expect(importAt(root, "outcomes[0].time_frame")?.string == importJSONValue(p, "outcomesModule.primaryOutcomes[0].timeFrame") as? String)
        #expect(importAt(root, "outcomes[0].analysis")?.string == importJSONValue(p, "outcomesModule.primaryOutcomes[0].description") as? String)
        let secondary = try #require(importJSONValue(p, "outcomesModule.secondaryOutcomes") as? [[String: Any]])
        #expect(importAt(root, "outcomes")?.count == 1 + secondary.count)
        for (n, outcome) in secondary.enumerated() {
            #expect(importAt(root, "outcomes[\(n + 1)].type")?.string == "secondary")
            #expect(importAt(root, "outcomes[\(n + 1)].measure")?.string == outcome["measure"] as? String)
            #expect(importAt(root, "outcomes[\(n + 1)].time_frame")?.string == outcome["timeFrame"] as? String)
        }
        #expect(importAt(root, "design.primary_endpoint") == nil && importAt(root, "design.secondary_endpoints") == nil)

        let criteria = try #require(importJSONValue(p, "eligibilityModule.eligibilityCriteria") as? String)
        let inclusion = try #require(importAt(root, "participants.inclusion"))
        #expect(inclusion.item(0)?.string == "Signed informed consent prior to study specific procedures.")
        for item in inclusion.items + (importAt(root, "participants.exclusion")?.items ?? []) {
            #expect(criteria.contains(item.string!), "criterion not in the source text: \(item.string!)")
        }
        #expect((importAt(root, "participants.exclusion")?.count ?? 0) > 5)
        let sites = try #require(importJSONValue(p, "contactsLocationsModule.locations") as? [[String: Any]])
        #expect(importAt(root, "participants.sites")?.count == sites.count)
        #expect(importAt(root, "participants.sites[0].name")?.string == sites[0]["facility"] as? String)
        #expect(importAt(root, "participants.sites[0].country")?.string == "US")
        let jurisdictions = try #require(importAt(root, "jurisdictions")).items.compactMap(\.string)
        #expect(jurisdictions.contains("US") && jurisdictions.contains("EU") && jurisdictions.contains("ES") && jurisdictions.contains("GB"))
        #expect(importAt(root, "products[0].name")?.string == "Palbociclib")
        #expect(importAt(root, "products[0].role")?.string == "investigational")
        #expect(importAt(root, "products[1].role")?.string == "co_treatment")
        #expect(importAt(root, "design.arms[0].interventions[0].product")?.string == importAt(root, "products[0].id")?.string)
        #expect(importAt(root, "design.arms[1].interventions[0].product")?.string == importAt(root, "products[1].id")?.string)
        for v1 in ["registration", "product", "administration"] { #expect(importAt(root, v1) == nil, "\(v1)") }
    }

    @Test func everyValueNamesItsSourceField() throws {
        guard let folder = importFixture("ctgov") else { return }
        let imported = try ImportFormat.ctgov.importFile(path: folder + "/NCT02513394.json")
        #expect(imported.yaml.contains("id: NCT02513394  # $.protocolSection.identificationModule.nctId\n"))
        #expect(imported.yaml.contains("actual_enrollment: 5796  # $.protocolSection.designModule.enrollmentInfo.count"))
        #expect(imported.yaml.hasPrefix("# Imported by stemcheck"))
        #expect(imported.yaml.contains("\nschema_version: 2  # the protocol schema this file is written in\n"))
        #expect(imported.yaml.contains("# Left to fill:"))
        #expect(imported.yaml.contains("#   products: description, cell_type"))
        #expect(!imported.yaml.contains("#   product:") && !imported.yaml.contains("#   registration:"))
        #expect(imported.yaml.contains("release_tests"))
        #expect(imported.yaml.contains("donor"))
        // Every value line carries a provenance comment.
        let body = imported.yaml.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        for line in body where line.contains(": ") && !line.hasSuffix(":") && !line.hasPrefix("schema_version:") {
            #expect(line.contains("  # $."), "no provenance: \(line)")
        }
    }

    @Test func checkingTheJSONGivesTheSameStatusesAsCheckingTheImportedYAML() throws {
        guard let folder = importFixture("ctgov") else { return }
        let file = folder + "/NCT02513394.json"
        let imported = try ImportFormat.ctgov.importFile(path: file)
        let yamlPath = FileManager.default.temporaryDirectory.appendingPathComponent("ctgov-\(UUID().uuidString).yaml").path
        try imported.yaml.write(toFile: yamlPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: yamlPath) }
        let c = try importChecker()
        let fromJSON = try importCheck(c, file: file)
        let fromYAML = try importCheck(c, file: yamlPath)
        #expect(importStatuses(fromJSON) == importStatuses(fromYAML))
        #expect(fromJSON.summary.fail == fromYAML.summary.fail && fromJSON.summary.pass == fromYAML.summary.pass)
        #expect(fromJSON.protocolInfo.id == "AFT-05")
        #expect(importUnknownKeysBeyondV2(fromJSON.notes).isEmpty, "\(fromJSON.notes)")
    }

    @Test func aFailingResultPointsAtTheLineOfTheJSON() throws {
        guard let folder = importFixture("ctgov") else { return }
        let file = folder + "/NCT02513394.json"
        let c = try importChecker(try importTestRules())
        let report = try importCheck(c, file: file)
        let age = try #require(report.results.first { $0.rule == "T-ADULTS-FROM-21" })
        #expect(age.status == .fail)
        // "minimumAge": "18 Years" is on line 187 of the record.
        #expect(age.location?.line == 187)
        #expect(importLine(of: "\"minimumAge\": \"18 Years\"", in: file) == 187)
        #expect(age.why.first?.location?.line == 187)
        #expect(age.why.first?.location?.file == file)
        let phase = try #require(report.results.first { $0.rule == "T-PHASE-1" })
        #expect(phase.status == .fail)
        #expect(phase.location?.line == importLine(of: "\"phases\": [", in: file))
        let missing = try #require(report.results.first { $0.rule == "T-PRODUCT-CELL-TYPE" })
        #expect(missing.status == .unknown)
        // A missing field points at the nearest existing parent's source: the product, at its first key
        // (`id`, made from the intervention's name).
        #expect(missing.location?.line == importLine(of: "\"name\": \"Palbociclib\"", in: file))
    }

    @Test func registryRecordChecksCompareTheProtocolWithItsRecord() throws {
        guard let folder = importFixture("ctgov") else { return }
        let record = try RegistryRecord.load(path: folder + "/NCT02513394.json")
        #expect(record.tree["first_submitted"].map { if case .string(let s) = $0.content { return s } else { return "" } } == "2015-07-29")
        let protocolText = """
            protocol:
              id: AFT-05
              dates:
                first_enrolment: 2015-07-01
            participants:
              age_min_years: 18
            design:
              primary_endpoint:
                name: "invasive disease free survival  (iDFS)."
            """
        let c = try importChecker(record: record)
        let report = try c.check(bytes: Array(protocolText.utf8), name: "p.yaml")
        let byRule = Dictionary(uniqueKeysWithValues: report.results.map { ($0.rule, $0) })
        let enrolment = try #require(byRule["REGISTRY-REGISTERED-BEFORE-ENROLMENT"])
        #expect(enrolment.status == .fail)
        #expect(enrolment.location == Location(line: 4, column: 22))
        #expect(byRule["REGISTRY-MINIMUM-AGE-MATCHES"]?.status == .pass)
        #expect(byRule["REGISTRY-MAXIMUM-AGE-MATCHES"]?.status == .pass)
        #expect(byRule["REGISTRY-PRIMARY-OUTCOME-MATCHES"]?.status == .pass)
        #expect(byRule["REGISTRY-START-NOT-BEFORE-SUBMISSION"]?.status == .pass)

        let switched = protocolText.replacingOccurrences(of: "invasive disease free survival  (iDFS).", with: "Overall survival")
            .replacingOccurrences(of: "age_min_years: 18", with: "age_min_years: 16")
        let report2 = try c.check(bytes: Array(switched.utf8), name: "p.yaml")
        let byRule2 = Dictionary(uniqueKeysWithValues: report2.results.map { ($0.rule, $0) })
        #expect(byRule2["REGISTRY-PRIMARY-OUTCOME-MATCHES"]?.status == .fail)
        #expect(byRule2["REGISTRY-PRIMARY-OUTCOME-MATCHES"]?.location?.line == 9)
        #expect(byRule2["REGISTRY-MINIMUM-AGE-MATCHES"]?.status == .fail)
        #expect(byRule2["REGISTRY-MINIMUM-AGE-MATCHES"]?.location == Location(line: 6, column: 18))

        // Without a record, the registry pack does not apply.
        let plain = try importChecker().check(bytes: Array(protocolText.utf8), name: "p.yaml")
        #expect(plain.results.filter { $0.pack == "registry" }.allSatisfy { $0.status == .notApplicable })
    }

    @Test func aRecordWithoutProtocolSectionIsALocatedError() throws {
        for text in ["{\"resultsSection\": {}, \"hasResults\": true}", "{\n  \"derivedSection\": {}\n}"] {
            let error = try #require(throws: InputError.self) { try importChecker().check(bytes: Array(text.utf8), name: "r.json") }
            #expect(error.diagnostics.first?.message.contains("without \"protocolSection\"") == true)
            #expect(error.diagnostics.first?.location.line == 1)
        }
        let bad = "{\"protocolSection\": {\n  \"statusModule\": {}\n}}"
        let error = try #require(throws: InputError.self) { try importChecker().check(bytes: Array(bad.utf8), name: "r.json") }
        #expect(error.description.hasPrefix("r.json:1:2: error: \"protocolSection\" has no \"identificationModule\""))
    }
}

@Suite struct USDMImportTests {
    @Test(arguments: ["CDISC_Pilot_Study", "EliLilly_NCT03421379_Diabetes"])
    func importsTheSharedExamplesFieldByField(_ name: String) throws {
        guard let folder = importFixture("usdm") else { return }
        let file = folder + "/\(name).json"
        let json = try importJSONFixture(file)
        let v = try #require(importJSONValue(json, "study.versions[0]"))
        let d = try #require(importJSONValue(v, "studyDesigns[0]"))
        let imported = try ImportFormat.usdm.importFile(path: file)
        let root = try importReload(imported)

        let identifiers = try #require(importJSONValue(v, "studyIdentifiers") as? [[String: Any]])
        #expect(importAt(root, "protocol.id")?.string == identifiers[0]["text"] as? String)
        #expect(importAt(root, "schema_version")?.int == 2)
        #expect(importAt(root, "registrations[0].id")?.string == identifiers[1]["text"] as? String)
        #expect(importAt(root, "registrations[0].registry")?.string == "ClinicalTrials.gov")
        #expect(importAt(root, "registrations[0].primary")?.bool == true)
        #expect(importAt(root, "protocol.version")?.string == importJSONValue(v, "versionIdentifier") as? String)
        let titles = try #require(importJSONValue(v, "titles") as? [[String: Any]])
        let official = titles.first { (importJSONValue($0, "type.decode") as? String) == "Official Study Title" }
        #expect(importAt(root, "protocol.title")?.string == official?["text"] as? String)
        #expect(importAt(root, "protocol.sponsor.name")?.string == "LILLY")
        #expect(importAt(root, "protocol.date")?.string == importJSONValue(v, "dateValues[0].dateValue") as? String)
        #expect(importAt(root, "design.type")?.string == "interventional")
        #expect(importAt(root, "design.model")?.string == "parallel")
        let enrolment = try #require(importJSONValue(d, "population.plannedEnrollmentNumber.value") as? Double)
        #expect(importAt(root, "participants.target_enrollment")?.int == Int(enrolment))
        #expect(importAt(root, "participants.sex")?.string == "all")
        #expect(importAt(root, "participants.healthy_volunteers")?.bool == false)

        let arms = try #require(importJSONValue(d, "arms") as? [[String: Any]])
        #expect(importAt(root, "design.arms")?.count == arms.count)
        for (n, arm) in arms.enumerated() {
            #expect(importAt(root, "design.arms[\(n)].name")?.string == arm["name"] as? String)
            #expect(importAt(root, "design.arms[\(n)].id")?.string == arm["id"] as? String)
        }
        let interventions = try #require(importJSONValue(v, "studyInterventions") as? [[String: Any]])
        #expect(importAt(root, "products")?.count == interventions.count)
        for (n, intervention) in interventions.enumerated() {
            #expect(importAt(root, "products[\(n)].id")?.string == intervention["id"] as? String)
            #expect(importAt(root, "products[\(n)].name")?.string == intervention["name"] as? String)
            #expect(importAt(root, "products[\(n)].type")?.string == "drug")
            #expect(importAt(root, "products[\(n)].role")?.string == "investigational")
        }
        let criteria = try #require(importJSONValue(d, "eligibilityCriteria") as? [[String: Any]])
        let inclusionCount = criteria.filter { (importJSONValue($0, "category.decode") as? String) == "Inclusion Criteria" }.count
        #expect(importAt(root, "participants.inclusion")?.count == inclusionCount)
        #expect(importAt(root, "participants.exclusion")?.count == criteria.count - inclusionCount)
        let objectives = try #require(importJSONValue(d, "objectives") as? [[String: Any]])
        let endpoints = objectives.flatMap { ($0["endpoints"] as? [[String: Any]]) ?? [] }
        let primary = endpoints.filter { (importJSONValue($0, "level.decode") as? String) == "Primary Endpoint" }
        let secondaryCount = endpoints.filter { (importJSONValue($0, "level.decode") as? String) == "Secondary Endpoint" }.count
        let outcomes = try #require(importAt(root, "outcomes")).items
        #expect(outcomes.count == endpoints.count)
        #expect(outcomes.filter { $0["type"]?.string == "primary" }.map { $0["measure"]?.string } == primary.map { $0["text"] as? String })
        #expect(outcomes.filter { $0["type"]?.string == "secondary" }.count == secondaryCount)
        #expect(outcomes.filter { $0["type"]?.string == "other" }.count == endpoints.count - primary.count - secondaryCount)

        switch name {
        case "CDISC_Pilot_Study":
            #expect(importAt(root, "protocol.phase")?.string == "2")
            #expect(importAt(root, "registrations[0].id")?.string == "NCT12345678")
            // The pilot's arms are placebo and active comparators, and no intervention is linked to them.
            #expect(importAt(root, "design.arms[0].comparator")?.string == "placebo")
            #expect(importAt(root, "design.arms[1].comparator")?.string == "active")
            #expect(importAt(root, "design.arms[0].interventions") == nil)
            #expect(imported.header.contains { $0.contains("place the administrations of StudyIntervention_1 (PATCH_50, PATCH_75) by hand") })
            #expect(importAt(root, "design.blinding")?.string == "double")
            #expect(importAt(root, "participants.age_min_years")?.int == 50)
            #expect(importAt(root, "participants.age_max_years")?.int == 100)
            #expect(importAt(root, "condition.icd10")?.string == "G30.9")
            #expect(importAt(root, "design.arms[0].type")?.string == "placebo_comparator")
            // <usdm:tag name="min_age"/> resolved through the dictionary to the planned minimum age.
            #expect(importAt(root, "participants.inclusion[0]")?.string == "Males and postmenopausal females at least 50 years of age.")
            #expect(importAt(root, "protocol.sponsor.country")?.string == "US")
        default:
            #expect(importAt(root, "protocol.phase")?.string == "3")
            #expect(importAt(root, "registrations[0].id")?.string == "NCT03421379")
            #expect(importAt(root, "design.blinding")?.string == "none")
            #expect(importAt(root, "participants.age_min_years") == nil)
            // Unlinked in the file, the experimental interventions go to every experimental arm.
            #expect(importAt(root, "design.arms[0].interventions[0].product")?.string == "StudyIntervention_1")
            #expect(importAt(root, "design.arms[0].interventions[0].route")?.string == "intranasal")
            #expect(importAt(root, "design.arms[0].interventions[0].dose")?.string == "3 mg")
            #expect(importAt(root, "design.arms[0].interventions[0].administrations.count")?.int == 1)
            #expect(importAt(root, "design.arms[1].interventions[1].route")?.string == "intramuscular")
            #expect(importAt(root, "protocol.sponsor.country")?.string == "JP")
        }
    }

    @Test(arguments: ["CDISC_Pilot_Study", "EliLilly_NCT03421379_Diabetes"])
    func checkingTheJSONGivesTheSameStatusesAsCheckingTheImportedYAML(_ name: String) throws {
        guard let folder = importFixture("usdm") else { return }
        let file = folder + "/\(name).json"
        let imported = try ImportFormat.usdm.importFile(path: file)
        let yamlPath = FileManager.default.temporaryDirectory.appendingPathComponent("usdm-\(UUID().uuidString).yaml").path
        try imported.yaml.write(toFile: yamlPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: yamlPath) }
        let c = try importChecker()
        #expect(importStatuses(try importCheck(c, file: file)) == importStatuses(try importCheck(c, file: yamlPath)))
    }

    @Test func aFailingResultPointsAtTheLineOfTheUSDMFile() throws {
        guard let folder = importFixture("usdm") else { return }
        let file = folder + "/CDISC_Pilot_Study.json"
        let report = try importCheck(try importChecker(try importTestRules()), file: file)
        let age = try #require(report.results.first { $0.rule == "T-ADULTS-FROM-21" })
        #expect(age.status == .pass)
        let phase = try #require(report.results.first { $0.rule == "T-PHASE-1" })
        #expect(phase.status == .fail)
        // The phase comes from studyDesigns[0].studyPhase, an AliasCode object.
        #expect(phase.location?.line == importLine(of: "\"studyPhase\": {", in: file))
    }

    @Test func extensionAttributesCarryCellTherapyFields() throws {
        let text = """
            {"study": {"versions": [{
              "id": "StudyVersion_1",
              "titles": [],
              "extensionAttributes": [
                {"id": "E1", "url": "https://stemcheck.dev/usdm/product.cell_type", "valueString": "umbilical_cord_blood", "instanceType": "ExtensionAttribute"},
                {"id": "E2", "url": "https://stemcheck.dev/usdm/product.manufacturing.minimally_manipulated", "valueBoolean": true},
                {"id": "E3", "url": "https://stemcheck.dev/usdm/administration.dose_per_kg", "valueQuantity": {"value": 30000000, "unit": {"standardCode": {"decode": "cells/kg"}}}},
                {"id": "E4", "url": "https://stemcheck.dev/usdm/product.release_tests[0].name", "valueCode": {"code": "sterility"}},
                {"id": "E5", "url": "https://stemcheck.dev/usdm/product.release_tests[1].name", "valueString": "endotoxin"},
                {"id": "E6", "url": "https://stemcheck.dev/usdm/product.cord_blood.units_max", "valueInteger": 1},
                {"id": "E7", "url": "https://example.org/other", "valueString": "ignored"}
              ],
              "studyDesigns": [{"id": "D1", "extensionAttributes": [
                {"id": "E8", "url": "https://stemcheck.dev/usdm/product.max_hours_to_administration", "valueQuantity": {"value": 4, "unit": {"decode": "h"}}},
                {"id": "E9", "url": "https://stemcheck.dev/usdm/products[0].storage.temperature", "valueString": "below -150 °C"}
              ]}]
            }]}}
            """
        let document = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "x.json")
        #expect(try ImportFormat.detect(document.root) == .usdm)
        let imported = try ImportFormat.usdm.importProtocol(document.root, file: "x.json")
        let root = try imported.document().root
        // v1 paths land where schema v2 keeps the field: product → products[0], administration → the
        // product's intervention in an arm made as the v1 → v2 migration makes one.
        #expect(importAt(root, "products[0].id")?.string == "product-1")
        #expect(importAt(root, "products[0].cell_type")?.string == "umbilical_cord_blood")
        #expect(importAt(root, "products[0].manufacturing.minimally_manipulated")?.bool == true)
        #expect(importAt(root, "design.arms[0].id")?.string == "arm-1")
        #expect(importAt(root, "design.arms[0].type")?.string == "experimental")
        #expect(importAt(root, "design.arms[0].interventions[0].product")?.string == "product-1")
        #expect(importAt(root, "design.arms[0].interventions[0].dose")?.string == "30000000 cells/kg")
        #expect(importAt(root, "products[0].release_tests[0].name")?.string == "sterility")
        #expect(importAt(root, "products[0].release_tests[1].name")?.string == "endotoxin")
        #expect(importAt(root, "products[0].cord_blood.units_max")?.int == 1)
        #expect(importAt(root, "products[0].max_hours_to_administration")?.number == 4)
        #expect(importAt(root, "products[0].storage.temperature")?.string == "below -150 °C")
        #expect(importAt(root, "product") == nil && importAt(root, "administration") == nil)
        #expect(!imported.yaml.contains("ignored"))
        // Each value is located at its attribute's value in the JSON.
        let node = try #require(importAt(root, "products[0].cell_type"))
        #expect(node.location == YAMLSource.SourceLocation(file: "x.json", line: 5, column: 88))
    }

    @Test func malformedUSDMIsALocatedError() throws {
        let cases: [(String, String, Int)] = [
            ("{\"usdmVersion\": \"4.0\"}", "USDM document without \"study\"", 1),
            ("{\"study\": [],\n \"usdmVersion\": \"4.0\"}", "\"study\" must be an object", 1),
            ("{\n  \"study\": {\"id\": \"S\"}\n}", "USDM \"study\" has no \"versions\"", 2),
            ("{\"study\": {\n  \"versions\": []}}", "non-empty list", 2),
        ]
        for (text, message, line) in cases {
            let error = try #require(throws: InputError.self) { try importChecker().check(bytes: Array(text.utf8), name: "u.json") }
            #expect(error.diagnostics.first?.message.contains(message) == true, "\(error)")
            #expect(error.diagnostics.first?.location.line == line, "\(error)")
        }
    }

    @Test func aPlainJSONProtocolIsStillCheckedAsAProtocol() throws {
        let text = "{\"protocol\": {\"id\": \"P-1\"}}"
        let report = try importChecker().check(bytes: Array(text.utf8), name: "p.json")
        #expect(report.protocolInfo.id == "P-1")
    }
}

/// Report locations of imported and grafted protocols, against the positions of the values in the
/// JSON files (found here by reading the JSON text, not through stemcheck).
@Suite struct ImportedLocationTests {
    /// Rules that fail or pass on both fixture files at known fields: values, list items, mappings
    /// (located at their first key), missing fields (located at the nearest existing parent).
    private static let rules = """
        pack: {id: location-test, version: "1"}
        rules:
          - {id: T-PHASE-1, title: Phase 1, severity: error, check: {path: protocol.phase, equals: "1"}}
          - {id: T-AGE-MIN-60, title: Sixty, severity: error, check: {path: participants.age_min_years, gte: 60}}
          - {id: T-ENROL-10, title: Ten, severity: error, check: {path: participants.target_enrollment, lte: 10}}
          - {id: T-ACTUAL-10, title: Ten, severity: error, check: {path: participants.actual_enrollment, lte: 10}}
          - {id: T-ARMS-EXPERIMENTAL, title: Arms, severity: error, check: {path: "design.arms[*].type", equals: experimental}}
          - {id: T-ARM-DOSE, title: Arm dose, severity: error, check: {path: "design.arms[0].dose", exists: true}}
          - {id: T-SITE-PI, title: Site PI, severity: error, check: {path: "participants.sites[0].investigator", exists: true}}
          - {id: T-CELL-TYPE, title: Cell type, severity: error, check: {path: "products[0].cell_type", exists: true}}
          - {id: T-DESIGN-X, title: Design x, severity: error, check: {path: design.x, exists: true}}
          - {id: T-SPONSOR-X, title: Sponsor x, severity: error, check: {path: protocol.sponsor.x, exists: true}}
          - {id: T-REGISTERED, title: Registered, severity: error, check: {path: "registrations[0].id", matches: '^NCT[0-9]{8}$'}}
        """

    private func check(_ file: String, rules: String = Self.rules, record: RegistryRecord? = nil) throws -> Report {
        let catalog = try RuleCatalog.load(sources: [.init(name: "t.yaml", bytes: Array(rules.utf8), directory: ".")], loader: YAMLLoader())
        return try importCheck(try importChecker(catalog, record: record), file: file)
    }

    /// Each result's location in the report, after checking that the JSON report says the same.
    /// (A rule with several results, such as SCHEMA, is compared result by result and left out of the map.)
    private func locations(_ report: Report) throws -> [String: Location?] {
        let json = try #require(JSONSerialization.jsonObject(with: Data(ReportFormat.json.reporter.renderBytes(report))) as? [String: Any])
        let results = json["results"] as? [[String: Any]] ?? []
        #expect(results.count == report.results.count)
        for (result, inReport) in zip(results, report.results) {
            let rule = result["rule"] as? String ?? ""
            let location = (result["location"] as? [String: Int]).map { Location(line: $0["line"]!, column: $0["column"]!) }
            #expect(rule == inReport.rule && location == inReport.location, "\(rule): the JSON report's location differs from the report's")
        }
        let single = Dictionary(grouping: report.results, by: \.rule).filter { $0.value.count == 1 }
        return single.mapValues { $0[0].location }
    }

    @Test func usdmResultsPointAtTheirValuesInTheJSON() throws {
        guard let folder = importFixture("usdm") else { return }
        let file = folder + "/CDISC_Pilot_Study.json"
        let report = try check(file)
        #expect(report.protocolInfo.path == file)
        let expected: [(String, [String])] = [
            ("T-PHASE-1", ["\"studyPhase\":"]),                                    // an AliasCode object
            ("T-AGE-MIN-60", ["\"plannedAge\":", "\"minValue\":", "\"value\":"]),  // a number
            ("T-ENROL-10", ["\"plannedEnrollmentNumber\":", "\"value\":"]),
            ("T-ARMS-EXPERIMENTAL", ["\"arms\":", "\"type\":"]),                   // the first arm's type
            ("T-ARM-DOSE", ["\"arms\":", "\"id\":"]),                              // the arm: at its first key, id
            ("T-CELL-TYPE", ["\"studyInterventions\":", "\"id\":"]),               // the product: at its first key, id
            ("T-DESIGN-X", ["\"studyDesigns\":", "["]),                            // the study design object
            ("T-SPONSOR-X", ["\"organizations\":", "\"name\":"]),                  // the sponsor's name
            ("T-REGISTERED", ["\"studyIdentifiers\":", "\"text\":", "\"text\":"]), // a pass: the registry identifier
        ]
        let found = try locations(report)
        for (rule, steps) in expected {
            let position = importValuePosition(in: file, after: steps)
            #expect(position != nil && found[rule] == position, "\(rule)")
        }
        let age = try #require(importValuePosition(in: file, after: ["\"plannedAge\":", "\"minValue\":", "\"value\":"]))
        #expect(report.results.first { $0.rule == "T-AGE-MIN-60" }?.why.first?.location
                == YAMLSource.SourceLocation(file: file, line: age.line, column: age.column))
    }

    @Test func ctgovResultsPointAtTheirValuesInTheJSON() throws {
        guard let folder = importFixture("ctgov") else { return }
        let file = folder + "/NCT02513394.json"
        let report = try check(file)
        let expected: [(String, [String])] = [
            ("T-PHASE-1", ["\"phases\":"]),                                        // a list
            ("T-AGE-MIN-60", ["\"minimumAge\":"]),                                 // "18 Years", converted
            ("T-ACTUAL-10", ["\"enrollmentInfo\":", "\"count\":"]),               // an ACTUAL enrolment
            ("T-ARMS-EXPERIMENTAL", ["\"armGroups\":", "\"type\":", "\"type\":"]), // the second arm's type
            ("T-ARM-DOSE", ["\"armGroups\":", "\"label\":"]),                      // the arm: at its first key, id (from the label)
            ("T-SITE-PI", ["\"locations\":", "\"facility\":"]),                    // the site: at its first key, name
            ("T-CELL-TYPE", ["\"interventions\":", "\"name\":"]),                  // the product: at its first key, id (from the name)
            ("T-DESIGN-X", ["\"designModule\":"]),
            ("T-SPONSOR-X", ["\"leadSponsor\":", "\"name\":"]),
            ("T-REGISTERED", ["\"nctId\":"]),
        ]
        let found = try locations(report)
        for (rule, steps) in expected {
            let position = importValuePosition(in: file, after: steps)
            #expect(position != nil && found[rule] == position, "\(rule)")
        }
    }

    @Test func aRegistryRecordsValuesAreLocatedInTheRecordFile() throws {
        guard let folder = importFixture("ctgov") else { return }
        let recordFile = folder + "/NCT02513394.json"
        let record = try RegistryRecord.load(path: recordFile)
        let protocolText = """
            protocol:
              id: AFT-05
              dates:
                first_enrolment: 2015-07-01
            participants:
              age_min_years: 18
            design:
              primary_endpoint:
                name: Overall survival
            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("graft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let protocolFile = dir.appendingPathComponent("p.yaml").path
        try protocolText.write(toFile: protocolFile, atomically: true, encoding: .utf8)
        let rules = """
            pack: {id: graft-test, version: "1"}
            rules:
              - {id: R-RECORD-ENROL, title: t, severity: error, check: {path: registry_record.enrollment, lte: 10}}
              - {id: R-MIXED, title: t, severity: error, check: {all: [{path: registry_record.enrollment, lte: 10}, {path: participants.age_min_years, gte: 21}]}}
              - {id: R-RECORD-ID, title: t, severity: error, check: {path: registry_record.id, matches: '^NCT'}}
              - {id: R-PROTOCOL-ID, title: t, severity: error, check: {path: protocol.id, equals: AFT-05}}
              - {id: R-OUTCOME, title: t, severity: error, each: outcomes, check: {path: measure, in: {path: $.registry_record.primary_outcome_measures}, ignore_case: true, ignore_whitespace: true}}
            """
        let report = try check(protocolFile, rules: rules, record: record)
        let byRule = Dictionary(uniqueKeysWithValues: report.results.map { ($0.rule, $0) })
        func inRecord(_ steps: [String]) -> YAMLSource.SourceLocation? {
            importValuePosition(in: recordFile, after: steps).map { YAMLSource.SourceLocation(file: recordFile, line: $0.line, column: $0.column) }
        }
        let enrolment = try #require(inRecord(["\"enrollmentInfo\":", "\"count\":"]))

        // Only the record's value decides: it is in `why`, in the record file; the result has no location in the protocol.
        let recordOnly = try #require(byRule["R-RECORD-ENROL"])
        #expect(recordOnly.status == .fail)
        #expect(recordOnly.location == nil)
        #expect(recordOnly.why.first?.location == enrolment)
        // The record's value and the protocol's decide: the result points at the protocol's.
        let mixed = try #require(byRule["R-MIXED"])
        #expect(mixed.status == .fail)
        #expect(mixed.why.map(\.location) == [enrolment, YAMLSource.SourceLocation(file: protocolFile, line: 6, column: 18)])
        #expect(mixed.location == Location(line: 6, column: 18))
        // A pass on a record value has no location in the protocol; one on a protocol value has.
        #expect(byRule["R-RECORD-ID"]?.status == .pass)
        #expect(byRule["R-RECORD-ID"].map { $0.location == nil } == true)
        #expect(byRule["R-PROTOCOL-ID"]?.location == Location(line: 2, column: 7))
        // The computed comparison field stands in the record but is located at the protocol's endpoint.
        let outcome = try #require(byRule["R-OUTCOME"])
        #expect(outcome.status == .fail)
        #expect(outcome.location == Location(line: 9, column: 11))
        #expect(outcome.why.first?.location == YAMLSource.SourceLocation(file: protocolFile, line: 9, column: 11))
        // The JSON report says the same.
        _ = try locations(report)

        // The grafted document: protocol nodes keep their own positions, record nodes are in the record file.
        let document = try ProtocolReader(registryRecord: record).read(InputFile(protocolFile))
        #expect(document.root.file == protocolFile)
        #expect(document.root["protocol"]?["id"]?.location == YAMLSource.SourceLocation(file: protocolFile, line: 2, column: 7))
        #expect(document.root["registry_record"]?["minimum_age_years"]?.location == inRecord(["\"minimumAge\":"]))
        #expect(document.root["registry_record"]?["minimum_age_years"]?.file == recordFile)
        #expect(document.sha256 == Digest.sha256(Array(protocolText.utf8)))
    }

    @Test func anImportDeeperThanTheLimitIsALocatedError() throws {
        let path = (0..<40).map { "a\($0)" }.joined(separator: ".")
        let attribute = "  {\"id\": \"E1\", \"url\": \"https://stemcheck.dev/usdm/\(path)\", \"valueString\": \"x\"}"
        let text = "{\"study\": {\"versions\": [{\"id\": \"V\", \"extensionAttributes\": [\n" + attribute + "\n]}]}}\n"
        let tight = ProtocolReader(loader: YAMLLoader(limits: YAMLLimits(maxDepth: 32)))
        let error = try #require(throws: InputError.self) { try tight.read(bytes: Array(text.utf8), name: "deep.json") }
        #expect(error.description.hasPrefix("deep.json:2:23: error: the field path of this extension attribute nests deeper than the limit of 32 levels"),
                "\(error)")
        // Within the limit, the same import is a document as deep as the path, its value located in the JSON.
        let document = try ProtocolReader(loader: YAMLLoader(limits: YAMLLimits(maxDepth: 40))).read(bytes: Array(text.utf8), name: "deep.json")
        var node: YAMLNode? = document.root
        for n in 0..<40 { node = node?["a\(n)"] }
        #expect(node?.string == "x")
        #expect(node?.location == YAMLSource.SourceLocation(file: "deep.json", line: 2, column: attribute.count - 3))
    }
}

/// The position of the JSON value that follows the texts `steps` (each searched after the previous
/// one) in the file at `path`: 1-based line, and column in characters, as the YAML parser counts them.
private func importValuePosition(in path: String, after steps: [String]) -> Location? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let bytes = [UInt8](data)
    var i = 0
    for step in steps {
        let needle = Array(step.utf8)
        var found: Int?
        var j = i
        while j + needle.count <= bytes.count {
            if bytes[j] == needle[0], Array(bytes[j..<j + needle.count]) == needle { found = j; break }
            j += 1
        }
        guard let found else { return nil }
        i = found + needle.count
    }
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    let line = bytes[..<i].filter { $0 == 0x0A }.count + 1
    let lineStart = (bytes[..<i].lastIndex(of: 0x0A) ?? -1) + 1
    let column = bytes[lineStart..<i].filter { $0 & 0xC0 != 0x80 }.count + 1
    return Location(line: line, column: column)
}

/// A small rule pack whose results on the fixture files are known.
private func importTestRules() throws -> RuleCatalog {
    let text = """
        pack: {id: import-test, version: "1"}
        rules:
          - {id: T-ADULTS-FROM-21, title: Adults from 21, severity: error, check: {path: participants.age_min_years, gte: 21}}
          - {id: T-PHASE-1, title: Phase 1, severity: error, check: {path: protocol.phase, equals: "1"}}
          - {id: T-PRODUCT-CELL-TYPE, title: Cell type, severity: error, check: {path: "products[0].cell_type", exists: true}}
        """
    return try RuleCatalog.load(sources: [.init(name: "test.yaml", bytes: Array(text.utf8), directory: ".")], loader: YAMLLoader())
}

private func importLine(of needle: String, in path: String) -> Int? {
    // Split on LF bytes: the CT.gov record has CR LF line ends, which Swift reads as one Character.
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
    where String(decoding: line, as: UTF8.self).contains(needle) {
        return n + 1
    }
    return nil
}
