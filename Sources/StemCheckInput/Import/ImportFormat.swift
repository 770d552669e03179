import YAMLSource
import StemCheckModel

/// A protocol format stemcheck imports into its own schema.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// CDISC Unified Study Definitions Model v4 JSON (`{study: {versions: [...]}}`).
    case usdm
    /// ClinicalTrials.gov API v2 study record (`{protocolSection: {...}}`).
    case ctgov

    /// The name users read.
    public var title: String {
        switch self {
        case .usdm: return "CDISC USDM v4"
        case .ctgov: return "ClinicalTrials.gov API v2 record"
        }
    }

    /// Recognises an importable document by its top-level keys.
    ///
    /// Returns nil for an ordinary protocol. A document that announces a format but lacks the part
    /// an import needs (`study` without `versions`, CT.gov sections without `protocolSection`) is an
    /// input error, located at what is wrong.
    public static func detect(_ root: YAMLNode) throws(InputError) -> ImportFormat? {
        guard root.kind == .mapping else { return nil }
        if root["study"] != nil {
            try USDMImporter.requireStudy(root)
            return .usdm
        }
        if root["usdmVersion"] != nil { try USDMImporter.requireStudy(root) }
        if root["protocolSection"] != nil {
            try CTGovImporter.requireProtocolSection(root)
            return .ctgov
        }
        if root["resultsSection"] != nil || root["derivedSection"] != nil || root["hasResults"] != nil {
            try CTGovImporter.requireProtocolSection(root)
        }
        return nil
    }

    /// Imports a loaded source document in this format. `limits` are the loader's: a USDM extension
    /// attribute whose field path nests deeper than `limits.maxDepth` is an input error.
    public func importProtocol(_ root: YAMLNode, file: String, limits: YAMLLimits = YAMLLimits()) throws(InputError) -> ImportedProtocol {
        switch self {
        case .usdm: return try USDMImporter(root: root, file: file, limits: limits).run()
        case .ctgov: return try CTGovImporter(root: root, file: file).run()
        }
    }

    /// Loads `path` (strict JSON when its name ends in `.json`, otherwise YAML) and imports it as
    /// this format; any other document is a located input error.
    public func importFile(path: String, displayName: String? = nil, loader: YAMLLoader = YAMLLoader()) throws(InputError) -> ImportedProtocol {
        let name = displayName ?? path
        let document: YAMLDocument
        do {
            document = try loader.loadDocument(path: path, displayName: name, syntax: SourceSyntax(fileName: name))
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let detected = try Self.detect(document.root)
        guard detected == self else {
            let root = document.root
            var message = "this is not a \(title) document"
            var hint: String
            switch self {
            case .usdm: hint = "a USDM file has a top-level \"study\" object with \"versions\""
            case .ctgov: hint = "a ClinicalTrials.gov record has a top-level \"protocolSection\" object"
            }
            if let detected {
                message += "; it looks like a \(detected.title)"
                hint = "use `stemcheck import \(detected.rawValue)`"
            } else if root.kind == .mapping {
                let keys = root.pairs.prefix(6).compactMap { $0.key.text }.map { "\"\($0)\"" }
                message += keys.isEmpty ? " (the top-level object is empty)" : " (top-level keys: \(keys.joined(separator: ", ")))"
            } else {
                message += " (the top level is \(describe(root)), not an object)"
            }
            throw InputError([Diagnostic(root.location, message, hint: hint)])
        }
        return try importProtocol(document.root, file: name, limits: loader.limits)
    }
}

/// JSON-path text for provenance comments: `$.a.b[0].c`.
struct JSONPath: Sendable {
    private(set) var text: String

    static let root = JSONPath(text: "$")

    func key(_ key: String) -> JSONPath {
        if !key.isEmpty && Self.isPlain(key) {
            return JSONPath(text: text + "." + key)
        }
        return JSONPath(text: text + "[" + JSONText.quote(key) + "]")
    }

    func index(_ n: Int) -> JSONPath { JSONPath(text: text + "[\(n)]") }

    /// Whether every character of `key` is a letter, a number or `_` (`.key`, not `['key']`);
    /// by its bytes up to the first byte beyond ASCII (an ASCII byte before it begins a character
    /// of its own, which is a letter or number only if that byte is).
    static func isPlain(_ key: String) -> Bool {
        var ascii = true
        let plain = key.utf8.allSatisfy { byte in
            guard byte < 0x80 else {
                ascii = false
                return false
            }
            return ImportText.isAlphanumeric(byte) || byte == UInt8(ascii: "_")
        }
        return ascii ? plain : key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    func keys(_ list: String) -> JSONPath {
        var path = self
        for part in list.split(separator: ".") { path = path.key(String(part)) }
        return path
    }
}

/// A source node with its JSON path: what importers read from.
struct SourceNode {
    let node: YAMLNode
    let path: JSONPath

    subscript(key: String) -> SourceNode? {
        guard let child = node[key], !child.isNull else { return nil }
        return SourceNode(node: child, path: path.key(key))
    }

    /// Follows a dotted chain of keys.
    func at(_ keys: String) -> SourceNode? {
        var current: SourceNode? = self
        for key in keys.split(separator: ".") { current = current?[String(key)] }
        return current
    }

    var items: [SourceNode] {
        node.items.enumerated().map { SourceNode(node: $0.element, path: path.index($0.offset)) }
    }

    var pairs: [(key: String, value: SourceNode)] {
        node.pairs.compactMap { pair in
            guard let key = pair.key.text else { return nil }
            return (key, SourceNode(node: pair.value, path: path.key(key)))
        }
    }

    /// The trimmed string value; nil when not a non-empty string.
    var string: String? {
        guard let s = node.string else { return nil }
        let trimmed = s.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    var location: SourceLocation { node.location }

    /// An imported value from this node.
    func value(_ content: ImportedValue.Content, note: String? = nil) -> ImportedValue {
        ImportedValue(content, source: location, sourcePath: path.text, note: note)
    }

    /// This node's string, as an imported string value.
    func stringValue(note: String? = nil) -> ImportedValue? {
        string.map { value(.string($0), note: note) }
    }
}
