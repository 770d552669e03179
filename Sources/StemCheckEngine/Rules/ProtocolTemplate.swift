import YAMLSource
import StemCheckModel

/// Builds the protocol template written by `stemcheck init`: every field the selected packs read,
/// nested and ordered as the protocol schema has them, each with the schema's title, type and
/// example beside it and a comment above naming the rules that read it.
///
/// It lives with the rules, not the reporters: its input is a `RuleSet` (the paths its rules
/// read, its packs and profile) and the protocol schema, never a `Report`.
public enum ProtocolTemplate {
    private final class Field {
        var children: [String: Field] = [:]
        var order: [String] = []
        var isList = false
        var readers: [String] = []

        func child(_ key: String) -> Field {
            if let f = children[key] { return f }
            let f = Field()
            children[key] = f
            order.append(key)
            return f
        }
    }

    /// The template text. With `fillExamples`, leaves hold the documented example values instead of `~`.
    public static func render(rules: RuleSet, fillExamples: Bool = false) -> String {
        let root = Field()
        for rule in rules.rules {
            for path in rule.readPaths.map(\.segments) {
                var node = root
                for segment in path {
                    switch segment {
                    case .key(let key): node = node.child(key)
                    case .index, .wildcard: node.isList = true
                    }
                }
                let label = "\(rule.id): \(rule.title)"
                if !node.readers.contains(label) { node.readers.append(label) }
            }
        }
        // The fields of rules/protocol.schema.json (EmbeddedResources is generated from it).
        var documented: [String: Documented] = [:]
        for (n, field) in EmbeddedResources.documentedFieldTable.enumerated() where documented[field.path] == nil {
            documented[field.path] = Documented(rank: n, type: field.type, title: field.title, example: field.example)
        }
        var out = "# stemcheck protocol template"
        if let profile = rules.profile { out += " for profile \(profile.id)" }
        out += "\n# Packs: " + rules.packs.map { "\($0.id) \($0.version)" }.joined(separator: ", ") + "\n"
        out += "# Every field below is read by at least one rule; the comment above it names them, the one\n"
        out += "# beside it gives the field's title and type in the protocol schema (docs/protocol-schema.md).\n"
        out += "# Replace each ~ with the protocol's value, then run\n"
        out += "#   stemcheck check THIS-FILE" + (rules.profile.map { " --profile \($0.id)" } ?? "") + "\n"
        out += "# A field left ~ is not stated: the rules that need it report it as not stated.\n"
        out += "# Completion in editors: save the output of `stemcheck schema` as protocol.schema.json beside\n"
        out += "# this file and make the first line  # yaml-language-server: $schema=protocol.schema.json\n"
        out += "schema_version: 2\n"
        write(root, path: "", indent: 0, documented: documented, fill: fillExamples, into: &out)
        out += """

            # Review items (kind: review rules) pass when attested by a person:
            # attestations:
            #   RULE-ID: {by: "Name, role", date: 2026-01-31, statement: "what was checked"}
            # Approved exceptions, valid through the end of their expiry day (UTC):
            # waivers:
            #   - {rule: RULE-ID, justification: "...", approved_by: "IRB 2026-001", expires: 2027-06-30}

            """
        return out
    }

    private struct Documented {
        var rank: Int
        var type: String
        var title: String
        var example: String
    }

    private static func write(_ field: Field, path: String, indent: Int, documented: [String: Documented],
                              fill: Bool, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        func fullPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
        let keys = field.order.enumerated().sorted { a, b in
            let ra = documented[fullPath(a.element)]?.rank ?? Int.max
            let rb = documented[fullPath(b.element)]?.rank ?? Int.max
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        var previousReaders: [String] = []
        for key in keys {
            let child = field.children[key]!
            let childPath = fullPath(key) + (child.isList ? "[*]" : "")
            let doc = documented[childPath] ?? documented[fullPath(key)]
            if !child.readers.isEmpty, child.readers != previousReaders {
                let shown = child.readers.prefix(3).joined(separator: "; ")
                let more = child.readers.count > 3 ? " (and \(child.readers.count - 3) more)" : ""
                out += "\(pad)# \(oneLine(shown))\(more)\n"
            }
            previousReaders = child.readers
            let name = yamlKey(key)
            // The list's own entry titles it; `[*]` is the item's.
            let heading = (documented[fullPath(key)] ?? doc).map { "  # " + oneLine($0.title) } ?? ""
            if child.children.isEmpty {
                let doc = documented[fullPath(key)] ?? doc  // a list of scalars: the list's entry, `[US]`
                var value = "~"
                var comment = doc.map { d in oneLine(d.title) + " (\(d.type))" + (d.example.isEmpty ? "" : ", e.g. " + oneLine(d.example)) } ?? ""
                if fill, let example = doc?.example, !example.isEmpty {
                    value = scalar(example)
                    if child.isList, !value.hasPrefix("[") { value = "[" + value + "]" }
                    comment = oneLine(doc!.title) + " (\(doc!.type))"
                }
                // Not stated until filled in: an empty list would be a statement (that there is none).
                if child.isList && !fill { value = "~" }
                out += "\(pad)\(name): \(value)" + (comment.isEmpty ? "" : "  # \(comment)") + "\n"
            } else if child.isList {
                out += "\(pad)\(name):\(heading)\n"
                out += "\(pad)  - "
                var item = ""
                write(child, path: fullPath(key) + "[*]", indent: indent + 4, documented: documented, fill: fill, into: &item)
                // The first line of the item goes after the dash.
                let trimmed = item.drop { $0 == " " }
                out += trimmed
            } else {
                out += "\(pad)\(name):\(heading)\n"
                write(child, path: fullPath(key), indent: indent + 2, documented: documented, fill: fill, into: &out)
            }
        }
    }

    private static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
    }

    private static func yamlKey(_ key: String) -> String {
        let simple = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
        }
        return simple ? key : JSONText.quote(key)
    }

    /// A documented example as a YAML value: kept as written when it loads as one value, else quoted.
    private static func scalar(_ example: String) -> String {
        let text = "x: " + example + "\n"
        if let document = try? YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "example"),
           document.root.count == 1, document.root["x"] != nil {
            return example
        }
        return JSONText.quote(example)
    }
}
