import StemCheckModel
import YAMLSource

/// One step of the schema v1 → v2 migration (the decided delta: docs/protocol-schema.md, "Schema
/// v2"): the v1 fields it reads and how it rewrites the draft. `SchemaMove.all` lists them in the
/// order they apply; `SchemaMigration` runs them.
struct SchemaMove: Sendable {
    /// What moves, for the report note and `migrate`'s message (`product → products[0]`).
    let title: String
    /// The schema v1 fields the move replaces: a document using any of them is a v1 document, and a
    /// document that declares `schema_version: 2` must not use them.
    let v1Fields: [V1Field]
    /// Rewrites the draft's root mapping.
    let apply: @Sendable (inout DraftMapping, inout MigrationLog) throws(InputError) -> Void

    init(_ title: String, v1Fields: [V1Field],
         apply: @escaping @Sendable (inout DraftMapping, inout MigrationLog) throws(InputError) -> Void) {
        self.title = title
        self.v1Fields = v1Fields
        self.apply = apply
    }

    /// The moves, in the order they apply (later moves read what earlier ones made: the
    /// interventions name the product id that the first move gives).
    static let all: [SchemaMove] = [
        // v1 `product` (one mapping) → `products` (a list). The product becomes products[0], with
        // `id` (a slug of its name, else `product-1`), `type: cell` and `role: investigational` first.
        SchemaMove("product → products[0]",
                   v1Fields: [V1Field("product", v2: "`products`, a list whose cell product is `{id: ..., type: cell, role: investigational, name: ..., ...}`")],
                   apply: V1Moves.product),
        // products[].hla_match_of_8: N → hla_match: {matched: N, of: 8, level: allele}.
        SchemaMove("product.hla_match_of_8 → products[0].hla_match",
                   v1Fields: [V1Field("products[*].hla_match_of_8", v2: "`hla_match: {matched: N, of: 8, level: allele}`")],
                   apply: V1Moves.hlaMatchOf8),
        // products[].dose_specification.min_cells_per_kg / max_cells_per_kg: N → min_dose / max_dose:
        // "N cells/kg" (doses with their unit, comparable with the interventions' doses).
        SchemaMove("product.dose_specification.min_cells_per_kg, max_cells_per_kg → products[0].dose_specification.min_dose, max_dose",
                   v1Fields: [V1Field("products[*].dose_specification.min_cells_per_kg", v2: "`dose_specification.min_dose: \"N cells/kg\"`"),
                              V1Field("products[*].dose_specification.max_cells_per_kg", v2: "`dose_specification.max_dose: \"N cells/kg\"`")],
                   apply: V1Moves.doseSpecification),
        // administration.hla_match {loci, min_matched, of} → the cell product's hla_match
        // {loci, matched, of} (it wins over a hla_match made from hla_match_of_8).
        SchemaMove("administration.hla_match → products[0].hla_match",
                   v1Fields: [V1Field("administration.hla_match", v2: "the cell product's `products[].hla_match: {loci, matched, of}`")],
                   apply: V1Moves.administrationHLAMatch),
        // The per-intervention fields of `administration` (InterventionField.all) and each arm's
        // dose_per_kg → design.arms[].interventions[]: every arm whose type is experimental (or not
        // stated) gets one intervention naming the product (its own dose_per_kg wins); without
        // design.arms, one arm `{id: arm-1, type: experimental}` is made. cumulative_dose_per_kg is
        // dropped (v2 computes it as dose × administrations.count); the text keeps it as a comment.
        SchemaMove("administration dose fields → design.arms[].interventions[]",
                   v1Fields: InterventionField.all.map { V1Field("administration." + $0.v1, v2: "`design.arms[].interventions[].\($0.v2.joined(separator: "."))`" + $0.unitNote) }
                       + [V1Field("administration.cumulative_dose_per_kg", v2: "nothing: schema v2 computes it as dose × administrations.count"),
                          V1Field("design.arms[*].dose_per_kg", v2: "the arm's `interventions[].dose` (\"N cells/kg\")")],
                   apply: V1Moves.interventions),
        // design.primary_endpoint → an `outcomes` item {type: primary, measure: (name), purpose: (type), ...};
        // each of design.secondary_endpoints → {type: secondary, measure: S}. `outcomes` follows `design`.
        SchemaMove("design.primary_endpoint, design.secondary_endpoints → outcomes",
                   v1Fields: [V1Field("design.primary_endpoint", v2: "an `outcomes` item `{type: primary, measure: ..., purpose: ...}`"),
                              V1Field("design.secondary_endpoints", v2: "`outcomes` items `{type: secondary, measure: ...}`")],
                   apply: V1Moves.outcomes),
        // v1 `registration` → `registrations` (a list): the registration is the first item, with
        // date → first_submitted and `primary: true`; each of its secondary_ids → a further item
        // {registry, id, primary: false}.
        SchemaMove("registration → registrations",
                   v1Fields: [V1Field("registration", v2: "`registrations`, a list: `[{registry: ..., id: ..., first_submitted: ..., primary: true}]`")],
                   apply: V1Moves.registrations),
    ]

    /// Every v1 field a move replaces.
    static let v1Fields: [V1Field] = all.flatMap(\.v1Fields)
}

/// A schema v1 field that v2 replaces, and how v2 spells it (for the error on a v2 document).
struct V1Field: Sendable {
    /// The path from the root; `*` stands for any item of a list.
    let path: [String]
    /// The v2 spelling, in words for a hint.
    let v2: String

    init(_ path: String, v2: String) {
        self.path = path.split(separator: ".").flatMap { part -> [String] in
            part.hasSuffix("[*]") ? [String(part.dropLast(3)), "*"] : [String(part)]
        }
        self.v2 = v2
    }

    /// The key nodes of this field in `root`, with their paths (`design.arms[1].dose_per_kg`).
    func occurrences(in root: YAMLNode) -> [(path: String, key: YAMLNode)] {
        var found: [(String, YAMLNode)] = []
        func walk(_ node: YAMLNode, _ depth: Int, _ shown: String) {
            let part = path[depth]
            if part == "*" {
                guard node.kind == .sequence else { return }
                for (n, item) in node.items.enumerated() { walk(item, depth + 1, shown + "[\(n)]") }
                return
            }
            guard node.kind == .mapping, let pair = node.pair(forKey: part) else { return }
            let here = shown.isEmpty ? part : shown + "." + part
            if depth == path.count - 1 { found.append((here, pair.key)) } else { walk(pair.value, depth + 1, here) }
        }
        walk(root, 0, "")
        return found
    }
}

/// A per-intervention field of v1 `administration` and where v2 puts it in an intervention.
struct InterventionField: Sendable {
    /// The v1 key under `administration`.
    let v1: String
    /// The path in the intervention (`["administrations", "count"]`).
    let v2: [String]
    /// A number is written as a quantity in this unit (`50` → `"50 mL"`); nil: moved as it is.
    let unit: String?

    init(_ v1: String, _ v2: [String], unit: String? = nil) {
        self.v1 = v1
        self.v2 = v2
        self.unit = unit
    }

    /// ` ("N mL")` for a hint.
    var unitNote: String { unit.map { " (\"N \($0)\")" } ?? "" }

    /// In the order an intervention lists them. Two fields with one target (fixed_dose_cells,
    /// total_dose_cells → total_dose): the first one given wins, the other is dropped.
    static let all: [InterventionField] = [
        InterventionField("dose_per_kg", ["dose"], unit: "cells/kg"),
        InterventionField("dose_population", ["dose_population"]),
        InterventionField("fixed_dose_cells", ["total_dose"], unit: "cells"),
        InterventionField("total_dose_cells", ["total_dose"], unit: "cells"),
        InterventionField("fixed_dose_justification", ["dose_justification"]),
        InterventionField("route", ["route"]),
        InterventionField("number_of_doses", ["administrations", "count"]),
        InterventionField("interval_days", ["administrations", "interval"], unit: "days"),
        InterventionField("volume_ml", ["volume"], unit: "mL"),
    ]
}

/// Keys renamed inside a moved mapping.
enum V1Renames {
    /// design.primary_endpoint → outcomes item.
    static let primaryEndpoint = ["name": "measure", "type": "purpose"]
    /// registration → registrations[0].
    static let registration = ["date": "first_submitted"]
    /// administration.hla_match → products[].hla_match.
    static let hlaMatch = ["min_matched": "matched"]
}
