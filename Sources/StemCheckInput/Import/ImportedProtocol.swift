import YAMLSource
import StemCheckModel

/// A protocol imported from another format: the tree in our schema, each value with its source,
/// and the comments `stemcheck import` writes around it.
///
/// One conversion, two products: `yaml` is the text `stemcheck import` writes (`ImportWriter`),
/// `document(limits:)` the same protocol built in memory for `check`, each node located in the
/// source file. Both take every scalar from `ImportWriter.scalarText`: the built document holds
/// exactly what loading the written YAML gives, with no text in between.
public struct ImportedProtocol: Sendable {
    /// The source format.
    public var format: ImportFormat
    /// The imported protocol.
    public var tree: ImportedValue
    /// Comment lines written before the protocol (what was imported, from where, notes).
    public var header: [String]
    /// Comment lines written after it (what the source cannot say).
    public var footer: [String]
    /// The source file's display name.
    public var file: String

    /// Creates an imported protocol.
    public init(format: ImportFormat, tree: ImportedValue, header: [String], footer: [String], file: String) {
        self.format = format
        self.tree = tree
        self.header = header
        self.footer = footer
        self.file = file
    }

    /// The protocol as YAML with provenance comments: what `stemcheck import` writes.
    public var yaml: String { ImportWriter.render(tree, header: header, footer: footer) }

    /// The protocol as a document built in memory; every node (values and keys) is located in the
    /// source file: a value at its own source position, or its parent's when it has none.
    ///
    /// Limits: the document is checked against `limits` (nesting depth) as it is built, so it is no
    /// deeper than a loaded protocol may be; an import too deep is a located input error.
    public func document(limits: YAMLLimits = YAMLLimits()) throws(InputError) -> YAMLDocument {
        var builder = YAMLDocumentBuilder(file: file, limits: limits)
        let start = SourceLocation(file: file, line: 1, column: 1)
        do {
            let root = try tree.build(into: &builder, inherited: start, isRoot: true)
            return builder.document(root: root)
        } catch {
            throw InputError([Diagnostic(error)])
        }
    }
}

extension ImportedValue {
    /// Adds this value and everything below it to `builder` and returns its node.
    ///
    /// Positions are the ones the written YAML's nodes stand for (before this builder, a source map
    /// from the written YAML's positions gave the same): a value is at its `source`, or at its
    /// parent's when it has none (`inherited`); a key is where its value is. A non-empty mapping
    /// other than the root is at its first key, because a block mapping in YAML has no position of
    /// its own — it starts where its first key does — so checking the JSON points where checking
    /// the written YAML points. The root is at its own source (the written file's root has one).
    ///
    /// Depth: the recursion is as deep as the tree; importers make trees of a fixed shape, and the
    /// only paths from the input (USDM extension attributes) are refused when deeper than the
    /// limit (`USDMImporter.extensionValues`), so this stays within `builder.limits.maxDepth` levels
    /// plus the few of the schema before the builder's own check refuses the document.
    func build(into builder: inout YAMLDocumentBuilder, inherited: SourceLocation,
               isRoot: Bool = false) throws(YAMLError) -> YAMLDocumentBuilder.Node {
        let location = source ?? inherited
        switch content {
        case .map(let entries) where !entries.isEmpty:
            var pairs: [(key: YAMLDocumentBuilder.Node, value: YAMLDocumentBuilder.Node)] = []
            pairs.reserveCapacity(entries.count)
            var firstKey: SourceLocation?
            for entry in entries {
                let keyLocation = entry.value.source ?? location
                if firstKey == nil { firstKey = keyLocation }
                let scalar = ImportWriter.loaded(.string(entry.key))
                let key = builder.scalar(scalar.value, text: scalar.text, style: scalar.style, at: keyLocation)
                pairs.append((key, try entry.value.build(into: &builder, inherited: location)))
            }
            return try builder.mapping(pairs, at: isRoot ? location : firstKey ?? location)
        case .list(let items) where !items.isEmpty:
            var nodes: [YAMLDocumentBuilder.Node] = []
            nodes.reserveCapacity(items.count)
            for item in items { nodes.append(try item.build(into: &builder, inherited: location)) }
            return try builder.sequence(nodes, at: location)
        case .map:
            return try builder.mapping([], at: location)
        case .list:
            return try builder.sequence([], at: location)
        default:
            let scalar = ImportWriter.loaded(content)
            return builder.scalar(scalar.value, text: scalar.text, style: scalar.style, at: location)
        }
    }
}
