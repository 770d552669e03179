import StemCheckModel
import YAMLSource

/// Writes a migrated draft as block-style YAML.
///
/// With the source's layout, the text is the user's own: an entry the migration did not change is
/// copied with its lines (re-indented to where it now is), comments above it, after it and inside it
/// included; a renamed key is renamed on its line; a moved block takes its lines along; a field
/// schema v2 has no place for stays as comment lines saying why. Only what the migration writes
/// (`type: cell`, `"50 mL"`, the keys of new blocks) and values taken out of flow collections are
/// written anew. Without a layout (`fresh`), everything is written anew and no comment survives.
///
/// `Unsupported` says why the source's lines cannot be used (a value over several lines that must
/// change, a multi-line flow collection); the caller then writes the document fresh.
struct DraftText {
    /// Why the text migration cannot keep the source's lines.
    struct Unsupported: Error {
        var reason: String
        /// The line it is about, 0 when none.
        var line: Int32
    }

    private let layout: SourceLayout?
    /// The indentation of blocks the migration makes.
    private let step = 2
    private var out: [String] = []
    /// Set while writing a dropped pair (its text becomes comments).
    private var writingDropped = false
    /// Where the first pair's key line went in `out` (after its leading comments).
    private var firstKeyLine: Int?
    /// Whether the source separates its top-level blocks with blank lines (new ones get one too).
    private var blankBeforeBlocks = false

    private init(layout: SourceLayout?) {
        self.layout = layout
    }

    /// The YAML text of `root`: the source's lines where `layout` places them, fresh text without one.
    static func render(_ root: DraftMapping, layout: SourceLayout?) throws(Unsupported) -> String {
        var writer = DraftText(layout: layout)
        if let layout, let top = layout.collection(root.origin) {
            writer.blankBeforeBlocks = top.entries.dropFirst().contains { SourceLines.isBlank(layout.source[$0.lead]) }
        }
        guard let layout else {
            if !root.pairs.contains(where: \.isKept) { writer.out.append("{}") }
            try writer.mappingBody(root, indent: 0, firstPrefix: "")
            return writer.out.joined(separator: "\n") + "\n"
        }
        let source = layout.source
        if layout.header > 0 { writer.lines(1...layout.header, shift: 0) }
        let rootColumn = layout.collection(root.origin)?.column ?? 1
        try writer.mappingBody(root, indent: rootColumn - 1, firstPrefix: spaces(rootColumn - 1))
        if let footer = layout.footer { writer.lines(footer...source.count, shift: 0) }
        var text = writer.out.joined(separator: source.lineBreak)
        if source.endsWithBreak { text += source.lineBreak }
        return (source.hasBOM ? "\u{FEFF}" : "") + text
    }

    // MARK: Mappings

    /// The pairs of `mapping` at `indent`; the first kept pair's line starts with `firstPrefix`
    /// (`- ` for an item), then the mapping's trailer.
    private mutating func mappingBody(_ mapping: DraftMapping, indent: Int, firstPrefix: String) throws(Unsupported) {
        var prefix: String? = firstPrefix
        let isRoot = layout != nil && mapping.origin != nil && mapping.origin?.index == layout?.rootIndex
        for pair in mapping.pairs {
            if isRoot, blankBeforeBlocks, pair.origin == nil, prefix == nil, pair.value.node == nil, !isScalar(pair.value) {
                out.append("")  // a new top-level block, set apart as the others are
            }
            if pair.isKept {
                try self.pair(pair, indent: indent, prefix: prefix ?? spaces(indent))
                prefix = nil
            } else {
                try dropped(pair, indent: indent)
            }
        }
        trailer(of: mapping.origin, indent: indent)
    }

    /// One pair; `prefix` replaces its indentation on the key line.
    private mutating func pair(_ pair: DraftPair, indent: Int, prefix: String) throws(Unsupported) {
        carried(pair.carried, indent: indent)
        let span = layout?.span(pair.origin)
        let shift = span.map { indent - ($0.column - 1) } ?? 0
        if let span { lines(span.lead..<span.anchor, shift: shift) }
        if firstKeyLine == nil { firstKeyLine = out.count }
        let originValue = pair.origin?.pair.value
        let key = keyText(pair)
        // Unchanged value with its own lines: copy them, renaming the key on its line.
        if let span, let originValue, case .original(let node) = pair.value, node.index == originValue.index {
            let line = layout!.source[span.anchor]
            let keyStart = span.column - 1
            if pair.keyNode != nil {
                out.append(prefix + SourceLines.text(line[keyStart...]))
            } else {
                guard let colon = SourceLines.keyColon(line, keyAt: keyStart) else {
                    throw Unsupported(reason: "a key that cannot be renamed in place", line: Int32(span.anchor))
                }
                out.append(prefix + key + SourceLines.text(line[colon...]))
            }
            lines((span.anchor + 1)..<(span.end + 1), shift: shift)
            return
        }
        let comment = span.map { anchorComment(pair.origin!, $0) } ?? ""
        switch pair.value {
        case .original(let node):
            if let inline = inlineText(node) {
                out.append(prefix + key + ": " + inline + comment)
            } else {
                out.append(prefix + key + ":" + comment)
                try fresh(node, indent: indent + step)
            }
        case .scalar(let scalar):
            out.append(prefix + key + ": " + scalar.yaml + comment)
        case .mapping(let mapping):
            let kept = mapping.pairs.contains(where: \.isKept)
            // An emptied mapping is `{}`; written as comments (all of it dropped), its key alone.
            out.append(prefix + key + (kept || writingDropped ? ":" : ": {}") + comment)
            let inner = layout?.collection(mapping.origin).flatMap { c in span.map { indent + c.column - $0.column } } ?? indent + step
            try mappingBody(mapping, indent: max(inner, indent + 1), firstPrefix: spaces(max(inner, indent + 1)))
        case .sequence(let sequence):
            if sequence.items.isEmpty {
                out.append(prefix + key + ": []" + comment)
            } else {
                out.append(prefix + key + ":" + comment)
                let dash = layout?.collection(sequence.origin).flatMap { c in span.map { indent + c.column - $0.column } } ?? indent + step
                try sequenceBody(sequence, indent: max(dash, indent))
            }
        }
        if let span, let originValue { try rest(of: span, shift: shift, unless: covers(pair.value, originValue)) }
    }

    /// A pair schema v2 leaves out: why, then its lines as comments.
    private mutating func dropped(_ pair: DraftPair, indent: Int) throws(Unsupported) {
        var kept = pair
        kept.droppedBecause = nil
        var writer = DraftText(layout: layout)
        writer.writingDropped = true
        try writer.pair(kept, indent: indent, prefix: spaces(indent))
        // Its comments, why it is left out, then its lines as comments.
        let keyLine = writer.firstKeyLine ?? 0
        out += writer.out[..<keyLine]
        out.append(spaces(indent) + "# schema v2 leaves this out: " + (pair.droppedBecause ?? ""))
        for line in writer.out[keyLine...] { out.append(SourceLines.commentedOut(line)) }
    }

    // MARK: Sequences

    /// The items of `sequence` with their `-` at `indent`, then its trailer.
    private mutating func sequenceBody(_ sequence: DraftSequence, indent: Int) throws(Unsupported) {
        for item in sequence.items { try self.item(item, indent: indent) }
        trailer(of: sequence.origin, indent: indent)
    }

    /// One item, its `-` at `indent`.
    private mutating func item(_ item: DraftItem, indent: Int) throws(Unsupported) {
        carried(item.carried, indent: indent)
        let span = layout?.span(item.origin)
        let shift = span.map { indent - ($0.column - 1) } ?? 0
        if let span { lines(span.lead..<span.anchor, shift: shift) }
        let isItemOrigin = item.origin?.collection.kind == .sequence
        let originValue = item.origin.map { isItemOrigin ? $0.item : $0.pair.value }
        let dash = spaces(indent) + "- "
        if let span, isItemOrigin, let originValue, case .original(let node) = item.value, node.index == originValue.index {
            out.append(spaces(indent) + SourceLines.text(layout!.source[span.anchor][(span.column - 1)...]))
            lines((span.anchor + 1)..<(span.end + 1), shift: shift)
            return
        }
        let comment = span.map { anchorComment(item.origin!, $0) } ?? ""
        let first = out.count
        switch item.value {
        case .original(let node):
            if let inline = inlineText(node) {
                out.append(dash + inline + comment)
            } else if node.kind == .mapping {
                try freshMapping(node, indent: indent + 2, firstPrefix: dash)
                appendComment(comment, toLineFrom: first, prefix: dash)
            } else {
                out.append(spaces(indent) + "-" + comment)
                try fresh(node, indent: indent + 2)
            }
        case .scalar(let scalar):
            out.append(dash + scalar.yaml + comment)
        case .mapping(let mapping):
            if mapping.pairs.contains(where: \.isKept) {
                var inner = indent + 2
                if isItemOrigin, let span, let c = layout?.collection(mapping.origin), mapping.origin?.index == originValue?.index {
                    inner = indent + c.column - span.column
                }
                inner = max(inner, indent + 2)
                let prefix = spaces(indent) + "-" + spaces(inner - indent - 1)
                try mappingBody(mapping, indent: inner, firstPrefix: prefix)
                appendComment(comment, toLineFrom: first, prefix: prefix)
            } else {
                out.append(dash + "{}" + comment)
                for p in mapping.pairs { try dropped(p, indent: indent + 2) }
            }
        case .sequence(let sequence):
            out.append(spaces(indent) + "-" + comment)
            if sequence.items.isEmpty { out[out.count - 1] = dash + "[]" + comment } else { try sequenceBody(sequence, indent: indent + 2) }
        }
        if let span, let originValue { try rest(of: span, shift: shift, unless: covers(item.value, originValue)) }
    }

    private func isScalar(_ value: DraftValue) -> Bool {
        if case .scalar = value { return true }
        return false
    }

    // MARK: Source lines

    /// Lines of the source, re-indented by `shift`.
    private mutating func lines<R: Sequence<Int>>(_ numbers: R, shift: Int) {
        guard let source = layout?.source else { return }
        for n in numbers { out.append(SourceLines.shifted(source[n], by: shift)) }
    }

    /// The lines of an entry after its first line, when nothing else wrote them: they must be
    /// comments (a single-line value), since the value itself was written anew.
    private mutating func rest(of span: SourceLayout.Span, shift: Int, unless covered: Bool) throws(Unsupported) {
        guard !covered, span.anchor < span.end else { return }
        let source = layout!.source
        for n in (span.anchor + 1)...span.end where !SourceLines.isBlankOrComment(source[n]) {
            throw Unsupported(reason: "a value that moves is written over several lines in flow style, or carries an anchor or tag", line: Int32(span.anchor))
        }
        lines((span.anchor + 1)..<(span.end + 1), shift: shift)
    }

    /// The trailer of a loaded collection whose entries are now at `indent`.
    private mutating func trailer(of origin: YAMLNode?, indent: Int) {
        guard let collection = layout?.collection(origin), let trailer = collection.trailer else { return }
        lines(trailer, shift: indent - (collection.column - 1))
    }

    /// The comments of entries the migration took apart: their leading lines, their first line's
    /// comment, their value's trailer.
    private mutating func carried(_ origins: [DraftOrigin], indent: Int) {
        guard let layout else { return }
        for origin in origins {
            guard let span = layout.span(origin) else { continue }
            let shift = indent - (span.column - 1)
            lines(span.lead..<span.anchor, shift: shift)
            let comment = anchorComment(origin, span)
            if !comment.isEmpty { out.append(spaces(indent) + comment.drop { $0 == " " || $0 == "\t" }) }
            let value = origin.collection.kind == .mapping ? origin.pair.value : origin.item
            if let inner = layout.collection(value), let trailer = inner.trailer {
                lines(trailer, shift: shift)
            }
        }
    }

    /// The comment at the end of an entry's first line (`"   # why"`): after a pair's key, colon and
    /// value, or after an item's `-` and scalar. Empty for an item whose block collection starts on
    /// its `-` line (that line is its first entry's).
    private func anchorComment(_ origin: DraftOrigin, _ span: SourceLayout.Span) -> String {
        let line = layout!.source[span.anchor]
        if origin.collection.kind == .mapping {
            guard let colon = SourceLines.keyColon(line, keyAt: span.column - 1) else { return "" }
            return SourceLines.commentSuffix(line, from: colon + 1)
        }
        let item = origin.item
        if item.isCollection, Int(item.mark.line) == span.anchor, layout!.collection(item) != nil { return "" }
        return SourceLines.commentSuffix(line, from: span.column)
    }

    /// Adds an entry's comment to the line where its `-` went.
    private mutating func appendComment(_ comment: String, toLineFrom first: Int, prefix: String) {
        guard !comment.isEmpty, let n = out[first...].firstIndex(where: { $0.hasPrefix(prefix) }) else { return }
        out[n] += comment
    }

    /// Whether `value` writes the lines of the loaded node `node` (an opened block collection of it
    /// is somewhere inside), so that the entry's own lines after its first are written there.
    private func covers(_ value: DraftValue, _ node: YAMLNode) -> Bool {
        switch value {
        case .original, .scalar:
            return false
        case .mapping(let m):
            if m.origin?.index == node.index, layout?.collection(node) != nil { return true }
            return m.pairs.contains { covers($0.value, node) }
        case .sequence(let s):
            if s.origin?.index == node.index, layout?.collection(node) != nil { return true }
            return s.items.contains { covers($0.value, node) }
        }
    }

    // MARK: Fresh text

    /// A block collection of the source is not written anew while its lines (and comments) can be kept.
    private func refuseRewriting(_ node: YAMLNode) throws(Unsupported) {
        if layout?.collection(node) != nil {
            throw Unsupported(reason: "a block would be written without its lines", line: node.mark.line)
        }
    }

    /// A key as YAML.
    private func keyText(_ pair: DraftPair) -> String {
        if let node = pair.keyNode, node.kind != .string, let text = inlineText(node) { return text }
        return ImportWriter.scalarText(.string(pair.key))
    }

    /// A loaded scalar or empty collection on one line: its own text when it is a one-line scalar in
    /// the source, else written anew; nil for a collection with entries.
    private func inlineText(_ node: YAMLNode) -> String? {
        switch node.kind {
        case .mapping: return node.count == 0 ? "{}" : nil
        case .sequence: return node.count == 0 ? "[]" : nil
        default: return sourceText(node) ?? ScalarText.yaml(node)
        }
    }

    /// A scalar's text as written in the source, when it is on one line of a block collection.
    private func sourceText(_ node: YAMLNode) -> String? {
        guard let layout, node.file == layout.file, !node.isTagged, let value = node.text else { return nil }
        let number = Int(node.mark.line)
        guard number >= 1, number <= layout.source.count else { return nil }
        let line = layout.source[number]
        let start = Int(node.mark.column) - 1
        guard start < line.count else { return nil }
        switch node.style {
        case .plain:
            let end = SourceLines.commentStart(line, from: start) ?? line.count
            var text = SourceLines.text(line[start..<end])
            while text.last == " " || text.last == "\t" { text.removeLast() }
            return text == value ? text : nil
        case .singleQuoted, .doubleQuoted:
            guard line[start] == "'" || line[start] == "\"", let close = SourceLines.closingQuote(line, from: start) else { return nil }
            let inner = SourceLines.text(line[(start + 1)..<close])
            let unescaped = node.style == .singleQuoted ? inner.replacingOccurrences(of: "''", with: "'") : inner
            guard unescaped == value || (node.style == .doubleQuoted && inner.contains("\\")) else { return nil }
            return SourceLines.text(line[start...close])
        default:
            return nil
        }
    }

    /// A loaded collection written anew, in block style, at `indent` (its keys, or its `-`).
    private mutating func fresh(_ node: YAMLNode, indent: Int) throws(Unsupported) {
        try refuseRewriting(node)
        if node.kind == .mapping {
            try freshMapping(node, indent: indent, firstPrefix: spaces(indent))
        } else {
            for item in node.items {
                if let inline = inlineText(item) {
                    out.append(spaces(indent) + "- " + inline)
                } else if item.kind == .mapping {
                    try freshMapping(item, indent: indent + 2, firstPrefix: spaces(indent) + "- ")
                } else {
                    out.append(spaces(indent) + "-")
                    try fresh(item, indent: indent + 2)
                }
            }
        }
    }

    private mutating func freshMapping(_ node: YAMLNode, indent: Int, firstPrefix: String) throws(Unsupported) {
        try refuseRewriting(node)
        var prefix = firstPrefix
        for (key, value) in node.pairs {
            guard !key.isCollection, let keyText = key.kind == .string ? ImportWriter.scalarText(.string(key.string ?? "")) : inlineText(key) else {
                throw Unsupported(reason: "a mapping key that is a collection", line: key.mark.line)
            }
            if let inline = inlineText(value) {
                out.append(prefix + keyText + ": " + inline)
            } else {
                out.append(prefix + keyText + ":")
                try fresh(value, indent: indent + step)
            }
            prefix = spaces(indent)
        }
    }
}

/// `n` spaces.
private func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }
