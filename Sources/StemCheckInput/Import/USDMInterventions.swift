import YAMLSource
import StemCheckModel

/// Study interventions, their administrations and the arms they are given in, for the USDM import
/// (docs/import.md): products, `design.arms[].interventions`, and the translation of v1 field
/// paths in stemcheck extension attributes to protocol schema v2.
extension USDMImporter {
    /// For each arm (by index): the study interventions given in it, found through the design's
    /// study cells (`armId` → `elementIds`) and the elements' `studyInterventionIds`.
    ///
    /// When the file links no intervention to any arm, the experimental interventions are given to
    /// every experimental arm (or an arm with no type), as the v1 → v2 migration places a v1
    /// protocol's single intervention; the remark says so on each item, the note in the header.
    func armInterventions(design: SourceNode, arms: [SourceNode], interventions: [SourceNode])
        -> ([Int: [(intervention: Int, remark: String?)]], String?) {
        var elements: [String: [String]] = [:]
        for element in design["elements"]?.items ?? [] {
            if let id = element["id"]?.string {
                elements[id] = element["studyInterventionIds"]?.items.compactMap(\.string) ?? []
            }
        }
        let index = Dictionary(interventions.enumerated().compactMap { n, item in item["id"]?.string.map { ($0, n) } },
                               uniquingKeysWith: { first, _ in first })
        var out: [Int: [(intervention: Int, remark: String?)]] = [:]
        for (n, arm) in arms.enumerated() {
            guard let armID = arm["id"]?.string else { continue }
            var given: [Int] = []
            for cell in design["studyCells"]?.items ?? [] where cell["armId"]?.string == armID {
                for elementID in cell["elementIds"]?.items.compactMap(\.string) ?? [] {
                    for interventionID in elements[elementID] ?? [] {
                        if let k = index[interventionID], !given.contains(k) { given.append(k) }
                    }
                }
            }
            if !given.isEmpty { out[n] = given.map { ($0, nil) } }
        }
        guard out.isEmpty, !interventions.isEmpty else { return (out, nil) }

        let experimental = interventions.indices.filter { Self.productRole(Self.decode(interventions[$0]["role"])) == "investigational" }
        let experimentalArms = arms.indices.filter { n in
            let type = Self.armType(Self.decode(arms[n]["type"]))
            return type == nil || type == "experimental"
        }
        var note = "the study design links no study intervention to an arm (studyCells → elements → studyInterventionIds)"
        if experimental.isEmpty || experimentalArms.isEmpty {
            let administrations = interventions.compactMap { item -> String? in
                let names = item["administrations"]?.items.compactMap { $0["name"]?.string } ?? []
                guard let id = item["id"]?.string, !names.isEmpty else { return nil }
                return id + " (" + names.joined(separator: ", ") + ")"
            }
            note += "; no arm's interventions are imported ("
                + (experimental.isEmpty ? "no study intervention has an experimental role" : "no arm is experimental") + ")"
            if !administrations.isEmpty { note += ": place the administrations of " + administrations.joined(separator: ", ") + " by hand" }
            return (out, note)
        }
        let remark = "not linked to an arm in the file; given to every experimental arm, as the v1 → v2 migration does"
        for n in experimentalArms { out[n] = experimental.map { ($0, remark) } }
        note += "; the experimental interventions are listed under every experimental arm"
        return (out, note)
    }

    /// The arm intervention items of one study intervention: one per administration (route, dose,
    /// once-only frequency), or one naming the product when it has none.
    func administrationItems(_ intervention: SourceNode, productID: String, remark: String?) -> [ImportedValue] {
        let idNode = intervention["id"] ?? intervention
        let administrations = intervention["administrations"]?.items ?? []
        guard !administrations.isEmpty else {
            var entry = ImportedValue(.map([]), source: intervention.location, sourcePath: intervention.path.text, note: remark)
            entry.set("product", idNode.value(.string(productID)))
            return [entry]
        }
        return administrations.map { administration in
            var entry = ImportedValue(.map([]), source: administration.location, sourcePath: administration.path.text, note: remark)
            entry.set("product", idNode.value(.string(productID), note: "the study intervention of this administration"))
            if let route = administration["route"], let text = Self.route(Self.decode(route)) {
                entry.set("route", route.value(.string(text), note: Self.decode(route)))
            }
            if let dose = administration["dose"], let value = dose["value"], let number = value.node.number {
                let decode = Self.decode(dose["unit"])
                if let (unit, population) = Self.doseUnit(decode) {
                    entry.set("dose", value.value(.string(NumberText.format(number) + " " + unit), note: decode.nonEmpty))
                    if let population { entry.set("dose_population", value.value(.string(population), note: decode)) }
                } else {
                    let text = "dose \(NumberText.format(number)) \(decode) is in a unit stemcheck does not compare; not imported"
                    entry.note = entry.note.map { $0 + "; " + text } ?? text
                }
            }
            if let frequency = administration["frequency"], Self.decode(frequency).lowercased() == "once" {
                entry.set("administrations.count", frequency.value(.int(1), note: Self.decode(frequency)))
            }
            return entry
        }
    }

    /// A dose unit decode as a unit of the schema's dose forms, and the counted population it names.
    static func doseUnit(_ decode: String) -> (String, String?)? {
        let d = decode.lowercased()
        let population = InterventionText.populationName(decode)
        if d.contains("cell") || d.contains("tnc") || d.contains("mnc") {
            let perKg = d.contains("/kg") || d.contains("per kilogram") || d.contains("per kg")
            return (perKg ? (d.hasPrefix("tnc") ? "TNC/kg" : "cells/kg") : "cells", population)
        }
        let table: [(String, String)] = [("milligram", "mg"), ("microgram", "µg"), ("gram", "g"), ("milliliter", "mL"),
                                         ("millilitre", "mL"), ("liter", "L"), ("litre", "L")]
        for (word, symbol) in table where d == word || d == word + "s" { return (symbol, nil) }
        if let unit = MeasureUnit.named(decode), unit.dimension != .time { return (decode, nil) }
        return nil
    }

    /// The schema's product type for a USDM intervention type decode (and the intervention's words).
    static func productType(_ decode: String, words: String) -> (String, String?)? {
        if !InterventionText.namesPlaceboOrSham(words), InterventionText.namesCells(words) {
            return ("cell", (decode.nonEmpty.map { $0 + "; " } ?? "") + "its name or description names cells")
        }
        let d = decode.lowercased()
        let table: [([String], String)] = [
            (["cell"], "cell"), (["pharmacologic", "drug", "chemical"], "drug"), (["biolog", "vaccine", "antibod"], "biologic"),
            (["device"], "device"), (["procedure", "surgery", "surgical"], "procedure"), (["behavio"], "behavioural"),
            (["dietary", "radiation", "genetic", "other"], "other"),
        ]
        for (words, type) in table where words.contains(where: d.contains) { return (type, decode) }
        return nil
    }

    /// The schema's product role for a USDM intervention role decode.
    static func productRole(_ decode: String) -> String? {
        let d = decode.lowercased()
        if d.contains("experimental") || d.contains("investigational") { return "investigational" }
        if d.contains("placebo") || d.contains("comparator") || d.contains("control") { return "comparator" }
        if d.contains("background") { return "background" }
        if ["rescue", "concomitant", "additional", "challenge", "auxiliary"].contains(where: d.contains) { return "co_treatment" }
        return nil
    }

    // MARK: - Extension attributes

    /// Where an extension attribute's value goes in a schema v2 protocol: v2 paths as they are;
    /// v1 `product.…` to the investigational product, `registration.…` to the first registration,
    /// `administration.…` fields that v2 moves to interventions to that product's intervention in
    /// each arm (arms made as the v1 → v2 migration makes them when there are none),
    /// `design.primary_endpoint.…` to the first primary outcome.
    static func v2Targets(_ path: [FieldPathSegment], _ value: ImportedValue, in tree: inout ImportedValue)
        -> [([FieldPathSegment], ImportedValue)] {
        guard case .key(let head)? = path.first else { return [(path, value)] }
        let rest = Array(path.dropFirst())
        func key(_ k: String) -> FieldPathSegment { .key(k) }
        switch head {
        case "product":
            guard !rest.isEmpty else { return [] }
            let k = investigationalProduct(in: &tree, value)
            if rest == [key("hla_match_of_8")] {
                return [([key("products"), .index(k), key("hla_match"), key("matched")], value),
                        ([key("products"), .index(k), key("hla_match"), key("of")], ImportedValue(.int(8), source: value.source, note: "hla_match_of_8")),
                        ([key("products"), .index(k), key("hla_match"), key("level")], ImportedValue(.string("allele"), source: value.source, note: "hla_match_of_8"))]
            }
            return [([key("products"), .index(k)] + rest, value)]
        case "registration":
            guard case .key(let field)? = rest.first else { return [] }
            if field == "secondary_ids" { return [] }
            let target = field == "date" ? "first_submitted" : field
            return [([key("registrations"), .index(0), key(target)] + rest.dropFirst(), value)]
        case "administration":
            guard case .key(let field)? = rest.first else { return [(path, value)] }
            let k = investigationalProduct(in: &tree, value)
            if field == "hla_match" {
                guard case .key(let sub)? = rest.dropFirst().first else { return [] }
                return [([key("products"), .index(k), key("hla_match"), key(sub == "min_matched" ? "matched" : sub)] + rest.dropFirst(2), value)]
            }
            guard let (target, converted) = interventionField(field, value) else {
                return field == "cumulative_dose_per_kg" ? [] : [(path, value)]
            }
            return interventionItems(of: k, in: &tree, value).map { ($0 + target + rest.dropFirst(), converted) }
        case "design":
            if case .key("primary_endpoint")? = rest.first, case .key(let field)? = rest.dropFirst().first {
                let target = field == "name" ? "measure" : field == "type" ? "purpose" : field
                return [([key("outcomes"), .index(primaryOutcome(in: &tree, value)), key(target)] + rest.dropFirst(2), value)]
            }
            return [(path, value)]
        default:
            return [(path, value)]
        }
    }

    /// A v1 `administration` field as an intervention field of schema v2, with its value converted.
    private static func interventionField(_ field: String, _ value: ImportedValue) -> ([FieldPathSegment], ImportedValue)? {
        func quantity(_ unit: String) -> ImportedValue {
            var v = value
            switch value.content {
            case .int(let n): v.content = .string("\(n) \(unit)")
            case .number(let d): v.content = .string(NumberText.format(d) + " " + unit)
            case .string(let s) where NumberText.parse(s) != nil: v.content = .string(s.trimmingSpaces() + " " + unit)
            default: break
            }
            return v
        }
        switch field {
        case "route", "dose_population": return ([.key(field)], value)
        case "dose_per_kg": return ([.key("dose")], quantity("cells/kg"))
        case "fixed_dose_cells", "total_dose_cells": return ([.key("total_dose")], quantity("cells"))
        case "fixed_dose_justification": return ([.key("dose_justification")], value)
        case "number_of_doses": return ([.key("administrations"), .key("count")], value)
        case "interval_days": return ([.key("administrations"), .key("interval")], quantity("days"))
        case "volume_ml": return ([.key("volume")], quantity("mL"))
        default: return nil
        }
    }

    /// The index of the first investigational product, made (`product-1`) when there is no product.
    private static func investigationalProduct(in tree: inout ImportedValue, _ value: ImportedValue) -> Int {
        if case .list(let items)? = tree["products"]?.content, !items.isEmpty {
            return items.firstIndex { item in
                if case .string("investigational")? = item["role"]?.content { return true }
                return false
            } ?? 0
        }
        tree.set([.key("products"), .index(0), .key("id")],
                 ImportedValue(.string("product-1"), source: value.source, note: "made for the extension attributes"))
        return 0
    }

    /// The paths of the arm intervention items of product `k`; when no arm gives it, an item is
    /// added to every experimental (or untyped) arm, or an arm `arm-1` is made when there is none.
    private static func interventionItems(of k: Int, in tree: inout ImportedValue, _ value: ImportedValue) -> [[FieldPathSegment]] {
        var productID: String?
        if case .list(let products)? = tree["products"]?.content, k < products.count,
           case .string(let id)? = products[k]["id"]?.content { productID = id }
        guard let productID else { return [] }
        var arms: [ImportedValue] = []
        if case .list(let list)? = tree.value(at: "design")?["arms"]?.content { arms = list }
        var paths: [[FieldPathSegment]] = []
        for (a, arm) in arms.enumerated() {
            guard case .list(let items)? = arm["interventions"]?.content else { continue }
            for (i, item) in items.enumerated() {
                if case .string(productID)? = item["product"]?.content {
                    paths.append([.key("design"), .key("arms"), .index(a), .key("interventions"), .index(i)])
                }
            }
        }
        if !paths.isEmpty { return paths }
        let item = ImportedValue(.map([("product", ImportedValue(.string(productID), source: value.source,
                                                                 note: "given as the v1 → v2 migration gives a v1 administration"))]),
                                 source: value.source)
        if arms.isEmpty {
            tree.set([.key("design"), .key("arms"), .index(0)],
                     ImportedValue(.map([("id", ImportedValue(.string("arm-1"), source: value.source, note: "made for the extension attributes")),
                                         ("type", ImportedValue(.string("experimental"), source: value.source)),
                                         ("interventions", ImportedValue(.list([item]), source: value.source))]),
                                   source: value.source))
            return [[.key("design"), .key("arms"), .index(0), .key("interventions"), .index(0)]]
        }
        for (a, arm) in arms.enumerated() {
            if case .string(let type)? = arm["type"]?.content, type != "experimental" { continue }
            var count = 0
            if case .list(let items)? = arm["interventions"]?.content { count = items.count }
            tree.set([.key("design"), .key("arms"), .index(a), .key("interventions"), .index(count)], item)
            paths.append([.key("design"), .key("arms"), .index(a), .key("interventions"), .index(count)])
        }
        return paths
    }

    /// The index of the first primary outcome, added when there is none.
    private static func primaryOutcome(in tree: inout ImportedValue, _ value: ImportedValue) -> Int {
        var count = 0
        if case .list(let items)? = tree["outcomes"]?.content {
            if let n = items.firstIndex(where: { item in
                if case .string("primary")? = item["type"]?.content { return true }
                return false
            }) { return n }
            count = items.count
        }
        tree.set([.key("outcomes"), .index(count), .key("type")], ImportedValue(.string("primary"), source: value.source))
        return count
    }
}
