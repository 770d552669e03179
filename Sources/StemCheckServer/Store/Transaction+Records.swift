import SQLKit
import StemCheckReview

/// Who acts: the user the request authenticated, with the printed name the audit trail records.
public struct Actor: Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var roles: [Role]

    public init(id: Int64?, name: String, roles: [Role]) {
        self.id = id
        self.name = name
        self.roles = roles
    }

    /// The command line (user administration, restore), recorded as such.
    public static let console = Actor(id: nil, name: "stemcheck-server (console)", roles: [.admin])

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}

extension Transaction {
    /// Inserts a record into `table` (columns are the record's fields in snake case).
    func insert(_ table: String, _ record: some Encodable & Sendable) async throws {
        try await db.insert(into: table)
            .model(record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .run()
    }

    /// Rewrites every column of a record by id.
    func update(_ table: String, _ record: some AuditedRecord & Encodable) async throws {
        try await db.update(table)
            .set(model: record, keyEncodingStrategy: .convertToSnakeCase, nilEncodingStrategy: .asNil)
            .where("id", .equal, record.id)
            .run()
    }

    /// Decodes rows into records.
    func records<R: Decodable>(_ type: R.Type, _ query: SQLQueryString) async throws -> [R] {
        try await all(query).map { try $0.decode(model: R.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// The first row as a record.
    func record<R: Decodable>(_ type: R.Type, _ query: SQLQueryString) async throws -> R? {
        try await first(query).map { try $0.decode(model: R.self, keyDecodingStrategy: .convertFromSnakeCase) }
    }

    /// Appends an event to the audit trail, chained to the head, and moves the head. Only ever
    /// called inside a write transaction (which holds the store's lock).
    @discardableResult
    func audit(_ actor: Actor, _ action: String, entity: String, id: Int64, digest: String, detail: String = "", at: String) async throws -> AuditEvent {
        let head = try await first("SELECT seq, hash FROM audit_head WHERE id = 1")
        let seq = try head?.decode(column: "seq", as: Int64.self) ?? 0
        let previous = try head?.decode(column: "hash", as: String.self) ?? AuditEvent.genesis
        let event = AuditEvent(seq: seq + 1, at: at, actorID: actor.id, actorName: actor.name, action: action,
                               entity: entity, entityID: id, digest: digest, detail: detail, prevHash: previous).sealed()
        try await run("""
            INSERT INTO audit_events (seq, at, actor_id, actor_name, action, entity, entity_id, digest, detail, prev_hash, hash)
            VALUES (\(bind: event.seq), \(bind: event.at), \(bind: event.actorID), \(bind: event.actorName), \(bind: event.action),
                    \(bind: event.entity), \(bind: event.entityID), \(bind: event.digest), \(bind: event.detail),
                    \(bind: event.prevHash), \(bind: event.hash))
            """)
        if head == nil {
            try await run("INSERT INTO audit_head (id, seq, hash) VALUES (1, \(bind: event.seq), \(bind: event.hash))")
        } else {
            try await run("UPDATE audit_head SET seq = \(bind: event.seq), hash = \(bind: event.hash) WHERE id = 1")
        }
        return event
    }

    /// Records an audited record's new content: the event carries its digest.
    @discardableResult
    func audit<R: AuditedRecord>(_ actor: Actor, _ action: String, _ record: R, detail: String = "", at: String) async throws -> AuditEvent {
        try await audit(actor, action, entity: R.entity, id: record.id, digest: record.digest, detail: detail, at: at)
    }

    /// Every event in sequence order.
    func auditEvents(entity: String? = nil, id: Int64? = nil) async throws -> [AuditEvent] {
        let query: SQLQueryString = if let entity, let id {
            "SELECT * FROM audit_events WHERE entity = \(bind: entity) AND entity_id = \(bind: id) ORDER BY seq"
        } else {
            "SELECT * FROM audit_events ORDER BY seq"
        }
        return try await all(query).map { row in
            AuditEvent(seq: try row.decode(column: "seq", as: Int64.self), at: try row.decode(column: "at", as: String.self),
                       actorID: try row.decode(column: "actor_id", as: Int64?.self),
                       actorName: try row.decode(column: "actor_name", as: String.self),
                       action: try row.decode(column: "action", as: String.self),
                       entity: try row.decode(column: "entity", as: String.self),
                       entityID: try row.decode(column: "entity_id", as: Int64.self),
                       digest: try row.decode(column: "digest", as: String.self),
                       detail: try row.decode(column: "detail", as: String.self),
                       prevHash: try row.decode(column: "prev_hash", as: String.self),
                       hash: try row.decode(column: "hash", as: String.self))
        }
    }
}
