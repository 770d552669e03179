import StemCheckModel
/// The closing comment of an imported protocol: the schema sections the source could not fill.
enum ImportGaps {
    /// Sections that never come from a registry or USDM file (SPEC: a person writes them).
    static let neverImported: Set<String> = ["attestations", "waivers", "registry_record"]

    /// Comment lines listing, for each documented top-level section, whether it is absent or which of
    /// its documented fields are.
    static func footer(for tree: ImportedValue) -> [String] {
        var sections: [String] = []
        var children: [String: [String]] = [:]
        for path in EmbeddedResources.documentedFields {
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
        var lines = [
            "Left to fill: the source has no field for what follows (cell product details, release",
            "testing, donor eligibility and the other sections of docs/protocol-schema.md).",
        ]
        for section in sections {
            guard let present = tree[section] else {
                lines.append("  \(section): the whole section")
                continue
            }
            let missing = (children[section] ?? []).filter { present[$0] == nil }
            if !missing.isEmpty {
                lines.append("  \(section): " + missing.joined(separator: ", "))
            }
        }
        return wrap(lines)
    }

    /// Wraps long lines at commas, indenting continuations.
    private static func wrap(_ lines: [String], width: Int = 96) -> [String] {
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
}
