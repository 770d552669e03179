import Foundation
import StemCheckReview
import StemCheckServer
import Testing

/// Migrations, backup and restore, and two servers on one database.
@Suite struct StoreTests {
    /// Forward from every schema version to the current one; again is a no-op; a newer store is refused.
    @Test(arguments: TestDatabase.flavors)
    func migrationsForwardFromEveryVersion(_ flavor: SQLFlavor) async throws {
        for start in 0...Migrations.current {
            guard let db = try await TestDatabase.make(flavor) else { return }
            let store = try db.open()
            try await TestDatabase.closing(store) {
                if start > 0 { try await Migrations.migrate(store, upTo: start, now: "t") }
                let applied = try await Migrations.migrate(store, now: "t")
                #expect(applied == Array(stride(from: start + 1, through: Migrations.current, by: 1)))
                #expect(try await Migrations.migrate(store, now: "t").isEmpty)
                #expect(try await store.read { tx in try await Migrations.version(tx) } == Migrations.current)
                try await store.write { tx in try await tx.run("INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 't')") }
                await #expect(throws: StoreError.self) { try await Migrations.migrate(store, now: "t") }
            }
            await db.drop()
        }
    }

    /// A backup of a store with a whole history restores into the other database with its audit
    /// trail intact; a non-empty target is refused.
    @Test(arguments: TestDatabase.flavors)
    func backupRestoresIntoTheOtherDatabase(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        _ = try await AuditTrailTests.history(h)
        let eventsBefore = try await h.service.verifyAudit().events
        let backup = try await h.service.backup()
        // The export is logged after the copy it describes.
        #expect(try await h.service.verifyAudit().events == eventsBefore + 1)
        let other: SQLFlavor = flavor == .sqlite ? .postgres : .sqlite
        guard let target = try await TestDatabase.make(other) else { return }
        let store = try target.open()
        try await TestDatabase.closing(store) {
            let service = ReviewService(store: store, configuration: ServiceConfiguration(bcryptCost: 4), checking: sharedChecking)
            let rows = try await service.restore(backup)
            #expect(rows > 20)
            let report = try await service.verifyAudit()
            #expect(report.problem == nil, "\(String(describing: report.problem))")
            #expect(report.events == eventsBefore)
            await #expect(throws: ServiceError.self) { _ = try await service.restore(backup) }
        }
        await target.drop()
    }

    /// Writers queue inside the process, not on pooled connections: while one write holds the
    /// PostgreSQL write lock for 4 s, 30 more writes and a read through the same store all finish,
    /// though a query may wait only 2 s for a connection (the pool has 4 per core). Before the
    /// write gate, the queued writers held every connection and the rest timed out (CI, stop 25).
    @Test func queuedWritersLeaveConnectionsForReads() async throws {
        guard let db = try await TestDatabase.make(.postgres) else { return }
        let store = try db.open(connectionWait: .seconds(2))
        try await TestDatabase.closing(store) {
            let read = try await withThrowingTaskGroup(of: Int?.self) { group in
                group.addTask {
                    try await store.write { tx in
                        try await tx.run("SELECT 1")
                        try await Task.sleep(for: .seconds(4))
                    }
                    return nil
                }
                try await Task.sleep(for: .milliseconds(200))
                for _ in 0..<30 {
                    group.addTask { try await store.write { tx in try await tx.run("SELECT 1") }; return nil }
                }
                group.addTask { try await store.read { tx in try await tx.first("SELECT 7 AS n")?.decode(column: "n", as: Int.self) } }
                return try await group.reduce(into: [Int]()) { if let n = $1 { $0.append(n) } }
            }
            #expect(read == [7])
        }
        await db.drop()
    }

    /// Two servers on one PostgreSQL database: 40 concurrent uploads of distinct and identical
    /// protocols through both — every distinct protocol is one version, none lost, none
    /// duplicated, sequence numbers without gaps, and the audit chain verifies.
    @Test func twoServersOnePostgres() async throws {
        guard let h = try await Harness.make(.postgres) else { return }
        defer { Task { await h.close() } }
        let second = try h.database.open()
        try await TestDatabase.closing(second) {
            let other = ReviewService(store: second, configuration: ServiceConfiguration(bcryptCost: 4), checking: sharedChecking)
            let actor = try await h.service.authenticate(token: h.cast.tokens["sam"]!)
            let created = try await h.service.createSubmission(actor, title: "Concurrent", filename: "p.yaml", bytes: try fixture("cp-ucb-phase2-us.yaml"))
            let id = created.submissionId
            let base = try fixture("cp-ucb-phase2-us.yaml")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<40 {
                    let service = n % 2 == 0 ? h.service : other
                    // 20 distinct protocols, each uploaded twice (once through each server).
                    let bytes = base + Array("\n# variant \(n / 2)\n".utf8)
                    group.addTask { _ = try await service.upload(actor, submission: id, filename: "p.yaml", bytes: bytes) }
                }
                try await group.waitForAll()
            }
            let view = try await other.submission(actor, id)
            #expect(view.versions.count == 21)
            #expect(view.versions.map(\.seq) == Array(1...21))
            #expect(Set(view.versions.map(\.sha256)).count == 21)
            let report = try await other.verifyAudit()
            #expect(report.problem == nil, "\(String(describing: report.problem))")
            // Concurrent decisions on one submission: the optimistic revision check refuses the loser.
            let revision = view.revision
            try await h.service.submit(actor, id, revision: revision)
            await #expect(throws: ServiceError.self) { try await other.withdraw(actor, id, revision: revision) }
        }
    }
}
