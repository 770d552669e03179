internal import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits that keep hostile input from exhausting time or memory.
public struct YAMLLimits: Sendable, Equatable {
    /// Largest accepted file, in bytes (default 16 MiB).
    public var maxFileSize: Int
    /// Deepest accepted nesting of collections (default 256).
    public var maxDepth: Int
    /// Most nodes that aliases may add when expanded (default 1,000,000).
    public var maxAliasExpansion: UInt64

    /// Creates limits; the defaults are SPEC section 2's.
    public init(maxFileSize: Int = 16 << 20, maxDepth: Int = 256, maxAliasExpansion: UInt64 = 1_000_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }
}

/// Loads YAML (JSON text too, as YAML reads it) with libyaml's event API into `YAMLDocument`s.
/// A `.json` file is read strictly by `JSONLoader` instead (`loadDocument(bytes:file:syntax:)`).
///
/// Plain scalars resolve by the YAML 1.2 core schema; anchors, aliases and
/// merge keys are applied; duplicate keys, bad tags and the limits in
/// `YAMLLimits` are errors with a source position.
public struct YAMLLoader: Sendable {
    /// The limits applied to every input.
    public var limits: YAMLLimits

    /// Creates a loader.
    public init(limits: YAMLLimits = YAMLLimits()) {
        self.limits = limits
    }

    /// Loads every document of the file at `path`. `displayName` is used in messages (default: `path`).
    public func loadStream(path: String, displayName: String? = nil) throws(YAMLError) -> [YAMLDocument] {
        let name = displayName ?? path
        let bytes = try SourceFile.read(path: path, displayName: name, limit: limits.maxFileSize)
        return try loadStream(bytes: bytes, file: name)
    }

    /// Loads every document of a byte buffer; `file` names it in messages.
    public func loadStream(bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLDocument] {
        try parse(bytes: bytes, file: file, single: false)
    }

    /// Loads a file that must hold exactly one document.
    public func loadDocument(path: String, displayName: String? = nil) throws(YAMLError) -> YAMLDocument {
        let name = displayName ?? path
        let bytes = try SourceFile.read(path: path, displayName: name, limit: limits.maxFileSize)
        return try loadDocument(bytes: bytes, file: name)
    }

    /// Loads a buffer that must hold exactly one document.
    public func loadDocument(bytes: [UInt8], file: String) throws(YAMLError) -> YAMLDocument {
        let documents = try parse(bytes: bytes, file: file, single: true)
        guard let document = documents.first else {
            throw YAMLError(location: SourceLocation(file: file, line: 1, column: 1), reason: .noDocument)
        }
        return document
    }

    private func parse(bytes: [UInt8], file: String, single: Bool) throws(YAMLError) -> [YAMLDocument] {
        if bytes.count > limits.maxFileSize {
            throw YAMLError(location: SourceLocation(file: file, line: 1, column: 1),
                            reason: .fileTooLarge(size: bytes.count, limit: limits.maxFileSize))
        }
        // A UTF-8 byte order mark is accepted and skipped; everything else is read as UTF-8.
        let skip = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let result: Result<[YAMLDocument], YAMLError> = bytes.withUnsafeBufferPointer { all in
            let input = UnsafeBufferPointer(rebasing: all[skip...])
            var builder = TreeBuilder(file: file, input: input, limits: limits, single: single)
            return Result { () throws(YAMLError) in try builder.run() }
        }
        return try result.get()
    }
}

/// Turns libyaml events into `YAMLDocument` storage.
private struct TreeBuilder {
    struct Frame {
        var node: Int32
        var pendingStart: Int
        var isMapping: Bool
    }

    let file: String
    let input: UnsafeBufferPointer<UInt8>
    let limits: YAMLLimits
    let single: Bool

    /// Per node, while the document is built: how many nodes it stands for once aliases are
    /// expanded, and how many collection levels it holds (0 for a scalar). One array, so a node
    /// costs one append here.
    struct Extent {
        var size: UInt64
        var height: Int32
    }

    var nodes: [NodeRecord] = []
    var children: [Int32] = []
    /// Every scalar's text; only the first `textCount` bytes are written (the rest is room, so a
    /// scalar is copied in without growing the array byte by byte).
    var text: [UInt8] = []
    var textCount = 0
    var extents: [Extent] = []
    var pending: [Int32] = []
    /// Where each `pending` entry was written: for an alias, the alias, not its anchor.
    var pendingMarks: [Mark] = []
    var frames: [Frame] = []
    var anchors: [String: Int32] = [:]
    var expansion: UInt64 = 0
    var documents: [YAMLDocument] = []

    init(file: String, input: UnsafeBufferPointer<UInt8>, limits: YAMLLimits, single: Bool) {
        self.file = file
        self.input = input
        self.limits = limits
        self.single = single
    }

    mutating func run() throws(YAMLError) -> [YAMLDocument] {
        // libyaml keeps a pointer to the parser inside itself for string input: the parser must not move.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw YAMLError(location: location(line: 1, column: 1), reason: .unreadable("libyaml could not start (out of memory)"))
        }
        defer {
            yaml_parser_delete(parser)
            parser.deallocate()
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        if input.count > 0 {
            yaml_parser_set_input_string(parser, input.baseAddress, input.count)
        } else {
            yaml_parser_set_input_string(parser, "", 0)
        }
        nodes.reserveCapacity(input.count / 12 + 16)
        children.reserveCapacity(input.count / 12 + 16)
        text = [UInt8](repeating: 0, count: input.count + 16)
        extents.reserveCapacity(input.count / 12 + 16)
        pending.reserveCapacity(256)
        pendingMarks.reserveCapacity(256)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw parserError(parser.pointee)
            }
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                if single && !documents.isEmpty {
                    throw error(at: event.start_mark, .multipleDocuments)
                }
                anchors.removeAll(keepingCapacity: true)
                expansion = 0
            case YAML_DOCUMENT_END_EVENT:
                finishDocument()
            case YAML_SCALAR_EVENT:
                try scalar(event)
            case YAML_ALIAS_EVENT:
                try alias(event)
            case YAML_SEQUENCE_START_EVENT:
                try startCollection(event, isMapping: false)
            case YAML_MAPPING_START_EVENT:
                try startCollection(event, isMapping: true)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try endCollection()
            default:
                break
            }
        }
    }

    // MARK: Events

    private mutating func finishDocument() {
        let root = pending.last ?? {
            nodes.append(NodeRecord(kind: .null, style: .plain, tagged: false, line: 1, column: 1,
                                    start: Int32(textCount), count: 0, file: 0, payload: 0))
            extents.append(Extent(size: 1, height: 0))
            return Int32(nodes.count - 1)
        }()
        text.removeLast(text.count - textCount)
        documents.append(YAMLDocument(file: file, nodes: nodes, children: children, text: text, rootIndex: root))
        nodes = []
        children = []
        // A stream's next document starts with room again (streams of several are rare).
        text = [UInt8](repeating: 0, count: 16)
        textCount = 0
        extents = []
        pending.removeAll(keepingCapacity: true)
        pendingMarks.removeAll(keepingCapacity: true)
    }

    private mutating func scalar(_ event: yaml_event_t) throws(YAMLError) {
        let data = event.data.scalar
        let length = Int(data.length)
        let bytes = UnsafeBufferPointer(start: data.value, count: length)
        let style = ScalarStyle(data.style)
        let tag = data.tag.map { String(cString: $0) }
        let line = Int32(event.start_mark.line + 1)
        let column = Int32(event.start_mark.column + 1)

        let resolved: CoreSchema.Scalar
        if let tag {
            resolved = try resolveTagged(tag, text: String(decoding: bytes, as: UTF8.self), style: style, mark: event.start_mark)
        } else if style == .plain {
            resolved = CoreSchema.resolvePlain(bytes: bytes)
        } else {
            resolved = .string
        }

        var kind = NodeKind.string
        var payload: UInt64 = 0
        switch resolved {
        case .null: kind = .null
        case .bool(let value): kind = .bool; payload = value ? 1 : 0
        case .int(let value): kind = .int; payload = UInt64(bitPattern: Int64(value))
        case .float(let value): kind = .float; payload = value.bitPattern
        case .string: kind = .string
        case .outOfRange: throw error(at: event.start_mark, .numberOutOfRange(String(decoding: bytes, as: UTF8.self)))
        }
        let index = Int32(nodes.count)
        nodes.append(NodeRecord(kind: kind, style: style, tagged: tag != nil, line: line, column: column,
                                start: Int32(textCount), count: Int32(length), file: 0, payload: payload))
        appendText(bytes)
        extents.append(Extent(size: 1, height: 0))
        if let anchor = data.anchor { anchors[String(cString: anchor)] = index }
        pending.append(index)
        pendingMarks.append(Mark(line: line, column: column))
    }

    /// Copies a scalar's bytes after the text written so far, growing the room when needed.
    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if textCount + bytes.count > text.count {
            text.append(contentsOf: repeatElement(0, count: max(text.count, textCount + bytes.count - text.count)))
        }
        let at = textCount
        text.withUnsafeMutableBufferPointer { room in
            (room.baseAddress! + at).update(from: source, count: bytes.count)
        }
        textCount += bytes.count
    }

    private func resolveTagged(_ tag: String, text: String, style: ScalarStyle, mark: yaml_mark_t) throws(YAMLError) -> CoreSchema.Scalar {
        let prefix = "tag:yaml.org,2002:"
        guard tag.hasPrefix(prefix) else { return .string }  // "!" and application tags: the text as a string
        let name = tag.dropFirst(prefix.count)
        let plain = CoreSchema.resolvePlain(text)
        switch name {
        case "str":
            return .string
        case "int":
            if case .int = plain { return plain }
            if case .outOfRange = plain { throw error(at: mark, .numberOutOfRange(text)) }
            throw error(at: mark, .tagMismatch(tag: "!!int", value: text))
        case "float":
            switch plain {
            case .float: return plain
            case .int(let value): return .float(Double(value))
            case .outOfRange: throw error(at: mark, .numberOutOfRange(text))
            default: throw error(at: mark, .tagMismatch(tag: "!!float", value: text))
            }
        case "bool":
            if case .bool = plain { return plain }
            throw error(at: mark, .tagMismatch(tag: "!!bool", value: text))
        case "null":
            if case .null = plain { return plain }
            throw error(at: mark, .tagMismatch(tag: "!!null", value: text))
        case "seq", "map":
            throw error(at: mark, .tagMismatch(tag: "!!\(name)", value: text))
        default:
            return .string
        }
    }

    private mutating func alias(_ event: yaml_event_t) throws(YAMLError) {
        let name = String(cString: event.data.alias.anchor)
        guard let target = anchors[name] else {
            throw error(at: event.start_mark, .undefinedAlias(name))
        }
        if frames.contains(where: { $0.node == target }) {
            throw error(at: event.start_mark, .recursiveAlias(name))
        }
        // An alias puts its whole subtree here: a chain of aliases must not nest deeper than
        // the limit either, or whatever walks the tree (show, the engine) runs out of stack.
        let extent = extents[Int(target)]
        if frames.count + Int(extent.height) > limits.maxDepth {
            throw error(at: event.start_mark, .nestingTooDeep(limit: limits.maxDepth))
        }
        expansion &+= extent.size
        if expansion > limits.maxAliasExpansion || extent.size > limits.maxAliasExpansion {
            throw error(at: event.start_mark, .aliasExpansionTooLarge(limit: Int(limits.maxAliasExpansion)))
        }
        pending.append(target)
        pendingMarks.append(Mark(line: Int32(event.start_mark.line + 1), column: Int32(event.start_mark.column + 1)))
    }

    private mutating func startCollection(_ event: yaml_event_t, isMapping: Bool) throws(YAMLError) {
        if frames.count >= limits.maxDepth {
            throw error(at: event.start_mark, .nestingTooDeep(limit: limits.maxDepth))
        }
        let rawTag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
        let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
        if let rawTag {
            let tag = String(cString: rawTag)
            let wrong = isMapping
                ? ["tag:yaml.org,2002:seq", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                   "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"]
                : ["tag:yaml.org,2002:map", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                   "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"]
            if wrong.contains(tag) {
                throw error(at: event.start_mark,
                            .tagMismatch(tag: "!!" + tag.dropFirst("tag:yaml.org,2002:".count), value: isMapping ? "a mapping" : "a sequence"))
            }
        }
        let index = Int32(nodes.count)
        nodes.append(NodeRecord(kind: isMapping ? .mapping : .sequence, style: .none, tagged: rawTag != nil,
                                line: Int32(event.start_mark.line + 1), column: Int32(event.start_mark.column + 1),
                                start: 0, count: 0, file: 0, payload: 0))
        extents.append(Extent(size: 1, height: 1))
        if let anchor { anchors[String(cString: anchor)] = index }
        frames.append(Frame(node: index, pendingStart: pending.count, isMapping: isMapping))
    }

    private mutating func endCollection() throws(YAMLError) {
        let frame = frames.removeLast()
        let range = frame.pendingStart..<pending.count
        var merged: [Int32]?
        if frame.isMapping {
            var hasMerge = false
            var position = range.lowerBound
            while position < range.upperBound {
                if isMergeKey(pending[position]) { hasMerge = true; break }
                position += 2
            }
            if hasMerge {
                merged = try finishMapping(Array(pending[range]), marks: Array(pendingMarks[range]))
            } else {
                try checkDuplicates(pending[range], marks: pendingMarks[range])
            }
        }
        var size: UInt64 = 1
        var height: Int32 = 0
        let start = Int32(children.count)
        if let merged {
            for child in merged {
                size &+= extents[Int(child)].size
                height = max(height, extents[Int(child)].height)
            }
            children.append(contentsOf: merged)
        } else {
            for k in range {
                let child = Int(pending[k])
                size &+= extents[child].size
                height = max(height, extents[child].height)
            }
            children.append(contentsOf: pending[range])
        }
        nodes[Int(frame.node)].start = start
        nodes[Int(frame.node)].count = Int32(children.count) - start
        extents[Int(frame.node)] = Extent(size: size, height: height + 1)
        pending.removeSubrange(range)
        pendingMarks.removeSubrange(range)
        pending.append(frame.node)
        pendingMarks.append(Mark(line: nodes[Int(frame.node)].line, column: nodes[Int(frame.node)].column))
    }

    // MARK: Scalar text

    /// The text of a scalar record.
    func string(_ record: NodeRecord) -> String {
        String(decoding: text[Int(record.start)..<Int(record.start + record.count)], as: UTF8.self)
    }

    /// Whether two scalar records have the same text.
    func sameText(_ a: NodeRecord, _ b: NodeRecord) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return text.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + Int(a.start), $0.baseAddress! + Int(b.start), Int(a.count)) == 0
        }
    }

    // MARK: Mappings: merge keys and duplicates

    private func isMergeKey(_ index: Int32) -> Bool {
        let record = nodes[Int(index)]
        guard record.kind == .string, record.style == .plain, record.count == 2 else { return false }
        let start = Int(record.start)
        return text[start] == UInt8(ascii: "<") && text[start + 1] == UInt8(ascii: "<")
    }

    /// Applies merge keys and rejects duplicates. `marks[i]` is where `entries[i]` was written.
    private mutating func finishMapping(_ entries: [Int32], marks: [Mark]) throws(YAMLError) -> [Int32] {
        var hasMerge = false
        var position = 0
        while position < entries.count {
            if isMergeKey(entries[position]) { hasMerge = true; break }
            position += 2
        }
        if !hasMerge {
            try checkDuplicates(entries[...], marks: marks[...])
            return entries
        }
        // Explicit keys first, checked for duplicates among themselves.
        var explicit: [Int32] = []
        var explicitMarks: [Mark] = []
        var merges: [(at: Int, value: Int32, key: Mark)] = []
        position = 0
        while position < entries.count {
            if isMergeKey(entries[position]) {
                merges.append((explicit.count, entries[position + 1], marks[position]))
            } else {
                explicit.append(entries[position])
                explicit.append(entries[position + 1])
                explicitMarks.append(marks[position])
                explicitMarks.append(marks[position + 1])
            }
            position += 2
        }
        try checkDuplicates(explicit[...], marks: explicitMarks[...])
        var seen = KeySet(builder: self)
        position = 0
        while position < explicit.count { seen.insert(explicit[position], position: position); position += 2 }

        // Merged pairs go where the `<<` key stood; explicit keys win, earlier sources win.
        var result: [Int32] = []
        var explicitPosition = 0
        for merge in merges {
            while explicitPosition < merge.at {
                result.append(explicit[explicitPosition])
                explicitPosition += 1
            }
            let value = nodes[Int(merge.value)]
            var sources: [Int32] = []
            switch value.kind {
            case .mapping:
                sources = [merge.value]
            case .sequence:
                for k in 0..<Int(value.count) {
                    let item = children[Int(value.start) + k]
                    guard nodes[Int(item)].kind == .mapping else {
                        // An item written inline is shown where it stands; one reached through an
                        // alias was defined earlier, elsewhere: show the merge key instead.
                        let record = nodes[Int(item)]
                        if (record.line, record.column) > (merge.key.line, merge.key.column) {
                            throw error(atNode: item, .invalidMerge)
                        }
                        throw error(at: merge.key, .invalidMerge)
                    }
                    sources.append(item)
                }
            default:
                throw error(at: merge.key, .invalidMerge)
            }
            for source in sources {
                let record = nodes[Int(source)]
                var k = 0
                while k < Int(record.count) {
                    let key = children[Int(record.start) + k]
                    if !seen.contains(key) {
                        seen.insert(key, position: -1)
                        result.append(key)
                        result.append(children[Int(record.start) + k + 1])
                    }
                    k += 2
                }
            }
        }
        while explicitPosition < explicit.count {
            result.append(explicit[explicitPosition])
            explicitPosition += 1
        }
        return result
    }

    // `mutating` though it changes nothing (as `finishMapping`): called from `endCollection`, a
    // non-mutating call made a copy of the whole builder per mapping (0.7 % of a run's instructions).
    private mutating func checkDuplicates(_ entries: ArraySlice<Int32>, marks: ArraySlice<Mark>) throws(YAMLError) {
        let base = entries.startIndex
        let markBase = marks.startIndex
        let count = entries.count
        let pairCount = count / 2
        if pairCount < 2 { return }
        if pairCount <= 12 {
            var i = 0
            while i < count {
                let a = entries[base + i]
                let ra = nodes[Int(a)]
                var j = i + 2
                while j < count {
                    let b = entries[base + j]
                    let rb = nodes[Int(b)]
                    // Two string keys are the same exactly when their texts are (the common case, kept cheap).
                    let same = ra.kind == .string && rb.kind == .string
                        ? sameText(ra, rb)
                        : sameKey(a, b)
                    if same {
                        throw duplicate(key: b, first: marks[markBase + i], second: marks[markBase + j])
                    }
                    j += 2
                }
                i += 2
            }
            return
        }
        if try checkStringDuplicates(entries, marks: marks) { return }
        var set = KeySet(builder: self)
        var i = 0
        while i < count {
            if let first = set.firstMatch(entries[base + i]) {
                throw duplicate(key: entries[base + i], first: marks[markBase + first], second: marks[markBase + i])
            }
            set.insert(entries[base + i], position: i)
            i += 2
        }
    }

    /// The common case of a large mapping, every key a string: sorts the keys by their bytes and
    /// compares neighbours, without making a String per key. Returns false (nothing checked) when
    /// some key is not a string. Reports the same pair the in-order check would: the earliest
    /// second occurrence, with the first occurrence of its key.
    private func checkStringDuplicates(_ entries: ArraySlice<Int32>, marks: ArraySlice<Mark>) throws(YAMLError) -> Bool {
        let base = entries.startIndex
        var positions: [Int] = []
        positions.reserveCapacity(entries.count / 2)
        var i = 0
        while i < entries.count {
            guard nodes[Int(entries[base + i])].kind == .string else { return false }
            positions.append(i)
            i += 2
        }
        let found = DuplicateKeyScan.earliestPair(positions, text: text) { nodes[Int(entries[base + $0])] }
        if let found {
            throw duplicate(key: entries[base + found.second], first: marks[marks.startIndex + found.first],
                            second: marks[marks.startIndex + found.second])
        }
        return true
    }

    private func duplicate(key: Int32, first: Mark, second: Mark) -> YAMLError {
        error(at: second, .duplicateKey(
            key: keyDisplay(key),
            first: location(line: Int(first.line), column: Int(first.column))))
    }

    func keyDisplay(_ index: Int32) -> String {
        let record = nodes[Int(index)]
        switch record.kind {
        case .sequence: return "(a sequence)"
        case .mapping: return "(a mapping)"
        default: return "'" + string(record) + "'"
        }
    }

    /// Two keys are the same when their resolved values are equal or their source text is (SPEC 3.5),
    /// or when `show` would write them as the same JSON key (`0x1` and `"1"`, `~` and `"null"`).
    func sameKey(_ a: Int32, _ b: Int32) -> Bool {
        keyIdentity(a) == keyIdentity(b)
            || (keyText(a) != nil && keyText(a) == keyText(b))
            || (jsonKeyText(a) != nil && jsonKeyText(a) == jsonKeyText(b))
    }

    /// The key as `show` writes it in a JSON object: a string as itself, another scalar as its JSON text.
    func jsonKeyText(_ index: Int32) -> String? {
        let record = nodes[Int(index)]
        switch record.kind {
        case .string: return string(record)
        case .null: return "null"
        case .bool: return record.payload != 0 ? "true" : "false"
        case .int: return String(Int64(bitPattern: record.payload))
        case .float: return JSONText.number(Double(bitPattern: record.payload))
        case .sequence, .mapping: return nil
        }
    }

    func keyText(_ index: Int32) -> String? {
        let record = nodes[Int(index)]
        if record.kind == .sequence || record.kind == .mapping { return nil }
        return string(record)
    }

    func keyIdentity(_ index: Int32) -> KeyIdentity {
        let record = nodes[Int(index)]
        switch record.kind {
        case .null: return .null
        case .bool: return .bool(record.payload != 0)
        case .int: return .int(Int64(bitPattern: record.payload))
        case .float:
            let value = Double(bitPattern: record.payload)
            return .float(value == 0 ? 0 : value.bitPattern)
        case .string: return .string(string(record))
        case .sequence, .mapping: return .complex(structuralText(index))
        }
    }

    /// A canonical text of a collection key, for comparing complex keys.
    func structuralText(_ index: Int32) -> String {
        let record = nodes[Int(index)]
        switch record.kind {
        case .sequence, .mapping:
            var parts: [String] = []
            for k in 0..<Int(record.count) { parts.append(structuralText(children[Int(record.start) + k])) }
            return (record.kind == .sequence ? "[" : "{") + parts.joined(separator: ",") + (record.kind == .sequence ? "]" : "}")
        default:
            return "\(record.kind.rawValue):" + string(record)
        }
    }

    // MARK: Errors

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    func error(at mark: yaml_mark_t, _ reason: YAMLError.Reason) -> YAMLError {
        makeError(line: Int(mark.line) + 1, column: Int(mark.column) + 1, reason)
    }

    func error(at mark: Mark, _ reason: YAMLError.Reason) -> YAMLError {
        makeError(line: Int(mark.line), column: Int(mark.column), reason)
    }

    func error(atNode index: Int32, _ reason: YAMLError.Reason) -> YAMLError {
        let record = nodes[Int(index)]
        return makeError(line: Int(record.line), column: Int(record.column), reason)
    }

    func makeError(line: Int, column: Int, _ reason: YAMLError.Reason) -> YAMLError {
        // An empty line (an error at the end of the input) has nothing to point at: no caret display.
        let text = SourceText.line(line, in: input)
        return YAMLError(location: location(line: line, column: column), reason: reason,
                         sourceLine: text?.isEmpty == false ? text : nil)
    }

    func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            var offset = Int(parser.problem_offset)
            // libyaml reports a bad continuation byte at that byte ("é(" → at "("); the sequence
            // that is broken starts at its lead byte, which is what the user must fix.
            if problem.contains("trailing"), offset > 0, offset <= input.count {
                var lead = offset - 1
                while lead > 0, input[lead] & 0xC0 == 0x80 { lead -= 1 }
                if input[lead] >= 0xC0 { offset = lead }
            }
            let (line, column) = SourceText.lineAndColumn(ofByte: offset, in: input)
            let reason: YAMLError.Reason
            let value = UInt32(bitPattern: parser.problem_value)
            if problem.contains("control characters") {
                reason = value == 0 ? .nulByte : .controlCharacter(value)
            } else if problem.contains("UTF-8") || problem.contains("Unicode") {
                reason = .invalidUTF8(byte: offset < input.count ? input[offset] : 0)
            } else {
                reason = .syntax(problem)
            }
            return makeError(line: line, column: column, reason)
        }
        if parser.error == YAML_MEMORY_ERROR {
            return makeError(line: 1, column: 1, .unreadable("out of memory"))
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            let cm = parser.context_mark
            message += " (\(context) at \(cm.line + 1):\(cm.column + 1))"
        }
        return error(at: parser.problem_mark, .syntax(message))
    }
}

/// Identity of a key's resolved value, for duplicate detection.
enum KeyIdentity: Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(UInt64)
    case string(String)
    case complex(String)
}

/// Keys seen in one mapping, matched as `TreeBuilder.sameKey` does; each remembers a position.
private struct KeySet {
    let builder: TreeBuilder
    var byIdentity: [KeyIdentity: Int] = [:]
    var byText: [String: Int] = [:]
    var byJSONText: [String: Int] = [:]

    init(builder: TreeBuilder) { self.builder = builder }

    /// Records `key`; `position` is what `firstMatch` gives back for a later equal key.
    mutating func insert(_ key: Int32, position: Int) {
        let identity = builder.keyIdentity(key)
        if byIdentity[identity] == nil { byIdentity[identity] = position }
        if let text = builder.keyText(key), byText[text] == nil { byText[text] = position }
        if let text = builder.jsonKeyText(key), byJSONText[text] == nil { byJSONText[text] = position }
    }

    /// The position recorded for a key equal to `key`, if any.
    func firstMatch(_ key: Int32) -> Int? {
        if let found = byIdentity[builder.keyIdentity(key)] { return found }
        if let text = builder.keyText(key), let found = byText[text] { return found }
        if let text = builder.jsonKeyText(key), let found = byJSONText[text] { return found }
        return nil
    }

    func contains(_ key: Int32) -> Bool { firstMatch(key) != nil }
}

extension ScalarStyle {
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_PLAIN_SCALAR_STYLE: self = .plain
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
