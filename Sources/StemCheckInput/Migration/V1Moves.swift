import StemCheckModel
import YAMLSource

/// How each `SchemaMove` rewrites the draft (the list, with what each move does, is `SchemaMove.all`).
///
/// Moved pairs keep their origin, so the migrated text takes their lines and comments along and the
/// built document their positions; what a move writes is located at the node it was made from.
/// Shapes that v1 does not allow (a `product` that is a string) are moved as they are, for the
/// protocol schema to report; only a v1 field whose v2 place is already taken is an error.
enum V1Moves {
    // MARK: product

    static func product(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        guard let i = root.index(of: "product") else { return }
        try refuseTaken("products", in: root, by: root.pairs[i], path: "product")
        let old = root.pairs[i]
        var pair = old.renamed("products")
        switch old.value {
        case .original(let node) where node.kind == .mapping:
            var product = DraftMapping(opening: node)
            let at = old.keyLocation
            var added: [DraftPair] = []
            if product.index(of: "id") == nil {
                added.append(DraftPair("id", .scalar(.string(productID(name: node["name"]?.string), at: at)), at: at))
            }
            if product.index(of: "type") == nil { added.append(DraftPair("type", .scalar(.string("cell", at: at)), at: at)) }
            if product.index(of: "role") == nil { added.append(DraftPair("role", .scalar(.string("investigational", at: at)), at: at)) }
            product.pairs.insert(contentsOf: added, at: 0)
            pair.value = .sequence(DraftSequence([DraftItem(value: .mapping(product))], at: node.location))
        case .original(let node) where node.isNull:
            break  // `products: ~`: still not stated
        default:
            let location = old.value.node?.location ?? old.keyLocation
            pair.value = .sequence(DraftSequence([DraftItem(value: old.value)], at: location))
        }
        root.pairs[i] = pair
        log.changed = true
    }

    /// `id` of the product made from v1 `product`: its name as a slug (`DUOC-01` → `duoc-01`), else `product-1`.
    static func productID(name: String?) -> String {
        var slug = ""
        for scalar in (name ?? "").lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 64 {
            slug = String(slug.prefix(64))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? "product-1" : slug
    }

    // MARK: hla_match_of_8

    static func hlaMatchOf8(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        guard let products = root["products"], items(products).contains(where: { has($0, "hla_match_of_8") }) else { return }
        try root.editSequence("products") { (products: inout DraftSequence) throws(InputError) in
            for n in products.items.indices where has(products.items[n].value, "hla_match_of_8") {
                try products.editMapping(at: n) { (product: inout DraftMapping) throws(InputError) in
                    guard let i = product.index(of: "hla_match_of_8") else { return }
                    try refuseTaken("hla_match", in: product, by: product.pairs[i], path: "products[\(n)].hla_match_of_8")
                    let old = product.pairs[i]
                    var pair = old.renamed("hla_match")
                    if case .original(let matched) = old.value, !matched.isNull {
                        var hla = DraftMapping(at: matched.location)
                        hla.pairs = [DraftPair("matched", .original(matched), at: old.keyLocation),
                                     DraftPair("of", .scalar(.int(8, at: matched.location)), at: old.keyLocation),
                                     DraftPair("level", .scalar(.string("allele", at: matched.location)), at: old.keyLocation)]
                        pair.value = .mapping(hla)
                    }
                    product.pairs[i] = pair
                }
            }
        }
        log.changed = true
    }

    // MARK: dose_specification

    static func doseSpecification(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        let keys = ["min_cells_per_kg": "min_dose", "max_cells_per_kg": "max_dose"]
        guard let products = root["products"], items(products).contains(where: { product in
            child(product, "dose_specification").map { spec in keys.keys.contains { has(spec, $0) } } ?? false
        }) else { return }
        try root.editSequence("products") { (products: inout DraftSequence) throws(InputError) in
            for n in products.items.indices where has(products.items[n].value, "dose_specification") {
                try products.editMapping(at: n) { (product: inout DraftMapping) throws(InputError) in
                    try product.editMapping("dose_specification") { (spec: inout DraftMapping) throws(InputError) in
                        for (v1, v2) in keys.sorted(by: { $0.key > $1.key }) {
                            guard let i = spec.index(of: v1) else { continue }
                            try refuseTaken(v2, in: spec, by: spec.pairs[i], path: "products[\(n)].dose_specification.\(v1)")
                            spec.pairs[i] = convert(spec.pairs[i].renamed(v2), unit: "cells/kg")
                        }
                    }
                }
            }
        }
        log.changed = true
    }

    // MARK: administration.hla_match

    static func administrationHLAMatch(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        guard let admin = root["administration"], has(admin, "hla_match") else { return }
        var taken: DraftPair?
        root.editMapping("administration") { (admin: inout DraftMapping) in taken = admin.remove("hla_match") }
        guard var hla = taken else { return }
        if case .original(let node) = hla.value, node.kind == .mapping {
            var mapping = DraftMapping(opening: node)
            try rename(V1Renames.hlaMatch, in: &mapping, path: "administration.hla_match")
            hla.value = .mapping(mapping)
        }
        // The cell product: the first product, made when the document has none.
        if root.index(of: "products") == nil || root["products"]?.isNull == true {
            let at = hla.keyLocation
            var product = DraftMapping(at: at)
            product.pairs = [DraftPair("id", .scalar(.string("product-1", at: at)), at: at),
                             DraftPair("type", .scalar(.string("cell", at: at)), at: at),
                             DraftPair("role", .scalar(.string("investigational", at: at)), at: at)]
            let products = DraftValue.sequence(DraftSequence([DraftItem(value: .mapping(product))], at: at))
            if let i = root.index(of: "products") {
                root.pairs[i].value = products
            } else {
                root.pairs.insert(DraftPair("products", products, at: at), at: root.index(of: "administration") ?? root.pairs.count)
            }
        }
        var placed = false
        try root.editSequence("products") { (products: inout DraftSequence) throws(InputError) in
            guard let first = products.items.indices.first else { return }
            try products.editMapping(at: first) { (product: inout DraftMapping) throws(InputError) in
                if let i = product.index(of: "hla_match") {
                    // A hla_match made from product.hla_match_of_8 gives way; one the document states is a conflict.
                    guard product.pairs[i].origin?.pair.key.text == "hla_match_of_8" else {
                        try refuseTaken("hla_match", in: product, by: hla, path: "administration.hla_match")
                        return
                    }
                    let reason = "administration.hla_match gives the product's hla_match"
                    var original = product.pairs[i].origin.map(DraftPair.init) ?? product.pairs[i]
                    original.droppedBecause = reason
                    product.pairs[i] = original
                    log.dropped.append(DroppedField(location: original.keyLocation, path: "product.hla_match_of_8", reason: reason))
                }
                product.pairs.append(hla)
                placed = true
            }
        }
        guard placed else {
            throw InputError([Diagnostic(hla.keyLocation, "cannot move administration.hla_match: the first item of `products` is not a mapping",
                                         hint: "make products[0] the cell product's mapping, or move hla_match there by hand")])
        }
        log.changed = true
    }

    // MARK: interventions

    static func interventions(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        let administration = root["administration"]
        func given(_ key: String) -> Bool { administration.map { has($0, key) } ?? false }
        let design = root["design"]
        let arms = design.flatMap { child($0, "arms") }
        let armItems = arms.map(items) ?? []
        guard InterventionField.all.contains(where: { given($0.v1) }) || given("cumulative_dose_per_kg")
                || armItems.contains(where: { has($0, "dose_per_kg") }) else { return }
        log.changed = true
        let administrationAt = root.pair("administration")?.keyLocation ?? root.location
        if let design, !design.isNull, !isMapping(design) {
            throw InputError([Diagnostic(root.pair("design")!.keyLocation, "cannot move the administration fields into design.arms: `design` is not a mapping",
                                         hint: "make `design` a mapping (`design: {arms: [...]}`), then read or migrate the protocol again")])
        }
        if let arms, !arms.isNull, !isSequence(arms) {
            throw InputError([Diagnostic(administrationAt, "cannot move the administration fields into design.arms: `design.arms` is not a list",
                                         hint: "write design.arms as a list of arms (`- {name: ..., type: experimental}`)")])
        }

        // Which arms take an intervention: the experimental (or untyped) ones, or one new arm.
        let makesArm = arms == nil || arms!.isNull
        let experimental = makesArm ? [true] : armItems.map(isExperimental)
        let anyExperimental = experimental.contains(true)
        let armsTakingAdministrationDose = makesArm ? 1 : zip(armItems, experimental).filter { $1 && !has($0, "dose_per_kg") }.count

        // Take the administration fields: used ones leave `administration`, the others stay as comments.
        var taken: [String: DraftPair] = [:]
        root.editMapping("administration") { (admin: inout DraftMapping) in
            var targets: [[String]: String] = [:]
            func drop(_ i: Int, _ key: String, _ reason: String) {
                admin.pairs[i].droppedBecause = reason
                log.dropped.append(DroppedField(location: admin.pairs[i].keyLocation, path: "administration." + key, reason: reason))
            }
            for field in InterventionField.all {
                guard let i = admin.index(of: field.v1) else { continue }
                if let first = targets[field.v2] {
                    drop(i, field.v1, "administration.\(first) gives the intervention's \(field.v2.joined(separator: "."))")
                } else if !anyExperimental {
                    drop(i, field.v1, "no arm is experimental, so no intervention takes it")
                } else if field.v1 == "dose_per_kg", armsTakingAdministrationDose == 0 {
                    drop(i, field.v1, "every experimental arm states its own dose_per_kg")
                } else {
                    targets[field.v2] = field.v1
                    taken[field.v1] = admin.pairs.remove(at: i)
                }
            }
            if let i = admin.index(of: "cumulative_dose_per_kg") {
                drop(i, "cumulative_dose_per_kg", "it is computed as dose × administrations.count")
            }
        }

        // The product the interventions name: the first product's id.
        var productID: String?
        if let products = root["products"], let first = items(products).first, let id = child(first, "id") {
            switch id {
            case .scalar(let s) where s.value == .string: productID = s.text
            case .original(let n): productID = n.string
            default: break
            }
        }
        let productAt = root.pair("products")?.keyLocation
        var used = Set<String>()

        /// One arm's intervention: the product, the administration's fields, the arm's own dose.
        /// The first arm takes the administration fields' lines and comments; later arms a copy.
        func intervention(armDose: DraftPair?, experimental: Bool, at location: SourceLocation) -> DraftMapping {
            var mapping = DraftMapping(at: location)
            if experimental, let productID {
                let at = productAt ?? location
                mapping.pairs.append(DraftPair("product", .scalar(.string(productID, at: at)), at: at))
            }
            for field in InterventionField.all {
                var source: DraftPair?
                if field.v1 == "dose_per_kg", let armDose {
                    source = armDose
                } else if experimental, let pair = taken[field.v1] {
                    source = used.insert(field.v1).inserted ? pair : bare(pair)
                }
                guard let source else { continue }
                let moved = convert(source.renamed(field.v2.last!), unit: field.unit)
                guard field.v2.count == 2 else {
                    mapping.pairs.append(moved)
                    continue
                }
                let parent = field.v2[0]
                if mapping.index(of: parent) == nil {
                    mapping.pairs.append(DraftPair(parent, .mapping(DraftMapping(at: source.keyLocation)), at: source.keyLocation))
                }
                let i = mapping.index(of: parent)!
                if case .mapping(var inner) = mapping.pairs[i].value {
                    inner.pairs.append(moved)
                    mapping.pairs[i].value = .mapping(inner)
                }
            }
            return mapping
        }

        if makesArm {
            guard !taken.isEmpty else { return }
            let at = administrationAt
            var arm = DraftMapping(at: at)
            arm.pairs = [DraftPair("id", .scalar(.string("arm-1", at: at)), at: at),
                         DraftPair("type", .scalar(.string("experimental", at: at)), at: at),
                         interventionsPair(intervention(armDose: nil, experimental: true, at: at), at: at)]
            let newArms = DraftValue.sequence(DraftSequence([DraftItem(value: .mapping(arm))], at: at))
            var newDesign = DraftMapping(at: at)
            newDesign.pairs = [DraftPair("arms", newArms, at: at)]
            switch design {
            case nil:
                let after = root.index(of: "administration").map { $0 + 1 } ?? root.pairs.count
                root.pairs.insert(DraftPair("design", .mapping(newDesign), at: at), at: after)
            case let d? where d.isNull:
                root.pairs[root.index(of: "design")!].value = .mapping(newDesign)  // `design: ~`
            default:
                root.editMapping("design") { (design: inout DraftMapping) in
                    if let a = design.index(of: "arms") {
                        design.pairs[a].value = newArms  // `arms: ~`
                    } else {
                        design.pairs.append(newDesign.pairs[0])
                    }
                }
            }
            return
        }
        try root.editMapping("design") { (design: inout DraftMapping) throws(InputError) in
            try design.editSequence("arms") { (arms: inout DraftSequence) throws(InputError) in
                for n in arms.items.indices where experimental[n] || has(arms.items[n].value, "dose_per_kg") {
                    try arms.editMapping(at: n) { (arm: inout DraftMapping) throws(InputError) in
                        let armDose = arm.remove("dose_per_kg")
                        let at = armDose?.keyLocation ?? administrationAt
                        let made = intervention(armDose: armDose, experimental: experimental[n], at: at)
                        guard !made.pairs.isEmpty else { return }
                        if let existing = arm.pair("interventions") {
                            let what = armDose != nil ? "design.arms[\(n)].dose_per_kg" : "the administration fields"
                            throw InputError([Diagnostic(at, "cannot move \(what) into design.arms[\(n)].interventions: the arm states interventions already (at \(existing.keyLocation.line):\(existing.keyLocation.column))",
                                                         hint: "write the dose into the arm's interventions by hand and remove the schema v1 fields")])
                        }
                        arm.pairs.append(interventionsPair(made, at: at))
                    }
                }
            }
        }
    }

    /// `interventions: [INTERVENTION]`.
    static func interventionsPair(_ intervention: DraftMapping, at location: SourceLocation) -> DraftPair {
        DraftPair("interventions", .sequence(DraftSequence([DraftItem(value: .mapping(intervention))], at: location)), at: location)
    }

    /// Whether an arm is experimental: `type: experimental`, or no type stated.
    static func isExperimental(_ arm: DraftValue) -> Bool {
        guard isMapping(arm) else { return false }
        guard let type = child(arm, "type") else { return true }
        switch type {
        case .original(let n): return n.isNull || n.string == "experimental"
        case .scalar(let s): return s.value == .string && s.text == "experimental"
        default: return false
        }
    }

    // MARK: outcomes

    static func outcomes(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        guard let design = root["design"], has(design, "primary_endpoint") || has(design, "secondary_endpoints") else { return }
        var primary: DraftPair?
        var secondary: DraftPair?
        root.editMapping("design") { (design: inout DraftMapping) in
            primary = design.pair("primary_endpoint")
            secondary = design.pair("secondary_endpoints")
        }
        if let existing = root.pair("outcomes") {
            throw taken("outcomes", existing: existing, by: (primary ?? secondary)!, path: primary != nil ? "design.primary_endpoint" : "design.secondary_endpoints")
        }
        var items: [DraftItem] = []
        var droppedKeys: [String: String] = [:]
        if let primary {
            let at = primary.keyLocation
            switch primary.value {
            case .original(let node) where node.kind == .mapping:
                var outcome = DraftMapping(opening: node)
                try rename(V1Renames.primaryEndpoint, in: &outcome, path: "design.primary_endpoint")
                outcome.pairs.insert(DraftPair("type", .scalar(.string("primary", at: at)), at: at), at: 0)
                items.append(DraftItem(value: .mapping(outcome), origin: primary.origin, carried: primary.carried))
            case .original(let node) where node.isNull:
                droppedKeys["primary_endpoint"] = "it is empty (schema v2 lists outcomes in `outcomes`)"
            default:
                var outcome = DraftMapping(at: at)
                outcome.pairs = [DraftPair("type", .scalar(.string("primary", at: at)), at: at),
                                 DraftPair("measure", primary.value, at: at)]
                items.append(DraftItem(value: .mapping(outcome), origin: primary.origin, carried: primary.carried))
            }
        }
        if let secondary {
            let at = secondary.keyLocation
            var made: [DraftItem] = []
            switch secondary.value {
            case .original(let list) where list.kind == .sequence:
                for (n, item) in list.items.enumerated() {
                    let origin = DraftOrigin(collection: list, position: n)
                    if item.kind == .mapping {
                        var outcome = DraftMapping(opening: item)
                        if outcome.index(of: "type") == nil {
                            outcome.pairs.insert(DraftPair("type", .scalar(.string("secondary", at: item.location)), at: item.location), at: 0)
                        }
                        made.append(DraftItem(value: .mapping(outcome), origin: origin))
                    } else {
                        var outcome = DraftMapping(at: item.location)
                        outcome.pairs = [DraftPair("type", .scalar(.string("secondary", at: item.location)), at: item.location),
                                         DraftPair("measure", .original(item), at: item.location)]
                        made.append(DraftItem(value: .mapping(outcome), origin: origin))
                    }
                }
            case .original(let node) where node.isNull:
                break
            default:
                var outcome = DraftMapping(at: at)
                outcome.pairs = [DraftPair("type", .scalar(.string("secondary", at: at)), at: at),
                                 DraftPair("measure", secondary.value, at: at)]
                made.append(DraftItem(value: .mapping(outcome), origin: secondary.origin))
            }
            if made.isEmpty {
                droppedKeys["secondary_endpoints"] = "it names no endpoint (schema v2 lists outcomes in `outcomes`)"
            } else if case .original(let list) = secondary.value, list.kind == .sequence {
                // The list's own key and comments go above its first item.
                made[0].carried = secondary.carried + [secondary.origin].compactMap { $0 }
            }
            items += made
        }
        root.editMapping("design") { (design: inout DraftMapping) in
            for key in ["primary_endpoint", "secondary_endpoints"] {
                guard let i = design.index(of: key) else { continue }
                if let reason = droppedKeys[key] {
                    design.pairs[i].droppedBecause = reason
                } else {
                    design.pairs.remove(at: i)
                }
            }
        }
        if !items.isEmpty {
            let at = (primary ?? secondary)!.keyLocation
            let after = root.index(of: "design").map { $0 + 1 } ?? root.pairs.count
            root.pairs.insert(DraftPair("outcomes", .sequence(DraftSequence(items, at: at)), at: at), at: after)
        }
        log.changed = true
    }

    // MARK: registrations

    static func registrations(_ root: inout DraftMapping, _ log: inout MigrationLog) throws(InputError) {
        guard let i = root.index(of: "registration") else { return }
        try refuseTaken("registrations", in: root, by: root.pairs[i], path: "registration")
        let old = root.pairs[i]
        var pair = old.renamed("registrations")
        switch old.value {
        case .original(let node) where node.kind == .mapping:
            var registration = DraftMapping(opening: node)
            try rename(V1Renames.registration, in: &registration, path: "registration")
            var further: [DraftItem] = []
            if let s = registration.index(of: "secondary_ids") {
                let secondary = registration.pairs[s]
                if case .original(let list) = secondary.value, list.kind == .sequence, list.count > 0 {
                    registration.pairs.remove(at: s)
                    for (n, item) in list.items.enumerated() {
                        let origin = DraftOrigin(collection: list, position: n)
                        guard item.kind == .mapping else {
                            further.append(DraftItem(value: .original(item), origin: origin))
                            continue
                        }
                        var other = DraftMapping(opening: item)
                        if other.index(of: "primary") == nil {
                            other.pairs.append(DraftPair("primary", .scalar(.bool(false, at: item.location)), at: item.location))
                        }
                        further.append(DraftItem(value: .mapping(other), origin: origin))
                    }
                    further[0].carried = [secondary.origin].compactMap { $0 }
                } else {
                    let reason = "it names no identifier (schema v2 lists every registration in `registrations`)"
                    registration.pairs[s].droppedBecause = reason
                }
            }
            if registration.index(of: "primary") == nil {
                let at = old.keyLocation
                registration.pairs.append(DraftPair("primary", .scalar(.bool(true, at: at)), at: at))
            }
            pair.value = .sequence(DraftSequence([DraftItem(value: .mapping(registration))] + further, at: node.location))
        case .original(let node) where node.isNull:
            break  // `registrations: ~`
        default:
            let location = old.value.node?.location ?? old.keyLocation
            pair.value = .sequence(DraftSequence([DraftItem(value: old.value)], at: location))
        }
        root.pairs[i] = pair
        log.changed = true
    }

    // MARK: Helpers

    /// The value of `key` in a mapping (loaded or draft).
    static func child(_ value: DraftValue, _ key: String) -> DraftValue? {
        switch value {
        case .original(let node) where node.kind == .mapping: return node[key].map(DraftValue.original)
        case .mapping(let m): return m[key]
        default: return nil
        }
    }

    /// The items of a sequence (loaded or draft); none for anything else.
    static func items(_ value: DraftValue) -> [DraftValue] {
        switch value {
        case .original(let node) where node.kind == .sequence: return node.items.map(DraftValue.original)
        case .sequence(let s): return s.items.map(\.value)
        default: return []
        }
    }

    static func isMapping(_ value: DraftValue) -> Bool {
        if case .mapping = value { return true }
        return value.node?.kind == .mapping
    }

    static func isSequence(_ value: DraftValue) -> Bool {
        if case .sequence = value { return true }
        return value.node?.kind == .sequence
    }

    /// Whether `value` is a mapping with a kept `key`.
    static func has(_ value: DraftValue, _ key: String) -> Bool {
        switch value {
        case .original(let node): return node.kind == .mapping && node.pair(forKey: key) != nil
        case .mapping(let m): return m.index(of: key) != nil
        default: return false
        }
    }

    /// A moved value in a new unit form: a number N (or a number-form string) becomes `"N UNIT"`.
    static func convert(_ pair: DraftPair, unit: String?) -> DraftPair {
        guard let unit, case .original(let node) = pair.value, let text = quantityText(node, unit: unit) else { return pair }
        var converted = pair
        converted.value = .scalar(.string(text, at: node.location))
        return converted
    }

    /// `"N UNIT"` for a number or number-form string N, as written; nil for anything else (null, text
    /// with a unit already), which moves unchanged.
    static func quantityText(_ node: YAMLNode, unit: String) -> String? {
        var number: String
        switch node.kind {
        case .int, .float:
            let text = node.text ?? ""
            if node.style == .plain, !node.isTagged, NumberText.parse(text) != nil {
                number = text
            } else if let n = node.int {
                number = String(n)
            } else {
                number = NumberText.format(node.float ?? .nan)
            }
        case .string:
            guard let s = node.string, NumberText.parse(s) != nil else { return nil }
            number = s.trimmingSpaces()
        default:
            return nil
        }
        let text = number + " " + unit
        if case .quantity = Quantity.parse(text) { return text }
        return nil
    }

    /// A second copy of a pair: its value without its lines and comments (those go with the first).
    static func bare(_ pair: DraftPair) -> DraftPair {
        var copy = DraftPair(pair.key, pair.value, at: pair.keyLocation)
        copy.keyNode = pair.keyNode
        return copy
    }

    /// Renames keys in a moved mapping; a key whose new name is taken already is an error.
    static func rename(_ renames: [String: String], in mapping: inout DraftMapping, path: String) throws(InputError) {
        for i in mapping.pairs.indices {
            guard mapping.pairs[i].isKept, let to = renames[mapping.pairs[i].key] else { continue }
            if let existing = mapping.pair(to) {
                throw taken(to, existing: existing, by: mapping.pairs[i], path: path + "." + mapping.pairs[i].key)
            }
            mapping.pairs[i] = mapping.pairs[i].renamed(to)
        }
    }

    /// Throws when `mapping` has `key` already (the v2 place of the v1 field `pair`).
    static func refuseTaken(_ key: String, in mapping: DraftMapping, by pair: DraftPair, path: String) throws(InputError) {
        if let existing = mapping.pair(key) { throw taken(key, existing: existing, by: pair, path: path) }
    }

    static func taken(_ key: String, existing: DraftPair, by pair: DraftPair, path: String) -> InputError {
        let at = existing.keyLocation
        return InputError([Diagnostic(pair.keyLocation,
                                      "the schema v1 field \(path) moves to `\(key)` in schema v2, but the document states `\(key)` already (at \(at.line):\(at.column))",
                                      hint: "keep one of them: remove \(path), or remove `\(key)` and let stemcheck migrate \(path)")])
    }
}

