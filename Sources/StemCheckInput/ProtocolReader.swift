import StemCheckModel
import YAMLSource

/// The first stage: reads a protocol file, loads it as YAML or (a `.json` file) strict JSON and converts USDM and
/// ClinicalTrials.gov documents (and grafts `--registry-record`) into stemcheck's schema.
public struct ProtocolReader: Sendable {
    /// The YAML loader (limits).
    public var loader: YAMLLoader
    /// The registry record from `--registry-record FILE`, grafted into every protocol as `registry_record`.
    public var registryRecord: RegistryRecord?
    /// Whether a schema v1 protocol is migrated to schema v2 in memory (`SchemaMigration`). On by
    /// default; off, a v1 protocol is read as it is written.
    public var migratesSchemaV1: Bool
    /// Whether the file's SHA-256 is computed (`ProtocolDocument.sha256`). On by default; a run
    /// none of whose outputs shows it (text, GitHub) turns it off and the digest is left empty.
    public var computesDigest = true

    /// Creates a reader.
    public init(loader: YAMLLoader = YAMLLoader(), registryRecord: RegistryRecord? = nil, migratesSchemaV1: Bool = true) {
        self.loader = loader
        self.registryRecord = registryRecord
        self.migratesSchemaV1 = migratesSchemaV1
    }

    /// Reads and loads one protocol file.
    public func read(_ file: InputFile) throws(InputError) -> ProtocolDocument {
        if let contents = file.contents {
            guard contents.count <= loader.limits.maxFileSize else {
                throw InputError([Diagnostic(SourceLocation(file: file.display, line: 1, column: 1),
                                             "standard input is larger than \(loader.limits.maxFileSize) bytes")])
            }
            return try read(bytes: contents, name: file.display)
        }
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
    ///
    /// A protocol in our schema declares its schema version (`SchemaVersion`): an invalid one, or
    /// schema v1 fields in a v2 document, is an input error. A schema v1 protocol is migrated to v2
    /// in memory (`migratesSchemaV1`), its nodes keeping their positions in the file, with a note
    /// saying so.
    public func read(bytes: [UInt8], name: String) throws(InputError) -> ProtocolDocument {
        let loaded: YAMLDocument
        do {
            loaded = try loader.loadDocument(bytes: bytes, file: name, syntax: SourceSyntax(fileName: name))
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let root = loaded.root
        // Only JSON can be USDM or CT.gov: a YAML protocol without a record goes straight to the rules.
        let format = registryRecord != nil || Self.looksLikeJSONObject(bytes) ? try ImportFormat.detect(root) : nil
        let schema = format == nil ? try SchemaVersion.inspect(root, bytes: bytes) : nil
        var protocolRoot = root
        var notes: [String] = []
        if root.kind == .mapping, format != nil || registryRecord != nil {
            if let format {
                protocolRoot = try format.importProtocol(root, file: name, limits: loader.limits).document(limits: loader.limits).root
            }
            if let registryRecord {
                try RegistryTrialID.check(registryRecord, against: protocolRoot, bytes: bytes, file: name)
                if let note = RegistryTrialID.unmatchedNote(registryRecord, protocolRoot: protocolRoot) { notes.append(note) }
                protocolRoot = try registryRecord.graft(onto: protocolRoot, limits: loader.limits).root
            }
        }
        if let schema, migratesSchemaV1 {
            if schema.needsMigration {
                let migrated = try SchemaMigration.migrate(protocolRoot, bytes: bytes, limits: loader.limits)
                protocolRoot = migrated.document.root
                notes += migrated.notes(file: name)
            } else if schema.declared == 1 {
                notes.append(SchemaMigration.declaredV1Note(file: name))
            }
        } else if let schema, schema.needsMigration {
            notes.append("\(name) is read as schema v1, as written (not migrated): the loaded rules read schema v1 fields; "
                         + "run `stemcheck migrate` on the protocols and move the rules to schema v2 paths (docs/protocol-schema.md#schema-versions)")
        }
        // An imported protocol's lines are not the file's: no source lines to quote under input
        // errors. A grafted or migrated YAML protocol keeps its own nodes and positions, and so its bytes.
        return ProtocolDocument(root: protocolRoot, path: name, sha256: computesDigest ? Digest.sha256(bytes) : "", bytes: format == nil ? bytes : [],
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
