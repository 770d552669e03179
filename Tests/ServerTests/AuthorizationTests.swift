import Foundation
import HTTPTypes
import StemCheckReview
import StemCheckServer
import Testing

/// Every route × every role, including another submitter and an unassigned reviewer, and every
/// illegal (state, action, role) triple of the transition table.
@Suite struct AuthorizationTests {
    static let everyone = ["sam", "sue", "ann", "rob", "rex", "jane", "aud", "adm"]
    /// Who can see sam's submission once rob is assigned to it.
    static let seeing: Set<String> = ["sam", "ann", "rob", "jane", "aud"]

    /// A submission of sam's in review with a stipulation (1), a condition (1) and a letter (1).
    static func setUp(_ c: Client) async throws -> Int64 {
        let id = try await c.create("sam", example: "clinic-msc-package.yaml")
        try await c.call(.post, "/api/v1/submissions/\(id)/submit", as: "sam")
        try await c.call(.post, "/api/v1/submissions/\(id)/assignments", as: "ann", json: ["reviewer": "rob"])
        try await c.call(.post, "/api/v1/submissions/\(id)/return", as: "ann", json: ["stipulations": [["text": "Fix it"]]])
        try await c.call(.post, "/api/v1/submissions/\(id)/stipulations/1/address", as: "sam", json: ["response": "Fixed"])
        try await c.call(.post, "/api/v1/submissions/\(id)/versions?filename=cp.yaml", as: "sam", raw: fixture("cp-ucb-phase2-us.yaml"))
        try await c.call(.post, "/api/v1/submissions/\(id)/resubmit", as: "sam")
        try await c.call(.post, "/api/v1/submissions/\(id)/accept", as: "ann", json: ["path": "convened"])
        let d = try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "jane", json: [
            "kind": "modifications_required", "basis": "b", "conditions": ["c"], "password": Cast.password])
        #expect(d.status == 201, "\(d.text)")
        try await c.call(.post, "/api/v1/submissions/\(id)/versions?filename=v3.yaml", as: "sam", raw: fixture("cp-ucb-phase2-us-v3.yaml"))
        let r = try await c.call(.post, "/api/v1/submissions/\(id)/respond", as: "sam")
        #expect(r.status == 200, "\(r.text)")
        return id
    }

    /// A call of each route with a body it accepts, and who may make it (on the submission above).
    static func calls(_ id: Int64) -> [(HTTPRequest.Method, String, Any?, [UInt8]?, Set<String>)] {
        let s = "/api/v1/submissions/\(id)"
        let all = Set(everyone)
        return [
            (.get, "/api/v1/me", nil, nil, all),
            (.post, "/api/v1/tokens", ["name": "ci"], nil, all),
            (.get, "/api/v1/users", nil, nil, ["adm"]),
            (.get, "/api/v1/submissions", nil, nil, all),
            (.post, "/api/v1/submissions?title=New", nil, Array("title: x\n".utf8), ["sam", "sue"]),
            (.get, s, nil, nil, seeing),
            (.get, "\(s)/versions/1/protocol", nil, nil, seeing),
            (.get, "\(s)/versions/1/report", nil, nil, seeing),
            (.get, "\(s)/compare", nil, nil, seeing),
            (.get, "\(s)/audit", nil, nil, ["ann", "jane", "aud"]),
            (.get, "\(s)/letters/1", nil, nil, seeing),
            (.get, "/api/v1/audit/verify", nil, nil, ["ann", "jane", "aud"]),
            (.post, "\(s)/versions?filename=x.yaml", nil, Array("title: other\n".utf8), ["sam"]),
            (.post, "\(s)/submit", nil, nil, ["sam"]),
            (.post, "\(s)/stipulations/1/address", ["response": "r"], nil, ["sam"]),
            (.post, "\(s)/stipulations/1/resolve", nil, nil, ["ann", "rob", "jane"]),
            (.post, "\(s)/comments", ["text": "t"], nil, ["sam", "ann", "rob", "jane"]),
            // rob again (409 already assigned when allowed): rex must stay unassigned for the matrix.
            (.post, "\(s)/assignments", ["reviewer": "rob"], nil, ["ann", "jane"]),
            (.post, "\(s)/attestations", ["rule": "ISSCR-CONSENT-FORM-REVIEW", "kind": "review_item", "outcome": "accepted",
                                          "statement": "s", "password": Cast.password], nil, ["rob", "jane"]),
            (.post, "\(s)/conditions/1/verify", nil, nil, ["jane"]),
            (.post, "\(s)/accept", ["path": "convened"], nil, ["ann", "jane"]),
            (.post, "\(s)/determinations", ["kind": "deferred", "basis": "b", "password": Cast.password], nil, ["jane"]),
            (.post, "\(s)/resubmit", nil, nil, ["sam"]),
            (.post, "\(s)/respond", nil, nil, ["sam"]),
            (.post, "\(s)/return", ["stipulations": [["text": "again"]]], nil, ["ann", "jane"]),
            (.post, "\(s)/withdraw", nil, nil, ["sam"]),
            (.delete, "/api/v1/session", nil, nil, all),
        ]
    }

    @Test(arguments: TestDatabase.flavors)
    func everyRouteEveryRole(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await Self.setUp(c)
            let calls = Self.calls(id)
            // Every API route is in the matrix (health and sign-in are public and tested apart).
            func shape(_ path: String) -> String {
                path.split(separator: "?")[0].split(separator: "/").map { $0.first == "{" || Int($0) != nil ? "{n}" : String($0) }.joined(separator: "/")
            }
            let covered = Set(calls.map { "\($0.0.rawValue) \(shape($0.1))" })
            for route in API(service: h.service).routes where route.authenticated {
                #expect(covered.contains("\(route.method.rawValue) \(shape(route.path))"), "route \(route.method) \(route.path) is not in the matrix")
            }
            for (method, uri, json, raw, allowed) in calls {
                let anonymous = try await c.call(method, uri, as: nil, json: json, raw: raw)
                #expect(anonymous.status == 401, "anonymous \(method) \(uri): \(anonymous.status)")
                for login in Self.everyone {
                    let reply = try await c.call(method, uri, as: login, json: json, raw: raw)
                    if allowed.contains(login) {
                        #expect(![401, 403, 404].contains(reply.status), "\(login) \(method) \(uri) should be allowed: \(reply.status) \(reply.text)")
                    } else {
                        let expected = uri.hasPrefix("/api/v1/submissions/") && !Self.seeing.contains(login) ? 404 : 403
                        #expect(reply.status == expected, "\(login) \(method) \(uri) should be \(expected): \(reply.status) \(reply.errorCode ?? "")")
                    }
                }
            }
            // Another submitter's queue does not list sam's submission.
            let queue = try await c.call(.get, "/api/v1/submissions", as: "sue").object
            #expect(!((queue["items"] as? [[String: Any]]) ?? []).contains { ($0["id"] as? NSNumber)?.int64Value == id })
        }
    }

    static let logins: [Role: String] = [.submitter: "sam", .analyst: "ann", .reviewer: "rob", .chair: "jane", .auditor: "aud", .admin: "adm"]

    /// Brings a new submission of sam's to `state`, with rob assigned where the state allows it.
    static func submission(in state: SubmissionState, _ c: Client) async throws -> Int64 {
        let id = try await c.create("sam")
        let s = "/api/v1/submissions/\(id)"
        func post(_ path: String, _ login: String, _ json: Any? = nil) async throws {
            let r = try await c.call(.post, s + path, as: login, json: json)
            #expect(r.status < 300, "setting up \(state): \(path) \(r.status) \(r.text)")
        }
        if state == .draft { return id }
        try await post("/submit", "sam")
        try await post("/assignments", "ann", ["reviewer": "rob"])
        switch state {
        case .preReview: break
        case .returned: try await post("/return", "ann", ["stipulations": [["text": "t"]]])
        case .withdrawn: try await post("/withdraw", "sam")
        default:
            try await post("/accept", "ann", ["path": "convened"])
            switch state {
            case .awaitingResponse: try await post("/determinations", "jane", ["kind": "modifications_required", "basis": "b", "conditions": ["c"], "password": Cast.password])
            case .approved: try await post("/determinations", "jane", ["kind": "approved", "password": Cast.password])
            case .disapproved: try await post("/determinations", "jane", ["kind": "disapproved", "basis": "b", "password": Cast.password])
            default: break
            }
        }
        return id
    }

    /// One call of `action` on submission `id`.
    static func invoke(_ action: WorkflowAction, _ id: Int64, as login: String, _ c: Client) async throws -> Reply {
        let s = "/api/v1/submissions/\(id)"
        switch action {
        case .upload: return try await c.call(.post, s + "/versions?filename=n.yaml", as: login, raw: Array("title: n\(UUID())\n".utf8))
        case .submit, .resubmit, .respond, .withdraw: return try await c.call(.post, s + "/" + action.rawValue, as: login)
        case .return: return try await c.call(.post, s + "/return", as: login, json: ["stipulations": [["text": "t"]]])
        case .address: return try await c.call(.post, s + "/stipulations/1/address", as: login, json: ["response": "r"])
        case .resolve: return try await c.call(.post, s + "/stipulations/1/resolve", as: login)
        case .accept: return try await c.call(.post, s + "/accept", as: login, json: ["path": "convened"])
        case .assign: return try await c.call(.post, s + "/assignments", as: login, json: ["reviewer": "rex"])
        case .comment: return try await c.call(.post, s + "/comments", as: login, json: ["text": "t"])
        case .attest: return try await c.call(.post, s + "/attestations", as: login, json: ["rule": "ISSCR-CONSENT-FORM-REVIEW", "kind": "review_item", "outcome": "accepted", "statement": "s", "password": Cast.password])
        case .determine: return try await c.call(.post, s + "/determinations", as: login, json: ["kind": "deferred", "basis": "b", "password": Cast.password])
        case .verify: return try await c.call(.post, s + "/conditions/1/verify", as: login)
        }
    }

    /// Every (state, action, role) the table refuses is refused with the table's answer (403 for a
    /// role that may never take the action, 409 for the wrong state, 404 when the user cannot see
    /// the submission), and changes nothing.
    @Test(arguments: TestDatabase.flavors, SubmissionState.allCases)
    func everyIllegalTriple(_ flavor: SQLFlavor, _ state: SubmissionState) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await Self.submission(in: state, c)
            let before = try await c.submission(id)
            #expect(before["state"] as? String == state.rawValue)
            var checked = 0
            for action in WorkflowAction.allCases {
                for role in Role.allCases {
                    let login = Self.logins[role]!
                    if case .success = TransitionTable.standard.decide(action, in: state, roles: [role]) { continue }
                    let visible = try await c.call(.get, "/api/v1/submissions/\(id)", as: login).status == 200
                    let expected: Int
                    if !visible { expected = 404 } else if case .failure(.conflict) = TransitionTable.standard.decide(action, in: state, roles: [role]) { expected = 409 } else { expected = 403 }
                    let reply = try await Self.invoke(action, id, as: login, c)
                    #expect(reply.status == expected, "\(state) \(action) as \(role): \(reply.status) \(reply.text)")
                    checked += 1
                }
            }
            let after = try await c.submission(id)
            #expect(after["revision"] as? Int == before["revision"] as? Int, "a refused action changed the submission")
            #expect(after["state"] as? String == state.rawValue)
            #expect(checked > 40)
        }
    }
}
