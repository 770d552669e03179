import Foundation
import Hummingbird
import StemCheckReview

/// The pages about one submission: the submission page, version comparison, the determination
/// form with its letter preview, the audit history; and user administration.
extension Pages {
    /// The order the full report lists results in: problems first.
    static let statusOrder = ["fail": 0, "error": 1, "unknown": 2, "review": 3, "waived": 4, "pass": 5, "not_applicable": 6]
    static let severityOrder = ["error": 0, "warning": 1, "info": 2]

    func submission(_ r: PageRequest) async throws -> Response {
        let id = try r.id()
        let actor = r.actor
        let sub = try await service.submission(actor, id)
        guard let latest = sub.versions.last else { throw ServiceError(409, "no_version", "the submission has no version") }
        let allowed = Set(sub.allowedActions)
        var results: [StoredResult] = []
        if latest.inputError == nil {
            let bytes = try await service.report(actor, id, seq: latest.seq, format: "json")
            results = (try? JSONDecoder().decode(StoredReport.self, from: Data(bytes)))?.results ?? []
        }

        let violations = results.filter { $0.status == "fail" || $0.status == "error" }
            .sorted { (Self.severityOrder[$0.severity] ?? 3) < (Self.severityOrder[$1.severity] ?? 3) }
            .map { v in
                SubmissionPage.Violation(rule: v.rule, title: v.title ?? "", severity: v.severity, message: v.message,
                                         remediation: v.remediation, citation: v.citation,
                                         where: [v.path, v.location.map { "line \($0.line)" }].compactMap { $0 }.joined(separator: ", "))
            }
        var groups: [String: (path: String, reason: String?, rules: [String])] = [:]
        var order: [String] = []
        for result in results where result.status == "unknown" {
            for m in result.missing ?? [] {
                let reason = m.reason == "absent" ? nil : m.reason
                let key = m.path + "\u{0}" + (reason ?? "")
                if groups[key] == nil { order.append(key); groups[key] = (m.path, reason, []) }
                if groups[key]!.rules.last != result.rule { groups[key]!.rules.append(result.rule) }
            }
        }
        let notStated = order.map { key in
            let g = groups[key]!
            return SubmissionPage.NotStated(path: g.path, reason: g.reason, rules: g.rules.joined(separator: ", "))
        }
        let checklist = results.filter { $0.status == "review" || $0.status == "waived" }.enumerated().map { n, item in
            SubmissionPage.ChecklistItem(index: n, rule: item.rule, title: item.title ?? "", kind: item.status == "review" ? "review_item" : "waiver",
                                         message: item.message,
                                         attestations: sub.attestations.filter { $0.rule == item.rule && $0.versionSeq == latest.seq },
                                         canAttest: allowed.contains("attest"))
        }
        let stipulations = sub.stipulations.map { s in
            SubmissionPage.Stipulation(id: s.id, anchor: s.anchor, text: s.text, status: s.status, response: s.response,
                                       raisedBy: s.raisedBy.name, raisedAt: s.raisedAt, versionSeq: s.versionSeq,
                                       canAddress: allowed.contains("address") && s.status == "open",
                                       canResolve: allowed.contains("resolve") && s.status != "resolved")
        }
        let determinations = sub.determinations.map { d in
            SubmissionPage.Determination(
                kind: DeterminationKind(rawValue: d.kind)?.label ?? d.kind, versionSeq: d.versionSeq, basis: d.basis.isEmpty ? nil : d.basis,
                signature: d.signature,
                conditions: Listing(d.conditions.map { .init(id: $0.id, text: $0.text, status: $0.status, canVerify: allowed.contains("verify") && $0.status != "met") }),
                letterId: d.letterId)
        }
        var simple: [SubmissionPage.SimpleAction] = []
        for (action, label) in [("submit", "Submit to the board"), ("resubmit", "Resubmit to the board"), ("respond", "Send the response to the board")]
        where allowed.contains(action) {
            simple.append(.init(action: action, label: label, danger: false))
        }
        if allowed.contains("withdraw") { simple.append(.init(action: "withdraw", label: "Withdraw the submission", danger: true)) }
        let canAssign = allowed.contains("assign")
        var actions = SubmissionPage.Actions(simple: simple, accept: allowed.contains("accept"), determine: allowed.contains("determine"),
                                             assign: canAssign, returnForm: allowed.contains("return"), upload: allowed.contains("upload"),
                                             comment: allowed.contains("comment"), any: false)
        actions.any = !simple.isEmpty || actions.accept || actions.determine || actions.assign || actions.returnForm || actions.upload
        let reviewerChoices = canAssign
            ? try await service.users().filter { $0.active == 1 && $0.roleList.contains(.reviewer) && $0.id != sub.submitter.id }
                .map { SubmissionPage.Reviewer(login: $0.login, name: $0.printedName) }
            : []
        let counts = [("fail", "violated"), ("error", "errors"), ("unknown", "not stated"), ("review", "needs review"), ("waived", "waived"),
                      ("pass", "met"), ("not_applicable", "not applicable")]
            .compactMap { key, label in latest.summary[key].flatMap { $0 > 0 ? Count(label: label, count: $0) : nil } }
        let versions = sub.versions.map { v in
            SubmissionPage.Version(seq: v.seq, filename: v.filename, verdictLabel: v.inputError == nil ? PageWords.verdictLabel(v.verdict) : "input error",
                                   createdAt: v.createdAt, hasReport: v.inputError == nil, previous: v.seq > 1 ? v.seq - 1 : nil)
        }
        let all = results.sorted {
            (Self.statusOrder[$0.status] ?? 9, Self.severityOrder[$0.severity] ?? 3) < (Self.statusOrder[$1.status] ?? 9, Self.severityOrder[$1.severity] ?? 3)
        }.map { SubmissionPage.Result(rule: $0.rule, title: $0.title ?? "", status: $0.status, statusLabel: PageWords.statusLabel($0.status),
                                      severity: $0.severity, message: $0.message) }
        var ruleChoices: [String] = []
        for result in results where result.status != "pass" && result.status != "not_applicable" && !ruleChoices.contains(result.rule) {
            ruleChoices.append(result.rule)
        }
        let own = sub.submitter.id == actor.id
        let model = SubmissionPage(
            chrome: chrome(r.context, notice: notice(r)), id: sub.id, submissionId: sub.id, title: sub.title,
            state: sub.state.replacingOccurrences(of: "_", with: " "), reviewPath: sub.reviewPath, submitter: sub.submitter.name,
            revision: sub.revision, version: latest, inputError: latest.inputError, verdict: latest.inputError == nil ? latest.verdict : nil,
            verdictClass: latest.verdict ?? "none", verdictLabel: PageWords.verdictLabel(latest.verdict),
            verdictExplanation: PageWords.verdictExplanation(latest.verdict), counts: counts, actions: actions,
            reviewerChoices: reviewerChoices, stipulations: Listing(stipulations), violations: Listing(violations),
            notStated: Listing(notStated), checklist: Listing(checklist), determinations: Listing(determinations),
            comments: Listing(sub.comments.map { .init(rule: $0.rule, text: $0.text, author: $0.author.name, createdAt: $0.createdAt, versionSeq: $0.versionSeq) }),
            ruleChoices: ruleChoices, versions: versions,
            canSeeAudit: actor.has(.auditor) || (!own && (actor.has(.analyst) || actor.has(.chair))),
            allResults: Listing(all))
        return page("submission", model)
    }

    func compare(_ r: PageRequest) async throws -> Response {
        let id = try r.id()
        let sub = try await service.submission(r.actor, id)
        func seq(_ name: String) throws -> Int? {
            guard let text = r.query(name) else { return nil }
            guard let value = Int(text) else { throw ServiceError.badRequest("'\(name)' is not a version number") }
            return value
        }
        let comparison = try await service.compare(r.actor, id, from: try seq("from"), to: try seq("to"))
        let checked = sub.versions.filter { $0.inputError == nil }
        func choices(_ selected: Int) -> [Choice] {
            checked.map { Choice(value: String($0.seq), label: "v\($0.seq) · \(PageWords.verdictLabel($0.verdict))", selected: $0.seq == selected) }
        }
        var groups: [ComparePage.Group] = []
        var counts: [Count] = []
        for change in ResultChange.allCases {
            let entries = comparison.entries.filter { $0.change == change }
            counts.append(Count(label: PageWords.changeLabel(change), count: entries.count))
            guard change != .unchanged, !entries.isEmpty else { continue }
            groups.append(ComparePage.Group(key: change.rawValue, label: PageWords.changeLabel(change), count: entries.count, entries: entries.map { e in
                ComparePage.Entry(rule: e.rule, title: e.title, severity: e.severity,
                                  before: e.before.map(PageWords.statusLabel) ?? "did not run", after: e.after.map(PageWords.statusLabel) ?? "did not run",
                                  beforeClass: e.before ?? "none", afterClass: e.after ?? "none")
            }))
        }
        let model = ComparePage(chrome: chrome(r.context), id: id, title: sub.title, fromSeq: comparison.fromSeq, toSeq: comparison.toSeq,
                                fromChoices: choices(comparison.fromSeq), toChoices: choices(comparison.toSeq), counts: counts, groups: groups)
        return page("compare", model)
    }

    func determination(_ r: PageRequest) async throws -> Response {
        let id = try r.id()
        let sub = try await service.submission(r.actor, id)
        guard sub.allowedActions.contains("determine"), let latest = sub.versions.last else {
            throw ServiceError(403, "forbidden", "you cannot record a determination on this submission in its present state",
                               hint: "the chair decides submissions in review; the designated reviewer decides expedited ones")
        }
        let kind = r.query("kind").flatMap(DeterminationKind.init(rawValue:))
        let basis = r.query("basis") ?? ""
        let conditions = r.query("conditions") ?? ""
        var preview: String?
        if let kind {
            preview = Self.letterBody(try await service.previewLetter(r.actor, id, kind: kind, basis: basis, conditions: Self.lines(conditions)))
        }
        let model = DeterminationPage(
            chrome: chrome(r.context), id: id, title: sub.title, versionSeq: latest.seq, verdictLabel: PageWords.verdictLabel(latest.verdict),
            revision: sub.revision,
            kinds: DeterminationKind.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            kind: kind?.rawValue ?? "", basis: basis, conditions: conditions, preview: preview)
        return page("determination", model)
    }

    /// The body of a letter page (LetterRenderer escapes every value it writes), its headings
    /// moved down two levels to sit under the determination page's own.
    static func letterBody(_ html: String) -> String {
        guard let start = html.range(of: "<main>\n"), let end = html.range(of: "</main>", range: start.upperBound..<html.endIndex) else { return "" }
        var body = String(html[start.upperBound..<end.lowerBound])
        for level in [3, 2, 1] {
            body = body.replacingOccurrences(of: "<h\(level)>", with: "<h\(level + 2)>").replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 2)>")
        }
        return body
    }

    func audit(_ r: PageRequest) async throws -> Response {
        let id = try r.id()
        let sub = try await service.submission(r.actor, id)
        let events = try await service.history(r.actor, id).map {
            AuditPage.Event(seq: $0.seq, at: $0.at, actorName: $0.actorName, action: $0.action, entity: $0.entity, entityID: $0.entityID,
                            detail: $0.detail, shortDigest: String($0.digest.prefix(12)))
        }
        return page("audit", AuditPage(chrome: chrome(r.context), id: id, title: sub.title, events: events))
    }

    func users(_ r: PageRequest) async throws -> Response {
        guard r.actor.has(.admin) else { throw ServiceError(403, "forbidden", "only an administrator manages accounts") }
        let users = try await service.users().map { u in
            UsersPage.User(login: u.login, printedName: u.printedName, roles: Role.listText(u.roleList),
                           status: u.active == 1 ? "active" : "deactivated",
                           toggle: u.active == 1 ? "deactivate" : "activate", toggleLabel: u.active == 1 ? "Deactivate" : "Reactivate")
        }
        return page("users", UsersPage(chrome: chrome(r.context, notice: notice(r)), users: users,
                                       roleNames: Role.allCases.map(\.rawValue).joined(separator: ", ")))
    }
}
