import Crypto
import Foundation
import HummingbirdBcrypt
import StemCheckModel
import StemCheckReview

/// Accounts, API tokens, sessions and password checks.
extension ReviewService {
    static var loginPattern: Regex<Substring> { /^[a-z0-9][a-z0-9._-]{1,63}$/ }

    /// Creates an account. Logins are never reused: a deactivated account keeps its login.
    public func addUser(login: String, printedName: String, email: String, roles: [Role], password: String,
                        by actor: Actor = .console) async throws -> UserRecord {
        guard (try? Self.loginPattern.wholeMatch(in: login)) != nil else {
            throw ServiceError.badRequest("login '\(login)' is not allowed",
                                          hint: "use 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        guard !printedName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServiceError.badRequest("the printed name is empty", hint: "give the name signatures will show, e.g. --name 'Jane Roe'")
        }
        guard !roles.isEmpty else {
            throw ServiceError.badRequest("no role given", hint: "give --role with one or more of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        try checkPasswordPolicy(password)
        let hash = try await hashPassword(password)
        let now = clock.timestamp()
        return try await store.write { tx in
            if try await tx.first("SELECT id FROM users WHERE login = \(bind: login)") != nil {
                throw ServiceError(409, "login_taken", "the login '\(login)' already exists (logins are never reused, even after deactivation)",
                                   hint: "choose another login")
            }
            let user = UserRecord(id: try await tx.nextID("users"), login: login, printedName: printedName, email: email,
                                  roles: Role.listText(roles), passwordHash: hash, active: 1, createdAt: now)
            try await tx.insert("users", user)
            try await tx.audit(actor, "user.created", user, detail: "roles \(user.roles)", at: now)
            return user
        }
    }

    /// Sets a new password (the console only: administrators cannot sign as a user through the API).
    public func setPassword(login: String, password: String, by actor: Actor = .console) async throws {
        try checkPasswordPolicy(password)
        let hash = try await hashPassword(password)
        let now = clock.timestamp()
        try await store.write { tx in
            var user = try await Self.user(tx, login: login)
            user.passwordHash = hash
            try await tx.update("users", user)
            try await tx.audit(actor, "user.password_changed", user, at: now)
            try await tx.run("DELETE FROM sessions WHERE user_id = \(bind: user.id)")
        }
    }

    /// Replaces a user's roles, or deactivates / reactivates the account.
    public func setRoles(login: String, roles: [Role]?, active: Bool?, by actor: Actor = .console) async throws -> UserRecord {
        let now = clock.timestamp()
        return try await store.write { tx in
            var user = try await Self.user(tx, login: login)
            var changes: [String] = []
            if let roles {
                changes.append("roles \(user.roles) → \(Role.listText(roles))")
                user.roles = Role.listText(roles)
            }
            if let active {
                changes.append(active ? "reactivated" : "deactivated")
                user.active = active ? 1 : 0
            }
            try await tx.update("users", user)
            try await tx.audit(actor, "user.changed", user, detail: changes.joined(separator: "; "), at: now)
            if user.active == 0 { try await tx.run("DELETE FROM sessions WHERE user_id = \(bind: user.id)") }
            return user
        }
    }

    /// Every account.
    public func users() async throws -> [UserRecord] {
        try await store.read { tx in try await tx.records(UserRecord.self, "SELECT * FROM users ORDER BY id") }
    }

    static func user(_ tx: Transaction, login: String) async throws -> UserRecord {
        guard let user = try await tx.record(UserRecord.self, "SELECT * FROM users WHERE login = \(bind: login)") else {
            throw ServiceError(404, "no_such_user", "no user '\(login)'", hint: "list accounts with 'stemcheck-server user list'")
        }
        return user
    }

    func checkPasswordPolicy(_ password: String) throws {
        if password.count < 12 {
            throw ServiceError.badRequest("the password is shorter than 12 characters", hint: "choose a passphrase of 12 characters or more")
        }
    }

    /// bcrypt is slow by design: hashing and verifying run off the cooperative pool (`offloaded`).
    func hashPassword(_ password: String) async throws -> String {
        let cost = UInt8(clamping: configuration.bcryptCost)
        return try await offloaded { Bcrypt.hash(password, cost: cost) }
    }

    func passwordMatches(_ password: String, _ hash: String) async throws -> Bool {
        try await offloaded { Bcrypt.verify(password, hash: hash) }
    }

    /// Creates an API token for the acting user (or, from the console, for `login`). The token is
    /// shown once; only its SHA-256 is stored.
    public func createToken(for login: String?, name: String, by actor: Actor) async throws -> (TokenRecord, String) {
        let secret = "sck_" + Self.randomHex(32)
        let now = clock.timestamp()
        let record = try await store.write { tx in
            let user: UserRecord
            if let login {
                guard actor.id == nil || actor.has(.admin) else { throw ServiceError(403, "forbidden", "only an administrator creates tokens for others") }
                user = try await Self.user(tx, login: login)
            } else {
                guard let id = actor.id, let me = try await tx.record(UserRecord.self, "SELECT * FROM users WHERE id = \(bind: id)") else {
                    throw ServiceError.unauthenticated
                }
                user = me
            }
            let token = TokenRecord(id: try await tx.nextID("tokens"), userId: user.id, name: name,
                                    tokenSha256: Digest.sha256(Array(secret.utf8)), createdAt: now, revoked: 0)
            try await tx.insert("tokens", token)
            try await tx.audit(actor, "token.created", token, detail: "for \(user.login): \(name)", at: now)
            return token
        }
        return (record, secret)
    }

    /// The user an API token belongs to.
    public func authenticate(token: String) async throws -> Actor {
        let digest = Digest.sha256(Array(token.utf8))
        let user = try await store.read { tx in
            try await tx.record(UserRecord.self, """
                SELECT u.* FROM users u JOIN tokens t ON t.user_id = u.id
                WHERE t.token_sha256 = \(bind: digest) AND t.revoked = 0 AND u.active = 1
                """)
        }
        guard let user else { throw ServiceError(401, "bad_token", "the API token is unknown, revoked, or its account is deactivated", hint: "create a new token") }
        return Actor(id: user.id, name: user.printedName, roles: user.roleList)
    }

    /// A signed-in browser or client session.
    public struct Session: Sendable {
        public var id: String
        public var csrf: String
        public var actor: Actor
    }

    /// Signs in with login and password: a server-side session. Failed attempts are counted per
    /// login; after `loginAttempts` failures within 15 minutes the login is refused (429) until
    /// the window passes (21 CFR 11.300(d)). Every attempt is an audit event.
    public func login(_ login: String, password: String) async throws -> Session {
        let now = clock.timestamp()
        let windowStart = clock.timestamp(after: -15 * 60)
        let limit = configuration.loginAttempts
        let (user, failures) = try await store.read { tx in
            let user = try await tx.record(UserRecord.self, "SELECT * FROM users WHERE login = \(bind: login)")
            let row = try await tx.first("SELECT COUNT(*) AS n FROM login_attempts WHERE login = \(bind: login) AND ok = 0 AND at >= \(bind: windowStart)")
            return (user, try row?.decode(column: "n", as: Int.self) ?? 0)
        }
        if failures >= limit {
            try await recordLogin(login, user: user, ok: false, detail: "refused: \(failures) failed attempts in 15 minutes", at: now)
            throw ServiceError(429, "too_many_attempts", "too many failed sign-ins for '\(login)'", hint: "wait 15 minutes, or ask an administrator")
        }
        let matches = if let user, user.active == 1 { try await passwordMatches(password, user.passwordHash) } else { false }
        guard let user, matches else {
            try await recordLogin(login, user: user, ok: false, detail: user?.active == 0 ? "deactivated account" : "wrong login or password", at: now)
            throw ServiceError(401, "bad_credentials", "wrong login or password")
        }
        let session = Session(id: Self.randomHex(32), csrf: Self.randomHex(16),
                              actor: Actor(id: user.id, name: user.printedName, roles: user.roleList))
        let expires = clock.timestamp(after: configuration.sessionSeconds)
        try await store.write { tx in
            try await tx.run("""
                INSERT INTO sessions (id, user_id, csrf, created_at, expires_at)
                VALUES (\(bind: Digest.sha256(Array(session.id.utf8))), \(bind: user.id), \(bind: session.csrf), \(bind: now), \(bind: expires))
                """)
            try await tx.run("INSERT INTO login_attempts (id, login, at, ok) VALUES (\(bind: try await tx.nextID("login_attempts")), \(bind: login), \(bind: now), 1)")
            try await tx.audit(session.actor, "session.login", entity: "session", id: user.id, digest: "", detail: "signed in", at: now)
        }
        return session
    }

    private func recordLogin(_ login: String, user: UserRecord?, ok: Bool, detail: String, at now: String) async throws {
        try await store.write { tx in
            try await tx.run("INSERT INTO login_attempts (id, login, at, ok) VALUES (\(bind: try await tx.nextID("login_attempts")), \(bind: login), \(bind: now), \(bind: ok ? 1 : 0))")
            try await tx.audit(Actor(id: user?.id, name: user?.printedName ?? login, roles: []), "session.login_failed",
                               entity: "session", id: user?.id ?? 0, digest: "", detail: "\(login): \(detail)", at: now)
        }
    }

    /// The session a cookie names, while it has not expired (sliding expiry is not used: a
    /// session ends `sessionSeconds` after sign-in).
    public func session(_ id: String) async throws -> Session? {
        let digest = Digest.sha256(Array(id.utf8))
        let now = clock.timestamp()
        return try await store.read { tx in
            guard let row = try await tx.first("""
                SELECT s.csrf, u.* FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.id = \(bind: digest) AND s.expires_at > \(bind: now) AND u.active = 1
                """) else { return nil }
            let user = try row.decode(model: UserRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
            return Session(id: id, csrf: try row.decode(column: "csrf", as: String.self),
                           actor: Actor(id: user.id, name: user.printedName, roles: user.roleList))
        }
    }

    /// Ends a session.
    public func logout(_ id: String) async throws {
        let digest = Digest.sha256(Array(id.utf8))
        try await store.write { tx in try await tx.run("DELETE FROM sessions WHERE id = \(bind: digest)") }
    }

    /// Re-asks the password before a signature (21 CFR 11.200(a)(1)).
    func confirmPassword(_ actor: Actor, _ password: String?) async throws -> UserRecord {
        guard let id = actor.id else { throw ServiceError.unauthenticated }
        let user = try await store.read { tx in try await tx.record(UserRecord.self, "SELECT * FROM users WHERE id = \(bind: id)") }
        guard let user else { throw ServiceError.unauthenticated }
        guard let password, !password.isEmpty else {
            throw ServiceError(401, "password_required", "signing needs your password", hint: "send \"password\" with the request (21 CFR 11.200: a signature uses both login and password)")
        }
        guard try await passwordMatches(password, user.passwordHash) else {
            throw ServiceError(401, "bad_password", "the password is wrong; nothing was signed")
        }
        return user
    }

    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }
}
