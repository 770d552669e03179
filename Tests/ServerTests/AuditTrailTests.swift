import Foundation
import StemCheckReview
import StemCheckServer
import Testing

/// `audit verify` passes on a fresh history and, after a hand edit in either database, fails
/// naming the first broken event or the edited record.
@Suite struct AuditTrailTests {
    /// A short history: a submission submitted, returned, a determination signed.
    static func history(_ h: Harness) async throws -> Int64 {
        try await h.run { c in
            let id = try await c.create("sam")
            try await c.call(.post, "/api/v1/submissions/\(id)/submit", as: "sam")
            try await c.call(.post, "/api/v1/submissions/\(id)/accept", as: "ann", json: ["path": "convened"])
            let d = try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "jane", json: [
                "kind": "deferred", "basis": "Needs the DSMB charter.", "password": Cast.password])
            #expect(d.status == 201, "\(d.text)")
            return id
        }
    }

    static let tampering: [(name: String, sql: String, expect: String)] = [
        ("edit an event", "UPDATE audit_events SET actor_name = 'Someone Else' WHERE seq = 5", "event 5:"),
        ("delete an event", "DELETE FROM audit_events WHERE seq = 7", "event 7:"),
        ("delete the newest event", "DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)", "head"),
        ("reorder events", "UPDATE audit_events SET seq = seq + 1000 WHERE seq = 3", "event 3:"),
        ("edit a submission's state", "UPDATE submissions SET state = 'approved'", "submission 1 no longer matches"),
        ("edit a determination's basis", "UPDATE determinations SET basis = 'No reasons.'", "determination 1 no longer matches"),
        ("delete a version", "DELETE FROM versions", "version 1"),
        ("edit uploaded bytes", "UPDATE versions SET bytes = (SELECT bytes FROM versions WHERE id = 1) || (SELECT bytes FROM versions WHERE id = 1)", "version 1: the stored protocol bytes"),
        ("edit a letter", "UPDATE letters SET markdown = html", "letter 1"),
        ("add a user by hand", "INSERT INTO users (id, login, printed_name, email, roles, password_hash, active, created_at) VALUES (99, 'mallory', 'Mallory', '', 'chair', 'x', 1, 'now')", "user 99 has no audit event"),
    ]

    @Test(arguments: TestDatabase.flavors)
    func freshHistoryVerifies(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        _ = try await Self.history(h)
        let report = try await h.service.verifyAudit()
        #expect(report.problem == nil, "\(String(describing: report.problem))")
        #expect(report.events > 10)
    }

    @Test(arguments: TestDatabase.flavors, Self.tampering.indices)
    func handEditIsDetected(_ flavor: SQLFlavor, _ index: Int) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        _ = try await Self.history(h)
        let (name, sql, expected) = Self.tampering[index]
        var statement = sql
        if flavor == .sqlite, name == "edit uploaded bytes" {
            statement = "UPDATE versions SET bytes = CAST(bytes || 'x' AS BLOB)"
        } else if flavor == .postgres, name == "edit uploaded bytes" {
            statement = "UPDATE versions SET bytes = bytes || '\\x78'::bytea"
        }
        try await h.database.tamper(statement)
        let report = try await h.service.verifyAudit()
        let problem = try #require(report.problem, "\(name) was not detected")
        #expect(problem.description.contains(expected), "\(name): \(problem.description)")
    }

    /// A record changed after signing shows its signature as INVALID in the API.
    @Test(arguments: TestDatabase.flavors)
    func signatureShowsInvalidAfterEdit(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        let id = try await Self.history(h)
        try await h.database.tamper("UPDATE determinations SET basis = 'Rewritten later.'")
        try await h.run { c in
            let sub = try await c.submission(id)
            let signature = (sub["determinations"] as? [[String: Any]])?.first?["signature"] as? [String: Any]
            #expect(signature?["valid"] as? Bool == false)
            #expect(signature?["printed_name"] as? String == "Jane Roe")
        }
    }

    /// The chain itself, without a database.
    @Test func chainUnit() {
        var events: [AuditEvent] = []
        var previous = AuditEvent.genesis
        for n in 1...5 {
            let e = AuditEvent(seq: Int64(n), at: "2026-12-02T00:00:0\(n).000Z", actorID: 1, actorName: "A", action: "x",
                               entity: "submission", entityID: 1, digest: "d\(n)", detail: "", prevHash: previous).sealed()
            events.append(e)
            previous = e.hash
        }
        #expect(verifyChain(events, head: (5, previous)) == nil)
        var edited = events
        edited[2].detail = "changed"
        #expect(verifyChain(edited, head: (5, previous))?.seq == 3)
        #expect(verifyChain(Array(events.prefix(4)), head: (5, previous))?.message.contains("head") == true)
        var removed = events
        removed.remove(at: 1)
        #expect(verifyChain(removed, head: (5, previous))?.seq == 2)
    }
}
