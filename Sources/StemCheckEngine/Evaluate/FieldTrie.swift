#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import YAMLSource
import StemCheckModel

/// The protocol fields known to the loaded rules and the documented schema, as a tree of keys.
///
/// Used to warn about keys nobody reads (`folow_up`), with a did-you-mean from the keys known at
/// the same level. A node that a rule reads as a whole and that has no known children is open:
/// anything below it is accepted.
struct FieldTrie: Sendable {
    final class Node: @unchecked Sendable {
        // Mutated only while the trie is built, before it is shared (but for the suggestions
        // prepared on first use, behind their lock).
        /// Known keys below this one, with their UTF-8 bytes for the walk (no String per protocol key).
        var children: [(name: String, bytes: [UInt8], node: Node)] = []
        var items: Node?
        var open = false
        /// The children's names, sorted, prepared for did-you-mean when first needed (most
        /// protocols have no unknown key: building them for every node would cost every run).
        /// Never rebuilt: children are only added while the trie is built, before any lookup.
        private let preparedSuggestions = Mutex<Suggestion.Candidates?>(nil)

        /// The did-you-mean phrases found so far for unknown keys at this level: the same unknown
        /// keys recur in the protocols of a run (a v1 field, a house spelling), and finding one
        /// measures it against every known key. At most `phraseMemoLimit` are kept.
        private let phrases = Mutex<[String: String]>([:])
        static let phraseMemoLimit = 256

        var suggestions: Suggestion.Candidates {
            preparedSuggestions.withLock { prepared in
                if let prepared { return prepared }
                let made = Suggestion.Candidates(children.map(\.name).sorted())
                prepared = made
                return made
            }
        }

        /// ` (did you mean 'x'?)` for an unknown key at this level, or the empty string.
        func phrase(for name: String) -> String {
            if let known = phrases.withLock({ $0[name] }) { return known }
            let made = Suggestion.phrase(for: name, in: suggestions)
            phrases.withLock { phrases in
                if phrases.count < Self.phraseMemoLimit { phrases[name] = made }
            }
            return made
        }

        func add(_ key: String) -> Node {
            if let found = children.first(where: { $0.name == key }) { return found.node }
            let next = Node()
            children.append((key, Array(key.utf8), next))
            return next
        }

        /// The child named by `key`'s bytes (a linear scan: a level holds a few dozen keys at most).
        func child(_ key: UnsafeBufferPointer<UInt8>) -> Node? {
            for entry in children where entry.bytes.count == key.count {
                if key.count == 0 { return entry.node }
                let same = entry.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }
                if same { return entry.node }
            }
            return nil
        }
    }

    private(set) var root = Node()

    /// The documented protocol fields, parsed once (the table is built into the binary).
    private static let documentedPaths: [[Path.Segment]] = EmbeddedResources.documentedFields.compactMap { try? Path.parse($0).segments }

    /// The documented fields and every path the rules of `packs` read.
    init(documentedAndReadBy packs: [RulePack]) {
        for segments in Self.documentedPaths { insert(segments, open: false) }
        for pack in packs {
            for rule in pack.rules {
                for path in rule.readPaths { insert(path.segments, open: path.isLeaf) }
            }
        }
    }

    mutating func insert(_ segments: [Path.Segment], open: Bool) {
        var node = root
        for segment in segments {
            switch segment {
            case .key(let key):
                node = node.add(key)
            case .index, .wildcard:
                if let next = node.items { node = next } else {
                    let next = Node()
                    node.items = next
                    node = next
                }
            }
        }
        if open { node.open = true }
    }

    /// Notes for keys of `document` that no known field names.
    func unknownKeys(in root: YAMLNode, skipping reserved: Set<String>) -> [String] {
        var notes: [String] = []
        var path: [Path.Segment] = []
        visit(root, self.root, path: &path, reserved: reserved, notes: &notes)
        return notes
    }

    /// "unknown key 'a.b[0].name' (did you mean ...?) at L:C: no rule or documented field reads it",
    /// written into one buffer (most protocols of a v1 corpus have ten such keys or more).
    private static func unknownKeyNote(_ name: String, below path: inout [Path.Segment], at mark: Mark, phrase: String) -> String {
        path.append(.key(name))
        let full = Path.render(path)
        path.removeLast()
        var note = ByteSink(capacity: 96 + full.utf8.count + phrase.utf8.count)
        note.append("unknown key '" as StaticString)
        note.append(full)
        note.append(UInt8(ascii: "'"))
        note.append(phrase)
        note.append(" at " as StaticString)
        note.append(decimal: Int(mark.line))
        note.append(UInt8(ascii: ":"))
        note.append(decimal: Int(mark.column))
        note.append(": no rule or documented field reads it" as StaticString)
        return note.text
    }

    /// Walks the protocol beside the trie; `path` is a stack, pushed and popped, so the walk does
    /// not allocate for keys that are known.
    private func visit(_ value: YAMLNode, _ node: Node, path: inout [Path.Segment], reserved: Set<String>, notes: inout [String]) {
        switch value.kind {
        case .mapping:
            if node.children.isEmpty { return }  // read as a whole, or nothing known below
            value.forEachPair { key, child in
                if key.isCollection { return }
                if path.isEmpty, let name = key.text, reserved.contains(name) { return }
                if let next = key.withTextBytes({ node.child($0) }) {
                    if child.isCollection {
                        path.append(.key(key.text!))
                        visit(child, next, path: &path, reserved: reserved, notes: &notes)
                        path.removeLast()
                    }
                } else {
                    let name = key.text!
                    notes.append(Self.unknownKeyNote(name, below: &path, at: key.mark, phrase: node.phrase(for: name)))
                }
            }
        case .sequence:
            guard let items = node.items else { return }
            for n in 0..<value.count {
                guard let item = value.item(n), item.isCollection else { continue }
                path.append(.index(n))
                visit(item, items, path: &path, reserved: reserved, notes: &notes)
                path.removeLast()
            }
        default:
            return
        }
    }
}

/// A rule set's `FieldTrie`, built once, by whichever worker first needs it.
final class KnownFields: Sendable {
    private let packs: [RulePack]
    private let built = Mutex<FieldTrie?>(nil)

    init(_ packs: [RulePack]) {
        self.packs = packs
    }

    var trie: FieldTrie {
        built.withLock { built in
            if let built { return built }
            let trie = FieldTrie(documentedAndReadBy: packs)
            built = trie
            return trie
        }
    }
}
