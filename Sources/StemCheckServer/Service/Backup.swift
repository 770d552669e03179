import Foundation
import SQLKit
import StemCheckModel

/// `stemcheck-server backup FILE` / `restore FILE`: every record, the stored bytes and the audit
/// trail as one JSON document, portable between SQLite and PostgreSQL. Sessions and sign-in
/// attempts are not records and are not kept.
extension ReviewService {
    /// Each table's columns and kinds (`i` integer, `t` text, `b` bytes), in dependency order.
    static let backupTables: [(String, [(String, Character)])] = [
        ("users", "id:i login:t printed_name:t email:t roles:t password_hash:t active:i created_at:t"),
        ("tokens", "id:i user_id:i name:t token_sha256:t created_at:t revoked:i"),
        ("studies", "id:i title:t submitter_id:i created_at:t"),
        ("submissions", "id:i study_id:i title:t type:t submitter_id:i state:t returned_from:t review_path:t created_at:t updated_at:t revision:i"),
        ("versions", "id:i submission_id:i seq:i filename:t format:t sha256:t bytes:b size:i input_error:t verdict:t profile:t packs:t results:t report_json:b report_html:b report_sha256:t created_by:i created_at:t"),
        ("stipulations", "id:i submission_id:i version_seq:i anchor:t text:t required:i status:t response:t raised_by:i raised_at:t addressed_by:i addressed_at:t resolved_by:i resolved_at:t"),
        ("assignments", "id:i submission_id:i reviewer_id:i kind:t assigned_by:i assigned_at:t"),
        ("comments", "id:i submission_id:i version_seq:i rule:t author_id:i text:t created_at:t"),
        ("attestations", "id:i submission_id:i version_seq:i version_sha256:t rule:t kind:t outcome:t statement:t by_id:i at:t"),
        ("determinations", "id:i submission_id:i version_seq:i version_sha256:t report_sha256:t kind:t path:t basis:t decided_by:i decided_at:t"),
        ("conditions", "id:i determination_id:i text:t status:t verified_by:i verified_at:t met_in_version_seq:i"),
        ("signatures", "id:i user_id:i printed_name:t signed_at:t meaning:t record_type:t record_id:i record_sha256:t auth_method:t"),
        ("letters", "id:i determination_id:i html:b markdown:b html_sha256:t markdown_sha256:t issued_at:t"),
        ("audit_events", "seq:i at:t actor_id:i actor_name:t action:t entity:t entity_id:i digest:t detail:t prev_hash:t hash:t"),
        ("audit_head", "id:i seq:i hash:t"),
    ].map { table, spec in
        (table, spec.split(separator: " ").map { part in
            let pieces = part.split(separator: ":")
            return (String(pieces[0]), pieces[1].first!)
        })
    }

    /// The whole store as a JSON document; the export itself is an audit event.
    public func backup(by actor: Actor = .console) async throws -> Data {
        let now = clock.timestamp()
        let tables = try await store.read { tx in
            var out: [String: [[String: JSONValue]]] = [:]
            for (table, columns) in Self.backupTables {
                let key = table == "audit_events" ? "seq" : "id"
                var rows: [[String: JSONValue]] = []
                for row in try await tx.all("SELECT * FROM \(ident: table) ORDER BY \(ident: key)") {
                    var object: [String: JSONValue] = [:]
                    for (column, kind) in columns {
                        switch kind {
                        case "i": object[column] = try row.decode(column: column, as: Int64?.self).map { .int($0) } ?? .null
                        case "b": object[column] = try row.decode(column: column, as: Data?.self).map { .bytes($0) } ?? .null
                        default: object[column] = try row.decode(column: column, as: String?.self).map { .text($0) } ?? .null
                        }
                    }
                    rows.append(object)
                }
                out[table] = rows
            }
            return (try await Migrations.version(tx), out)
        }
        let document = BackupDocument(format: "stemcheck-server-backup", schemaVersion: tables.0, createdAt: now, tables: tables.1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(document)
        // Exports are logged (ICH E6(R3) Annex 1 §4.2.2); the event follows the copy it describes.
        var head: Int64 = 0
        if case .int(let seq)? = tables.1["audit_head"]?.first?["seq"] { head = seq }
        let detail = "backup of \(data.count) bytes up to event \(head), SHA-256 \(Digest.sha256(Array(data)))"
        _ = try await store.write { tx in
            try await tx.audit(actor, "store.backup", entity: "store", id: 0, digest: "", detail: detail, at: now)
        }
        return data
    }

    /// Loads a backup into an empty store (migrated to the backup's schema version first).
    public func restore(_ data: Data) async throws -> Int {
        let document: BackupDocument
        do {
            document = try JSONDecoder().decode(BackupDocument.self, from: data)
        } catch {
            throw ServiceError.badRequest("not a stemcheck-server backup: \(error)", hint: "give a file written by 'stemcheck-server backup'")
        }
        guard document.format == "stemcheck-server-backup" else {
            throw ServiceError.badRequest("not a stemcheck-server backup (format '\(document.format)')")
        }
        try await Migrations.migrate(store, upTo: document.schemaVersion, now: clock.timestamp())
        return try await store.write { tx in
            if try await tx.first("SELECT id FROM users") != nil {
                throw ServiceError(409, "not_empty", "the target database already holds records",
                                   hint: "restore into an empty --data folder or an empty PostgreSQL database")
            }
            var count = 0
            for (table, columns) in Self.backupTables {
                for row in document.tables[table] ?? [] {
                    let values: [any SQLExpression] = columns.map { column, _ in
                        switch row[column] ?? .null {
                        case .null: SQLLiteral.null
                        case .int(let v): SQLBind(v)
                        case .text(let v): SQLBind(v)
                        case .bytes(let v): SQLBind(v)
                        }
                    }
                    try await tx.db.insert(into: table).columns(columns.map(\.0)).values(values).run()
                    count += 1
                }
            }
            return count
        }
    }
}

struct BackupDocument: Codable {
    var format: String
    var schemaVersion: Int
    var createdAt: String
    var tables: [String: [[String: JSONValue]]]
}

/// A column value in a backup: bytes as `{"base64": …}`.
enum JSONValue: Codable, Sendable {
    case null
    case int(Int64)
    case text(String)
    case bytes(Data)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let v = try? c.decode(Int64.self) { self = .int(v); return }
        if let v = try? c.decode(String.self) { self = .text(v); return }
        let wrapped = try c.decode([String: String].self)
        guard let text = wrapped["base64"], let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected null, a number, a string or {\"base64\": …}")
        }
        self = .bytes(data)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .int(let v): try c.encode(v)
        case .text(let v): try c.encode(v)
        case .bytes(let v): try c.encode(["base64": v.base64EncodedString()])
        }
    }
}
