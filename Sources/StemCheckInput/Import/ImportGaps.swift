import StemCheckModel
/// The closing comment of an imported protocol: the schema sections the source could not fill.
enum ImportGaps {
    /// Sections that never come from a registry or USDM file (SPEC: a person writes them).
    static let neverImported: Set<String> = ["attestations", "waivers", "registry_record", "schema_version"]

    /// Comment lines listing, for each documented top-level section, whether it is absent or which of
    /// its documented fields are. A field of a list section (`products`, `registrations`) counts as
    /// present when one item has it.
    static func footer(for tree: ImportedValue) -> [String] {
        let (sections, children) = documentedSections
        var lines = [
            "Left to fill: the source has no field for what follows (cell product details, release",
            "testing, donor eligibility and the other sections of docs/protocol-schema.md).",
        ]
        for section in sections {
            guard let present = tree[section] else {
                lines.append("  \(section): the whole section")
                continue
            }
            let missing = (children[section] ?? []).filter { child in
                if case .list(let items) = present.content { return !items.contains { $0[child] != nil } }
                return present[child] == nil
            }
            if !missing.isEmpty {
                lines.append("  \(section): " + missing.joined(separator: ", "))
            }
        }
        return wrap(lines)
    }

    /// The documented top-level sections in order, and each one's documented fields: the same for
    /// every record, so worked out once (the schema documents about 800 fields).
    private static let documentedSections: (sections: [String], children: [String: [String]]) = {
        var sections: [String] = []
        var children: [String: [String]] = [:]
        for documented in EmbeddedResources.documentedFields {
            guard let path = v2Path(documented) else { continue }
            let parts = path.split(separator: ".", maxSplits: 2).map(String.init)
            let top = parts[0].replacingAll("[*]", with: "")
            // Only real sections: a documented path goes below them (vocabulary tables do not).
            guard parts.count > 1 || parts[0].hasSuffix("[*]"), !neverImported.contains(top) else { continue }
            if !sections.contains(top) { sections.append(top) }
            if parts.count > 1 {
                let child = parts[1].replacingAll("[*]", with: "")
                if !(children[top] ?? []).contains(child) { children[top, default: []].append(child) }
            }
        }
        return (sections, children)
    }()

    /// The protocol schema v2 path of a documented field (/work/notes/schema-v2.md, docs/import.md):
    /// v2 paths pass through; v1 fields that v2 renames are renamed; v1 fields that v2 moves into
    /// lists the import writes (arm interventions, outcomes, registrations) are nil.
    static func v2Path(_ path: String) -> String? {
        func under(_ prefix: String) -> String? {
            path == prefix ? "" : path.hasPrefix(prefix + ".") ? String(path.dropFirst(prefix.count + 1)) : nil
        }
        if let rest = under("registration") {
            if rest.isEmpty { return "registrations[*]" }
            if rest == "date" { return "registrations[*].first_submitted" }
            if rest.hasPrefix("secondary_ids") { return nil }
            return "registrations[*]." + rest
        }
        if let rest = under("product") {
            if rest.isEmpty { return "products[*]" }
            if rest == "hla_match_of_8" { return "products[*].hla_match" }
            return "products[*]." + rest
        }
        let movedToInterventions: Set<String> = [
            "route", "dose_per_kg", "dose_population", "fixed_dose_cells", "total_dose_cells", "fixed_dose_justification",
            "number_of_doses", "interval_days", "volume_ml", "cumulative_dose_per_kg", "hla_match",
        ]
        if let rest = under("administration"), let field = rest.split(separator: ".").first.map(String.init),
           movedToInterventions.contains(field) {
            return nil
        }
        if under("design.primary_endpoint") != nil || under("design.secondary_endpoints") != nil
            || path == "design.arms[*].dose_per_kg" {
            return nil
        }
        return path
    }

    /// Wraps long lines at commas, indenting continuations. A line of ASCII (the footer's field
    /// names) is wrapped by its bytes (`wrapASCII`); any other, character by character.
    static func wrap(_ lines: [String], width: Int = 96) -> [String] {
        lines.flatMap { wrapASCII($0, width: width) ?? wrapCharacters([$0], width: width) }
    }

    /// `wrap`, character by character.
    static func wrapCharacters(_ lines: [String], width: Int) -> [String] {
        var out: [String] = []
        for line in lines {
            guard line.count > width else {
                out.append(line)
                continue
            }
            let indent = String(line.prefix { $0 == " " })
            var current = indent
            for word in line.split(separator: " ") {
                if current.count + word.count + 1 > width, current.count > indent.count {
                    out.append(current)
                    current = indent + "    " + word
                } else {
                    current += (current.count == indent.count ? "" : " ") + word
                }
            }
            if current.count > indent.count { out.append(current) }
        }
        return out
    }

    /// `wrap` of one line of ASCII without a carriage return, whose characters are its bytes;
    /// nil for any other line.
    private static func wrapASCII(_ line: String, width: Int) -> [String]? {
        let bytes = Array(line.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        guard bytes.count > width else { return [line] }
        let space = UInt8(ascii: " ")
        let indentCount = bytes.prefix { $0 == space }.count
        var out: [String] = []
        var current = Array(bytes[..<indentCount])
        for word in bytes.split(separator: space) {
            if current.count + word.count + 1 > width, current.count > indentCount {
                out.append(String(decoding: current, as: UTF8.self))
                current.removeSubrange(indentCount...)
                current += [space, space, space, space]
                current += word
            } else {
                if current.count != indentCount { current.append(space) }
                current += word
            }
        }
        if current.count > indentCount { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }
}
