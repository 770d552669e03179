import StemCheckModel
import YAMLSource

/// What reading one protocol file gives: a document in stemcheck's schema, or one converted from
/// another format whose locations must be translated back to the source.
public enum ProtocolInput: Sendable {
    /// A protocol in stemcheck's schema, as loaded.
    case document(ProtocolDocument)
    /// A protocol built in memory (USDM / CT.gov import, registry graft) from the file `source`.
    case imported(ImportedProtocol, source: ProtocolDocument)
}

/// The first stage: reads a protocol file, loads it as YAML or JSON and converts USDM and
/// ClinicalTrials.gov documents (and grafts `--registry-record`) into stemcheck's schema.
public struct ProtocolReader: Sendable {
    /// The YAML loader (limits).
    public var loader: YAMLLoader
    /// The registry record from `--registry-record FILE`, grafted into every protocol as `registry_record`.
    public var registryRecord: RegistryRecord?

    /// Creates a reader.
    public init(loader: YAMLLoader = YAMLLoader(), registryRecord: RegistryRecord? = nil) {
        self.loader = loader
        self.registryRecord = registryRecord
    }

    /// Reads and loads one protocol file.
    public func read(_ file: InputFile) throws(InputError) -> ProtocolInput {
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.read(cPath: file.cPath, displayName: file.display, limit: loader.limits.maxFileSize)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        return try read(bytes: bytes, name: file.display)
    }

    /// Loads one protocol given as bytes.
    public func read(bytes: [UInt8], name: String) throws(InputError) -> ProtocolInput {
        let loaded: YAMLDocument
        do {
            loaded = try loader.loadDocument(bytes: bytes, file: name)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let document = ProtocolDocument(root: loaded.root, path: name, bytes: bytes)
        // USDM and ClinicalTrials.gov JSON, and any protocol given a registry record, are converted;
        // a YAML protocol goes straight to the rules.
        guard registryRecord != nil || Self.looksLikeJSONObject(bytes) else { return .document(document) }
        let root = loaded.root
        let format = try ImportFormat.detect(root)
        guard root.kind == .mapping, format != nil || registryRecord != nil else { return .document(document) }
        var tree: ImportedValue
        if let format {
            let imported = try format.importProtocol(root, file: name)
            guard registryRecord != nil else { return .imported(imported, source: document) }
            tree = imported.tree
        } else {
            tree = ImportedValue(node: root)
        }
        if let registryRecord {
            try RegistryTrialID.check(registryRecord, against: tree, bytes: bytes, file: name)
            tree = registryRecord.graft(into: tree)
        }
        let built = try ImportedProtocol(format: format, tree: tree, header: [], footer: [], file: name)
        return .imported(built, source: document)
    }

    /// Whether the input's first significant byte opens a JSON object (a BOM and whitespace skipped).
    static func looksLikeJSONObject(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }
}
