import Foundation
import PostgresKit
import StemCheckServer
import Testing

/// A fresh, migrated store for one test: SQLite in a temporary folder, or PostgreSQL in a schema
/// of its own in the database `STEMCHECK_TEST_POSTGRES_URL` names (`.ci/run` starts one with
/// `scripts/test-postgres`). Without that variable the PostgreSQL cases fail when
/// `STEMCHECK_REQUIRE_POSTGRES=1` (CI) and are skipped otherwise, with a note.
struct TestDatabase {
    static let flavors: [SQLFlavor] = [.sqlite, .postgres]
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["STEMCHECK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    let flavor: SQLFlavor
    let folder: String
    let schema: String?

    /// Nil when PostgreSQL is not available and not required.
    static func make(_ flavor: SQLFlavor) async throws -> TestDatabase? {
        let folder = NSTemporaryDirectory() + "stemcheck-server-test-" + UUID().uuidString
        switch flavor {
        case .sqlite:
            return TestDatabase(flavor: .sqlite, folder: folder, schema: nil)
        case .postgres:
            guard let url = postgresURL else {
                if ProcessInfo.processInfo.environment["STEMCHECK_REQUIRE_POSTGRES"] == "1" {
                    Issue.record("STEMCHECK_TEST_POSTGRES_URL is not set but STEMCHECK_REQUIRE_POSTGRES=1")
                }
                return nil
            }
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try Store.open(databaseURL: url, dataDirectory: folder)
            try await Self.closing(admin) { try await admin.write { tx in try await tx.run("CREATE SCHEMA \(ident: String(schema))") } }
            return TestDatabase(flavor: .postgres, folder: folder, schema: String(schema))
        }
    }

    /// Opens a store on this database (several may be open at once: two "servers").
    func open(connectionWait: Duration? = nil) throws -> Store {
        try Store.open(databaseURL: flavor == .postgres ? Self.postgresURL : nil, dataDirectory: folder,
                       searchPath: schema.map { [$0] }, connectionWait: connectionWait)
    }

    /// Runs raw SQL outside the service, as someone editing the database by hand would.
    func tamper(_ sql: String) async throws {
        let store = try open()
        try await Self.closing(store) { try await store.write { tx in try await tx.run(SQLQueryString(sql)) } }
    }

    /// Runs `body`, then closes `store` whether it threw or not (a pool dropped without being
    /// shut down trips AsyncKit's assertion and ends the test process).
    static func closing<R>(_ store: Store, _ body: () async throws -> R) async throws -> R {
        do {
            let result = try await body()
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    func drop() async {
        if let schema, let url = Self.postgresURL, let admin = try? Store.open(databaseURL: url, dataDirectory: folder) {
            _ = try? await admin.write { tx in try await tx.run("DROP SCHEMA \(ident: schema) CASCADE") }
            await admin.close()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
