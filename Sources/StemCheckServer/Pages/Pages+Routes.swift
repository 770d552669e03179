import Foundation
import Hummingbird
import StemCheckReview

/// The page routes and their handlers. Each handler calls the service (which checks roles,
/// object access and the transition table) and renders a template or redirects (303) after a POST.
extension Pages {
    var routes: [Route] {
        [
            Route(method: .get, path: "/", signedIn: false) { r in
                Self.redirect(r.context.actor == nil ? "/sign-in" : "/queue")
            },
            Route(method: .get, path: "/sign-in", signedIn: false) { r in
                if r.context.actor != nil { return Self.redirect(Self.localPath(r.query("next"))) }
                return signInPage(r, next: Self.localPath(r.query("next")), login: "", problem: nil)
            },
            Route(method: .post, path: "/sign-in", signedIn: false, checksCSRF: false) { r in try await signIn(r) },
            Route(method: .post, path: "/sign-out") { r in
                if let id = r.context.sessionID { try await service.logout(id) }
                var response = Self.redirect("/sign-in")
                response.headers[.setCookie] = "\(Authentication.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
                return response
            },
            Route(method: .get, path: "/queue") { r in try await queue(r) },
            Route(method: .get, path: "/submissions/new") { r in
                guard r.actor.has(.submitter) else { throw ServiceError(403, "forbidden", "only submitters upload protocols") }
                return page("new", NewSubmissionPage(chrome: chrome(r.context)))
            },
            Route(method: .post, path: "/submissions") { r in
                let title = try r.form.required("title", "Study title")
                guard let file = r.form.file, !file.bytes.isEmpty else {
                    throw ServiceError.badRequest("no protocol file was chosen", hint: "choose a YAML or JSON file with 'Protocol file'")
                }
                let result = try await service.createSubmission(r.actor, title: title, filename: file.filename, bytes: file.bytes)
                return Self.redirect("/submissions/\(result.submissionId)?done=uploaded")
            },
            Route(method: .get, path: "/submissions/:id") { r in try await submission(r) },
            Route(method: .post, path: "/submissions/:id/versions") { r in
                guard let file = r.form.file, !file.bytes.isEmpty else {
                    throw ServiceError.badRequest("no protocol file was chosen", hint: "choose the corrected YAML or JSON file")
                }
                let result = try await service.upload(r.actor, submission: try r.id(), filename: file.filename, bytes: file.bytes)
                return Self.redirect("/submissions/\(try r.id())?done=\(result.created ? "uploaded" : "same")")
            },
            Route(method: .post, path: "/submissions/:id/actions/:action") { r in
                let id = try r.id()
                let revision = r.form["revision"].flatMap { Int64($0) }
                let action = r.context.parameters.get("action") ?? ""
                switch action {
                case "submit": try await service.submit(r.actor, id, revision: revision)
                case "resubmit": try await service.resubmit(r.actor, id, revision: revision)
                case "respond": try await service.respond(r.actor, id, revision: revision)
                case "withdraw": try await service.withdraw(r.actor, id, revision: revision)
                case "accept":
                    guard let path = r.form["path"].flatMap(ReviewPath.init(rawValue:)) else {
                        throw ServiceError.badRequest("choose the review path", hint: "convened or expedited")
                    }
                    try await service.accept(r.actor, id, path: path, revision: revision)
                default: throw ServiceError.notFound("action '\(action)'")
                }
                return Self.redirect("/submissions/\(id)?done=\(action)")
            },
            Route(method: .post, path: "/submissions/:id/return") { r in
                let id = try r.id()
                let items = Self.stipulations(try r.form.required("stipulations", "Stipulations"))
                _ = try await service.returnSubmission(r.actor, id, stipulations: items, revision: r.form["revision"].flatMap { Int64($0) })
                return Self.redirect("/submissions/\(id)?done=return")
            },
            Route(method: .post, path: "/submissions/:id/stipulations/:sid/address") { r in
                try await service.address(r.actor, try r.id(), stipulation: try r.id("sid"), response: try r.form.required("response", "Your response"))
                return Self.redirect("/submissions/\(try r.id())?done=address")
            },
            Route(method: .post, path: "/submissions/:id/stipulations/:sid/resolve") { r in
                try await service.resolve(r.actor, try r.id(), stipulation: try r.id("sid"))
                return Self.redirect("/submissions/\(try r.id())?done=resolve")
            },
            Route(method: .post, path: "/submissions/:id/assignments") { r in
                _ = try await service.assign(r.actor, try r.id(), reviewer: try r.form.required("reviewer", "Assign reviewer"), kind: r.form["kind"] ?? "primary")
                return Self.redirect("/submissions/\(try r.id())?done=assign")
            },
            Route(method: .post, path: "/submissions/:id/comments") { r in
                _ = try await service.comment(r.actor, try r.id(), rule: r.form["rule"], text: try r.form.required("text", "Comment"))
                return Self.redirect("/submissions/\(try r.id())?done=comment#comments-h")
            },
            Route(method: .post, path: "/submissions/:id/attestations") { r in
                guard let kind = r.form["kind"].flatMap(AttestationKind.init(rawValue:)),
                      let outcome = r.form["outcome"].flatMap(AttestationOutcome.init(rawValue:)) else {
                    throw ServiceError.badRequest("choose Accepted or Rejected", hint: "an attestation records your judgement on the item")
                }
                _ = try await service.attest(r.actor, try r.id(), rule: try r.form.required("rule", "Rule"), kind: kind, outcome: outcome,
                                             statement: try r.form.required("statement", "Statement"), password: r.form.fields["password"])
                return Self.redirect("/submissions/\(try r.id())?done=attest")
            },
            Route(method: .get, path: "/submissions/:id/compare") { r in try await compare(r) },
            Route(method: .get, path: "/submissions/:id/determination") { r in try await determination(r) },
            Route(method: .post, path: "/submissions/:id/determinations") { r in
                guard let kind = r.form["kind"].flatMap(DeterminationKind.init(rawValue:)) else {
                    throw ServiceError.badRequest("choose a determination", hint: "approved, modifications required, deferred or disapproved")
                }
                _ = try await service.determine(r.actor, try r.id(), kind: kind, basis: r.form["basis"] ?? "",
                                                conditions: Self.lines(r.form["conditions"] ?? ""), password: r.form.fields["password"],
                                                revision: r.form["revision"].flatMap { Int64($0) })
                return Self.redirect("/submissions/\(try r.id())?done=determine")
            },
            Route(method: .post, path: "/submissions/:id/conditions/:cid/verify") { r in
                _ = try await service.verify(r.actor, try r.id(), condition: try r.id("cid"))
                return Self.redirect("/submissions/\(try r.id())?done=verify")
            },
            Route(method: .get, path: "/submissions/:id/audit") { r in try await audit(r) },
            Route(method: .get, path: "/admin/users") { r in try await users(r) },
            Route(method: .post, path: "/admin/users") { r in
                guard r.actor.has(.admin) else { throw ServiceError(403, "forbidden", "only an administrator manages accounts") }
                let roles = try Self.roles(try r.form.required("roles", "Roles"))
                _ = try await service.addUser(login: try r.form.required("login", "Login"), printedName: try r.form.required("name", "Printed name"),
                                              email: r.form["email"] ?? "", roles: roles, password: r.form.fields["password"] ?? "", by: r.actor)
                return Self.redirect("/admin/users?done=user")
            },
            Route(method: .post, path: "/admin/users/:login") { r in
                guard r.actor.has(.admin) else { throw ServiceError(403, "forbidden", "only an administrator manages accounts") }
                let login = r.context.parameters.get("login") ?? ""
                switch r.form["change"] {
                case "roles": _ = try await service.setRoles(login: login, roles: try Self.roles(try r.form.required("roles", "Roles")), active: nil, by: r.actor)
                case "deactivate": _ = try await service.setRoles(login: login, roles: nil, active: false, by: r.actor)
                case "activate": _ = try await service.setRoles(login: login, roles: nil, active: true, by: r.actor)
                default: throw ServiceError.badRequest("say what to change", hint: "use one of the form's buttons")
                }
                return Self.redirect("/admin/users?done=user")
            },
        ]
    }

    // MARK: form values

    /// One stipulation per non-blank line; `[RULE-ID] text` anchors it to a result.
    static func stipulations(_ text: String) -> [ReviewService.StipulationInput] {
        lines(text).map { line in
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let anchor = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                let rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
                if !anchor.isEmpty, !rest.isEmpty { return .init(text: rest, anchor: anchor) }
            }
            return .init(text: line)
        }
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func roles(_ text: String) throws -> [Role] {
        switch Role.parseList(text) {
        case .success(let roles): return roles
        case .failure(let unknown): throw ServiceError.badRequest(unknown.description)
        }
    }

    // MARK: sign-in

    /// The cookie that ties a sign-in form to the browser it was sent to (double submit): a
    /// page elsewhere cannot sign a visitor in to an account of its choosing (login CSRF).
    static let signInCookie = "stemcheck_signin"

    /// The sign-in form with a fresh token in its `csrf` field and in the sign-in cookie.
    func signInPage(_ r: PageRequest, next: String, login: String, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = ReviewService.randomHex(16)
        var response = page("sign-in", SignInPage(chrome: chrome(r.context), next: next, login: login, problem: problem, token: token), status: status)
        response.headers[.setCookie] = "\(Self.signInCookie)=\(token); Path=/sign-in; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
        return response
    }

    func signIn(_ r: PageRequest) async throws -> Response {
        let login = r.form["login"] ?? ""
        let next = Self.localPath(r.form["next"])
        guard let sent = r.form.fields["csrf"], let cookie = r.request.cookies[Self.signInCookie]?.value,
              Self.constantTimeEqual(Array(sent.utf8), Array(cookie.utf8)), !sent.isEmpty else {
            return signInPage(r, next: next, login: login, problem: "The sign-in form had expired or came from another page. Sign in again.",
                              status: .forbidden)
        }
        do {
            let session = try await service.login(login, password: r.form.fields["password"] ?? "")
            var response = Self.redirect(next)
            response.headers[.setCookie] = "\(Authentication.cookie)=\(session.id); Path=/; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "")
            return response
        } catch let error as ServiceError where error.status == 401 || error.status == 429 {
            return signInPage(r, next: next, login: login, problem: error.message + (error.hint.map { ". " + $0 } ?? ""),
                              status: HTTPResponse.Status(code: error.status))
        }
    }

    // MARK: queue

    func queue(_ r: PageRequest) async throws -> Response {
        let chosen = r.query("queue").flatMap(SubmissionState.Queue.init(rawValue:))
        let view = try await service.queue(r.actor, queue: chosen)
        let verdict = r.query("verdict") ?? ""
        let reviewer = r.query("reviewer") ?? ""
        let sort = r.query("sort") ?? "updated"
        let age = r.query("age").flatMap(Int.init) ?? 0
        let now = Date()
        var items = view.items
        if age > 0 {
            // Waiting at least `age` days since the last change.
            items = items.filter { PageWords.days(since: $0.updatedAt, now: now).map { $0 >= age } ?? false }
        }
        if !verdict.isEmpty { items = items.filter { ($0.verdict ?? "none") == verdict } }
        if reviewer == "none" {
            items = items.filter { $0.reviewers.isEmpty }
        } else if let id = Int64(reviewer) {
            items = items.filter { $0.reviewers.contains { $0.id == id } }
        }
        let rank = ["fail": 0, "incomplete": 1, "needs_review": 2, "pass": 3]
        switch sort {
        case "age": items.sort { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        case "title": items.sort { $0.title.localizedCaseInsensitiveCompare($1.title) == .orderedAscending }
        case "verdict": items.sort { (rank[$0.verdict ?? ""] ?? -1, $0.id) < (rank[$1.verdict ?? ""] ?? -1, $1.id) }
        default: break  // the service's order: most recently changed first
        }
        func href(_ q: String?) -> String {
            var parts: [String] = []
            if let q { parts.append("queue=\(q)") }
            if !verdict.isEmpty { parts.append("verdict=\(verdict)") }
            if !reviewer.isEmpty { parts.append("reviewer=\(reviewer)") }
            if sort != "updated" { parts.append("sort=\(sort)") }
            if age > 0 { parts.append("age=\(age)") }
            return "/queue" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
        }
        let queueLabels: [SubmissionState.Queue: String] = [.draft: "Drafts", .notAssigned: "Not assigned", .inReview: "In review", .decided: "Decided"]
        var tabs = [QueuePage.Tab(href: href(nil), label: "All", count: view.counts.values.reduce(0, +), current: chosen == nil)]
        for q in SubmissionState.Queue.allCases where q != .draft || r.actor.has(.submitter) {
            tabs.append(.init(href: href(q.rawValue), label: queueLabels[q] ?? q.rawValue, count: view.counts[q.rawValue] ?? 0, current: chosen == q))
        }
        let verdicts = [("", "any"), ("fail", "FAIL"), ("incomplete", "INCOMPLETE"), ("needs_review", "NEEDS REVIEW"), ("pass", "PASS"), ("none", "not checked")]
            .map { Choice(value: $0.0, label: $0.1, selected: $0.0 == verdict) }
        var people: [Int64: String] = [:]
        for item in view.items { for p in item.reviewers { people[p.id] = p.name } }
        let reviewers = [Choice(value: "", label: "anyone", selected: reviewer.isEmpty), Choice(value: "none", label: "not assigned", selected: reviewer == "none")]
            + people.sorted { $0.value < $1.value }.map { Choice(value: String($0.key), label: $0.value, selected: reviewer == String($0.key)) }
        let sorts = [("updated", "last change, newest first"), ("age", "waiting longest first"), ("verdict", "verdict, worst first"), ("title", "title")]
            .map { Choice(value: $0.0, label: $0.1, selected: $0.0 == sort) }
        let ages = [("", "any"), ("7", "a week or more"), ("30", "30 days or more"), ("90", "90 days or more")]
            .map { Choice(value: $0.0, label: $0.1, selected: $0.0 == (age > 0 ? String(age) : "")) }
        let model = QueuePage(
            chrome: chrome(r.context, notice: notice(r)), tabs: tabs, queue: chosen?.rawValue, verdicts: verdicts, reviewers: reviewers, ages: ages, sorts: sorts,
            caption: "\(items.count) submission\(items.count == 1 ? "" : "s")" + (chosen.map { " · " + (queueLabels[$0] ?? $0.rawValue) } ?? ""),
            items: items.map { item in
                QueuePage.Item(id: item.id, title: item.title, type: item.type, state: item.state.replacingOccurrences(of: "_", with: " "),
                               verdictClass: item.verdict ?? "none", verdictLabel: PageWords.verdictLabel(item.verdict),
                               submitter: item.submitter.name, reviewers: item.reviewers.map(\.name).joined(separator: ", "),
                               age: PageWords.age(since: item.updatedAt, now: now), latestVersion: item.latestVersion)
            },
            hasItems: !items.isEmpty)
        return page("queue", model)
    }
}
