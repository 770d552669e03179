/// Builds a `YAMLDocument` in memory, node by node, for documents that are not parsed from text:
/// a protocol imported from USDM or ClinicalTrials.gov JSON, a protocol with a registry record
/// grafted in.
///
/// Every node is given its own `SourceLocation`, file included, so one document can hold nodes
/// from several files (`YAMLNode.location` and `YAMLNode.file` say which). Nodes of another
/// document are copied in with `copy(_:)`, keeping their positions, files, styles and tags.
/// Nodes are added bottom-up: a collection is made from nodes already added. The result has the
/// storage the loader makes (contiguous records, scalar text as bytes), so everything that reads
/// `YAMLNode` works on it unchanged.
///
/// Limits: a collection deeper than `limits.maxDepth` levels (counted as the loader counts them:
/// a document whose root is a mapping of scalars is one level deep) is refused with the loader's
/// `nestingTooDeep` error, located at that collection. So a built document is never deeper than a
/// loaded one may be, whatever its builder is given. A built document has no aliases of its own;
/// a copied subtree keeps the sharing of its source document, whose loader already bounded its
/// alias expansion, and the file size limit has no meaning for nodes that come from no text.
/// Keys are not checked for duplicates: the caller gives each mapping distinct keys.
public struct YAMLDocumentBuilder: Sendable {
    /// A node added to this builder, to put into a collection or make the root.
    public struct Node: Sendable, Hashable {
        let index: Int32
    }

    /// The limits every collection is checked against.
    public let limits: YAMLLimits
    /// The document's file (file index 0).
    public let file: String

    private var otherFiles: [String] = []
    private var fileIndexes: [String: UInt16]
    private var nodes: [NodeRecord] = []
    private var children: [Int32] = []
    private var text: [UInt8] = []
    /// Per node: how many collection levels it holds (0 for a scalar); -1 for a copied collection
    /// not measured yet.
    private var heights: [Int32] = []
    /// Documents already copied in, with the index their first node has here.
    private var copies: [(storage: DocumentStorage, offset: Int32)] = []

    /// Creates an empty builder for a document of `file` (the name `YAMLDocument.file` gives; nodes
    /// may be in other files too). `limits` are the loader's that the document must respect.
    public init(file: String, limits: YAMLLimits = YAMLLimits()) {
        self.file = file
        self.limits = limits
        fileIndexes = [file: 0]
    }

    /// How many nodes have been added (copies included).
    public var nodeCount: Int { nodes.count }

    // MARK: Scalars

    /// Adds a scalar. `value` is its resolved value, as `CoreSchema` gives it for text (a loaded
    /// node's `kind`, `bool`, `int`, `float`); `text` is its text (`YAMLNode.text`), `style` how a
    /// YAML writer would write it. An `.outOfRange` value is kept as a string, as a quoted scalar is.
    public mutating func scalar(_ value: CoreSchema.Scalar, text: String, style: ScalarStyle = .plain,
                                at location: SourceLocation) -> Node {
        var kind = NodeKind.string
        var payload: UInt64 = 0
        switch value {
        case .null: kind = .null
        case .bool(let b): kind = .bool; payload = b ? 1 : 0
        case .int(let n): kind = .int; payload = UInt64(bitPattern: Int64(n))
        case .float(let d): kind = .float; payload = d.bitPattern
        case .string, .outOfRange: kind = .string
        }
        let start = Int32(self.text.count)
        text.withUTF8Bytes { self.text.append(contentsOf: $0) }
        return append(NodeRecord(kind: kind, style: kind == .string ? style : .plain, tagged: false,
                                 line: Int32(clamping: location.line), column: Int32(clamping: location.column),
                                 start: start, count: Int32(self.text.count) - start,
                                 file: fileIndex(location.file), payload: payload), height: 0)
    }

    /// Adds a string scalar.
    public mutating func string(_ value: String, style: ScalarStyle = .plain, at location: SourceLocation) -> Node {
        scalar(.string, text: value, style: style, at: location)
    }

    // MARK: Collections

    /// Adds a sequence of nodes already added. Throws `nestingTooDeep` when it would be deeper than
    /// `limits.maxDepth`.
    public mutating func sequence(_ items: [Node], at location: SourceLocation) throws(YAMLError) -> Node {
        var height: Int32 = 0
        for item in items { height = max(height, self.height(item.index)) }
        try checkDepth(height + 1, at: location)
        let start = Int32(children.count)
        for item in items { children.append(item.index) }
        return append(collection(.sequence, start: start, at: location), height: height + 1)
    }

    /// Adds a mapping of nodes already added, pairs in the given order (keys must be distinct).
    /// Throws `nestingTooDeep` when it would be deeper than `limits.maxDepth`.
    public mutating func mapping(_ pairs: [(key: Node, value: Node)], at location: SourceLocation) throws(YAMLError) -> Node {
        var height: Int32 = 0
        for pair in pairs { height = max(height, self.height(pair.key.index), self.height(pair.value.index)) }
        try checkDepth(height + 1, at: location)
        let start = Int32(children.count)
        for pair in pairs {
            children.append(pair.key.index)
            children.append(pair.value.index)
        }
        return append(collection(.mapping, start: start, at: location), height: height + 1)
    }

    // MARK: Copies

    /// Adds `node` of another document with everything below it: each node keeps its kind, value,
    /// text, style, tag, position and file. Subtrees the source shares (aliases) stay shared.
    ///
    /// The first copy from a document brings in all of that document's nodes at once (one pass, no
    /// per-node lookups); later copies from it cost nothing. The source's depth was bounded when it
    /// was loaded or built; collections made from the copy are checked as usual.
    public mutating func copy(_ node: YAMLNode) -> Node {
        let source = node.storage
        if let known = copies.first(where: { $0.storage === source }) {
            return Node(index: known.offset + node.index)
        }
        let offset = Int32(nodes.count)
        let childOffset = Int32(children.count)
        let textOffset = Int32(text.count)
        var files: [UInt16] = [fileIndex(source.file)]
        for other in source.otherFiles { files.append(fileIndex(other)) }
        nodes.reserveCapacity(nodes.count + source.nodes.count)
        heights.reserveCapacity(heights.count + source.nodes.count)
        for var record in source.nodes {
            let isCollection = record.kind == .sequence || record.kind == .mapping
            record.start += isCollection ? childOffset : textOffset
            record.file = files[Int(record.file)]
            nodes.append(record)
            heights.append(isCollection ? -1 : 0)
        }
        children.reserveCapacity(children.count + source.children.count)
        for child in source.children { children.append(child + offset) }
        text.append(contentsOf: source.text)
        copies.append((source, offset))
        return Node(index: offset + node.index)
    }

    // MARK: The document

    /// The document whose root is `root`.
    public func document(root: Node) -> YAMLDocument {
        YAMLDocument(storage: DocumentStorage(file: file, otherFiles: otherFiles, nodes: nodes, children: children, text: text),
                     rootIndex: root.index)
    }

    // MARK: Internals

    private mutating func append(_ record: NodeRecord, height: Int32) -> Node {
        precondition(nodes.count < Int(Int32.max), "a built YAML document cannot hold more than 2^31 nodes")
        nodes.append(record)
        heights.append(height)
        return Node(index: Int32(nodes.count - 1))
    }

    private mutating func collection(_ kind: NodeKind, start: Int32, at location: SourceLocation) -> NodeRecord {
        NodeRecord(kind: kind, style: .none, tagged: false,
                   line: Int32(clamping: location.line), column: Int32(clamping: location.column),
                   start: start, count: Int32(children.count) - start, file: fileIndex(location.file), payload: 0)
    }

    private func checkDepth(_ height: Int32, at location: SourceLocation) throws(YAMLError) {
        if Int(height) > limits.maxDepth {
            throw YAMLError(location: location, reason: .nestingTooDeep(limit: limits.maxDepth))
        }
    }

    private mutating func fileIndex(_ name: String) -> UInt16 {
        // Nearly every node is in the document's own file: no hashing of its name for those.
        if name == file { return 0 }
        if let index = fileIndexes[name] { return index }
        precondition(otherFiles.count < Int(UInt16.max), "a built YAML document cannot name more than 65,535 files")
        otherFiles.append(name)
        let index = UInt16(otherFiles.count)
        fileIndexes[name] = index
        return index
    }

    /// The collection levels a node holds; measures a copied collection the first time it is asked
    /// (recursion as deep as the source document, which its own limits bounded).
    private mutating func height(_ index: Int32) -> Int32 {
        let known = heights[Int(index)]
        if known >= 0 { return known }
        let record = nodes[Int(index)]
        var height: Int32 = 0
        for k in 0..<Int(record.count) {
            height = max(height, self.height(children[Int(record.start) + k]))
        }
        heights[Int(index)] = height + 1
        return height + 1
    }
}
