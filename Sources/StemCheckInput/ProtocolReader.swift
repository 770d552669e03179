import StemCheckModel
import YAMLSource

/// The first stage: reads a protocol file, loads it as YAML or (a `.json` file) strict JSON and converts USDM and
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
    public func read(_ file: InputFile) throws(InputError) -> ProtocolDocument {
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.read(cPath: file.cPath, displayName: file.display, limit: loader.limits.maxFileSize)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        return try read(bytes: bytes, name: file.display)
    }

    /// Loads one protocol given as bytes. A `name` ending in `.json` is parsed as strict JSON
    /// (RFC 8259, `JSONLoader`), any other as YAML.
    ///
    /// A protocol in our schema is the loaded document itself. USDM and ClinicalTrials.gov JSON is
    /// imported into a document built in memory whose nodes are located in the JSON, and a
    /// registry record is grafted onto the protocol's tree (loaded or imported) with its nodes
    /// located in the record file: report locations come straight from the nodes. Built documents
    /// are held to the loader's limits.
    public func read(bytes: [UInt8], name: String) throws(InputError) -> ProtocolDocument {
        let loaded: YAMLDocument
        do {
            loaded = try loader.loadDocument(bytes: bytes, file: name, syntax: SourceSyntax(fileName: name))
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let root = loaded.root
        // Only JSON can be USDM or CT.gov: a YAML protocol without a record goes straight to the rules.
        guard registryRecord != nil || Self.looksLikeJSONObject(bytes) else {
            return ProtocolDocument(root: root, path: name, bytes: bytes)
        }
        let format = try ImportFormat.detect(root)
        guard root.kind == .mapping, format != nil || registryRecord != nil else {
            return ProtocolDocument(root: root, path: name, bytes: bytes)
        }
        var protocolRoot = root
        if let format {
            protocolRoot = try format.importProtocol(root, file: name, limits: loader.limits).document(limits: loader.limits).root
        }
        var notes: [String] = []
        if let registryRecord {
            try RegistryTrialID.check(registryRecord, against: protocolRoot, bytes: bytes, file: name)
            if let note = RegistryTrialID.unmatchedNote(registryRecord, protocolRoot: protocolRoot) { notes.append(note) }
            protocolRoot = try registryRecord.graft(onto: protocolRoot, limits: loader.limits).root
        }
        // An imported protocol's lines are not the file's: no source lines to quote under input
        // errors. A grafted YAML protocol keeps its own nodes and positions, and so its bytes.
        return ProtocolDocument(root: protocolRoot, path: name, sha256: Digest.sha256(bytes), bytes: format == nil ? bytes : [],
                                notes: notes)
    }

    /// Whether the input's first significant byte opens a JSON object (a BOM and whitespace skipped).
    static func looksLikeJSONObject(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }
}
