#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kind of a loaded node, after YAML 1.2 core schema resolution.
public enum NodeKind: UInt8, Sendable {
    case null, bool, int, float, string, sequence, mapping
}

/// How a scalar was written in the source; quoted scalars are always strings.
public enum ScalarStyle: UInt8, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded, none
}

/// One node in a document's contiguous storage.
///
/// Nodes live in one array per document; collections point at a range of the
/// document's `children` array (mappings store key, value, key, value, ...).
/// Aliases are resolved to the index of the anchored node, so an aliased
/// subtree is shared, never copied.
///
/// The record is 32 bytes with or without `file`: the field sits in what would be padding after
/// `count`, so the loader pays nothing for it (it always writes 0, the document's own file).
@usableFromInline
struct NodeRecord: Sendable {
    @usableFromInline var kind: NodeKind
    @usableFromInline var style: ScalarStyle
    /// Whether the node carried an explicit tag in the source.
    @usableFromInline var tagged: Bool
    @usableFromInline var line: Int32
    @usableFromInline var column: Int32
    /// Scalar: byte offset of its text in the document's `text` buffer. Collection: start in `children`.
    @usableFromInline var start: Int32
    /// Scalar: byte length of its text. Collection: number of entries in `children` (twice the pair count for mappings).
    @usableFromInline var count: Int32
    /// The node's file in the document's file table: 0 is the document's file (every node of a
    /// loaded document); documents built in memory may name others (`DocumentStorage.otherFiles`).
    @usableFromInline var file: UInt16
    /// bool: 0/1; int: the value's bits; float: the value's bit pattern.
    @usableFromInline var payload: UInt64
}

/// The immutable storage of one document, shared by every node view (one reference to retain).
@usableFromInline
final class DocumentStorage: Sendable {
    /// The document's file: file index 0.
    @usableFromInline let file: String
    /// The other files nodes are in (file index k is `otherFiles[k - 1]`); empty for loaded documents.
    @usableFromInline let otherFiles: [String]
    @usableFromInline let nodes: [NodeRecord]
    @usableFromInline let children: [Int32]
    /// Every scalar's text, UTF-8, one after another: Strings are made only when asked for.
    @usableFromInline let text: [UInt8]

    init(file: String, otherFiles: [String] = [], nodes: [NodeRecord], children: [Int32], text: [UInt8]) {
        self.file = file
        self.otherFiles = otherFiles
        self.nodes = nodes
        self.children = children
        self.text = text
    }

    /// The file with index `index` in this document's file table.
    @inlinable func file(_ index: UInt16) -> String {
        index == 0 ? file : otherFiles[Int(index) - 1]
    }

    /// The text of a scalar record.
    @inlinable func string(_ record: NodeRecord) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(record.start)..<Int(record.start + record.count)]), as: UTF8.self)
        }
    }

    /// The position in `children` of the key of `mapping` whose text is `key`'s UTF-8 bytes, or
    /// -1. One pass over the mapping's keys with the arrays' buffers held: a key of another
    /// length or first byte is passed over without a call.
    @inlinable func position(ofKey key: UnsafeBufferPointer<UInt8>, in mapping: NodeRecord) -> Int {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                text.withUnsafeBufferPointer { text in
                    Self.position(ofKey: key, in: mapping, nodes: nodes, children: children, text: text)
                }
            }
        }
    }

    /// `position(ofKey:in:)` on the storage's buffers, held by the caller.
    @inlinable static func position(ofKey key: UnsafeBufferPointer<UInt8>, in mapping: NodeRecord,
                                    nodes: UnsafeBufferPointer<NodeRecord>, children: UnsafeBufferPointer<Int32>,
                                    text: UnsafeBufferPointer<UInt8>) -> Int {
        // No scalar is longer than Int32.max bytes (`NodeRecord.count`).
        guard key.count <= Int(Int32.max) else { return -1 }
        let count = Int32(key.count)
        var position = Int(mapping.start)
        let end = position + Int(mapping.count)
        while position < end {
            let record = nodes[Int(children[position])]
            if record.count == count, record.kind != .sequence, record.kind != .mapping,
               count == 0 || (text[Int(record.start)] == key[0]
                              && memcmp(text.baseAddress! + Int(record.start), key.baseAddress!, key.count) == 0) {
                return position
            }
            position += 2
        }
        return -1
    }

    /// Follows `steps` from the node with index `start`: the index of the node reached (-1 when
    /// a step finds nothing) and of the node to point at (`YAMLNode.resolve`). One pass over the
    /// storage's buffers: no node value, and so no reference count, per step.
    @inlinable func resolve(_ steps: UnsafeBufferPointer<PathStep>, from start: Int32) -> (node: Int32, anchor: Int32) {
        nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                text.withUnsafeBufferPointer { text in
                    var node = start
                    var anchor = start
                    for step in steps {
                        let record = nodes[Int(node)]
                        if step.position < 0 {
                            guard record.kind == .mapping else { return (-1, anchor) }
                            let found = Self.position(ofKey: step.key, in: record, nodes: nodes, children: children, text: text)
                            guard found >= 0 else { return (-1, anchor) }
                            anchor = children[found]
                            node = children[found + 1]
                        } else {
                            guard record.kind == .sequence, step.position < Int(record.count) else { return (-1, anchor) }
                            node = children[Int(record.start) + step.position]
                            let kind = nodes[Int(node)].kind
                            if kind == .sequence || kind == .mapping { anchor = node }
                        }
                    }
                    return (node, nodes[Int(node)].kind == .null ? anchor : node)
                }
            }
        }
    }

    /// Whether a scalar record's text equals `key`'s UTF-8 bytes.
    @inlinable func textEquals(_ record: NodeRecord, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(record.count) == key.count else { return false }
        if key.count == 0 { return true }
        return text.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + Int(record.start), key.baseAddress!, key.count) == 0
        }
    }
}

/// One loaded YAML (or JSON) document: a tree of nodes with source positions.
///
/// A value type backed by one immutable storage object; copying it is cheap and it can be
/// shared across threads.
public struct YAMLDocument: Sendable {
    @usableFromInline let storage: DocumentStorage
    @usableFromInline let rootIndex: Int32

    init(file: String, nodes: [NodeRecord], children: [Int32], text: [UInt8], rootIndex: Int32) {
        self.storage = DocumentStorage(file: file, nodes: nodes, children: children, text: text)
        self.rootIndex = rootIndex
    }

    init(storage: DocumentStorage, rootIndex: Int32) {
        self.storage = storage
        self.rootIndex = rootIndex
    }

    /// The document's file name, used in messages: the file it was loaded from, or the file a built
    /// document was made for (`YAMLDocumentBuilder(file:)`). Each node says its own file (`YAMLNode.file`).
    public var file: String { storage.file }

    /// Every file the document's nodes are in: the document's file first. One entry for a loaded document.
    public var files: [String] { [storage.file] + storage.otherFiles }

    /// The root node.
    @inlinable public var root: YAMLNode { YAMLNode(storage: storage, index: rootIndex) }

    /// How many nodes the document stores (aliases counted once).
    public var storedNodeCount: Int { storage.nodes.count }
}

/// A node of a `YAMLDocument`: a lightweight view (storage reference + index).
public struct YAMLNode: Sendable {
    @usableFromInline let storage: DocumentStorage
    /// The node's index in the document's storage; stable for the document's lifetime.
    public let index: Int32

    @inlinable init(storage: DocumentStorage, index: Int32) {
        self.storage = storage
        self.index = index
    }

    /// The file the node is in: for a loaded document its file, for a built one the file this node
    /// was given (nodes of one built document may be in different files).
    public var file: String { storage.file(record.file) }

    /// Another node of the same document, by its `index` (for walks that keep plain indexes on a
    /// stack instead of node values, and make nodes again only when they need one).
    @inlinable package func node(at index: Int32) -> YAMLNode {
        YAMLNode(storage: storage, index: index)
    }

    @inlinable var record: NodeRecord { storage.nodes[Int(index)] }

    /// The resolved kind.
    @inlinable public var kind: NodeKind { record.kind }
    /// How a scalar was written (`.none` for collections).
    @inlinable public var style: ScalarStyle { record.style }
    /// Whether the source gave the node an explicit tag.
    @inlinable public var isTagged: Bool { record.tagged }
    /// Line and column in the node's file (`file`).
    @inlinable public var mark: Mark { Mark(line: record.line, column: record.column) }
    /// Position including the node's own file.
    public var location: SourceLocation {
        let r = record
        return SourceLocation(file: storage.file(r.file), line: Int(r.line), column: Int(r.column))
    }

    /// True for `null`, `~`, empty and `!!null` values.
    @inlinable public var isNull: Bool { kind == .null }
    /// True for sequences and mappings.
    @inlinable public var isCollection: Bool { kind == .sequence || kind == .mapping }

    /// The scalar's source text (after YAML unescaping and folding); nil for collections.
    @inlinable public var text: String? {
        let r = record
        if r.kind == .sequence || r.kind == .mapping { return nil }
        return storage.string(r)
    }

    /// The string value, when the node is a string.
    @inlinable public var string: String? {
        let r = record
        return r.kind == .string ? storage.string(r) : nil
    }

    /// The boolean value, when the node is a boolean.
    @inlinable public var bool: Bool? {
        let r = record
        return r.kind == .bool ? r.payload != 0 : nil
    }

    /// The integer value, when the node is an integer.
    @inlinable public var int: Int? {
        let r = record
        return r.kind == .int ? Int(Int64(bitPattern: r.payload)) : nil
    }

    /// The float value, when the node is a float.
    @inlinable public var float: Double? {
        let r = record
        return r.kind == .float ? Double(bitPattern: r.payload) : nil
    }

    /// The numeric value of an int or float node.
    @inlinable public var number: Double? {
        let r = record
        switch r.kind {
        case .int: return Double(Int64(bitPattern: r.payload))
        case .float: return Double(bitPattern: r.payload)
        default: return nil
        }
    }

    /// Number of items (sequence) or pairs (mapping); 0 for scalars.
    @inlinable public var count: Int {
        let r = record
        switch r.kind {
        case .sequence: return Int(r.count)
        case .mapping: return Int(r.count) / 2
        default: return 0
        }
    }

    /// The items of a sequence (empty for other kinds).
    public var items: [YAMLNode] {
        let r = record
        guard r.kind == .sequence else { return [] }
        return (0..<Int(r.count)).map { YAMLNode(storage: storage, index: storage.children[Int(r.start) + $0]) }
    }

    /// The item at `position` of a sequence.
    @inlinable public func item(_ position: Int) -> YAMLNode? {
        let r = record
        guard r.kind == .sequence, position >= 0, position < Int(r.count) else { return nil }
        return YAMLNode(storage: storage, index: storage.children[Int(r.start) + position])
    }

    /// The key/value pairs of a mapping, in source order (empty for other kinds).
    public var pairs: [(key: YAMLNode, value: YAMLNode)] {
        let r = record
        guard r.kind == .mapping else { return [] }
        // Made at its size: a `map` over a stride grew the array from empty.
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        pairs.reserveCapacity(Int(r.count) / 2)
        forEachPair { pairs.append(($0, $1)) }
        return pairs
    }

    /// The key and value at `position` of a mapping's pairs (0-based, in source order), or nil.
    @inlinable public func pair(at position: Int) -> (key: YAMLNode, value: YAMLNode)? {
        let r = record
        guard r.kind == .mapping, position >= 0, position < Int(r.count) / 2 else { return nil }
        let at = Int(r.start) + 2 * position
        return (YAMLNode(storage: storage, index: storage.children[at]), YAMLNode(storage: storage, index: storage.children[at + 1]))
    }

    /// Whether the node is a scalar whose text is exactly `string` (compared as UTF-8 bytes, no String made).
    @inlinable public func textEquals(_ string: String) -> Bool {
        let r = record
        if r.kind == .sequence || r.kind == .mapping { return false }
        return string.withUTF8Bytes { storage.textEquals(r, $0) }
    }

    /// Calls `body` with the UTF-8 bytes of a scalar's text (empty for collections); no String is made.
    @inlinable public func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = record
        if r.kind == .sequence || r.kind == .mapping || r.count == 0 {
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return try storage.text.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[Int(r.start)..<Int(r.start + r.count)]))
        }
    }

    /// Calls `body` with each key and value of a mapping, in source order, without building an array.
    @inlinable public func forEachPair(_ body: (_ key: YAMLNode, _ value: YAMLNode) throws -> Void) rethrows {
        let r = record
        guard r.kind == .mapping else { return }
        var position = Int(r.start)
        let end = position + Int(r.count)
        while position < end {
            try body(YAMLNode(storage: storage, index: storage.children[position]),
                     YAMLNode(storage: storage, index: storage.children[position + 1]))
            position += 2
        }
    }

    /// Follows a path's compiled steps (keys and item positions, no wildcard) from this node: the
    /// node reached (nil when a key or item is missing) and the node to point at, as a reviewer
    /// would look for it: the node reached, or when it is missing the key of the nearest existing
    /// parent (an item that is a collection counts as one), or when it is null its key.
    @inlinable public func resolve(_ steps: UnsafeBufferPointer<PathStep>) -> (node: YAMLNode?, anchor: YAMLNode) {
        let (node, anchor) = storage.resolve(steps, from: index)
        return (node < 0 ? nil : YAMLNode(storage: storage, index: node), YAMLNode(storage: storage, index: anchor))
    }

    /// The node `steps` reach from this one (nil when a key or item is missing), as `resolve` without the anchor.
    @inlinable public func node(following steps: UnsafeBufferPointer<PathStep>) -> YAMLNode? {
        let node = storage.resolve(steps, from: index).node
        return node < 0 ? nil : YAMLNode(storage: storage, index: node)
    }

    /// The value for a string key of a mapping (keys compare by their text).
    @inlinable public subscript(key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// The key node and value for a key of a mapping (keys compare by their UTF-8 text).
    @inlinable public func pair(forKey key: String) -> (key: YAMLNode, value: YAMLNode)? {
        let r = record
        guard r.kind == .mapping else { return nil }
        let found: Int = key.withUTF8Bytes { bytes in storage.position(ofKey: bytes, in: r) }
        guard found >= 0 else { return nil }
        return (YAMLNode(storage: storage, index: storage.children[found]),
                YAMLNode(storage: storage, index: storage.children[found + 1]))
    }
}

/// One step of a path without wildcards, compiled for `YAMLNode.resolve`: a mapping key, by its
/// UTF-8 bytes, or a sequence item, by its position. The key's bytes are owned by whoever made
/// the step and must outlive every use of it.
public struct PathStep {
    /// A key step's UTF-8 bytes (empty for an item step).
    public let key: UnsafeBufferPointer<UInt8>
    /// An item step's position; -1 for a key step.
    public let position: Int

    /// A key step.
    public init(key: UnsafeBufferPointer<UInt8>) {
        self.key = key
        self.position = -1
    }

    /// An item step; `position` is not negative.
    public init(item position: Int) {
        precondition(position >= 0, "an item position is not negative")
        self.key = UnsafeBufferPointer(start: nil, count: 0)
        self.position = position
    }
}
