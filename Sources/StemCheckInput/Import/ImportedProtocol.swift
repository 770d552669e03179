import YAMLSource
import StemCheckModel

/// Where each node of a document built in memory came from in the files the user gave.
///
/// Keys are the positions of nodes (values and mapping keys) in the built document; values are
/// positions in the source files. A report about the built document is translated through it so
/// that its locations point into the original JSON (SPEC 6: locations in the file the user gave).
public struct SourceMap: Sendable {
    /// Built-document position → source position.
    public private(set) var entries: [Mark: SourceLocation] = [:]

    /// Creates an empty map.
    public init() {}

    /// The source position of a built-document position, when known.
    public func source(of mark: Mark) -> SourceLocation? { entries[mark] }

    /// Records the source of a built-document position.
    mutating func record(_ mark: Mark, _ source: SourceLocation) {
        entries[mark] = source
    }

    /// Walks a loaded document alongside the tree it was written from, recording each node's source.
    /// Values without a source of their own inherit their parent's.
    mutating func build(_ node: YAMLNode, _ value: ImportedValue, inherited: SourceLocation?) {
        let source = value.source ?? inherited
        if let source { record(node.mark, source) }
        switch (node.kind, value.content) {
        case (.mapping, .map(let entries)):
            for ((key, child), entry) in zip(node.pairs, entries) {
                let childSource = entry.value.keySource ?? entry.value.source ?? source
                if let childSource { record(key.mark, childSource) }
                build(child, entry.value, inherited: source)
            }
        case (.sequence, .list(let items)):
            for (child, item) in zip(node.items, items) {
                build(child, item, inherited: source)
            }
        default:
            return
        }
    }
}

/// A protocol built in memory from another format: the YAML text in our schema, its loaded
/// document, and the map from its nodes back to the source file.
public struct ImportedProtocol: Sendable {
    /// The source format; nil for a protocol in our schema rebuilt to graft a registry record.
    public var format: ImportFormat?
    /// The protocol as YAML with provenance comments.
    public var yaml: String
    /// The loaded YAML (file name: the source file's display name).
    public var document: YAMLDocument
    /// Built-document positions → source positions.
    public var sourceMap: SourceMap
    /// The tree the YAML was written from.
    public var tree: ImportedValue

    /// Writes `tree` as YAML, loads it and maps every node back to its source.
    public init(format: ImportFormat?, tree: ImportedValue, header: [String], footer: [String], file: String) throws(InputError) {
        self.format = format
        self.tree = tree
        yaml = ImportWriter.render(tree, header: header, footer: footer)
        do {
            // The explicit tag gives the root mapping a position of its own (a block mapping otherwise
            // starts at its first key), so a missing section maps to the source's root, not its first field.
            document = try YAMLLoader().loadDocument(bytes: Array(("--- !!map\n" + yaml).utf8), file: file)
        } catch {
            // The writer's output always loads; reaching this is a bug, reported with its location.
            throw InputError([Diagnostic(error.location, "internal error: the imported protocol does not load back: \(error.message)",
                                         hint: "please report this with the input file")])
        }
        var map = SourceMap()
        map.build(document.root, tree, inherited: SourceLocation(file: file, line: 1, column: 1))
        sourceMap = map
    }
}
