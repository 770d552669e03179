import YAMLSource
import StemCheckModel

/// A value of a protocol being built by an importer, with the source field it came from.
///
/// Importers build a tree of these (ordered keys, so the written YAML follows the schema's
/// section order). `ImportedProtocol` turns it into commented YAML (`ImportWriter`, for `stemcheck
/// import`) or into a document built in memory whose nodes are located in the source file (for
/// `check`).
public struct ImportedValue: Sendable {
    /// The value itself.
    public indirect enum Content: Sendable {
        case string(String)
        case int(Int)
        case number(Double)
        case bool(Bool)
        case null
        case map([(key: String, value: ImportedValue)])
        case list([ImportedValue])
    }

    /// The value.
    public var content: Content
    /// Where the value is in the source file (the JSON value's position); nil to take the parent's.
    public var source: SourceLocation?
    /// The source field, as a JSON path (`$.protocolSection.identificationModule.nctId`), for the
    /// provenance comment. Nil for values that carry their own location but need no comment.
    public var sourcePath: String?
    /// A remark for the reviewer, written in the comment after the provenance.
    public var note: String?

    /// Creates a value.
    public init(_ content: Content, source: SourceLocation? = nil, sourcePath: String? = nil, note: String? = nil) {
        self.content = content
        self.source = source
        self.sourcePath = sourcePath
        self.note = note
    }

    /// An empty mapping.
    public static func emptyMap(source: SourceLocation? = nil, sourcePath: String? = nil) -> ImportedValue {
        ImportedValue(.map([]), source: source, sourcePath: sourcePath)
    }

    /// The entries when this is a mapping.
    var entries: [(key: String, value: ImportedValue)]? {
        if case .map(let entries) = content { return entries }
        return nil
    }

    /// The value at a key of a mapping.
    public subscript(key: String) -> ImportedValue? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// The value at a dotted path of keys (`design.primary_endpoint.name`).
    public func value(at path: String) -> ImportedValue? {
        var node: ImportedValue? = self
        for part in path.split(separator: ".") { node = node?[String(part)] }
        return node
    }

    /// Sets the value at `path` (keys and `[n]` indexes), creating mappings and list items on the way.
    /// An existing value at the path is replaced; new keys are appended in insertion order.
    public mutating func set(_ path: [FieldPathSegment], _ value: ImportedValue) {
        set(path[...], value)
    }

    private mutating func set(_ path: ArraySlice<FieldPathSegment>, _ value: ImportedValue) {
        guard let first = path.first else {
            self = value
            return
        }
        let rest = path.dropFirst()
        switch first {
        case .key(let key):
            guard case .map(var entries) = content else {
                content = .map([])
                set(path, value)
                return
            }
            // The entries are changed in place: `content` lets go of them first.
            content = .null
            if let n = entries.firstIndex(where: { $0.key == key }) {
                entries[n].value.set(rest, value)
            } else {
                var child = rest.first.map(Self.container(for:)) ?? value
                if !rest.isEmpty {
                    child.source = value.source
                    child.set(rest, value)
                }
                entries.append((key, child))
            }
            content = .map(entries)
        case .index(let index):
            guard case .list(var items) = content else {
                content = .list([])
                set(path, value)
                return
            }
            content = .null
            while items.count <= index {
                var filler = rest.first.map(Self.container(for:)) ?? value
                filler.source = value.source
                items.append(filler)
            }
            items[index].set(rest, value)
            content = .list(items)
        }
    }

    /// Sets the value at a dotted path (`protocol.sponsor.name`).
    public mutating func set(_ dotted: String, _ value: ImportedValue) {
        // Most paths are one key: without a `.` byte there is no `.` character to split at.
        if !dotted.isEmpty, !dotted.utf8.contains(UInt8(ascii: ".")) {
            set([.key(dotted)], value)
            return
        }
        set(dotted.split(separator: ".").map { .key(String($0)) }, value)
    }

    private static func container(for segment: FieldPathSegment) -> ImportedValue {
        switch segment {
        case .key: return ImportedValue(.map([]))
        case .index: return ImportedValue(.list([]))
        }
    }
}

/// One step of a protocol field path as importers write it: a key or a list index.
public enum FieldPathSegment: Sendable, Equatable {
    case key(String)
    case index(Int)

    /// Parses `a.b[2].c`; nil when the text is not such a path.
    public static func parse(_ text: String) -> [FieldPathSegment]? {
        var out: [FieldPathSegment] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let bracket = rest.firstIndex(of: "[") ?? rest.endIndex
            let key = rest[..<bracket]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            out.append(.key(String(key)))
            rest = rest[bracket...]
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let n = Int(rest[rest.index(after: rest.startIndex)..<close]), n >= 0, n < 10_000 else { return nil }
                out.append(.index(n))
                rest = rest[rest.index(after: close)...]
            }
        }
        return out.isEmpty ? nil : out
    }
}
