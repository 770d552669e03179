import Foundation
import StemCheckModel

/// One entry of the append-only audit trail: who did what to which record, when, and the digest
/// of the record's content after the action. `hash` chains it to the previous entry:
/// `hash = SHA-256(prevHash ‖ canonical)`, so editing, deleting or reordering any entry breaks
/// every later hash (21 CFR 11.10(e)).
public struct AuditEvent: Sendable, Equatable, Codable {
    public var seq: Int64
    /// UTC, millisecond resolution, from the server clock.
    public var at: String
    public var actorID: Int64?
    /// The actor's printed name at the time.
    public var actorName: String
    public var action: String
    /// The record's kind (`submission`, `version`, `determination` …) and id.
    public var entity: String
    public var entityID: Int64
    /// SHA-256 of the record's canonical content after the action (`AuditedRecord.digest`).
    public var digest: String
    /// A short free detail (`pre_review → returned`).
    public var detail: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, at: String, actorID: Int64?, actorName: String, action: String, entity: String,
                entityID: Int64, digest: String, detail: String, prevHash: String, hash: String = "") {
        self.seq = seq
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.digest = digest
        self.detail = detail
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The event's fields but `hash`, as compact JSON in a fixed key order.
    public var canonical: String {
        var w = JSONWriter(layout: .compact)
        w.object { w in
            w.member("seq", Int(seq))
            w.member("at", at)
            w.key("actor_id")
            if let actorID { w.int(Int(actorID)) } else { w.null() }
            w.member("actor_name", actorName)
            w.member("action", action)
            w.member("entity", entity)
            w.member("entity_id", Int(entityID))
            w.member("digest", digest)
            w.member("detail", detail)
            w.member("prev_hash", prevHash)
        }
        return w.text
    }

    /// The hash this event must carry.
    public var computedHash: String { Digest.sha256(Array((prevHash + canonical).utf8)) }

    /// The event with its hash set.
    public func sealed() -> AuditEvent {
        var event = self
        event.hash = computedHash
        return event
    }

    /// The previous hash of the first event.
    public static let genesis = String(repeating: "0", count: 64)
}

/// A record whose content the audit trail vouches for: its digest is what the latest event about
/// it carries, so a hand edit of the row shows in `audit verify`.
public protocol AuditedRecord: Encodable, Sendable {
    /// The `entity` name in audit events.
    static var entity: String { get }
    var id: Int64 { get }
}

extension AuditedRecord {
    /// SHA-256 of the record as JSON with sorted keys.
    public var digest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return Digest.sha256(Array(data))
    }
}

/// The first thing wrong with a stored audit trail and its records.
public struct AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// The first event that does not verify (nil for a problem with a record or the head).
    public var seq: Int64?
    public var message: String

    public init(seq: Int64?, message: String) {
        self.seq = seq
        self.message = message
    }

    public var description: String {
        if let seq { return "event \(seq): \(message)" }
        return message
    }
}

/// Checks the chain of events in sequence order: numbering without gaps, each `prevHash` equal to
/// the previous `hash`, each `hash` recomputed; then the head (the last sequence number and hash
/// stored apart, so deleting the newest events shows too).
public func verifyChain(_ events: [AuditEvent], head: (seq: Int64, hash: String)?) -> AuditProblem? {
    var previous = AuditEvent.genesis
    var expected: Int64 = 1
    for event in events {
        if event.seq != expected {
            return AuditProblem(seq: expected, message: event.seq > expected
                ? "missing: the trail jumps from event \(expected - 1) to \(event.seq) (an event was deleted)"
                : "out of order: event \(event.seq) follows \(expected - 1)")
        }
        if event.prevHash != previous {
            return AuditProblem(seq: event.seq, message: "its previous hash is not the hash of event \(event.seq - 1) (an event was edited, deleted or reordered)")
        }
        if event.computedHash != event.hash {
            return AuditProblem(seq: event.seq, message: "its content does not match its hash (the event was edited: \(event.action) on \(event.entity) \(event.entityID))")
        }
        previous = event.hash
        expected += 1
    }
    let last = events.last.map { ($0.seq, $0.hash) } ?? (0, AuditEvent.genesis)
    if let head, head.seq != last.0 || head.hash != last.1 {
        return AuditProblem(seq: head.seq > last.0 ? last.0 + 1 : head.seq,
                            message: "the trail ends at event \(last.0) but its head says \(head.seq) (the newest events were deleted or the head was edited)")
    }
    return nil
}

/// Checks every stored record against the latest event about it: the record's digest must be the
/// one that event carries, and every record an event names must still exist.
public func verifyRecords(_ records: [String: [Int64: String]], events: [AuditEvent]) -> AuditProblem? {
    var latest: [String: [Int64: AuditEvent]] = [:]
    for event in events where event.digest != "" {
        latest[event.entity, default: [:]][event.entityID] = event
    }
    for entity in records.keys.sorted() {
        let rows = records[entity] ?? [:]
        for id in rows.keys.sorted() {
            guard let event = latest[entity]?[id] else {
                return AuditProblem(seq: nil, message: "\(entity) \(id) has no audit event (a row was added by hand)")
            }
            if event.digest != rows[id] {
                return AuditProblem(seq: event.seq, message: "\(entity) \(id) no longer matches the digest recorded by event \(event.seq) (\(event.action)): the row was edited by hand")
            }
        }
        for (id, event) in (latest[entity] ?? [:]).sorted(by: { $0.key < $1.key }) where rows[id] == nil {
            return AuditProblem(seq: event.seq, message: "\(entity) \(id), recorded by event \(event.seq) (\(event.action)), is missing: the row was deleted")
        }
    }
    return nil
}
