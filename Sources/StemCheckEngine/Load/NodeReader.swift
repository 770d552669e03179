import YAMLSource
import StemCheckModel

/// Reads typed fields out of loaded YAML, collecting located diagnostics instead of stopping at the first.
struct NodeReader {
    /// The raw bytes of the file, for the source line under each diagnostic.
    let bytes: [UInt8]
    /// The file `bytes` are: a diagnostic located in another file (a node a document built in
    /// memory took from elsewhere) gets no source line. Nil when every node is in that file.
    let file: String?
    /// Problems found so far.
    var diagnostics: [Diagnostic] = []
    /// Every rule id declared, in file order, whether or not its rule loaded (for the duplicate check).
    /// Every rule id read, where (the catalog finds duplicates across files; the source line is
    /// looked up only for a duplicate, not for each of the hundreds of rules).
    var declaredRuleIDs: [(id: String, location: SourceLocation)] = []

    init(bytes: [UInt8], file: String? = nil) {
        self.bytes = bytes
        self.file = file
    }

    mutating func fail(_ node: YAMLNode, _ message: String, hint: String? = nil) {
        fail(at: node.location, message, hint: hint)
    }

    mutating func fail(at location: SourceLocation, _ message: String, hint: String? = nil) {
        let quoted = file == nil || location.file == file ? line(location.line) : nil
        diagnostics.append(Diagnostic(location, message, hint: hint, sourceLine: quoted))
    }

    func line(_ number: Int) -> String? {
        SourceText.line(number, in: bytes)
    }

    /// The key node for `key` in `mapping`, for locating problems with a field's name.
    func keyNode(_ mapping: YAMLNode, _ key: String) -> YAMLNode? { mapping.pair(forKey: key)?.key }

    /// Checks `node` is a mapping; reports `what` must be one otherwise.
    mutating func requireMapping(_ node: YAMLNode, _ what: String) -> Bool {
        if node.kind == .mapping { return true }
        fail(node, "\(what) must be a mapping, found \(describe(node))")
        return false
    }

    /// Reports keys not in `allowed`, with a did-you-mean.
    mutating func checkKeys(_ node: YAMLNode, allowed: [String], in what: String) {
        for (key, _) in node.pairs {
            let name = key.text ?? "?"
            if !allowed.contains(name) {
                fail(key, "unknown key '\(name)' in \(what)\(Suggestion.phrase(for: name, in: allowed))",
                     hint: "allowed keys: " + allowed.joined(separator: ", "))
            }
        }
    }

    /// A string field; reports a missing required field at the parent, a wrong type at the value.
    mutating func string(_ parent: YAMLNode, _ key: String, required: Bool, in what: String) -> String? {
        guard let value = parent[key], !value.isNull else {
            if required { fail(parent, "\(what) is missing required key '\(key)'", hint: "add \(key): ... to it") }
            return nil
        }
        if let text = value.string { return text }
        // Numbers and dates written without quotes are accepted as their text for string fields.
        if value.kind == .int || value.kind == .float { return value.text }
        fail(value, "'\(key)' must be a string, found \(describe(value))")
        return nil
    }

    mutating func bool(_ parent: YAMLNode, _ key: String, in what: String) -> Bool? {
        guard let value = parent[key], !value.isNull else { return nil }
        if let b = value.bool { return b }
        fail(value, "'\(key)' must be true or false, found \(describe(value))",
             hint: value.kind == .string ? "YAML 1.2: only true/false are booleans; yes/no/on/off are strings" : nil)
        return nil
    }

    mutating func nonNegativeInt(_ value: YAMLNode, _ key: String) -> Int? {
        if let n = value.int, n >= 0 { return n }
        fail(value, "'\(key)' must be a non-negative integer, found \(describe(value))")
        return nil
    }

    mutating func stringList(_ parent: YAMLNode, _ key: String) -> [String] {
        guard let value = parent[key], !value.isNull else { return [] }
        guard value.kind == .sequence else {
            fail(value, "'\(key)' must be a list of strings, found \(describe(value))")
            return []
        }
        var out: [String] = []
        for item in value.items {
            if let text = item.string ?? (item.kind == .int ? item.text : nil) { out.append(text) } else {
                fail(item, "'\(key)' items must be strings, found \(describe(item))")
            }
        }
        return out
    }

    /// A path or a list of paths (`extends: local.yaml` or `extends: [a.yaml, packs/]`), each with
    /// its location; an empty one is an error. `noun` names the items in messages.
    mutating func pathList(_ parent: YAMLNode, _ key: String, noun: String = "path") -> [(text: String, location: SourceLocation)] {
        guard let value = parent[key], !value.isNull else { return [] }
        let items = value.kind == .sequence ? value.items : [value]
        var out: [(text: String, location: SourceLocation)] = []
        for item in items {
            guard let text = item.string else {
                fail(item, "'\(key)' must be a \(noun) or a list of \(noun)s, found \(describe(item))",
                     hint: "quote a \(noun) that YAML reads as something else: '\(item.text ?? "...")'")
                continue
            }
            if text.isEmpty {
                fail(item, "'\(key)' holds an empty \(noun)", hint: "remove it, or write the \(noun)")
                continue
            }
            out.append((text, item.location))
        }
        return out
    }
}
