import SQLKit

/// The database schema as numbered migrations, applied in order and recorded in
/// `schema_migrations`. A migration is never edited once released: a change is a new one, and
/// `ServerTests.MigrationTests` migrates forward from every earlier version.
public enum Migrations {
    /// One step: SQL statements per flavor (`BLOB` becomes `BYTEA` on PostgreSQL).
    public struct Step: Sendable {
        public var version: Int
        public var summary: String
        public var statements: [String]
    }

    /// Every migration, oldest first.
    public static let steps: [Step] = [
        Step(version: 1, summary: "users, tokens, sessions, studies, submissions, versions, review records, audit trail", statements: [
            """
            CREATE TABLE users (id BIGINT PRIMARY KEY, login TEXT NOT NULL UNIQUE, printed_name TEXT NOT NULL,
              email TEXT NOT NULL, roles TEXT NOT NULL, password_hash TEXT NOT NULL, active INTEGER NOT NULL,
              created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE tokens (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id), name TEXT NOT NULL,
              token_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked INTEGER NOT NULL)
            """,
            """
            CREATE TABLE sessions (id TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id), csrf TEXT NOT NULL,
              created_at TEXT NOT NULL, expires_at TEXT NOT NULL)
            """,
            "CREATE TABLE login_attempts (id BIGINT PRIMARY KEY, login TEXT NOT NULL, at TEXT NOT NULL, ok INTEGER NOT NULL)",
            "CREATE INDEX login_attempts_login ON login_attempts (login, at)",
            """
            CREATE TABLE studies (id BIGINT PRIMARY KEY, title TEXT NOT NULL, submitter_id BIGINT NOT NULL REFERENCES users(id),
              created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE submissions (id BIGINT PRIMARY KEY, study_id BIGINT NOT NULL REFERENCES studies(id), title TEXT NOT NULL, type TEXT NOT NULL,
              submitter_id BIGINT NOT NULL REFERENCES users(id), state TEXT NOT NULL, returned_from TEXT,
              review_path TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, revision BIGINT NOT NULL)
            """,
            """
            CREATE TABLE versions (id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL REFERENCES submissions(id),
              seq INTEGER NOT NULL, filename TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL,
              bytes BLOB NOT NULL, size BIGINT NOT NULL, input_error TEXT, verdict TEXT, profile TEXT,
              packs TEXT NOT NULL, results TEXT NOT NULL, report_json BLOB, report_html BLOB, report_sha256 TEXT,
              created_by BIGINT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL,
              UNIQUE (submission_id, seq), UNIQUE (submission_id, sha256))
            """,
            """
            CREATE TABLE stipulations (id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL REFERENCES submissions(id),
              version_seq INTEGER NOT NULL, anchor TEXT, text TEXT NOT NULL, required INTEGER NOT NULL, status TEXT NOT NULL,
              response TEXT, raised_by BIGINT NOT NULL, raised_at TEXT NOT NULL, addressed_by BIGINT, addressed_at TEXT,
              resolved_by BIGINT, resolved_at TEXT)
            """,
            """
            CREATE TABLE assignments (id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL REFERENCES submissions(id),
              reviewer_id BIGINT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, assigned_by BIGINT NOT NULL,
              assigned_at TEXT NOT NULL, UNIQUE (submission_id, reviewer_id))
            """,
            """
            CREATE TABLE comments (id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL REFERENCES submissions(id),
              version_seq INTEGER NOT NULL, rule TEXT, author_id BIGINT NOT NULL REFERENCES users(id), text TEXT NOT NULL,
              created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE attestations (id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL REFERENCES submissions(id),
              version_seq INTEGER NOT NULL, version_sha256 TEXT NOT NULL, rule TEXT NOT NULL, kind TEXT NOT NULL,
              outcome TEXT NOT NULL, statement TEXT NOT NULL, by_id BIGINT NOT NULL REFERENCES users(id), at TEXT NOT NULL)
            """,
            """
            CREATE TABLE determinations (id BIGINT PRIMARY KEY, submission_id BIGINT NOT NULL REFERENCES submissions(id),
              version_seq INTEGER NOT NULL, version_sha256 TEXT NOT NULL, report_sha256 TEXT, kind TEXT NOT NULL,
              path TEXT, basis TEXT NOT NULL, decided_by BIGINT NOT NULL REFERENCES users(id), decided_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE conditions (id BIGINT PRIMARY KEY, determination_id BIGINT NOT NULL REFERENCES determinations(id),
              text TEXT NOT NULL, status TEXT NOT NULL, verified_by BIGINT, verified_at TEXT, met_in_version_seq INTEGER)
            """,
            """
            CREATE TABLE signatures (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id),
              printed_name TEXT NOT NULL, signed_at TEXT NOT NULL, meaning TEXT NOT NULL, record_type TEXT NOT NULL,
              record_id BIGINT NOT NULL, record_sha256 TEXT NOT NULL, auth_method TEXT NOT NULL)
            """,
            """
            CREATE TABLE letters (id BIGINT PRIMARY KEY, determination_id BIGINT NOT NULL REFERENCES determinations(id),
              html BLOB NOT NULL, markdown BLOB NOT NULL, html_sha256 TEXT NOT NULL, markdown_sha256 TEXT NOT NULL,
              issued_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE audit_events (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor_id BIGINT, actor_name TEXT NOT NULL,
              action TEXT NOT NULL, entity TEXT NOT NULL, entity_id BIGINT NOT NULL, digest TEXT NOT NULL,
              detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE INDEX audit_events_entity ON audit_events (entity, entity_id)",
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
        ]),
    ]

    /// The newest schema version this build knows.
    public static var current: Int { steps.last?.version ?? 0 }

    /// The schema version of the store (0 for an empty database).
    public static func version(_ tx: Transaction) async throws -> Int {
        try await ensureTable(tx)
        let row = try await tx.first("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
        return try row?.decode(column: "v", as: Int.self) ?? 0
    }

    static func ensureTable(_ tx: Transaction) async throws {
        try await tx.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    }

    /// Applies every migration newer than the store's version, up to `target`, each in the write
    /// transaction; returns the versions applied. A store newer than this build is refused.
    @discardableResult
    public static func migrate(_ store: Store, upTo target: Int = current, now: String) async throws -> [Int] {
        if store.flavor == .sqlite {
            // Write-ahead logging: a committed transaction survives a killed process, and readers
            // (audit verify, backup) run beside the server. The mode is kept in the file.
            try await store.read { tx in try await tx.run("PRAGMA journal_mode = WAL") }
        }
        return try await store.write { tx in
            let have = try await version(tx)
            if have > current {
                throw StoreError("the database at \(store.location) has schema version \(have), newer than this stemcheck-server (\(current))\n  hint: run a newer stemcheck-server, or restore a backup made by this version")
            }
            var applied: [Int] = []
            for step in steps where step.version > have && step.version <= target {
                for statement in step.statements {
                    let sql = tx.flavor == .postgres ? statement.replacingOccurrences(of: " BLOB", with: " BYTEA") : statement
                    try await tx.run(SQLQueryString(sql))
                }
                try await tx.run("INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: step.version), \(bind: now))")
                applied.append(step.version)
            }
            return applied
        }
    }
}
