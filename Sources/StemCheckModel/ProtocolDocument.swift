import YAMLSource

/// A protocol ready for the rules: its root node, the file it came from and the digest of its bytes.
///
/// The second value of the pipeline (docs/architecture.md): `StemCheckInput` makes it from an
/// `InputFile` (loading YAML or JSON, importing USDM or CT.gov), the engine evaluates it.
public struct ProtocolDocument: Sendable {
    /// The protocol's root node; every node carries its own source position, file included (an
    /// imported protocol's nodes are in the JSON file, a grafted registry record's in its file).
    public var root: YAMLNode
    /// The file name as the user gave it (report `protocol.path`).
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex; empty when the reader was told not to compute
    /// it (`ProtocolReader.computesDigest`: no output of the run shows it).
    public var sha256: String
    /// The file's bytes, for quoting source lines in input errors; empty for imported protocols,
    /// whose nodes stand for JSON values rather than lines of a YAML text.
    public var bytes: [UInt8]
    /// What reading the file found worth telling the reviewer (the report's `notes`).
    public var notes: [String]

    /// Creates a document.
    public init(root: YAMLNode, path: String, sha256: String, bytes: [UInt8] = [], notes: [String] = []) {
        self.root = root
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.notes = notes
    }

    /// A document loaded from `bytes`, with their digest.
    public init(root: YAMLNode, path: String, bytes: [UInt8]) {
        self.init(root: root, path: path, sha256: Digest.sha256(bytes), bytes: bytes)
    }
}
