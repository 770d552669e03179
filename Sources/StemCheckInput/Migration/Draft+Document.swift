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
        for pair in self.pairs where pair.isKept {
            let key = pair.keyNode.map { builder.copy($0) } ?? builder.string(pair.key, at: pair.keyLocation)
            pairs.append((key, try pair.value.build(into: &builder)))
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
            for item in s.items { items.append(try item.value.build(into: &builder)) }
            return try builder.sequence(items, at: s.location)
        }
    }
}
