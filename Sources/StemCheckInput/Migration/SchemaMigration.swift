import StemCheckModel
import YAMLSource

/// The protocol schema v1 → v2 migration (docs/protocol-schema.md, "Schema versions"): in memory,
/// for reading a v1 protocol (`ProtocolReader`), and in the text, for `stemcheck migrate`.
///
/// Both run the same moves (`SchemaMove.all`) on the same draft; the text is checked against the
/// document built in memory before it is given out, so the file `migrate` writes reads back as
/// exactly what `check` evaluates for the v1 file (plus `schema_version: 2`).
public enum SchemaMigration {
    /// Whether a path a rule reads (keys, `*` for any list item) is, or lies below, a schema v1
    /// field that v2 replaced (`product.cell_type`, `registration.id`): rules that read such paths
    /// were written for schema v1, and a v1 protocol is then read as written, not migrated.
    public static func isV1Field(_ segments: [String]) -> Bool {
        SchemaMove.v1Fields.contains { field in
            field.path.count <= segments.count && zip(field.path, segments).allSatisfy { $0 == $1 || $0 == "*" }
        }
    }

    /// The first keys of the v1 fields: a path starting with another key is no v1 field (callers
    /// checking thousands of paths test this before making `isV1Field`'s array). No v1 field
    /// starts with `*`.
    public static let v1FirstKeys = Set(SchemaMove.v1Fields.compactMap(\.path.first))

    /// A v1 protocol migrated in memory: its nodes keep their positions in the v1 file, so results
    /// point at the lines the user wrote.
    public struct Document: Sendable {
        /// The v2 document (without a `schema_version` key: the file does not have one).
        public var document: YAMLDocument
        /// The moves that changed something (`product → products[0]`), in order.
        public var moves: [String]
        /// The v1 fields schema v2 has no place for, left out.
        public var dropped: [DroppedField]

        /// The report notes: what was migrated, and each field left out.
        public func notes(file: String) -> [String] {
            var notes = ["read as schema v1 and migrated in memory (\(moves.joined(separator: "; "))); run `stemcheck migrate \(file)` to update it"]
            for field in dropped {
                notes.append("\(field.path) (line \(field.location.line)) is left out in schema v2: \(field.reason)")
            }
            return notes
        }
    }

    /// Migrates the v1 protocol `root` in memory. `bytes` (the file) give the source lines of errors.
    public static func migrate(_ root: YAMLNode, bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws(InputError) -> Document {
        let (draft, log) = try self.draft(root, declaringVersion: false, bytes: bytes)
        return Document(document: try draft.document(file: root.file, limits: limits), moves: log.applied, dropped: log.dropped)
    }

    /// The note for a document that declares `schema_version: 1` but uses no field v2 changed.
    public static func declaredV1Note(file: String) -> String {
        "declares schema_version: 1 but uses no field that schema v2 changed; read as v2 (run `stemcheck migrate \(file)` to declare schema_version: 2)"
    }

    // MARK: The text

    /// `stemcheck migrate` for one file: its v2 text.
    public struct Text: Sendable {
        /// What was done.
        public enum Outcome: Sendable, Equatable {
            /// v1 fields were moved.
            case migrated
            /// No v1 field: only `schema_version: 2` was written.
            case declared
            /// The file declares `schema_version: 2`: left as it is.
            case alreadyV2
        }

        public var outcome: Outcome
        /// The v2 document: YAML for YAML input, JSON for JSON input; the input itself when `alreadyV2`.
        public var text: String
        /// The moves that changed something.
        public var moves: [String]
        /// The v1 fields left out (in YAML text they stay as comments).
        public var dropped: [DroppedField]
        /// Set when the text was written anew instead of edited: why, and the comment lines lost.
        public var lostComments: LostComments?
    }

    /// Why a migrated YAML text was written anew, and the input's lines whose comments it lost.
    public struct LostComments: Sendable, Equatable {
        /// Why the input's lines could not be kept.
        public var reason: String
        /// The input's lines with a comment (1-based).
        public var lines: [Int]
    }

    /// Migrates the protocol file `name` (YAML, or JSON when the name ends in `.json`) given as
    /// `bytes` to schema v2 text. Throws a located error for input `check` could not read either,
    /// and for an invalid `schema_version` or a v2 document using v1 fields.
    public static func migrateText(bytes: [UInt8], name: String, loader: YAMLLoader = YAMLLoader()) throws(InputError) -> Text {
        let syntax = SourceSyntax(fileName: name)
        let loaded: YAMLDocument
        do {
            loaded = try loader.loadDocument(bytes: bytes, file: name, syntax: syntax)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let root = loaded.root
        guard root.kind == .mapping else {
            throw InputError([SchemaVersion.diagnostic(root.location, "a protocol is a mapping of fields; this document is \(root.kind == .sequence ? "a list" : "a single value")",
                                                       hint: "write the protocol as `key: value` lines (see `stemcheck init`)", bytes: bytes)])
        }
        let version = try SchemaVersion.inspect(root, bytes: bytes)
        if version.declared == SchemaVersion.current {
            return Text(outcome: .alreadyV2, text: String(decoding: bytes, as: UTF8.self), moves: [], dropped: [])
        }
        let (draft, log) = try self.draft(root, declaringVersion: true, bytes: bytes)
        let migrated = try draft.document(file: name, limits: loader.limits)
        var result = Text(outcome: log.applied.isEmpty ? .declared : .migrated, text: "", moves: log.applied, dropped: log.dropped)
        if syntax == .json {
            result.text = migrated.root.json(indent: 2) + "\n"
            return result
        }
        let expected = migrated.root.json(indent: 0)
        func readsBack(_ text: String) -> Bool {
            guard let document = try? loader.loadDocument(bytes: Array(text.utf8), file: name, syntax: .yaml) else { return false }
            return document.root.json(indent: 0) == expected
        }
        let source = SourceLines(bytes: bytes)
        var reason: String
        do throws(DraftText.Unsupported) {
            guard let source else { throw DraftText.Unsupported(reason: "its line breaks are not all \\n or all \\r\\n", line: 0) }
            let text = try DraftText.render(draft, layout: SourceLayout(source: source, root: root))
            if readsBack(text) {
                result.text = text
                return result
            }
            reason = "editing its lines would not give the migrated document (anchors, aliases or merge keys in what moves)"
        } catch {
            reason = error.line > 0 ? "\(error.reason) (line \(error.line))" : error.reason
        }
        let comments = source?.commentLines() ?? []
        do {
            result.text = try DraftText.render(draft, layout: nil)
        } catch {
            throw InputError([Diagnostic(SourceLocation(file: name, line: Int(max(1, error.line)), column: 1),
                                         "cannot write the migrated protocol as YAML: \(error.reason)",
                                         hint: "migrate this part by hand, or convert the file to JSON and migrate that")])
        }
        guard readsBack(result.text) else {
            throw InputError([Diagnostic(SourceLocation(file: name, line: 1, column: 1), "cannot write the migrated protocol as YAML that reads back the same",
                                         hint: "this is a stemcheck bug; please report it with the file")])
        }
        if !comments.isEmpty { result.lostComments = LostComments(reason: reason, lines: comments) }
        return result
    }

    // MARK: The moves

    /// The draft of the migrated document: every move applied in order, emptied v1 blocks dropped,
    /// and (`declaringVersion`) `schema_version: 2` as the first key.
    static func draft(_ root: YAMLNode, declaringVersion: Bool, bytes: [UInt8]) throws(InputError) -> (DraftMapping, MigrationLog) {
        var draft = DraftMapping(opening: root)
        var log = MigrationLog()
        do {
            for move in SchemaMove.all {
                log.changed = false
                try move.apply(&draft, &log)
                if log.changed { log.applied.append(move.title) }
            }
        } catch {
            // Moves locate their errors; the source lines come from the file.
            throw InputError(error.diagnostics.map { d in
                d.sourceLine != nil || d.location.file != root.file ? d
                    : SchemaVersion.diagnostic(d.location, d.message, hint: d.hint, bytes: bytes)
            })
        }
        // A v1 block whose every field moved is left out (its comments stay in the text).
        for key in ["administration", "design"] {
            guard let i = draft.index(of: key), case .mapping(let block) = draft.pairs[i].value,
                  let origin = block.origin, origin.count > 0, block.isEmpty else { continue }
            draft.pairs[i].droppedBecause = "every field in it moved to its schema v2 place"
        }
        if declaringVersion {
            let at = draft.location
            if let i = draft.index(of: "schema_version") {
                var pair = draft.pairs.remove(at: i)
                pair.value = .scalar(.int(SchemaVersion.current, at: pair.value.node?.location ?? at))
                draft.pairs.insert(pair, at: 0)
            } else {
                draft.pairs.insert(DraftPair("schema_version", .scalar(.int(SchemaVersion.current, at: at)), at: at), at: 0)
            }
        }
        return (draft, log)
    }
}
