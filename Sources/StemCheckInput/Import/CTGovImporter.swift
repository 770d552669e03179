import YAMLSource
import StemCheckModel

/// Imports a ClinicalTrials.gov API v2 study record (`protocolSection`) into the protocol schema.
///
/// Only what the record states is written; each value names its source field. The mapping table
/// is in docs/import.md.
struct CTGovImporter {
    let root: YAMLNode
    let file: String

    init(root: YAMLNode, file: String) {
        self.root = root
        self.file = file
    }

    /// Fails unless the record has a `protocolSection` object.
    static func requireProtocolSection(_ root: YAMLNode) throws(InputError) {
        guard let pair = root.pair(forKey: "protocolSection") else {
            throw InputError([Diagnostic(root.location,
                "ClinicalTrials.gov record without \"protocolSection\": the study's registration data is missing",
                hint: "download the full record (https://clinicaltrials.gov/api/v2/studies/NCT...); it has protocolSection with identificationModule")])
        }
        guard pair.value.kind == .mapping else {
            throw InputError([Diagnostic(pair.value.location, "\"protocolSection\" must be an object, found \(describe(pair.value))",
                                         hint: "check that this is a ClinicalTrials.gov API v2 study record")])
        }
        guard let identification = pair.value["identificationModule"], identification.kind == .mapping else {
            throw InputError([Diagnostic(pair.key.location, "\"protocolSection\" has no \"identificationModule\" object: the record cannot be identified",
                                         hint: "a ClinicalTrials.gov record names its study in protocolSection.identificationModule.nctId")])
        }
    }

    func run() throws(InputError) -> ImportedProtocol {
        try Self.requireProtocolSection(root)
        let (tree, notes) = Self.translate(root: root)
        var header = [
            "Imported by stemcheck \(ToolInfo.version) from \(file) (\(ImportFormat.ctgov.title)).",
            "Each comment names the source field as a JSON path into that file.",
        ]
        header += notes.map { "Note: " + $0 }
        return ImportedProtocol(format: .ctgov, tree: tree, header: header, footer: ImportGaps.footer(for: tree), file: file)
    }

    /// The protocol tree of a CT.gov record in protocol schema v2, and notes for the header.
    static func translate(root: YAMLNode) -> (ImportedValue, [String]) {
        var tree = ImportedValue(.map([]), source: root.location)
        var notes: [String] = []
        tree.set("schema_version", ImportedValue(.int(2), source: root.location, note: "the protocol schema this file is written in"))
        let record = SourceNode(node: root, path: .root)
        guard let p = record["protocolSection"] else { return (tree, notes) }
        let id = p["identificationModule"]
        let status = p["statusModule"]
        let sponsor = p["sponsorCollaboratorsModule"]
        let design = p["designModule"]
        let eligibility = p["eligibilityModule"]
        let arms = p["armsInterventionsModule"]
        let outcomes = p["outcomesModule"]
        let locations = p.at("contactsLocationsModule.locations")

        // jurisdictions: countries of the sites, plus EU when one is a Member State.
        if let locations {
            var codes: [String] = []
            for site in locations.items {
                if let name = site["country"]?.string, let code = ImportText.countryCode(name), !codes.contains(code) {
                    codes.append(code)
                }
            }
            if codes.contains(where: ImportText.euMemberStates.contains) { codes.insert("EU", at: 0) }
            if !codes.isEmpty {
                tree.set("jurisdictions", locations.value(.list(codes.map { ImportedValue(.string($0)) }),
                                                          note: "countries of the listed sites"))
            }
        }

        // protocol
        if let id {
            tree.set("protocol", ImportedValue(.map([]), source: id.location, sourcePath: id.path.text))
            if let v = id.at("orgStudyIdInfo.id")?.stringValue() { tree.set("protocol.id", v) }
            if let v = (id["officialTitle"] ?? id["briefTitle"])?.stringValue() { tree.set("protocol.title", v) }
        }
        if let phases = design?["phases"], let phase = phaseText(phases.items.compactMap(\.string)) {
            tree.set("protocol.phase", phases.value(.string(phase)))
        }
        if let s = status?["overallStatus"], let raw = s.string {
            if let text = statusText(raw) {
                tree.set("protocol.status", s.value(.string(text)))
            } else {
                let last = status?["lastKnownStatus"]?.string.map { " (last known: \($0))" } ?? ""
                notes.append("overallStatus \(raw)\(last) at \(s.path.text) is not a status of the schema; protocol.status is left out")
            }
        }
        if let v = status?["lastUpdateSubmitDate"], let date = partialDate(v) {
            tree.set("protocol.last_updated", date)
        }
        if let type = design?["studyType"], type.string == "INTERVENTIONAL" {
            tree.set("protocol.context", type.value(.string("clinical_trial"), note: "an interventional registered study"))
        }
        if let lead = sponsor?["leadSponsor"] {
            if let v = lead["name"]?.stringValue() { tree.set("protocol.sponsor.name", v) }
            if let c = lead["class"], let raw = c.string { tree.set("protocol.sponsor.type", c.value(.string(sponsorType(raw)))) }
        }
        if let officials = p.at("contactsLocationsModule.overallOfficials"),
           let pi = officials.items.first(where: { $0["role"]?.string == "PRINCIPAL_INVESTIGATOR" }) ?? officials.items.first {
            if let v = pi["name"]?.stringValue() { tree.set("protocol.principal_investigator.name", v) }
            if let v = pi["affiliation"]?.stringValue() { tree.set("protocol.principal_investigator.affiliation", v) }
        }
        if let v = p.at("descriptionModule.briefSummary")?.stringValue() { tree.set("protocol.summary", v) }
        for (key, field) in [("first_enrolment", "startDateStruct"), ("primary_completion", "primaryCompletionDateStruct"),
                             ("study_completion", "completionDateStruct"), ("results_first_posted", "resultsFirstPostDateStruct")] {
            if let d = status?.at(field + ".date"),
               let date = partialDate(d, extra: status?.at(field + ".type")?.string.map { $0.lowercased() }) {
                tree.set("protocol.dates." + key, date)
            }
        }

        // registrations: the record itself, then its secondary ids.
        var registrations: [ImportedValue] = []
        if let nct = id?["nctId"], let text = nct.string {
            var entry = ImportedValue(.map([]), source: nct.location, sourcePath: nct.path.text, note: "this record")
            entry.set("registry", nct.value(.string("ClinicalTrials.gov")))
            entry.set("id", nct.value(.string(text)))
            entry.set("url", nct.value(.string("https://clinicaltrials.gov/study/" + text)))
            if let v = status?["studyFirstSubmitDate"], let date = partialDate(v) { entry.set("first_submitted", date) }
            if let v = status?.at("studyFirstPostDateStruct.date"),
               let date = partialDate(v, extra: status?.at("studyFirstPostDateStruct.type")?.string.map { $0.lowercased() }) {
                entry.set("first_posted", date)
            }
            entry.set("primary", nct.value(.bool(true), note: "the ClinicalTrials.gov registration this record is"))
            if let primary = outcomes?["primaryOutcomes"], let first = primary.items.first, let v = first["measure"]?.string {
                entry.set("primary_outcome", first["measure"]!.value(.string(v),
                          note: primary.items.count > 1 ? "the first of \(primary.items.count) primary outcomes" : nil))
            }
            if let v = eligibility?["minimumAge"], let years = v.string.flatMap(ImportText.years) {
                entry.set("age_min_years", v.value(.number(years), note: v.string))
            }
            if let v = eligibility?["maximumAge"], let years = v.string.flatMap(ImportText.years) {
                entry.set("age_max_years", v.value(.number(years), note: v.string))
            }
            registrations.append(entry)
        }
        for item in id?["secondaryIdInfos"]?.items ?? [] {
            guard let idNode = item["id"], let value = idNode.string else { continue }
            let type = item["type"]?.string
            let domain = item["domain"]?.string
            var entry = ImportedValue(.map([]), source: item.location, sourcePath: item.path.text,
                                      note: "secondary id" + (type.map { ", type " + $0 } ?? "") + (domain.map { ", " + $0 } ?? ""))
            if let (registry, node, how) = secondaryRegistry(id: value, type: type, domain: domain, item: item) {
                entry.set("registry", node.value(.string(registry), note: how))
            } else {
                entry.set("registry", idNode.value(.string("other"), note: "not a registry of the schema's vocabulary (a sponsor's, funder's or other number)"))
            }
            entry.set("id", idNode.value(.string(value)))
            entry.set("primary", idNode.value(.bool(false)))
            registrations.append(entry)
        }
        if !registrations.isEmpty, let id {
            tree.set("registrations", ImportedValue(.list(registrations), source: registrations[0].source, sourcePath: id.path.text))
        }
        if let ids = id?["secondaryIdInfos"],
           let ctis = ids.items.first(where: { $0["type"]?.string == "CTIS" }), let v = ctis["id"]?.stringValue() {
            tree.set("approvals.eu_ctr.ct_number", v)
        }

        // condition
        if let conditions = p.at("conditionsModule.conditions") {
            let names = conditions.items.compactMap(\.string)
            if !names.isEmpty {
                tree.set("condition.name", conditions.value(.string(names.joined(separator: "; ")),
                                                            note: names.count > 1 ? "\(names.count) conditions joined with \"; \"" : nil))
            }
        }

        // participants
        if let v = design?.at("enrollmentInfo.count"), let n = v.node.int {
            let type = design?.at("enrollmentInfo.type")?.string
            if type == "ACTUAL" {
                tree.set("participants.actual_enrollment", v.value(.int(n), note: "enrollmentInfo.type ACTUAL"))
            } else {
                tree.set("participants.target_enrollment", v.value(.int(n), note: type.map { "enrollmentInfo.type " + $0 }))
            }
        }
        if let v = eligibility?["minimumAge"], let years = v.string.flatMap(ImportText.years) {
            tree.set("participants.age_min_years", v.value(.number(years), note: v.string))
        }
        if let v = eligibility?["maximumAge"], let years = v.string.flatMap(ImportText.years) {
            tree.set("participants.age_max_years", v.value(.number(years), note: v.string))
        }
        if let v = eligibility?["sex"], let raw = v.string {
            tree.set("participants.sex", v.value(.string(raw.lowercased())))
        }
        if let v = eligibility?["healthyVolunteers"], let b = v.node.bool {
            tree.set("participants.healthy_volunteers", v.value(.bool(b)))
        }
        if let v = eligibility?["eligibilityCriteria"], let text = v.node.string {
            let (inclusion, exclusion) = criteria(text)
            if !inclusion.isEmpty {
                tree.set("participants.inclusion", v.value(.list(inclusion.map { ImportedValue(.string($0)) }),
                                                           note: "split from the \"Inclusion Criteria\" part of the text"))
            }
            if !exclusion.isEmpty {
                tree.set("participants.exclusion", v.value(.list(exclusion.map { ImportedValue(.string($0)) }),
                                                           note: "split from the \"Exclusion Criteria\" part of the text"))
            }
        }
        if let locations, !locations.items.isEmpty {
            let sites: [ImportedValue] = locations.items.map { site in
                var entry = ImportedValue(.map([]), source: site.location, sourcePath: site.path.text)
                if let v = site["facility"]?.stringValue() { entry.set("name", v) }
                if let c = site["country"], let name = c.string, let code = ImportText.countryCode(name) {
                    entry.set("country", c.value(.string(code)))
                }
                return entry
            }
            tree.set("participants.sites", locations.value(.list(sites)))
        }

        // products: one per intervention of the record.
        let interventions = arms.map(CTGovInterventions.init(module:))
        if let arms, let products = interventions?.products(arms) { tree.set("products", products) }

        // design
        if let design {
            tree.set("design", ImportedValue(.map([]), source: design.location, sourcePath: design.path.text))
            if let v = design["studyType"], let raw = v.string { tree.set("design.type", v.value(.string(raw.lowercased()))) }
            let info = design["designInfo"]
            if let v = info?["interventionModel"], let raw = v.string { tree.set("design.model", v.value(.string(modelText(raw)))) }
            if let v = info?["allocation"], let raw = v.string, raw != "NA" {
                tree.set("design.randomized", v.value(.bool(raw == "RANDOMIZED")))
            }
            if let v = info?.at("maskingInfo.masking"), let raw = v.string {
                let (text, note) = maskingText(raw)
                tree.set("design.blinding", v.value(.string(text), note: note))
            }
            if let who = info?.at("maskingInfo.whoMasked") {
                let roles = who.items.compactMap { $0.string.map { $0.lowercased() } }
                tree.set("design.masked_roles", who.value(.list(roles.map { ImportedValue(.string($0)) })))
            }
        }
        if let arms, let list = interventions?.designArms(arms) { tree.set("design.arms", list) }

        // outcomes: primary, secondary and other, in that order.
        var outcomeItems: [ImportedValue] = []
        for (field, type) in [("primaryOutcomes", "primary"), ("secondaryOutcomes", "secondary"), ("otherOutcomes", "other")] {
            guard let list = outcomes?[field] else { continue }
            for item in list.items {
                guard let measure = item["measure"]?.stringValue() else { continue }
                var entry = ImportedValue(.map([]), source: item.location, sourcePath: item.path.text)
                entry.set("type", list.value(.string(type)))
                entry.set("measure", measure)
                if let v = item["timeFrame"]?.stringValue() { entry.set("time_frame", v) }
                if let v = item["description"]?.stringValue() { entry.set("analysis", v) }
                outcomeItems.append(entry)
            }
        }
        if let outcomes, !outcomeItems.isEmpty {
            tree.set("outcomes", ImportedValue(.list(outcomeItems), source: outcomeItems[0].source, sourcePath: outcomes.path.text))
        }

        // safety, transparency
        if let v = p.at("oversightModule.oversightHasDmc"), let b = v.node.bool, b {
            tree.set("safety.dsmb", v.value(.map([]), note: "the record says a data monitoring committee oversees the study; fill independent, charter, members"))
        }
        if let ipd = p["ipdSharingStatementModule"] {
            if let v = ipd["ipdSharing"], let raw = v.string {
                let detail = ipd["description"]?.string.map { raw.lowercased() + ": " + $0 } ?? raw.lowercased()
                tree.set("transparency.ipd_sharing.plan", v.value(.string(detail)))
            }
            if let v = ipd["url"]?.stringValue() { tree.set("transparency.ipd_sharing.url", v) }
            if let v = ipd["description"]?.stringValue() { tree.set("transparency.data_sharing", v) }
        }
        return (tree, notes)
    }

    /// A registry date as registered (`2015-11-20`, `2015-11`, `2015`): partial dates stay partial.
    /// Nil when the text is not such a date.
    private static func partialDate(_ node: SourceNode, extra: String? = nil) -> ImportedValue? {
        guard let text = node.string, let parsed = ImportText.isoDate(text) else { return nil }
        var notes: [String] = []
        if parsed.completed { notes.append(text.count == 4 ? "year precision, as registered" : "month precision, as registered") }
        if let extra { notes.append(extra) }
        return node.value(.string(text), note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// The `registry_record` subtree grafted into a protocol by `check --registry-record`.
    static func registryRecord(root: YAMLNode) -> ImportedValue {
        let record = SourceNode(node: root, path: .root)
        var out = ImportedValue(.map([]), source: root.location, sourcePath: "$")
        guard let p = record["protocolSection"] else { return out }
        let status = p["statusModule"]
        let eligibility = p["eligibilityModule"]
        out.set("registry", (p.at("identificationModule.nctId") ?? p).value(.string("ClinicalTrials.gov")))
        if let v = p.at("identificationModule.nctId")?.stringValue() { out.set("id", v) }
        if let v = status?["studyFirstSubmitDate"], let d = v.string.flatMap(ImportText.isoDate) { out.set("first_submitted", dated(v, d)) }
        if let v = status?.at("studyFirstPostDateStruct.date"), let d = v.string.flatMap(ImportText.isoDate) { out.set("first_posted", dated(v, d)) }
        if let v = status?.at("startDateStruct.date"), let text = v.string, ImportText.isoDate(text) != nil {
            // Kept as precise as registered: a month-precision start (`2015-11`) is the month it names.
            let type = status?.at("startDateStruct.type")?.string.map { $0.lowercased() }
            out.set("start_date", v.value(.string(text), note: type))
        }
        if let v = status?["overallStatus"], let raw = v.string { out.set("overall_status", v.value(.string(statusText(raw) ?? raw.lowercased()))) }
        if let v = eligibility?["minimumAge"], let text = v.string {
            out.set("minimum_age", v.value(.string(text)))
            if let years = ImportText.years(text) { out.set("minimum_age_years", v.value(.number(years))) }
        }
        if let v = eligibility?["maximumAge"], let text = v.string {
            out.set("maximum_age", v.value(.string(text)))
            if let years = ImportText.years(text) { out.set("maximum_age_years", v.value(.number(years))) }
        }
        if let v = p.at("designModule.enrollmentInfo.count"), let n = v.node.int {
            out.set("enrollment", v.value(.int(n), note: p.at("designModule.enrollmentInfo.type")?.string?.lowercased()))
        }
        if let list = p.at("outcomesModule.primaryOutcomes") {
            let items: [ImportedValue] = list.items.map { item in
                var entry = ImportedValue(.map([]), source: item.location, sourcePath: item.path.text)
                if let v = item["measure"]?.stringValue() { entry.set("measure", v) }
                if let v = item["timeFrame"]?.stringValue() { entry.set("time_frame", v) }
                return entry
            }
            out.set("primary_outcomes", list.value(.list(items)))
            // The measures alone, as a list a rule can look a protocol's outcome up in (`in: {path: ...}`).
            let measures = list.items.compactMap { $0["measure"]?.stringValue() }
            if !measures.isEmpty { out.set("primary_outcome_measures", list.value(.list(measures))) }
        }
        return out
    }

    private static func dated(_ node: SourceNode, _ date: (date: String, completed: Bool), extra: String? = nil) -> ImportedValue {
        var notes: [String] = []
        if date.completed { notes.append("registry gives \(node.string ?? ""); first day assumed") }
        if let extra { notes.append(extra) }
        return node.value(.string(date.date), note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    static func phaseText(_ phases: [String]) -> String? {
        let numbers = phases.compactMap { phase -> String? in
            switch phase {
            case "EARLY_PHASE1": return "0"
            case "PHASE1": return "1"
            case "PHASE2": return "2"
            case "PHASE3": return "3"
            case "PHASE4": return "4"
            default: return nil
            }
        }
        if phases.contains("NA") { return "not_applicable" }
        return numbers.isEmpty ? nil : numbers.joined(separator: "/")
    }

    /// The schema v2 status of a CT.gov `overallStatus`; nil for statuses the schema has no word for
    /// (`UNKNOWN`, `WITHHELD`, the expanded-access statuses).
    static func statusText(_ raw: String) -> String? {
        switch raw {
        case "NOT_YET_RECRUITING", "RECRUITING", "ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING", "SUSPENDED",
             "COMPLETED", "TERMINATED", "WITHDRAWN":
            return raw.lowercased()
        default:
            return nil
        }
    }

    static func sponsorType(_ raw: String) -> String {
        switch raw {
        case "INDUSTRY": return "industry"
        case "NIH", "FED", "OTHER_GOV": return "government"
        default: return "other"
        }
    }

    static func modelText(_ raw: String) -> String {
        raw.lowercased()
    }

    static func maskingText(_ raw: String) -> (String, String?) {
        switch raw {
        case "QUADRUPLE": return ("triple", "QUADRUPLE in the record; triple is the schema's strongest level, masked_roles lists every role")
        default: return (raw.lowercased(), nil)
        }
    }

    /// The registry of a secondary id, the node that says so and how: from the id's form, a
    /// EudraCT/CTIS type, or (for registry and other ids) the issuer named in `domain`. Nil for grant
    /// numbers, sponsor codes and issuers outside the schema's vocabulary.
    static func secondaryRegistry(id: String, type: String?, domain: String?, item: SourceNode) -> (String, SourceNode, String)? {
        let idNode = item["id"] ?? item
        if let registry = RegistryVocabulary.registry(ofID: id) {
            return (registry, idNode, "from the form of the id")
        }
        if type == "EUDRACT_NUMBER" || type == "CTIS" { return ("EU CTR", item["type"] ?? idNode, "type " + (type ?? "")) }
        guard type == nil || type == "REGISTRY" || type == "OTHER", let domain,
              let registry = RegistryVocabulary.registry(ofIssuer: domain) else { return nil }
        return (registry, item["domain"] ?? idNode, "from the issuer, \"\(domain)\"")
    }

    /// Splits CT.gov eligibility text into inclusion and exclusion items: one item per bullet,
    /// numbered line or paragraph, under the "Inclusion Criteria" / "Exclusion Criteria" headings.
    static func criteria(_ text: String) -> (inclusion: [String], exclusion: [String]) {
        var inclusion: [String] = []
        var exclusion: [String] = []
        var inExclusion = false
        var sawHeading = false
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = ImportText.collapse(String(raw))
            if line.isEmpty { continue }
            let lower = line.lowercased()
            if lower.hasPrefix("inclusion criteria") && line.count < 40 { inExclusion = false; sawHeading = true; continue }
            if lower.hasPrefix("exclusion criteria") && line.count < 40 { inExclusion = true; sawHeading = true; continue }
            if !sawHeading { sawHeading = true }
            for marker in ["* ", "- ", "• "] where line.hasPrefix(marker) {
                line = String(line.dropFirst(marker.count))
                break
            }
            if line.isEmpty { continue }
            if inExclusion { exclusion.append(line) } else { inclusion.append(line) }
        }
        return (inclusion, exclusion)
    }
}
