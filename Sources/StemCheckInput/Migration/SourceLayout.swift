import YAMLSource

/// Which lines of a block-style YAML text each entry (a pair of a mapping, an item of a sequence)
/// covers, comments included, so that the text migration can cut an entry and insert it elsewhere.
///
/// An entry covers its leading lines (the blank and comment lines right above it that are not
/// indented deeper than it), its first line (the key, or the `-` of an item) and every line up to
/// the next entry's leading lines; the last entry of a collection ends at its last line indented
/// at least as deep as it, and what follows up to the end of the parent entry is the collection's
/// trailer. Every line of the document is in exactly one of: the header (comments and `---` above
/// the first key, up to the last blank line there), an entry, a trailer, the footer (`...`).
///
/// Only block collections get a layout. A flow collection (`{...}`, `[...]`), one with an anchor
/// or tag before it, or one whose entries are not one per line in order (merged keys, aliases)
/// gets none: the text migration writes it anew if it must change it, or gives up if that would
/// lose comments.
struct SourceLayout {
    /// The lines one entry covers (1-based line numbers).
    struct Span {
        /// The first leading line (== `anchor` when there is none).
        var lead: Int
        /// The line of the key, or of the item's `-`.
        var anchor: Int
        /// The last line.
        var end: Int
        /// The 1-based column of the key, or of the item's `-`.
        var column: Int
    }

    /// The entries of one block collection.
    struct Collection {
        var entries: [Span]
        /// The column of its keys or dashes (1-based).
        var column: Int
        /// Lines after its last entry that belong to it (blank lines, comments indented less).
        var trailer: ClosedRange<Int>?
    }

    let source: SourceLines
    /// The file the document's nodes are in.
    let file: String
    /// Lines 1...header are the document's header (empty when 0).
    private(set) var header = 0
    /// The footer (`...` and what follows) starts here; nil when there is none.
    private(set) var footer: Int?
    private(set) var collections: [Int32: Collection] = [:]
    /// The root mapping's node index.
    let rootIndex: Int32

    /// Lays out the document `root` loaded from `source`. Throws when the root is not a block mapping.
    init(source: SourceLines, root: YAMLNode) throws(DraftText.Unsupported) {
        self.source = source
        file = root.file
        rootIndex = root.index
        var last = source.count
        if let dots = (1...max(1, source.count)).first(where: { n in
            n <= source.count && source[n].starts(with: [".", ".", "."]) && (source[n].count == 3 || source[n][3] == " ")
        }) {
            footer = dots
            last = dots - 1
        }
        guard root.kind == .mapping, root.count > 0, isBlock(root) else {
            throw DraftText.Unsupported(reason: "the document is not a block mapping", line: root.mark.line)
        }
        visit(root, from: 1, to: last)
        guard var top = collections[root.index] else {
            throw DraftText.Unsupported(reason: "the top-level keys are not one per line", line: root.mark.line)
        }
        // The header: what precedes the first key's leading lines, and its leading lines up to the last blank one.
        let first = top.entries[0]
        var header = first.lead - 1
        if first.lead < first.anchor, let blank = (first.lead..<first.anchor).last(where: { SourceLines.isBlank(source[$0]) }) {
            header = blank
        }
        top.entries[0].lead = header + 1
        collections[root.index] = top
        self.header = header
    }

    /// The lines of the entry `origin` stands for; nil when its collection has no layout.
    func span(_ origin: DraftOrigin?) -> Span? {
        guard let origin, let collection = collections[origin.collection.index],
              origin.collection.file == file, origin.position < collection.entries.count else { return nil }
        return collection.entries[origin.position]
    }

    /// The layout of a loaded collection; nil when it has none.
    func collection(_ node: YAMLNode?) -> Collection? {
        guard let node, node.file == file else { return nil }
        return collections[node.index]
    }

    // MARK: Building

    /// Whether `node` is a block collection that starts at its mark (its first key, or its first `-`).
    private func isBlock(_ node: YAMLNode) -> Bool {
        guard let c = source.scalar(line: Int(node.mark.line), column: Int(node.mark.column)) else { return false }
        switch node.kind {
        case .mapping: return !"{[&!*?|>".unicodeScalars.contains(c)
        case .sequence: return c == "-"
        default: return false
        }
    }

    private mutating func visit(_ node: YAMLNode, from start: Int, to end: Int) {
        guard collections[node.index] == nil, start <= end, let layout = lay(node, from: start, to: end) else { return }
        collections[node.index] = layout
        let children = node.kind == .mapping ? node.pairs.map(\.value) : node.items
        for (n, child) in children.enumerated() where child.isCollection && isBlock(child) {
            let span = layout.entries[n]
            let childLine = Int(child.mark.line)
            // A block mapping item starts on its `-` line; a pair's block value on the lines below the key.
            let from = childLine == span.anchor ? span.anchor : span.anchor + 1
            guard childLine >= from, childLine <= span.end else { continue }
            visit(child, from: from, to: span.end)
        }
    }

    /// The entries of a block collection within lines `start...end`; nil when they are not one per
    /// line, in order, at one column, each first on its line.
    private func lay(_ node: YAMLNode, from start: Int, to end: Int) -> Collection? {
        var anchors: [Int] = []
        var column = 0
        let firsts = node.kind == .mapping ? node.pairs.map(\.key) : node.items
        guard !firsts.isEmpty else { return nil }
        for (n, first) in firsts.enumerated() {
            guard first.file == file else { return nil }
            let line = Int(first.mark.line)
            guard line >= start, line <= end, anchors.last.map({ line > $0 }) ?? true else { return nil }
            let text = source[line]
            let at = Int(first.mark.column) - 1
            guard at <= text.count else { return nil }
            let prefix = text[..<at]
            var entryColumn: Int
            if node.kind == .mapping {
                guard !first.isCollection, SourceLines.keyColon(text, keyAt: at) != nil else { return nil }
                // The first key of an item mapping follows its `-`; every other key starts its line.
                let dashesAllowed = n == 0 && line == start
                guard prefix.allSatisfy({ $0 == " " || (dashesAllowed && $0 == "-") }) else { return nil }
                entryColumn = at + 1
            } else {
                guard let dash = prefix.lastIndex(of: "-"), prefix[(dash + 1)...].allSatisfy({ $0 == " " }),
                      dash + 1 < at || first.isNull,
                      prefix[..<dash].allSatisfy({ $0 == " " || (n == 0 && line == start && $0 == "-") }) else { return nil }
                entryColumn = dash + 1
            }
            if n == 0 { column = entryColumn } else if entryColumn != column { return nil }
            anchors.append(line)
        }
        var entries: [Span] = []
        for (n, anchor) in anchors.enumerated() {
            let lower = n == 0 ? start : anchors[n - 1] + 1
            var lead = anchor
            while lead - 1 >= lower, leadsEntry(source[lead - 1], column: column) { lead -= 1 }
            entries.append(Span(lead: lead, anchor: anchor, end: anchor, column: column))
        }
        for n in entries.indices.dropLast() { entries[n].end = entries[n + 1].lead - 1 }
        var last = end
        let lastAnchor = anchors[anchors.count - 1]
        while last > lastAnchor, SourceLines.isBlank(source[last])
                || (SourceLines.isComment(source[last]) && SourceLines.indent(source[last]) <= column - 1) {
            last -= 1
        }
        entries[entries.count - 1].end = last
        return Collection(entries: entries, column: column, trailer: last < end ? (last + 1)...end : nil)
    }

    /// Whether a line right above an entry at `column` leads it: blank, or a comment not indented deeper.
    private func leadsEntry(_ line: SourceLines.Line, column: Int) -> Bool {
        SourceLines.isBlank(line) || (SourceLines.isComment(line) && SourceLines.indent(line) <= column - 1)
    }
}
