import StemCheckModel
import YAMLSource

/// A protocol being migrated from schema v1 to v2: an editable tree over the loaded document.
///
/// What the moves (`SchemaV1Moves`) do not touch stays `.original`: a node of the loaded document,
/// copied unchanged into the built document (`Draft+Document`) or by its source lines, comments
/// included, into the migrated text (`DraftText`). Every entry keeps where it came from
/// (`DraftOrigin`): the built document takes its positions from there, the text its lines and
/// comments. Something the migration writes takes the position of the node it was made from.
/// `indirect` although the nesting goes through arrays: without the boxes every pair copies
/// its whole value inline, which costs more than the allocations (measured, issue 20).
indirect enum DraftValue {
    /// A subtree of the loaded document, unchanged.
    case original(YAMLNode)
    /// A scalar the migration wrote: a converted value (`"50 mL"`) or a new field (`type: cell`).
    case scalar(DraftScalar)
    /// A mapping the migration opened (to edit its pairs) or made.
    case mapping(DraftMapping)
    /// A sequence the migration opened or made.
    case sequence(DraftSequence)

    /// The loaded node, when the value is one.
    var node: YAMLNode? {
        if case .original(let node) = self { return node }
        return nil
    }

    /// Whether the value is null (an original null node).
    var isNull: Bool { node?.isNull ?? false }
}

/// A scalar the migration wrote, as the YAML 1.2 core schema reads its text back.
struct DraftScalar {
    /// The resolved value (`CoreSchema.Scalar.string` for a string).
    var value: CoreSchema.Scalar
    /// The scalar's text (a string's characters; a number as written).
    var text: String
    /// Plain, or double-quoted for a string that would not read back as itself when plain.
    var style: ScalarStyle
    /// The position of the node it was made from.
    var location: SourceLocation

    /// A string, written plain when it reads back as the same string, double-quoted otherwise.
    static func string(_ string: String, at location: SourceLocation) -> DraftScalar {
        let loaded = ImportWriter.loaded(.string(string))
        return DraftScalar(value: loaded.value, text: loaded.text, style: loaded.style, location: location)
    }

    /// An integer.
    static func int(_ value: Int, at location: SourceLocation) -> DraftScalar {
        DraftScalar(value: .int(value), text: String(value), style: .plain, location: location)
    }

    /// A boolean.
    static func bool(_ value: Bool, at location: SourceLocation) -> DraftScalar {
        DraftScalar(value: .bool(value), text: value ? "true" : "false", style: .plain, location: location)
    }

    /// The scalar as YAML text.
    var yaml: String { style == .doubleQuoted ? ImportWriter.quote(text) : text }
}

/// Where an entry of the draft was in the loaded document: a pair or an item of a collection.
/// The text migration takes its lines (and so its comments) from there.
struct DraftOrigin {
    /// The loaded mapping or sequence.
    var collection: YAMLNode
    /// The pair's or item's position in it.
    var position: Int

    /// The loaded pair (for a mapping).
    var pair: (key: YAMLNode, value: YAMLNode) { collection.pair(at: position)! }
    /// The loaded item (for a sequence).
    var item: YAMLNode { collection.item(position)! }
}

/// One key and value of a draft mapping.
struct DraftPair {
    /// The key's text.
    var key: String
    /// The key's position: the loaded key's, or that of the node the key was made from.
    var keyLocation: SourceLocation
    /// The loaded key, while the pair keeps it (a renamed or new key has none).
    var keyNode: YAMLNode?
    var value: DraftValue
    /// The loaded pair whose lines and comments this pair takes.
    var origin: DraftOrigin?
    /// Entries the migration took apart (a v1 key that is gone) whose comments this pair carries:
    /// the text writes them above it.
    var carried: [DraftOrigin] = []
    /// Set for a v1 field that schema v2 does not have: the pair stays in the text as comments
    /// (this is why), and is left out of the built document.
    var droppedBecause: String?
}

// The initializers call the synthesized memberwise one (see `Finding` in StemCheckModel: one that
// assigns `var` properties one by one copies the whole pair once more).
extension DraftPair {
    /// A loaded pair, unchanged.
    init(_ origin: DraftOrigin) {
        self.init(origin, key: origin.pair.key, value: origin.pair.value)
    }

    /// The loaded pair `key`: `value` at `origin`, unchanged.
    init(_ origin: DraftOrigin, key keyNode: YAMLNode, value: YAMLNode) {
        self.init(key: keyNode.text ?? "", keyLocation: keyNode.location, keyNode: keyNode, value: .original(value), origin: origin)
    }

    /// A new pair, located at `location` (the node it was made from).
    init(_ key: String, _ value: DraftValue, at location: SourceLocation, origin: DraftOrigin? = nil) {
        self.init(key: key, keyLocation: location, value: value, origin: origin)
    }

    /// Whether the pair is in the migrated document (not only a comment).
    var isKept: Bool { droppedBecause == nil }

    /// The pair under another key, keeping its value, lines and comments.
    func renamed(_ newKey: String) -> DraftPair {
        var pair = self
        if newKey != key {
            pair.key = newKey
            pair.keyNode = nil
        }
        return pair
    }
}

/// A mapping of the draft.
struct DraftMapping {
    var pairs: [DraftPair]
    /// The position of the mapping (or of the node it was made from).
    var location: SourceLocation
    /// The loaded mapping it was opened from: its layout places the pairs' lines in the text.
    var origin: YAMLNode?

    /// A new, empty mapping.
    init(at location: SourceLocation) {
        pairs = []
        self.location = location
    }

    /// A loaded mapping opened for editing: every pair still unchanged.
    init(opening node: YAMLNode) {
        var pairs: [DraftPair] = []
        pairs.reserveCapacity(node.count)
        node.forEachPair { key, value in pairs.append(DraftPair(DraftOrigin(collection: node, position: pairs.count), key: key, value: value)) }
        self.pairs = pairs
        location = node.location
        origin = node
    }

    /// The position of the pair with `key` (kept pairs only).
    func index(of key: String) -> Int? {
        pairs.firstIndex { $0.isKept && $0.key == key }
    }

    /// The pair with `key`.
    func pair(_ key: String) -> DraftPair? {
        index(of: key).map { pairs[$0] }
    }

    /// The value of `key`. (Not `pair(key)?.value`, which copied the whole pair.)
    subscript(key: String) -> DraftValue? {
        index(of: key).map { pairs[$0].value }
    }

    /// Removes the pair with `key` and returns it.
    mutating func remove(_ key: String) -> DraftPair? {
        guard let i = index(of: key) else { return nil }
        return pairs.remove(at: i)
    }

    /// Whether the mapping has no kept pair.
    var isEmpty: Bool { !pairs.contains(where: \.isKept) }

    /// Edits the mapping under `key` in place, opening a loaded mapping first. Nothing happens
    /// (and nil is returned) when the key is missing or its value is not a mapping.
    @discardableResult
    mutating func editMapping<R, E: Error>(_ key: String, _ body: (inout DraftMapping) throws(E) -> R) throws(E) -> R? {
        guard let i = index(of: key) else { return nil }
        var mapping: DraftMapping
        switch pairs[i].value {
        case .mapping(let m): mapping = m
        case .original(let node) where node.kind == .mapping: mapping = DraftMapping(opening: node)
        default: return nil
        }
        let result = try body(&mapping)
        pairs[i].value = .mapping(mapping)
        return result
    }

    /// Edits the sequence under `key` in place, opening a loaded sequence first.
    @discardableResult
    mutating func editSequence<R, E: Error>(_ key: String, _ body: (inout DraftSequence) throws(E) -> R) throws(E) -> R? {
        guard let i = index(of: key) else { return nil }
        var sequence: DraftSequence
        switch pairs[i].value {
        case .sequence(let s): sequence = s
        case .original(let node) where node.kind == .sequence: sequence = DraftSequence(opening: node)
        default: return nil
        }
        let result = try body(&sequence)
        pairs[i].value = .sequence(sequence)
        return result
    }
}

/// One item of a draft sequence.
struct DraftItem {
    var value: DraftValue
    /// The loaded item whose lines and comments this item takes.
    var origin: DraftOrigin?
    /// Entries the migration took apart whose comments this item carries (written above it).
    var carried: [DraftOrigin] = []
}

/// A sequence of the draft.
struct DraftSequence {
    var items: [DraftItem]
    var location: SourceLocation
    /// The loaded sequence it was opened from.
    var origin: YAMLNode?

    /// A new sequence.
    init(_ items: [DraftItem], at location: SourceLocation) {
        self.items = items
        self.location = location
    }

    /// A loaded sequence opened for editing.
    init(opening node: YAMLNode) {
        items = node.items.enumerated().map { DraftItem(value: .original($1), origin: DraftOrigin(collection: node, position: $0)) }
        location = node.location
        origin = node
    }

    /// Edits item `position` as a mapping, opening a loaded mapping first; nil when it is not one.
    @discardableResult
    mutating func editMapping<R, E: Error>(at position: Int, _ body: (inout DraftMapping) throws(E) -> R) throws(E) -> R? {
        var mapping: DraftMapping
        switch items[position].value {
        case .mapping(let m): mapping = m
        case .original(let node) where node.kind == .mapping: mapping = DraftMapping(opening: node)
        default: return nil
        }
        let result = try body(&mapping)
        items[position].value = .mapping(mapping)
        return result
    }
}
