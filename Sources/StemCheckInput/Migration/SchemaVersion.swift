import StemCheckModel
import YAMLSource

/// Which protocol schema a document is written in: what its `schema_version` declares and which
/// schema v1 fields it uses (docs/protocol-schema.md, "Schema versions").
///
/// - `schema_version: 2`: a v2 document. A v1 field in it is an error (it would be misread).
/// - `schema_version: 1`, or no `schema_version`: a v1 document when it uses a v1 field (it is
///   migrated: in memory for reading, in its text by `stemcheck migrate`). Without a v1 field
///   there is nothing to migrate: v1 and v2 read the rest alike.
/// - any other `schema_version` (3, `"2"`, `two`, ~) is an input error.
public struct SchemaVersion: Sendable {
    /// The declared version (1 or 2), nil when the document does not state one.
    public var declared: Int?
    /// Where `schema_version` is.
    public var declaredAt: SourceLocation?
    /// The v1 fields the document uses, with their paths (`design.arms[0].dose_per_kg`).
    public var v1Fields: [(path: String, location: SourceLocation)]

    /// The schema versions stemcheck reads.
    public static let supported = 1...2
    /// The version `stemcheck migrate` writes.
    public static let current = 2

    /// Whether the document is read through the v1 → v2 migration.
    public var needsMigration: Bool { declared != 2 && !v1Fields.isEmpty }

    /// Reads the declaration of `root` (a protocol's top-level mapping) and finds its v1 fields.
    /// Throws for a `schema_version` that is not 1 or 2 and for v1 fields in a v2 document, each
    /// error located in the file with how to fix it; `bytes` give the source lines shown.
    public static func inspect(_ root: YAMLNode, bytes: [UInt8]) throws(InputError) -> SchemaVersion {
        var version = SchemaVersion(declared: nil, declaredAt: nil, v1Fields: [])
        guard root.kind == .mapping else { return version }
        if let (key, value) = root.pair(forKey: "schema_version") {
            guard let n = value.int, supported.contains(n) else {
                let found = value.isNull ? "nothing" : value.kind == .int ? String(value.int!) : describe(value)
                throw InputError([diagnostic(value.isNull ? key.location : value.location,
                                             "schema_version must be 1 or 2 (an integer), not \(found)",
                                             hint: value.kind == .int && value.int! > current
                                                 ? "this stemcheck reads protocol schema versions 1 and 2; write `schema_version: 2` for the current schema, or update stemcheck"
                                                 : "write `schema_version: 2` (the current schema) or `schema_version: 1`, unquoted; remove it for a v1 document",
                                             bytes: bytes)])
            }
            version.declared = n
            version.declaredAt = key.location
        }
        for field in SchemaMove.v1Fields {
            for found in field.occurrences(in: root) {
                version.v1Fields.append((found.path, found.key.location))
            }
        }
        version.v1Fields.sort { $0.location < $1.location }
        if version.declared == 2, !version.v1Fields.isEmpty {
            let at = version.declaredAt!
            var diagnostics: [Diagnostic] = []
            for field in SchemaMove.v1Fields {
                for found in field.occurrences(in: root) {
                    diagnostics.append(diagnostic(found.key.location,
                                                  "\(found.path) is a schema v1 field, but the document declares schema_version: 2 (at \(at.line):\(at.column)); schema v2 would not read it",
                                                  hint: "schema v2 spells it \(field.v2); or, for a v1 document, write `schema_version: 1` (or remove it) and run `stemcheck migrate FILE`",
                                                  bytes: bytes))
                }
            }
            throw InputError(diagnostics.sorted { $0.location < $1.location })
        }
        return version
    }

    /// `"2"` (a string), `2.0` (a float), `two`, a list, a mapping.
    private static func describe(_ node: YAMLNode) -> String {
        switch node.kind {
        case .string: return "the string \(JSONText.quote(node.string ?? ""))"
        case .float: return "the number \(node.text ?? "")"
        case .bool: return node.bool! ? "true" : "false"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .null, .int: return node.text ?? ""
        }
    }

    /// A diagnostic with its source line, when the location is in the file of `bytes`.
    static func diagnostic(_ location: SourceLocation, _ message: String, hint: String?, bytes: [UInt8]) -> Diagnostic {
        let line = SourceText.line(location.line, in: bytes).flatMap { $0.unicodeScalars.count >= location.column ? $0 : nil }
        return Diagnostic(location, message, hint: hint, sourceLine: line)
    }
}
