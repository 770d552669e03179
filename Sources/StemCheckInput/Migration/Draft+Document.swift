import StemCheckModel
import YAMLSource

extension DraftMapping {
    /// The migrated document, built in memory: loaded nodes are copied with their positions, new
    /// ones are located at the node they were made from, dropped pairs are left out.
    func document(file: String, limits: YAMLLimits) throws(InputError) -> YAMLDocument {
        var builder = YAMLDocumentBuilder(file: file, limits: limits)
        do {
            let root = try build(into: &builder)
            return builder.document(root: root)
        } catch {
            throw InputError([Diagnostic(error)])
        }
    }

    func build(into builder: inout YAMLDocumentBuilder) throws(YAMLError) -> YAMLDocumentBuilder.Node {
        var pairs: [(key: YAMLDocumentBuilder.Node, value: YAMLDocumentBuilder.Node)] = []
        pairs.reserveCapacity(self.pairs.count)
        // By index: `for pair in self.pairs` copied every pair (its strings, nodes and value).
        for n in self.pairs.indices where self.pairs[n].isKept {
            let key = self.pairs[n].keyNode.map { builder.copy($0) } ?? builder.string(self.pairs[n].key, at: self.pairs[n].keyLocation)
            pairs.append((key, try self.pairs[n].value.build(into: &builder)))
        }
        return try builder.mapping(pairs, at: location)
    }
}

extension DraftValue {
    func build(into builder: inout YAMLDocumentBuilder) throws(YAMLError) -> YAMLDocumentBuilder.Node {
        switch self {
        case .original(let node):
            return builder.copy(node)
        case .scalar(let s):
            return builder.scalar(s.value, text: s.text, style: s.style, at: s.location)
        case .mapping(let m):
            return try m.build(into: &builder)
        case .sequence(let s):
            var items: [YAMLDocumentBuilder.Node] = []
            items.reserveCapacity(s.items.count)
            for n in s.items.indices { items.append(try s.items[n].value.build(into: &builder)) }
            return try builder.sequence(items, at: s.location)
        }
    }
}
