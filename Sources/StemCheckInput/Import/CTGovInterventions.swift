import YAMLSource
import StemCheckModel

/// `products[]` and `design.arms[]` (with their interventions) from a ClinicalTrials.gov record's
/// `armsInterventionsModule` (docs/import.md, "Interventions and arms").
///
/// Each intervention of the record is one product; the arms list the interventions given in them
/// (`armGroupLabels`, else the arm's `interventionNames`). Dose, route, HLA match and number of
/// administrations are read from the words of the arm's description that concern the intervention
/// and from the intervention's description (`InterventionText`).
struct CTGovInterventions {
    /// One intervention of the record.
    struct Intervention {
        let node: SourceNode
        let id: String
        let name: String
        let type: String?
        let cells: Bool
        let placebo: Bool
        /// A sham procedure imitates a route; it has none of its own.
        let sham: Bool
        var description: String? { node["description"]?.string }
    }

    /// One arm group of the record, with the interventions given in it (indexes into `interventions`).
    struct Arm {
        let node: SourceNode
        let id: String
        let label: String
        let type: String?
        var interventions: [Int]
        /// The clauses of its description and the intervention each concerns, when it gives two
        /// or more (`armWords`); worked out once.
        var clauses: [(text: String, owner: Int?)] = []
        var description: String? { node["description"]?.string }
    }

    let interventions: [Intervention]
    let arms: [Arm]
    /// The record's texts as the readers found them, each read once.
    private let readings = TextReadings()

    init(module: SourceNode) {
        var taken: Set<String> = []
        var interventions: [Intervention] = []
        for (n, item) in (module["interventions"]?.items ?? []).enumerated() {
            let name = item["name"]?.string ?? ""
            let names = ([name] + (item["otherNames"]?.items.compactMap(\.string) ?? [])).joined(separator: "; ")
            let placebo = InterventionText.namesPlaceboOrSham(names)
            let cells = !placebo && InterventionText.namesCells(names + " " + (item["description"]?.string ?? ""))
            interventions.append(Intervention(node: item, id: InterventionText.identifier(name, fallback: "product-\(n + 1)", taken: &taken),
                                              name: name, type: item["type"]?.string, cells: cells, placebo: placebo,
                                              sham: InterventionText.namesSham(names)))
        }
        var armIDs: Set<String> = []
        var arms: [Arm] = []
        for (n, group) in (module["armGroups"]?.items ?? []).enumerated() {
            let label = group["label"]?.string ?? ""
            let listed = Set(group["interventionNames"]?.items.compactMap(\.string).map(Self.bareName) ?? [])
            let given = interventions.indices.filter { k in
                let labels = interventions[k].node["armGroupLabels"]?.items.compactMap(\.string) ?? []
                return labels.contains(label) || listed.contains(interventions[k].name)
            }
            var arm = Arm(node: group, id: InterventionText.identifier(label, fallback: "arm-\(n + 1)", taken: &armIDs),
                          label: label, type: group["type"]?.string, interventions: given)
            if given.count > 1, let description = arm.description {
                arm.clauses = Self.owners(of: InterventionText.clauses(description), among: given.map { interventions[$0] }, indexes: given)
            }
            arms.append(arm)
        }
        self.interventions = interventions
        self.arms = arms
    }

    /// `Biological: Infusion of MSCs` → `Infusion of MSCs`.
    static func bareName(_ listed: String) -> String {
        guard let colon = listed.firstIndex(of: ":") else { return listed }
        return String(listed[listed.index(after: colon)...]).trimmingSpaces()
    }

    // MARK: - Products

    /// The `products` list, one item per intervention of the record.
    func products(_ module: SourceNode) -> ImportedValue? {
        guard let list = module["interventions"], !interventions.isEmpty else { return nil }
        let items: [ImportedValue] = interventions.indices.map { k in
            let intervention = interventions[k]
            let item = intervention.node
            var entry = ImportedValue(.map([]), source: item.location, sourcePath: item.path.text)
            let nameNode = item["name"] ?? item
            entry.set("id", nameNode.value(.string(intervention.id), note: "an id made from the name"))
            if let v = item["name"]?.stringValue() { entry.set("name", v) }
            let (type, typeNote) = productType(intervention)
            entry.set("type", (item["type"] ?? nameNode).value(.string(type), note: typeNote))
            if let (role, note) = role(k) {
                let decidedBy = intervention.placebo || intervention.cells ? nameNode : item["armGroupLabels"] ?? nameNode
                entry.set("role", decidedBy.value(.string(role), note: note))
            }
            if let v = item["description"]?.stringValue() { entry.set("description", v) }
            if intervention.cells, let hla = hlaMatch(k) { entry.set("hla_match", hla) }
            entry.set("source_text", item.value(.string(sourceText(intervention)), note: "the record's text for this intervention"))
            return entry
        }
        return list.value(.list(items))
    }

    /// `BIOLOGICAL: Infusion of MSCs (also: hCT-MSC): DESCRIPTION`.
    private func sourceText(_ intervention: Intervention) -> String {
        var text = (intervention.type.map { $0 + ": " } ?? "") + intervention.name
        let others = intervention.node["otherNames"]?.items.compactMap(\.string) ?? []
        if !others.isEmpty { text += " (also: " + others.joined(separator: "; ") + ")" }
        if let description = intervention.description { text += ": " + InterventionText.plain(description) }
        return text
    }

    private func productType(_ intervention: Intervention) -> (String, String?) {
        let raw = intervention.type ?? ""
        if intervention.cells {
            return ("cell", raw.isEmpty ? "its text names cells" : "\(raw) in the record; its text names cells")
        }
        switch raw {
        case "BIOLOGICAL": return ("biologic", nil)
        case "DRUG": return ("drug", nil)
        case "DEVICE": return ("device", nil)
        case "PROCEDURE": return ("procedure", nil)
        case "BEHAVIORAL": return ("behavioural", nil)
        default: return ("other", raw.isEmpty ? nil : "\(raw) in the record")
        }
    }

    /// investigational, co_treatment or comparator, with the reason; nil when the record does not say.
    private func role(_ k: Int) -> (String, String)? {
        let intervention = interventions[k]
        if intervention.placebo { return ("comparator", "its name says placebo or sham") }
        if intervention.cells { return ("investigational", "a cell product") }
        let given = arms.filter { $0.interventions.contains(k) }
        if let arm = given.first(where: { $0.interventions.contains { interventions[$0].cells } }) {
            return ("co_treatment", "given with a cell product in \"\(arm.label)\"")
        }
        let experimental = given.filter { $0.type == "EXPERIMENTAL" }
        if !experimental.isEmpty {
            if experimental.count == given.count { return ("investigational", "given in experimental arms only") }
            return ("co_treatment", "given in experimental and other arms")
        }
        if !given.isEmpty, given.allSatisfy({ ["ACTIVE_COMPARATOR", "PLACEBO_COMPARATOR", "SHAM_COMPARATOR"].contains($0.type ?? "") }) {
            return ("comparator", "given in comparator arms only")
        }
        return nil
    }

    /// The HLA match of a cell product: from its description, else from the words of an arm it is given in.
    private func hlaMatch(_ k: Int) -> ImportedValue? {
        var candidates: [(SourceNode, String)] = []
        if let d = interventions[k].node["description"], let text = d.string { candidates.append((d, text)) }
        for arm in arms where arm.interventions.contains(k) {
            if let d = arm.node["description"], let text = armWords(arm, k) { candidates.append((d, text)) }
        }
        for (node, text) in candidates {
            guard let hla = InterventionText.hla(in: text) else { continue }
            let from = "from \"" + hla.source.joined(separator: "\", \"") + "\""
            var map = node.value(.map([]), note: hla.remark.map { from + "; " + $0 } ?? from)
            if let v = hla.score { map.set("score", node.value(.string(v))) }
            if let v = hla.matched { map.set("matched", node.value(.int(v))) }
            if let v = hla.of { map.set("of", node.value(.int(v))) }
            if let v = hla.level { map.set("level", node.value(.string(v))) }
            if let v = hla.haploidentical { map.set("haploidentical", node.value(.bool(v))) }
            return map
        }
        return nil
    }

    // MARK: - Arms

    /// The words of an arm's description that concern intervention `k`: the whole description when
    /// the arm gives one intervention, else the clauses that name it (more than any other of the
    /// arm's interventions) and the clauses after them that name none (`…, 2 × 10^6 cells/kg`).
    func armWords(_ arm: Arm, _ k: Int) -> String? {
        guard let description = arm.description else { return nil }
        if arm.interventions.count <= 1 { return description }
        let mine = arm.clauses.filter { $0.owner == k }.map(\.text)
        return mine.isEmpty ? nil : mine.joined(separator: ", ")
    }

    /// The intervention (of `indexes`, whose interventions are `given`) each clause concerns: the
    /// one it names more than any other, else (naming none) the one of the clause before it; nil
    /// when two are named as much.
    private static func owners(of clauses: [String], among given: [Intervention], indexes: [Int]) -> [(text: String, owner: Int?)] {
        let names = given.map { intervention in
            InterventionText.significantWords(([intervention.name] + (intervention.node["otherNames"]?.items.compactMap(\.string) ?? []))
                .joined(separator: " "))
        }
        var owner: Int?
        return clauses.map { clause in
            let words = InterventionText.significantWords(clause)
            let scores = names.map { $0.intersection(words).count }
            let best = scores.max() ?? 0
            if best == 0 {
                // Names no intervention: it goes on with the clause before it.
            } else if scores.filter({ $0 == best }).count == 1 {
                owner = indexes[scores.firstIndex(of: best)!]
            } else {
                owner = nil
            }
            return (clause, owner)
        }
    }

    /// The `design.arms` list.
    func designArms(_ module: SourceNode) -> ImportedValue? {
        guard let groups = module["armGroups"], !arms.isEmpty else { return nil }
        let items: [ImportedValue] = arms.map { arm in
            let group = arm.node
            var entry = ImportedValue(.map([]), source: group.location, sourcePath: group.path.text)
            let labelNode = group["label"] ?? group
            entry.set("id", labelNode.value(.string(arm.id), note: "an id made from the label"))
            if let v = group["label"]?.stringValue() { entry.set("name", v) }
            if let t = group["type"], let raw = t.string { entry.set("type", t.value(.string(raw.lowercased()))) }
            let words = [arm.label, arm.description ?? ""].joined(separator: " ")
            if let (value, remark) = InterventionText.comparator(armType: arm.type, text: words) {
                entry.set("comparator", (group["type"] ?? labelNode).value(.string(value), note: remark))
            }
            if let v = group["description"]?.stringValue() { entry.set("description", v) }
            let given = arm.interventions.map { intervention($0, in: arm) }
            if !given.isEmpty {
                entry.set("interventions", ImportedValue(.list(given), source: given[0].source))
            }
            return entry
        }
        return groups.value(.list(items))
    }

    /// One item of an arm's `interventions`.
    private func intervention(_ k: Int, in arm: Arm) -> ImportedValue {
        let intervention = interventions[k]
        let item = intervention.node
        let armText = armWords(arm, k)
        let armNode = arm.node["description"]
        let ownNode = item["description"]
        var entry = ImportedValue(.map([]), source: item.location, sourcePath: item.path.text)
        entry.set("product", (item["name"] ?? item).value(.string(intervention.id), note: "products[\(k)]"))

        // Each fact names the text it was read from: the arm's words first, then the intervention's.
        var sources: [(node: SourceNode, text: String)] = []
        if let armText, let armNode { sources.append((armNode, armText)) }
        if let ownNode, let text = ownNode.string { sources.append((ownNode, text)) }
        func located(_ words: String) -> SourceNode? {
            sources.first { InterventionText.plain($0.text).contains(words) }?.node ?? sources.first?.node
        }
        let facts = InterventionText.facts(sources.map(\.text), cells: intervention.cells, routes: !intervention.sham, readings: readings)
        var remarks: [String] = []
        if let route = facts.route, let node = located(route.source) {
            entry.set("route", node.value(.string(route.value), note: "from \"\(route.source)\"" + (route.remark.map { "; " + $0 } ?? "")))
        }
        if let remark = facts.routeRemark { remarks.append(remark) }
        if let dose = facts.dose, let node = located(dose.source) {
            entry.set("dose", node.value(.string(dose.text), note: "from \"\(dose.source)\"" + (dose.remark.map { "; " + $0 } ?? "")))
            if let population = dose.population {
                entry.set("dose_population", node.value(.string(population), note: "the counted cells named with the dose"))
            }
        }
        if let remark = facts.doseRemark { remarks.append(remark) }
        if facts.count != nil || facts.interval != nil || facts.timing != nil {
            var administrations = ImportedValue(.map([]))
            if let count = facts.count, let node = located(count.source) {
                administrations.set("count", node.value(.int(count.value), note: "from \"\(count.source)\""))
            }
            if let interval = facts.interval, let node = located(interval.source) {
                administrations.set("interval", node.value(.string(interval.value), note: "from \"\(interval.source)\""))
            }
            if let timing = facts.timing, let node = located(timing.source) {
                administrations.set("timing", node.value(.string(timing.value), note: "from \"\(timing.source)\""))
            }
            if let first = administrations.entries?.first?.value { administrations.source = first.source }
            entry.set("administrations", administrations)
        }
        if !sources.isEmpty {
            var text = ImportedValue(.string(sources.map { InterventionText.plain($0.text) }.joined(separator: " | ")),
                                     source: sources[0].node.location,
                                     sourcePath: sources.map(\.node.path.text).joined(separator: " + "))
            if sources.count == 2 { text.note = "the arm's words for this intervention, then its own description" }
            entry.set("source_text", text)
        }
        if !remarks.isEmpty { entry.note = remarks.joined(separator: "; ") }
        return entry
    }
}
