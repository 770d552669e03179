@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Which database a store runs on. Both run the same queries through SQLKit; only the column
/// types of the schema differ (`Migrations`).
public enum SQLFlavor: String, Sendable {
    case sqlite
    case postgres
}

/// Why the store could not be opened or used; the message says how to fix it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The service's only state: a SQLite file in the data folder, or a PostgreSQL database.
///
/// Reads run on one connection; writes run in a transaction that holds the store's write lock
/// (SQLite `BEGIN IMMEDIATE`; PostgreSQL a transaction-scoped advisory lock), so two server
/// processes on one PostgreSQL database serialise their writes: sequence numbers, the audit
/// chain and state changes never interleave. Within one process writers queue at a `WriteGate`
/// before they take a connection, so waiting writers never hold the connections reads need.
public final class Store: Sendable {
    // The pools lock internally; they are shared by every task of the server.
    enum Pool: @unchecked Sendable {
        case sqlite(EventLoopGroupConnectionPool<SQLiteConnectionSource>, MultiThreadedEventLoopGroup)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    public let flavor: SQLFlavor
    /// Where the data lives, for messages (`stemcheck-data/stemcheck.sqlite`, `postgres://host/db`).
    public let location: String
    let pool: Pool
    let logger: Logger
    /// This process's writers, one at a time (the database's lock orders them across processes).
    let gate = WriteGate()

    private init(flavor: SQLFlavor, location: String, pool: Pool, logger: Logger) {
        self.flavor = flavor
        self.location = location
        self.pool = pool
        self.logger = logger
    }

    /// Opens the store: PostgreSQL when `databaseURL` is a `postgres://` URL, otherwise SQLite in
    /// `dataDirectory` (created when missing). A query waits at most `connectionWait` for a
    /// connection (default 10 s on PostgreSQL, 30 s on SQLite's single connection).
    public static func open(databaseURL: String?, dataDirectory: String, searchPath: [String]? = nil,
                            connectionWait: Duration? = nil) throws -> Store {
        let wait = connectionWait.map { TimeAmount.nanoseconds(Int64($0 / .nanoseconds(1))) }
        var logger = Logger(label: "stemcheck.store")
        logger.logLevel = .warning
        if let url = databaseURL, !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw StoreError("--database \(url): not a PostgreSQL URL\n  hint: give postgres://USER:PASSWORD@HOST:5432/DATABASE, or leave --database out to use SQLite in --data")
            }
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError("--database \(redacted(url)): \(error)\n  hint: give postgres://USER:PASSWORD@HOST:5432/DATABASE?sslmode=disable")
            }
            configuration.searchPath = searchPath
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 4, requestTimeout: wait ?? .seconds(10), pruneInterval: .seconds(60),
                logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            return Store(flavor: .postgres, location: redacted(url), pool: .postgres(pool), logger: logger)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError("--data \(dataDirectory): is a file, not a folder\n  hint: give a folder for the SQLite database (it is created when missing)")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            } catch {
                throw StoreError("--data \(dataDirectory): cannot create the folder: \(error.localizedDescription)\n  hint: choose a folder you can write to")
            }
        }
        let path = dataDirectory + "/stemcheck.sqlite"
        // One connection on one thread: SQLite has one writer; WAL lets readers of other processes
        // (audit verify, backup) run beside it.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = EventLoopGroupConnectionPool(
            source: SQLiteConnectionSource(configuration: SQLiteConfiguration(storage: .file(path: path), enableForeignKeys: true)),
            maxConnectionsPerEventLoop: 1, requestTimeout: wait ?? .seconds(30), pruneInterval: nil, logger: logger, on: group)
        return Store(flavor: .sqlite, location: path, pool: .sqlite(pool, group), logger: logger)
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// Closes every connection.
    public func close() async {
        switch pool {
        case .sqlite(let pool, let group):
            try? await pool.shutdownAsync()
            try? await group.shutdownGracefully()
        case .postgres(let pool):
            try? await pool.shutdownAsync()
        }
    }

    /// Runs `body` on one connection.
    func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        do {
            switch pool {
            case .sqlite(let pool, _):
                return try await pool.withConnection(logger: logger) { connection in
                    connection.eventLoop.makeFutureWithTask { try await body(connection.sql()) }
                }.get()
            case .postgres(let pool):
                return try await pool.withConnection(logger: logger) { connection in
                    connection.eventLoop.makeFutureWithTask { try await body(connection.sql()) }
                }.get()
            }
        } catch let error as ServiceError {
            throw error
        } catch let error as StoreError {
            throw error
        } catch {
            if Self.isStorageFull(error) {
                logger.error("storage full: \(String(reflecting: error))")
                throw ServiceError.storageFull
            }
            throw StoreError.unavailable(self, error)
        }
    }

    /// Whether the database refused a write because its disk is full: SQLite's SQLITE_FULL
    /// ("database or disk is full"), PostgreSQL's disk_full (53100) or ENOSPC.
    static func isStorageFull(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("database or disk is full") || text.contains("No space left on device")
            || text.contains("53100") || text.contains("diskFull") || text.contains("disk_full")
    }

    /// Reads in one session, without a transaction.
    public func read<R: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> R) async throws -> R {
        let flavor = self.flavor
        return try await session { db in try await body(Transaction(db: db, flavor: flavor)) }
    }

    /// Runs `body` in a write transaction holding the store's write lock; rolls back when it throws.
    public func write<R: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> R) async throws -> R {
        try await gate.serialized { try await self.transaction(body) }
    }

    private func transaction<R: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> R) async throws -> R {
        let flavor = self.flavor
        return try await session { db in
            let tx = Transaction(db: db, flavor: flavor)
            switch flavor {
            case .sqlite:
                try await tx.run("PRAGMA busy_timeout = 10000")
                // A commit is on disk before it is acknowledged (WAL; see Migrations.migrate).
                try await tx.run("PRAGMA synchronous = FULL")
                try await tx.run("BEGIN IMMEDIATE")
            case .postgres:
                try await tx.run("BEGIN")
                try await tx.run("SELECT pg_advisory_xact_lock(7311004)")
            }
            do {
                let result = try await body(tx)
                try await tx.run("COMMIT")
                return result
            } catch {
                try? await tx.run("ROLLBACK")
                throw error
            }
        }
    }
}

extension StoreError {
    /// The database could not be reached or refused a query.
    static func unavailable(_ store: Store, _ error: any Error) -> StoreError {
        StoreError("the database at \(store.location) is unavailable or refused the query: \(String(reflecting: error))\n" +
                   "  hint: check that the database is running and reachable, then retry")
    }
}

/// One connection, inside or outside a transaction. Every query is a `SQLQueryString` whose
/// values are bound parameters (`\(bind: value)`): no value is ever spliced into SQL text.
public struct Transaction: Sendable {
    let db: any SQLDatabase
    public let flavor: SQLFlavor

    /// Runs a statement.
    public func run(_ query: SQLQueryString) async throws {
        try await db.raw(query).run()
    }

    /// All rows of a query.
    public func all(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await db.raw(query).all()
    }

    /// The first row of a query.
    public func first(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await db.raw(query).first()
    }

    /// The next id of a table (writes hold the store's lock, so this is race-free).
    public func nextID(_ table: String, column: String = "id") async throws -> Int64 {
        let row = try await first("SELECT COALESCE(MAX(\(ident: column)), 0) + 1 AS next FROM \(ident: table)")
        return try row?.decode(column: "next", as: Int64.self) ?? 1
    }
}
