import YAMLSource
import StemCheckModel

/// Imports a CDISC USDM v4 JSON document (`study.versions[0]`, its first study design) into the
/// protocol schema, plus the cell-therapy fields carried in stemcheck extension attributes.
///
/// The mapping table and the extension-attribute convention are in docs/import.md.
struct USDMImporter {
    let root: YAMLNode
    let file: String
    /// The loader's limits: an extension attribute's field path may not nest deeper.
    var limits = YAMLLimits()

    /// Extension attributes whose `url` starts with this carry a protocol field: the rest of the url
    /// is the field path (`product.cell_type`, `product.release_tests[0].name`).
    static let extensionPrefix = "https://stemcheck.dev/usdm/"

    /// Fails unless the document has `study.versions` with at least one version object.
    static func requireStudy(_ root: YAMLNode) throws(InputError) {
        guard let study = root.pair(forKey: "study") else {
            throw InputError([Diagnostic(root.location, "USDM document without \"study\": there is no study to import",
                                         hint: "a USDM v4 file is {\"study\": {\"versions\": [StudyVersion...]}, \"usdmVersion\": ...}")])
        }
        guard study.value.kind == .mapping else {
            throw InputError([Diagnostic(study.value.location, "\"study\" must be an object, found \(describe(study.value))",
                                         hint: "a USDM v4 file is {\"study\": {\"versions\": [StudyVersion...]}, ...}")])
        }
        guard let versions = study.value.pair(forKey: "versions") else {
            throw InputError([Diagnostic(study.key.location, "USDM \"study\" has no \"versions\": there is no study version to import",
                                         hint: "add study.versions, a list of StudyVersion objects")])
        }
        guard versions.value.kind == .sequence, let first = versions.value.item(0) else {
            throw InputError([Diagnostic(versions.value.location, "USDM \"study.versions\" must be a non-empty list of StudyVersion objects, found \(describe(versions.value))",
                                         hint: "add at least one StudyVersion")])
        }
        guard first.kind == .mapping else {
            throw InputError([Diagnostic(first.location, "a USDM study version must be an object, found \(describe(first))")])
        }
    }

    func run() throws(InputError) -> ImportedProtocol {
        try Self.requireStudy(root)
        let (tree, notes) = try translate()
        var header = [
            "Imported by stemcheck \(ToolInfo.version) from \(file) (\(ImportFormat.usdm.title)).",
            "Each comment names the source field as a JSON path into that file.",
        ]
        header += notes.map { "Note: " + $0 }
        return ImportedProtocol(format: .usdm, tree: tree, header: header, footer: ImportGaps.footer(for: tree), file: file)
    }

    /// The protocol tree and notes for the header.
    func translate() throws(InputError) -> (ImportedValue, [String]) {
        var tree = ImportedValue(.map([]), source: root.location)
        var notes: [String] = []
        tree.set("schema_version", ImportedValue(.int(2), source: root.location, note: "the protocol schema this file is written in"))
        let doc = SourceNode(node: root, path: .root)
        guard let version = doc.at("study")?["versions"]?.items.first else { return (tree, notes) }
        if let count = doc.at("study.versions")?.items.count, count > 1 {
            notes.append("the file has \(count) study versions; the first one is imported")
        }
        let ids = IDIndex(version.node)
        let organizations = version["organizations"]?.items ?? []
        func organization(_ id: String?) -> SourceNode? {
            organizations.first { $0["id"]?.string == id }
        }
        let design = version["studyDesigns"]?.items.first
        if let count = version["studyDesigns"]?.items.count, count > 1 {
            notes.append("the study version has \(count) study designs; the first one is imported")
        }

        // protocol
        tree.set("protocol", ImportedValue(.map([]), source: version.location, sourcePath: version.path.text))
        var registryIDs: [(registry: String?, issuer: String, node: SourceNode)] = []
        var sponsor: SourceNode?
        for identifier in version["studyIdentifiers"]?.items ?? [] {
            guard let text = identifier["text"] else { continue }
            let scope = organization(identifier["scopeId"]?.string)
            let type = scope?["type"].map(Self.code) ?? ""
            let name = scope?["name"]?.string ?? ""
            if type == "C70793" || (scope?["type"].map(Self.decode) ?? "").lowercased().contains("sponsor") {
                if tree.value(at: "protocol.id") == nil, let v = text.stringValue() { tree.set("protocol.id", v) }
                if sponsor == nil { sponsor = scope }
            } else if type == "C93453" || (scope?["type"].map(Self.decode) ?? "").lowercased().contains("registry") {
                registryIDs.append((Self.registryName(orgName: name, id: text.string ?? ""), name, text))
            } else if (text.string ?? "").uppercased().hasPrefix("IND") || name.uppercased().contains("FDA") {
                if let v = text.stringValue() { tree.set("approvals.ind.number", v) }
            }
        }
        let titles = version["titles"]?.items ?? []
        let official = titles.first { Self.decode($0["type"]).lowercased().contains("official") }
            ?? titles.first { Self.decode($0["type"]).lowercased().contains("brief") } ?? titles.first
        if let v = official?["text"]?.stringValue() { tree.set("protocol.title", v) }
        if let v = version["versionIdentifier"]?.stringValue() { tree.set("protocol.version", v) }
        let dates = version["dateValues"]?.items ?? []
        if let date = dates.first(where: { Self.decode($0["type"]).lowercased().contains("effective") })
            ?? dates.first(where: { Self.decode($0["type"]).lowercased().contains("approval") }),
           let v = date["dateValue"], let text = v.string, ISODate.parse(text) != nil {
            tree.set("protocol.date", v.value(.string(text), note: Self.decode(date["type"])))
        }
        if let sponsor, let v = sponsor["name"]?.stringValue() {
            tree.set("protocol.sponsor.name", v)
            if let c = sponsor.at("legalAddress.country"), let code = Self.code(c).nonEmpty.flatMap(ImportText.countryCode) {
                tree.set("protocol.sponsor.country", c.value(.string(code)))
            }
        }
        if let phase = design?["studyPhase"], let text = Self.phase(phase) {
            tree.set("protocol.phase", phase.value(.string(text), note: Self.decode(phase)))
        }
        if let type = design?["studyType"], Self.decode(type).lowercased().hasPrefix("interventional") {
            tree.set("protocol.context", type.value(.string("clinical_trial"), note: "an interventional study"))
        }
        if let node = doc.at("study.description"), let text = node.string {
            tree.set("protocol.summary", node.value(.string(ImportText.plain(text))))
        }
        if let v = version["rationale"], let text = v.string {
            tree.set("protocol.rationale", v.value(.string(ImportText.plain(text))))
        }
        if let amendments = version["amendments"] {
            let items: [ImportedValue] = amendments.items.map { amendment in
                var entry = ImportedValue(.map([]), source: amendment.location, sourcePath: amendment.path.text)
                if let v = amendment["number"]?.stringValue() { entry.set("number", v) }
                if let v = amendment["summary"], let text = v.string { entry.set("summary", v.value(.string(ImportText.plain(text)))) }
                return entry
            }
            tree.set("protocol.amendments", amendments.value(.list(items)))
        }

        // registrations: every identifier scoped to a registry; the first is the primary one.
        if !registryIDs.isEmpty {
            let items: [ImportedValue] = registryIDs.enumerated().compactMap { n, entry in
                guard let id = entry.node.string else { return nil }
                var item = ImportedValue(.map([]), source: entry.node.location, sourcePath: entry.node.path.text)
                if let registry = entry.registry {
                    item.set("registry", entry.node.value(.string(registry), note: "scope organisation \"\(entry.issuer)\""))
                } else {
                    item.set("registry", entry.node.value(.string("other"), note: "scope organisation \"\(entry.issuer)\" is not a registry of the schema's vocabulary"))
                }
                item.set("id", entry.node.value(.string(id)))
                if entry.registry == "ClinicalTrials.gov" {
                    item.set("url", entry.node.value(.string("https://clinicaltrials.gov/study/" + id)))
                }
                item.set("primary", entry.node.value(.bool(n == 0), note: n == 0 ? "the first registry identifier" : nil))
                return item
            }
            if !items.isEmpty {
                tree.set("registrations", ImportedValue(.list(items), source: items[0].source, sourcePath: version.path.text + ".studyIdentifiers"))
            }
        }

        // condition
        if let indications = design?["indications"], let first = indications.items.first {
            if let v = first["description"]?.stringValue() ?? first["name"]?.stringValue() { tree.set("condition.name", v) }
            for indication in indications.items {
                if let code = indication["codes"]?.items.first(where: { ($0["codeSystem"]?.string ?? "").uppercased().hasPrefix("ICD-10") }),
                   let v = code["code"]?.stringValue() {
                    tree.set("condition.icd10", v)
                    break
                }
            }
        }

        // participants
        if let population = design?["population"] {
            if let n = population["plannedEnrollmentNumber"] {
                let value = n["value"] ?? n["maxValue"]?["value"]
                if let value, let number = value.node.number {
                    tree.set("participants.target_enrollment", value.value(.int(Int(number.rounded()))))
                }
            }
            if let age = population["plannedAge"] {
                for (key, field) in [("age_min_years", "minValue"), ("age_max_years", "maxValue")] {
                    if let q = age[field], let value = q["value"], let number = value.node.number {
                        let unit = q["unit"].map(Self.decode) ?? "Year"
                        if let years = ImportText.years(value: number, unit: unit.isEmpty ? "Year" : unit) {
                            tree.set("participants." + key, value.value(.number(years), note: "\(NumberText.format(number)) \(unit)"))
                        }
                    }
                }
            }
            if let sex = population["plannedSex"] {
                let decodes = sex.items.map { Self.decode($0).lowercased() }
                let text: String? = decodes.contains("both") || (decodes.contains("female") && decodes.contains("male")) ? "all"
                    : decodes.count == 1 ? decodes[0] : nil
                if let text { tree.set("participants.sex", sex.value(.string(text))) }
            }
            if let v = population["includesHealthySubjects"], let b = v.node.bool {
                tree.set("participants.healthy_volunteers", v.value(.bool(b)))
            }
        }
        if let criteria = design?["eligibilityCriteria"] {
            let items = version["eligibilityCriterionItems"]?.items ?? []
            var inclusion: [ImportedValue] = []
            var exclusion: [ImportedValue] = []
            for criterion in criteria.items {
                let category = Self.decode(criterion["category"]).lowercased()
                guard let item = items.first(where: { $0["id"]?.string == criterion["criterionItemId"]?.string }),
                      let textNode = item["text"], let text = textNode.string else { continue }
                let dictionary = item["dictionaryId"]?.string
                let plain = ImportText.plain(ids.resolveTags(text, dictionary: dictionary))
                let value = textNode.value(.string(plain), note: criterion["identifier"]?.string.map { "criterion " + $0 })
                if category.contains("exclusion") { exclusion.append(value) } else { inclusion.append(value) }
            }
            if !inclusion.isEmpty { tree.set("participants.inclusion", criteria.value(.list(inclusion))) }
            if !exclusion.isEmpty { tree.set("participants.exclusion", criteria.value(.list(exclusion))) }
        }
        if let retention = design?["biospecimenRetentions"]?.items.first, let v = retention["isRetained"], let b = v.node.bool {
            tree.set("consent.biospecimen_future_use", v.value(.bool(b)))
        }

        // products: one per study intervention.
        let interventions = version["studyInterventions"]?.items ?? []
        var productIDs: [String] = []
        var taken: Set<String> = []
        if let list = version["studyInterventions"], !interventions.isEmpty {
            let items: [ImportedValue] = interventions.enumerated().map { n, intervention in
                var entry = ImportedValue(.map([]), source: intervention.location, sourcePath: intervention.path.text)
                let idNode = intervention["id"] ?? intervention
                let raw = intervention["id"]?.string ?? ""
                let id = ImportText.isIdentifier(raw) && !taken.contains(raw) ? raw
                    : InterventionText.identifier(intervention["name"]?.string ?? "", fallback: "product-\(n + 1)", taken: &taken)
                taken.insert(id)
                productIDs.append(id)
                entry.set("id", idNode.value(.string(id), note: id == raw ? nil : "an id made from the name"))
                if let v = intervention["name"]?.stringValue() { entry.set("name", v) }
                let words = [intervention["name"]?.string, intervention["label"]?.string, intervention["description"]?.string]
                    .compactMap { $0 }.joined(separator: " ")
                if let (type, note) = Self.productType(Self.decode(intervention["type"]), words: words) {
                    entry.set("type", (intervention["type"] ?? idNode).value(.string(type), note: note))
                }
                if let role = Self.productRole(Self.decode(intervention["role"])), let roleNode = intervention["role"] {
                    entry.set("role", roleNode.value(.string(role), note: Self.decode(roleNode)))
                }
                if let v = intervention["description"]?.stringValue() { entry.set("description", v) }
                return entry
            }
            tree.set("products", list.value(.list(items)))
        }

        // design
        if let design {
            tree.set("design", ImportedValue(.map([]), source: design.location, sourcePath: design.path.text))
            if let type = design["studyType"] {
                let decode = Self.decode(type).lowercased()
                let text = decode.hasPrefix("interventional") ? "interventional" : decode.hasPrefix("observational") ? "observational" : nil
                if let text { tree.set("design.type", type.value(.string(text), note: Self.decode(type))) }
            }
            if let model = design["model"], let text = Self.model(Self.decode(model)) {
                tree.set("design.model", model.value(.string(text), note: Self.decode(model)))
            }
            if let characteristics = design["characteristics"],
               let random = characteristics.items.first(where: { Self.decode($0).lowercased().contains("random") }) {
                tree.set("design.randomized", random.value(.bool(true), note: Self.decode(random)))
            }
            if let blinding = design["blindingSchema"], let text = Self.blinding(Self.decode(blinding)) {
                tree.set("design.blinding", blinding.value(.string(text), note: Self.decode(blinding)))
            }
            var masked: [ImportedValue] = []
            var dsmb: SourceNode?
            for role in version["roles"]?.items ?? [] {
                let decode = Self.decode(role["code"]).lowercased()
                if Self.code(role["code"]) == "C142578" || decode.contains("monitoring committee") || decode.contains("monitoring board") {
                    dsmb = role
                }
                if role.at("masking.isMasked")?.node.bool == true, let name = Self.maskedRole(decode), let code = role["code"] {
                    masked.append(code.value(.string(name), note: Self.decode(role["code"])))
                }
            }
            if !masked.isEmpty { tree.set("design.masked_roles", ImportedValue(.list(masked), source: masked[0].source)) }
            if let arms = design["arms"], !arms.items.isEmpty {
                let (linked, linkNote) = armInterventions(design: design, arms: arms.items, interventions: interventions)
                if let linkNote { notes.append(linkNote) }
                var armIDs: Set<String> = []
                let items: [ImportedValue] = arms.items.enumerated().map { n, arm in
                    var entry = ImportedValue(.map([]), source: arm.location, sourcePath: arm.path.text)
                    let raw = arm["id"]?.string ?? ""
                    let id = ImportText.isIdentifier(raw) && !armIDs.contains(raw) ? raw
                        : InterventionText.identifier(arm["name"]?.string ?? "", fallback: "arm-\(n + 1)", taken: &armIDs)
                    armIDs.insert(id)
                    entry.set("id", (arm["id"] ?? arm).value(.string(id), note: id == raw ? nil : "an id made from the name"))
                    if let v = arm["name"]?.stringValue() { entry.set("name", v) }
                    let typeDecode = Self.decode(arm["type"])
                    let armType = Self.armType(typeDecode)
                    if let type = arm["type"], let text = armType {
                        entry.set("type", type.value(.string(text), note: typeDecode))
                    }
                    let words = [arm["name"]?.string, arm["label"]?.string, arm["description"]?.string].compactMap { $0 }.joined(separator: " ")
                    if let (value, remark) = InterventionText.comparator(armType: armType?.uppercased(), text: words) {
                        entry.set("comparator", (arm["type"] ?? arm).value(.string(value), note: remark ?? typeDecode))
                    }
                    if let v = arm["description"]?.stringValue() { entry.set("description", v) }
                    let given: [ImportedValue] = (linked[n] ?? []).flatMap { link in
                        administrationItems(interventions[link.intervention], productID: productIDs[link.intervention], remark: link.remark)
                    }
                    if !given.isEmpty { entry.set("interventions", ImportedValue(.list(given), source: given[0].source)) }
                    return entry
                }
                tree.set("design.arms", arms.value(.list(items)))
            }
            let objectives = design["objectives"]?.items ?? []
            let endpoints = objectives.flatMap { $0["endpoints"]?.items ?? [] }
            let outcomes: [ImportedValue] = endpoints.compactMap { endpoint in
                let level = Self.decode(endpoint["level"]).lowercased()
                let type = level.contains("primary") ? "primary" : level.contains("secondary") ? "secondary" : "other"
                guard let v = endpoint["text"], let text = v.string else { return nil }
                var entry = ImportedValue(.map([]), source: endpoint.location, sourcePath: endpoint.path.text)
                entry.set("type", (endpoint["level"] ?? endpoint).value(.string(type), note: Self.decode(endpoint["level"]).nonEmpty))
                entry.set("measure", v.value(.string(ImportText.plain(ids.resolveTags(text, dictionary: endpoint["dictionaryId"]?.string)))))
                if let purpose = endpoint["purpose"]?.string?.lowercased(), ["safety", "efficacy", "feasibility", "pharmacodynamic"].contains(purpose) {
                    entry.set("purpose", endpoint["purpose"]!.value(.string(purpose)))
                }
                return entry
            }
            if !outcomes.isEmpty {
                tree.set("outcomes", ImportedValue(.list(outcomes), source: outcomes[0].source, sourcePath: design.path.text + ".objectives"))
            }
            if let dsmb {
                var entry = dsmb.value(.map([]), note: "the study has a data monitoring committee role; fill charter, members")
                if Self.decode(dsmb["code"]).lowercased().contains("independent") {
                    entry.set("independent", dsmb["code"]!.value(.bool(true), note: Self.decode(dsmb["code"])))
                }
                tree.set("safety.dsmb", entry)
            }
        }

        // stemcheck extension attributes, anywhere in the study version; they win over mapped values.
        for (path, value) in try extensionValues(version) {
            for (target, converted) in Self.v2Targets(path, value, in: &tree) {
                tree.set(target, converted)
            }
        }
        return (tree, notes)
    }

    /// Every `extensionAttributes` entry under `node` whose url carries a protocol field.
    ///
    /// The field path is the only part of an import whose depth the input chooses (in a string, not
    /// by nesting), so it is held to the loader's depth limit here: each of its steps is one level of
    /// the protocol, and a path with more steps than `limits.maxDepth` is an error at its `url`.
    /// Everything else an importer builds has the schema's fixed shape.
    func extensionValues(_ node: SourceNode) throws(InputError) -> [([FieldPathSegment], ImportedValue)] {
        var out: [([FieldPathSegment], ImportedValue)] = []
        var tooDeep: SourceNode?
        func visit(_ node: SourceNode) {
            switch node.node.kind {
            case .mapping:
                for (key, child) in node.pairs {
                    if key == "extensionAttributes" {
                        for attribute in child.items { collect(attribute) }
                    }
                    if child.node.isCollection { visit(child) }
                }
            case .sequence:
                for child in node.items where child.node.isCollection { visit(child) }
            default:
                return
            }
        }
        func collect(_ attribute: SourceNode) {
            guard let url = attribute["url"]?.string, url.hasPrefix(Self.extensionPrefix),
                  let path = FieldPathSegment.parse(String(url.dropFirst(Self.extensionPrefix.count))),
                  let value = Self.extensionValue(attribute, path: path) else { return }
            if path.count > limits.maxDepth {
                if tooDeep == nil { tooDeep = attribute["url"] }
                return
            }
            out.append((path, value))
            // Nested attributes (on the attribute itself) are visited too.
            if let nested = attribute["extensionAttributes"] { for child in nested.items { collect(child) } }
        }
        visit(node)
        if let tooDeep {
            throw InputError([Diagnostic(tooDeep.location,
                                         "the field path of this extension attribute nests deeper than the limit of \(limits.maxDepth) levels",
                                         hint: "an extension attribute's url names one protocol field, as in docs/protocol-schema.md")])
        }
        return out
    }

    /// The value of a stemcheck extension attribute, typed by its `value*` field and the schema.
    static func extensionValue(_ attribute: SourceNode, path: [FieldPathSegment]) -> ImportedValue? {
        let note = "extension attribute"
        if let v = attribute["valueString"], let s = v.node.string { return v.value(.string(s), note: note) }
        if let v = attribute["valueBoolean"], let b = v.node.bool { return v.value(.bool(b), note: note) }
        if let v = attribute["valueInteger"], let n = v.node.int { return v.value(.int(n), note: note) }
        if let v = attribute["valueId"], let s = v.node.string { return v.value(.string(s), note: note) }
        if let v = attribute["valueCode"], let code = v["code"]?.string ?? v["decode"]?.string { return v.value(.string(code), note: note) }
        if let v = attribute["valueAliasCode"], let code = v.at("standardCode.code")?.string { return v.value(.string(code), note: note) }
        if let v = attribute["valueQuantity"], let number = v["value"]?.node.number {
            let unit = decode(v["unit"])
            let documented = documentedType(path)
            if documented == "number" || documented == "integer" || unit.isEmpty {
                return v.value(documented == "integer" && number == number.rounded() ? .int(Int(number)) : .number(number),
                               note: unit.isEmpty ? note : note + ", unit " + unit)
            }
            return v.value(.string(NumberText.format(number) + " " + unit), note: note)
        }
        return nil
    }

    /// The documented type of a field path (`number`, `string`, ...), when documented.
    /// A v1 path (`product.X`, `registration.X`, as older extension attributes name fields) takes
    /// the type of the field's v2 place (`products[*].X`, `registrations[*].X`).
    static func documentedType(_ path: [FieldPathSegment]) -> String? {
        let text = String(path.map { segment -> String in
            switch segment {
            case .key(let k): return "." + k
            case .index: return "[*]"
            }
        }.joined().dropFirst())
        var candidates = [text]
        for (v2, v1) in [("products[*].", "product."), ("registrations[*].", "registration.")] where text.hasPrefix(v1) {
            candidates.append(v2 + text.dropFirst(v1.count))
        }
        for candidate in candidates {
            if let type = EmbeddedResources.documentedFieldTable.first(where: { $0.path == candidate })?.type { return type }
        }
        return nil
    }

    // MARK: - Codes

    /// The NCIt code of a Code or AliasCode.
    static func code(_ node: SourceNode?) -> String {
        guard let node else { return "" }
        return node["code"]?.string ?? node.at("standardCode.code")?.string ?? ""
    }

    /// The decode of a Code or AliasCode.
    static func decode(_ node: SourceNode?) -> String {
        guard let node else { return "" }
        return node["decode"]?.string ?? node.at("standardCode.decode")?.string ?? ""
    }

    static func phase(_ node: SourceNode) -> String? {
        switch code(node) {
        case "C54721": return "0"
        case "C15600": return "1"
        case "C15601": return "2"
        case "C15602": return "3"
        case "C15603": return "4"
        case "C15693": return "1/2"
        case "C15694": return "2/3"
        case "C48660": return "not_applicable"
        default: break
        }
        let text = decode(node).uppercased()
        let numerals = [("IV", "4"), ("III", "3"), ("II", "2"), ("I", "1"), ("0", "0")]
        let words = text.replacingAll("/", with: " / ").split(separator: " ").map(String.init)
        var found: [String] = []
        for word in words {
            let bare = word.trimmingCharacters(in: "AB")
            if let hit = numerals.first(where: { $0.0 == bare || $0.1 == bare }) { found.append(hit.1) }
        }
        return found.isEmpty ? nil : found.joined(separator: "/")
    }

    static func model(_ decode: String) -> String? {
        let d = decode.lowercased()
        for (word, value) in [("parallel", "parallel"), ("crossover", "crossover"), ("cross-over", "crossover"),
                              ("single group", "single_group"), ("factorial", "factorial"), ("sequential", "sequential")] where d.contains(word) {
            return value
        }
        return nil
    }

    static func blinding(_ decode: String) -> String? {
        let d = decode.lowercased()
        if d.contains("open") { return "none" }
        if d.contains("single") { return "single" }
        if d.contains("double") { return "double" }
        if d.contains("triple") || d.contains("quadruple") { return "triple" }
        return nil
    }

    static func armType(_ decode: String) -> String? {
        let d = decode.lowercased()
        if d.contains("placebo") { return "placebo_comparator" }
        if d.contains("sham") { return "sham_comparator" }
        if d.contains("active comparator") { return "active_comparator" }
        if d.contains("no intervention") { return "no_intervention" }
        if d.contains("experimental") || d.contains("investigational") { return "experimental" }
        return nil
    }

    static func maskedRole(_ decode: String) -> String? {
        if decode.contains("participant") || decode.contains("subject") { return "participant" }
        if decode.contains("care provider") { return "care_provider" }
        if decode.contains("outcome") { return "outcomes_assessor" }
        if decode.contains("investigator") { return "investigator" }
        return nil
    }

    static func route(_ decode: String) -> String? {
        let d = decode.lowercased()
        let table = [("intrathecal", "intrathecal"), ("intra-arterial", "intra_arterial"), ("intraarterial", "intra_arterial"),
                     ("intracerebroventricular", "intracerebroventricular"), ("intracerebral", "intracerebral"),
                     ("intravenous", "intravenous"), ("nasal", "intranasal"), ("intramuscular", "intramuscular"),
                     ("intra-articular", "intra_articular"), ("intraarticular", "intra_articular"),
                     ("subcutaneous", "subcutaneous"), ("intravitreal", "intravitreal"), ("subretinal", "subretinal"),
                     ("intraspinal", "intraspinal")]
        for (word, value) in table where d.contains(word) { return value }
        return d.isEmpty ? nil : "other"
    }

    /// The registry (`$defs/registry`) of an identifier scoped to a registry organisation; nil when
    /// neither the identifier's form nor the organisation's name is one of the vocabulary.
    static func registryName(orgName: String, id: String) -> String? {
        if let registry = RegistryVocabulary.registry(ofID: id) { return registry }
        let name = orgName.uppercased()
        if name.contains("CT-GOV") || name.contains("CLINICALTRIALS") { return "ClinicalTrials.gov" }
        if name.contains("CTIS") || name.contains("EU CT") || name == "EMA" { return "EU CTR" }
        return RegistryVocabulary.registry(ofIssuer: orgName)
    }
}

/// The objects of a USDM study version by `id`, to resolve `<usdm:ref>` and `<usdm:tag>` in texts.
struct IDIndex {
    private var objects: [String: YAMLNode] = [:]
    private let dictionaries: [String: YAMLNode]

    init(_ version: YAMLNode) {
        var objects: [String: YAMLNode] = [:]
        func visit(_ node: YAMLNode) {
            switch node.kind {
            case .mapping:
                if let id = node["id"]?.string, objects[id] == nil { objects[id] = node }
                for (_, child) in node.pairs where child.isCollection { visit(child) }
            case .sequence:
                for child in node.items where child.isCollection { visit(child) }
            default: return
            }
        }
        visit(version)
        self.objects = objects
        var dictionaries: [String: YAMLNode] = [:]
        for dictionary in version["dictionaries"]?.items ?? [] {
            if let id = dictionary["id"]?.string { dictionaries[id] = dictionary }
        }
        self.dictionaries = dictionaries
    }

    /// Replaces `<usdm:tag name="T"/>` by the value its dictionary's parameter map references.
    func resolveTags(_ text: String, dictionary: String?) -> String {
        guard text.contains("<usdm:tag") else { return text }
        var out = ""
        var rest = text[...]
        while let start = rest.range(of: "<usdm:tag") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: ">") else { break }
            let tag = String(rest[start.lowerBound..<end.upperBound])
            out += value(ofTag: attribute("name", in: tag) ?? "", dictionary: dictionary)
            rest = rest[end.upperBound...]
            if rest.hasPrefix("</usdm:tag>") { rest = rest.dropFirst("</usdm:tag>".count) }
        }
        return out + rest
    }

    private func value(ofTag name: String, dictionary: String?) -> String {
        let maps = dictionary.flatMap { dictionaries[$0] }?["parameterMaps"]?.items ?? []
        guard let reference = maps.first(where: { $0["tag"]?.string == name })?["reference"]?.string,
              let id = attribute("id", in: reference), let attributeName = attribute("attribute", in: reference),
              let target = objects[id]?[attributeName] else { return "[\(name)]" }
        if let n = target.number { return NumberText.format(n) }
        return target.text ?? "[\(name)]"
    }

    private func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: name + "=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }
}

extension String {
    /// nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let last = s.last, set.contains(last), s.count > 1 { s = s.dropLast() }
        return String(s)
    }
}
