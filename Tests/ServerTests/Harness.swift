import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StemCheckReview
import StemCheckServer
import Testing

/// Loaded once: the shipped packs.
let sharedChecking = try! ProtocolChecking()

/// Users of every role, created through the service, with API tokens.
struct Cast {
    var tokens: [String: String] = [:]
    var ids: [String: Int64] = [:]
    static let password = "correct horse battery"
    /// login → roles.
    static let people: [(String, String, [Role])] = [
        ("sam", "Sam Submitter", [.submitter]),
        ("sue", "Sue Othersubmitter", [.submitter]),
        ("ann", "Ann Analyst", [.analyst]),
        ("rob", "Rob Reviewer", [.reviewer]),
        ("rex", "Rex Unassigned", [.reviewer]),
        ("jane", "Jane Roe", [.chair]),
        ("aud", "Aude Auditor", [.auditor]),
        ("adm", "Adam Admin", [.admin]),
    ]
}

/// One service on a fresh database, its router, and the cast. `run` gives a client.
struct Harness {
    let database: TestDatabase
    let store: Store
    let service: ReviewService
    var cast = Cast()

    static func make(_ flavor: SQLFlavor, cast people: [(String, String, [Role])] = Cast.people) async throws -> Harness? {
        guard let database = try await TestDatabase.make(flavor) else { return nil }
        let store = try database.open()
        let service = ReviewService(store: store, configuration: ServiceConfiguration(boardName: "Test Board", bcryptCost: 4),
                                    checking: sharedChecking)
        var harness = Harness(database: database, store: store, service: service)
        do {
            try await Migrations.migrate(store, now: "2026-12-02T00:00:00.000Z")
            for (login, name, roles) in people {
                let user = try await service.addUser(login: login, printedName: name, email: "\(login)@example.org", roles: roles, password: Cast.password)
                harness.cast.ids[login] = user.id
                harness.cast.tokens[login] = try await service.createToken(for: login, name: "test", by: .console).1
            }
        } catch {
            await harness.close()
            throw error
        }
        return harness
    }

    func close() async {
        await store.close()
        await database.drop()
    }

    /// Runs `body` with an in-process client of this service's router.
    @discardableResult
    func run<T: Sendable>(_ body: @Sendable (Client) async throws -> T) async throws -> T {
        let app = Application(router: try buildRouter(service: service))
        let cast = self.cast
        return try await app.test(.router) { client in try await body(Client(client: client, cast: cast)) }
    }
}

/// A response: status, headers, body as text and as JSON.
struct Reply {
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}

/// Calls the API as a cast member.
struct Client {
    let client: any TestClientProtocol
    let cast: Cast

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, as login: String?, json: Any? = nil, raw: [UInt8]? = nil,
              headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let login, let token = cast.tokens[login] { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let raw {
            body = ByteBuffer(bytes: raw)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: response.body))
        }
    }

    /// Creates a submission from a shipped example as `login`; returns its id.
    func create(_ login: String, example: String = "cp-ucb-phase2-us.yaml", title: String = "Cord blood for cerebral palsy") async throws -> Int64 {
        let reply = try await call(.post, "/api/v1/submissions?title=\(title.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&filename=\(example)",
                                   as: login, raw: fixture(example))
        #expect(reply.status == 201, "\(reply.text)")
        return (reply.object["submission_id"] as? NSNumber)?.int64Value ?? 0
    }

    func submission(_ id: Int64, as login: String = "jane") async throws -> [String: Any] {
        try await call(.get, "/api/v1/submissions/\(id)", as: login).object
    }
}

/// A protocol from Tests/Fixtures/server.
func fixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/server/\(name)")
    return Array(try Data(contentsOf: url))
}
