import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Hummingbird
import StemCheckReview
import StemCheckServer

/// Where the data lives: `--data` (SQLite) or `--database` / `STEMCHECK_DATABASE_URL` (PostgreSQL).
struct StorageOptions: ParsableArguments {
    @Option(help: "Folder of the embedded SQLite database (created when missing).")
    var data: String = "./stemcheck-data"

    @Option(help: "A PostgreSQL URL (postgres://USER:PASSWORD@HOST:5432/DB); default: $STEMCHECK_DATABASE_URL, else SQLite in --data.")
    var database: String?

    @Option(help: "The board's name on letters.")
    var board: String = ProcessInfo.processInfo.environment["STEMCHECK_BOARD_NAME"] ?? "Ethics board"

    var url: String? { database ?? ProcessInfo.processInfo.environment["STEMCHECK_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Opens the store (migrated unless `migrate` is false), runs `body` with the service, and
    /// closes the store whatever happens.
    /// A database that cannot be reached is retried every 2 seconds for `waitForDatabase` seconds
    /// (a server starting beside its database), each attempt reported on stderr.
    func withService<R>(migrate: Bool = true, waitForDatabase: Double = 0, _ body: (ReviewService) async throws -> R) async throws -> R {
        let store = try Store.open(databaseURL: url, dataDirectory: data)
        do {
            if migrate {
                let deadline = Date().addingTimeInterval(waitForDatabase)
                while true {
                    do {
                        try await Migrations.migrate(store, now: ServiceClock().timestamp())
                        break
                    } catch let error as StoreError where Date() < deadline {
                        let first = error.description.split(separator: "\n").first ?? ""
                        FileHandle.standardError.write(Data("stemcheck-server: \(first)\n  retrying in 2 s (gives up \(Int(deadline.timeIntervalSinceNow.rounded())) s from now)\n".utf8))
                        try await Task.sleep(for: .seconds(2))
                    }
                }
            }
            let service = ReviewService(store: store, configuration: ServiceConfiguration(boardName: board), checking: try ProtocolChecking())
            let result = try await body(service)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// Runs `body`; a user's mistake prints its message and exits 2, nothing else.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ServiceError {
        FileHandle.standardError.write(Data("stemcheck-server: error: \(error)\n".utf8))
        throw ExitCode(2)
    } catch let error as StoreError {
        FileHandle.standardError.write(Data("stemcheck-server: error: \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// Prints what `audit verify` found; exit 1 when the trail is broken.
func show(_ report: ReviewService.AuditReport) throws {
    if let problem = report.problem {
        print("audit trail BROKEN: \(problem)")
        throw ExitCode(1)
    }
    print("audit trail verified: \(report.events) events, \(report.records) records")
}

@main
struct StemCheckServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stemcheck-server",
        abstract: "The review service for ethics boards: submissions, review, determinations, audit trail.",
        subcommands: [Serve.self, User.self, Audit.self, Backup.self, Restore.self, Migrate.self])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the API on HOST:PORT.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Flag(help: "Mark cookies Secure (behind TLS).") var secureCookies = false
    @Option(help: "Seconds to keep retrying a database that cannot be reached at start.") var waitForDatabase: Double = 30

    func run() async throws {
        try await reportingErrors {
            try await storage.withService(waitForDatabase: waitForDatabase) { service in
                FileHandle.standardError.write(Data("stemcheck-server: \(service.store.flavor.rawValue) at \(service.store.location); listening on http://\(host):\(port)\n".utf8))
                let app = try buildApplication(service: service, host: host, port: port, secureCookies: secureCookies)
                try await app.runService()
            }
        }
    }
}

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts.", subcommands: [Add.self, Passwd.self, Role.self, List.self, Token.self])

    /// The password from standard input (one line), or the environment for scripts.
    static func readPassword() throws -> String {
        if let p = ProcessInfo.processInfo.environment["STEMCHECK_PASSWORD"], !p.isEmpty { return p }
        // At a terminal the password is not echoed.
        if isatty(STDIN_FILENO) != 0, let typed = getpass("password: ") {
            let line = String(cString: typed)
            guard !line.isEmpty else {
                throw ServiceError.badRequest("no password given", hint: "type it at the prompt, or set STEMCHECK_PASSWORD")
            }
            return line
        }
        FileHandle.standardError.write(Data("password (one line on standard input): ".utf8))
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ServiceError.badRequest("no password given", hint: "type it on standard input, or set STEMCHECK_PASSWORD")
        }
        return line
    }

    static func roles(_ text: String) throws -> [StemCheckReview.Role] {
        switch StemCheckReview.Role.parseList(text) {
        case .success(let roles): return roles
        case .failure(let error): throw ServiceError.badRequest("--role \(text): \(error)")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account (password from standard input or STEMCHECK_PASSWORD).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Login (never reused).") var login: String
        @Option(help: "Printed name, shown on signatures.") var name: String
        @Option(help: "E-mail address.") var email: String = ""
        @Option(help: "Comma-separated roles: submitter, analyst, reviewer, chair, auditor, admin.") var role: String

        func run() async throws {
            try await reportingErrors {
                try await storage.withService { service in
                    let user = try await service.addUser(login: login, printedName: name, email: email, roles: try User.roles(role), password: try User.readPassword())
                    print("created user \(user.id) '\(user.login)' (\(user.printedName)) with roles \(user.roles)")
                }
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (from standard input or STEMCHECK_PASSWORD).")
        @OptionGroup var storage: StorageOptions
        @Argument var login: String
        func run() async throws {
            try await reportingErrors {
                try await storage.withService { service in
                    try await service.setPassword(login: login, password: try User.readPassword())
                    print("password of '\(login)' changed; its sessions are closed")
                }
            }
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set roles, or deactivate / reactivate an account (never deleted).")
        @OptionGroup var storage: StorageOptions
        @Argument var login: String
        @Option(help: "The new comma-separated roles.") var set: String?
        @Flag(help: "Deactivate the account.") var deactivate = false
        @Flag(help: "Reactivate the account.") var activate = false
        func run() async throws {
            try await reportingErrors {
                guard set != nil || deactivate || activate else {
                    throw ServiceError.badRequest("nothing to change", hint: "give --set ROLES, --deactivate or --activate")
                }
                try await storage.withService { service in
                    let user = try await service.setRoles(login: login, roles: try set.map(User.roles), active: deactivate ? false : (activate ? true : nil))
                    print("'\(user.login)': roles \(user.roles), \(user.active == 1 ? "active" : "deactivated")")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var storage: StorageOptions
        func run() async throws {
            try await reportingErrors {
                try await storage.withService { service in
                    for u in try await service.users() {
                        print("\(u.id)\t\(u.login)\t\(u.printedName)\t\(u.roles)\t\(u.active == 1 ? "active" : "deactivated")")
                }
                }
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for an account (printed once).")
        @OptionGroup var storage: StorageOptions
        @Argument var login: String
        @Option(help: "What the token is for.") var name: String = "api"
        func run() async throws {
            try await reportingErrors {
                try await storage.withService { service in
                    let (_, secret) = try await service.createToken(for: login, name: name, by: .console)
                    print(secret)
                }
            }
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the audit trail.", subcommands: [Verify.self])
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the hash chain and check every record against it; exit 1 naming the first broken event.")
        @OptionGroup var storage: StorageOptions
        func run() async throws {
            try await reportingErrors {
                try show(try await storage.withService(migrate: false) { service in try await service.verifyAudit() })
            }
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every record, stored file and the audit trail to FILE (JSON).")
    @OptionGroup var storage: StorageOptions
    @Argument var file: String
    func run() async throws {
        try await reportingErrors {
            let data = try await storage.withService(migrate: false) { service in try await service.backup() }
            let temporary = file + ".partial"
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw ServiceError.badRequest("cannot write \(file)", hint: "choose a writable path")
            }
            _ = try? FileManager.default.removeItem(atPath: file)
            try FileManager.default.moveItem(atPath: temporary, toPath: file)
            print("backup written to \(file) (\(data.count) bytes)")
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load a backup into an empty database, then verify its audit trail.")
    @OptionGroup var storage: StorageOptions
    @Argument var file: String
    func run() async throws {
        try await reportingErrors {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ServiceError.badRequest("cannot read \(file)", hint: "give the path of a backup file")
            }
            let (rows, report) = try await storage.withService(migrate: false) { service in
                (try await service.restore(data), try await service.verifyAudit())
            }
            print("restored \(rows) rows from \(file)")
            try show(report)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply schema migrations (serve does this on start).")
    @OptionGroup var storage: StorageOptions
    func run() async throws {
        try await reportingErrors {
            let applied = try await storage.withService(migrate: false) { service in
                try await Migrations.migrate(service.store, now: ServiceClock().timestamp())
            }
            print(applied.isEmpty ? "schema is current (version \(Migrations.current))" : "applied migrations \(applied.map(String.init).joined(separator: ", ")); schema version \(Migrations.current)")
        }
    }
}
