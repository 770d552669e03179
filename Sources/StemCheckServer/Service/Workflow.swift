import Foundation
import SQLKit
import StemCheckModel
import StemCheckReview

/// The submission workflow: creation, versions, and every action of the transition table.
extension ReviewService {
    // MARK: access

    /// The submission if the actor may see it: its submitter; analysts, chairs and auditors; a
    /// reviewer assigned to it. Anyone else gets 404, as if it did not exist.
    func visibleSubmission(_ tx: Transaction, _ actor: Actor, _ id: Int64) async throws -> (SubmissionRecord, assigned: AssignmentRecord?) {
        guard let sub = try await tx.record(SubmissionRecord.self, "SELECT * FROM submissions WHERE id = \(bind: id)") else {
            throw ServiceError.notFound("submission \(id)")
        }
        let assignment = try await actor.id.asyncMap { me in
            try await tx.record(AssignmentRecord.self, "SELECT * FROM assignments WHERE submission_id = \(bind: id) AND reviewer_id = \(bind: me)")
        } ?? nil
        let owner = actor.has(.submitter) && sub.submitterId == actor.id
        let board = actor.roles.contains(where: \.seesAllSubmissions)
        guard owner || board || (actor.has(.reviewer) && assignment != nil) else { throw ServiceError.notFound("submission \(id)") }
        return (sub, assignment)
    }

    /// The actor's roles that count on this submission: `submitter` only for its own,
    /// `reviewer` only when assigned; a board role never on a submission of their own.
    func effectiveRoles(_ actor: Actor, _ sub: SubmissionRecord, assigned: AssignmentRecord?) -> [Role] {
        let own = sub.submitterId == actor.id
        return actor.roles.filter { role in
            switch role {
            case .submitter: own
            case .reviewer: assigned != nil && !own
            case .analyst, .chair: !own
            case .auditor, .admin: false
            }
        }
    }

    /// The actions the actor may take now.
    func allowedActions(_ actor: Actor, _ sub: SubmissionRecord, assigned: AssignmentRecord?) -> [String] {
        let roles = effectiveRoles(actor, sub, assigned: assigned)
        return WorkflowAction.allCases.filter {
            if case .success = table.decide($0, in: sub.stateValue, roles: roles) { return true }
            return false
        }.map(\.rawValue)
    }

    /// Runs one action of the table on a submission in a write transaction: object-level access,
    /// the optimistic revision check, the table; then `body`, the state change and the audit event.
    /// A refused attempt (403/409) is itself recorded in the audit trail.
    func act<R: Sendable>(_ actor: Actor, _ id: Int64, _ action: WorkflowAction, revision: Int64? = nil,
                          _ body: @escaping @Sendable (Transaction, inout SubmissionRecord, AssignmentRecord?, String) async throws -> R) async throws -> R {
        let now = clock.timestamp()
        let table = self.table
        do {
            return try await store.write { tx in
                var (sub, assigned) = try await visibleSubmission(tx, actor, id)
                let roles = effectiveRoles(actor, sub, assigned: assigned)
                let row: Transition
                let decision = table.decide(action, in: sub.stateValue, roles: roles)
                if case .failure(.forbidden) = decision {
                    throw ServiceError(403, "forbidden", "your role may not \(action.rawValue) this submission",
                                       hint: "roles that may: " + table.roles(for: action).sorted().map(\.rawValue).joined(separator: ", "))
                }
                // A user acting on what they loaded learns first that it changed (two people deciding at once).
                if let revision, revision != sub.revision {
                    throw ServiceError(409, "stale", "the submission changed since you loaded it (revision \(revision), now \(sub.revision))",
                                       hint: "reload the submission and try again")
                }
                switch decision {
                case .success(let r): row = r
                case .failure(.forbidden):
                    throw ServiceError(403, "forbidden", "your role may not \(action.rawValue) this submission")
                case .failure(.conflict(let state)):
                    throw ServiceError(409, "conflict", "cannot \(action.rawValue) a submission that is \(state.rawValue)",
                                       hint: "possible in: " + table.states(for: action).map(\.rawValue).sorted().joined(separator: ", "))
                }
                let before = sub.state
                let result = try await body(tx, &sub, assigned, now)
                switch row.target {
                case .same, .byDetermination: break
                case .state(let state): sub.state = state.rawValue
                case .returnedFrom:
                    sub.state = sub.returnedFrom ?? SubmissionState.preReview.rawValue
                    sub.returnedFrom = nil
                }
                sub.revision += 1
                sub.updatedAt = now
                try await tx.update("submissions", sub)
                try await tx.audit(actor, "submission.\(action.rawValue)", sub,
                                   detail: before == sub.state ? before : "\(before) → \(sub.state)", at: now)
                return result
            }
        } catch let error as ServiceError where error.status == 403 || (error.status == 409 && error.code == "conflict") {
            _ = try? await store.write { tx in
                try await tx.audit(actor, "denied.\(action.rawValue)", entity: "submission", id: id, digest: "",
                                   detail: "\(error.status): \(error.message)", at: now)
            }
            throw error
        }
    }

    // MARK: submissions and versions

    /// A new submission (state draft) with its first version: an initial submission of a new
    /// study, or (`study` given) a modification of the submitter's approved study. A study has at
    /// most one open submission at a time.
    public func createSubmission(_ actor: Actor, title: String, filename: String, bytes: [UInt8], study: Int64? = nil) async throws -> UploadResult {
        guard actor.has(.submitter) else {
            throw ServiceError(403, "forbidden", "only a submitter creates submissions", hint: "ask an administrator for the submitter role")
        }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 500 else {
            throw ServiceError.badRequest("the title is empty or longer than 500 characters", hint: "give the study's title")
        }
        let outcome = try await check(bytes, filename: filename)
        let now = clock.timestamp()
        return try await store.write { tx in
            let studyID: Int64
            if let study {
                guard let record = try await tx.record(StudyRecord.self, "SELECT * FROM studies WHERE id = \(bind: study)"),
                      record.submitterId == actor.id else { throw ServiceError.notFound("study \(study)") }
                let open = try await tx.records(SubmissionRecord.self, "SELECT * FROM submissions WHERE study_id = \(bind: study)")
                if let busy = open.first(where: { !$0.stateValue.isTerminal }) {
                    throw ServiceError(409, "study_busy", "study \(study) already has an open submission (\(busy.id), \(busy.state))",
                                       hint: "finish or withdraw submission \(busy.id) first")
                }
                guard open.contains(where: { $0.stateValue == .approved }) else {
                    throw ServiceError(409, "study_not_approved", "study \(study) has no approved submission to modify",
                                       hint: "start a new study, or resubmit the study's initial submission")
                }
                studyID = study
            } else {
                let record = StudyRecord(id: try await tx.nextID("studies"), title: title, submitterId: actor.id ?? 0, createdAt: now)
                try await tx.insert("studies", record)
                try await tx.audit(actor, "study.created", record, detail: title, at: now)
                studyID = record.id
            }
            let sub = SubmissionRecord(id: try await tx.nextID("submissions"), studyId: studyID, title: title, type: study == nil ? "initial" : "modification",
                                       submitterId: actor.id ?? 0, state: SubmissionState.draft.rawValue, returnedFrom: nil,
                                       reviewPath: nil, createdAt: now, updatedAt: now, revision: 1)
            try await tx.insert("submissions", sub)
            try await tx.audit(actor, "submission.created", sub, detail: title, at: now)
            let (version, _) = try await addVersion(tx, actor, sub, filename: filename, bytes: bytes, outcome: outcome, at: now)
            return UploadResult(submissionId: sub.id, created: true, version: version)
        }
    }

    /// A new version of a submission that is with its submitter; the same bytes again give the
    /// existing version (`created: false`).
    public func upload(_ actor: Actor, submission id: Int64, filename: String, bytes: [UInt8]) async throws -> UploadResult {
        let outcome = try await check(bytes, filename: filename)
        return try await act(actor, id, .upload) { tx, sub, _, now in
            let (version, created) = try await addVersion(tx, actor, sub, filename: filename, bytes: bytes, outcome: outcome, at: now)
            return UploadResult(submissionId: sub.id, created: created, version: version)
        }
    }

    /// Refuses what cannot be a protocol, then checks it off the cooperative pool.
    func check(_ bytes: [UInt8], filename: String) async throws -> ProtocolChecking.Outcome {
        if bytes.count > configuration.maxUploadBytes {
            throw ServiceError(413, "too_large", "the upload is \(bytes.count) bytes, more than the \(configuration.maxUploadBytes) allowed",
                               hint: "protocols are text of a few hundred kilobytes; check you sent the right file")
        }
        if let refusal = ProtocolChecking.refusal(bytes) {
            throw ServiceError(415, "not_a_protocol", refusal, hint: "upload the protocol as YAML or JSON text (UTF-8)")
        }
        let (checking, name, seconds) = (self.checking, Self.safeFilename(filename), clock.seconds())
        return try await offloaded { checking.check(bytes: bytes, filename: name, seconds: seconds) }
    }

    /// A file name reduced to its last component and printable characters.
    static func safeFilename(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\\" }.prefix(200))
        return cleaned.isEmpty ? "protocol.yaml" : cleaned
    }

    func addVersion(_ tx: Transaction, _ actor: Actor, _ sub: SubmissionRecord, filename: String, bytes: [UInt8],
                    outcome: ProtocolChecking.Outcome, at now: String) async throws -> (VersionView, Bool) {
        let sha = Digest.sha256(bytes)
        if let existing = try await tx.record(VersionRecord.self, "SELECT \(unsafeRaw: Self.versionColumns) FROM versions WHERE submission_id = \(bind: sub.id) AND sha256 = \(bind: sha)") {
            return (Self.view(existing), false)
        }
        let seq = try await tx.first("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM versions WHERE submission_id = \(bind: sub.id)")?
            .decode(column: "next", as: Int.self) ?? 1
        let report = outcome.report
        let packs = report?.rulePacks.map { VersionView.Pack(id: $0.id, version: $0.version, sha256: $0.sha256) } ?? []
        let results = report.map(ResultSummary.of) ?? []
        let version = VersionRecord(id: try await tx.nextID("versions"), submissionId: sub.id, seq: seq,
                                    filename: Self.safeFilename(filename), format: outcome.format, sha256: sha,
                                    size: Int64(bytes.count), inputError: outcome.inputError,
                                    verdict: report?.summary.verdict.rawValue, profile: report.map { $0.profile ?? "all packs" },
                                    packs: Self.json(packs), results: Self.json(results),
                                    reportSha256: outcome.json.map(Digest.sha256), createdBy: actor.id ?? 0, createdAt: now)
        try await tx.run("""
            INSERT INTO versions (id, submission_id, seq, filename, format, sha256, bytes, size, input_error, verdict, profile,
              packs, results, report_json, report_html, report_sha256, created_by, created_at)
            VALUES (\(bind: version.id), \(bind: version.submissionId), \(bind: version.seq), \(bind: version.filename),
              \(bind: version.format), \(bind: version.sha256), \(bind: Data(bytes)), \(bind: version.size), \(bind: version.inputError),
              \(bind: version.verdict), \(bind: version.profile), \(bind: version.packs), \(bind: version.results),
              \(bind: outcome.json.map { Data($0) }), \(bind: outcome.html.map { Data($0) }), \(bind: version.reportSha256),
              \(bind: version.createdBy), \(bind: version.createdAt))
            """)
        try await tx.audit(actor, "version.created", version,
                           detail: "v\(seq) \(version.filename) \(version.verdict ?? "input error")", at: now)
        return (Self.view(version), true)
    }

    static let versionColumns = "id, submission_id, seq, filename, format, sha256, size, input_error, verdict, profile, packs, results, report_sha256, created_by, created_at"

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    static func view(_ v: VersionRecord) -> VersionView {
        var summary: [String: Int] = [:]
        for result in decode([ResultSummary].self, v.results) ?? [] { summary[result.status, default: 0] += 1 }
        return VersionView(seq: v.seq, filename: v.filename, format: v.format, sha256: v.sha256, size: v.size,
                           inputError: v.inputError, verdict: v.verdict, profile: v.profile,
                           packs: decode([VersionView.Pack].self, v.packs) ?? [], reportSha256: v.reportSha256,
                           createdAt: v.createdAt, createdBy: v.createdBy, summary: summary)
    }

    func versions(_ tx: Transaction, _ id: Int64) async throws -> [VersionRecord] {
        try await tx.records(VersionRecord.self, "SELECT \(unsafeRaw: Self.versionColumns) FROM versions WHERE submission_id = \(bind: id) ORDER BY seq")
    }

    func latestVersion(_ tx: Transaction, _ id: Int64) async throws -> VersionRecord {
        guard let v = try await tx.record(VersionRecord.self, "SELECT \(unsafeRaw: Self.versionColumns) FROM versions WHERE submission_id = \(bind: id) ORDER BY seq DESC LIMIT 1") else {
            throw ServiceError(409, "no_version", "the submission has no version", hint: "upload the protocol first")
        }
        return v
    }

    // MARK: the actions

    /// Sends a draft to the board.
    public func submit(_ actor: Actor, _ id: Int64, revision: Int64? = nil) async throws {
        try await act(actor, id, .submit, revision: revision) { tx, sub, _, _ in
            _ = try await latestVersion(tx, sub.id)
        }
    }

    /// One stipulation of a return.
    public struct StipulationInput: Codable, Sendable {
        public var text: String
        public var anchor: String?
        public var required: Bool?
        public init(text: String, anchor: String? = nil, required: Bool? = nil) {
            self.text = text
            self.anchor = anchor
            self.required = required
        }
    }

    /// Returns the submission to its submitter with itemised stipulations, anchored to the latest
    /// version's results (a rule id) or to a field path.
    public func returnSubmission(_ actor: Actor, _ id: Int64, stipulations: [StipulationInput], revision: Int64? = nil) async throws -> [StipulationView] {
        guard !stipulations.isEmpty else {
            throw ServiceError.unprocessable("stipulations_required", "a return needs at least one stipulation",
                                             hint: "list each correction as {\"text\": …, \"anchor\": RULE-ID}")
        }
        return try await act(actor, id, .return, revision: revision) { tx, sub, _, now in
            let version = try await latestVersion(tx, sub.id)
            let rules = Set((Self.decode([ResultSummary].self, version.results) ?? []).map(\.rule))
            var created: [StipulationView] = []
            for item in stipulations {
                let text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw ServiceError.unprocessable("empty_stipulation", "a stipulation's text is empty", hint: "say what must change") }
                try Self.checkAnchor(item.anchor, rules: rules)
                let record = StipulationRecord(id: try await tx.nextID("stipulations"), submissionId: sub.id, versionSeq: version.seq,
                                               anchor: item.anchor, text: text, required: item.required == false ? 0 : 1,
                                               status: StipulationStatus.open.rawValue, response: nil, raisedBy: actor.id ?? 0,
                                               raisedAt: now, addressedBy: nil, addressedAt: nil, resolvedBy: nil, resolvedAt: nil)
                try await tx.insert("stipulations", record)
                try await tx.audit(actor, "stipulation.raised", record, detail: record.anchor ?? "", at: now)
                created.append(StipulationView(id: record.id, versionSeq: record.versionSeq, anchor: record.anchor, text: text,
                                               required: record.required == 1, status: record.status, response: nil,
                                               raisedBy: PersonView(id: actor.id ?? 0, name: actor.name), raisedAt: now))
            }
            sub.returnedFrom = sub.state
            return created
        }
    }

    static func checkAnchor(_ anchor: String?, rules: Set<String>) throws {
        guard let anchor, !anchor.isEmpty else { return }
        if rules.contains(anchor) { return }
        if (try? /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+|\[[0-9]+\])*$/.wholeMatch(in: anchor)) != nil { return }
        throw ServiceError.unprocessable("bad_anchor", "'\(anchor)' is neither a rule of the version's report nor a field path",
                                         hint: "anchor a stipulation to a rule id (e.g. ISSCR-IND-EC-REVIEW) or a field such as ethics.committee")
    }

    /// The submitter answers a stipulation.
    public func address(_ actor: Actor, _ id: Int64, stipulation: Int64, response: String) async throws {
        let response = response.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !response.isEmpty else { throw ServiceError.unprocessable("empty_response", "the response is empty", hint: "say how the stipulation was addressed") }
        try await act(actor, id, .address) { tx, sub, _, now in
            var item = try await Self.stipulation(tx, sub.id, stipulation)
            guard item.status != StipulationStatus.resolved.rawValue else {
                throw ServiceError(409, "already_resolved", "stipulation \(stipulation) is already resolved")
            }
            item.status = StipulationStatus.addressed.rawValue
            item.response = response
            item.addressedBy = actor.id
            item.addressedAt = now
            try await tx.update("stipulations", item)
            try await tx.audit(actor, "stipulation.addressed", item, at: now)
        }
    }

    /// The board accepts a stipulation's answer.
    public func resolve(_ actor: Actor, _ id: Int64, stipulation: Int64) async throws {
        try await act(actor, id, .resolve) { tx, sub, _, now in
            var item = try await Self.stipulation(tx, sub.id, stipulation)
            guard item.status == StipulationStatus.addressed.rawValue else {
                throw ServiceError(409, "not_addressed", "stipulation \(stipulation) is \(item.status); only an addressed one can be resolved",
                                   hint: "wait for the submitter's response")
            }
            item.status = StipulationStatus.resolved.rawValue
            item.resolvedBy = actor.id
            item.resolvedAt = now
            try await tx.update("stipulations", item)
            try await tx.audit(actor, "stipulation.resolved", item, at: now)
        }
    }

    static func stipulation(_ tx: Transaction, _ submission: Int64, _ id: Int64) async throws -> StipulationRecord {
        guard let item = try await tx.record(StipulationRecord.self, "SELECT * FROM stipulations WHERE id = \(bind: id) AND submission_id = \(bind: submission)") else {
            throw ServiceError.notFound("stipulation \(id) of submission \(submission)")
        }
        return item
    }

    /// Resubmits after a return: a new version since the return, and no required stipulation open.
    public func resubmit(_ actor: Actor, _ id: Int64, revision: Int64? = nil) async throws {
        try await act(actor, id, .resubmit, revision: revision) { tx, sub, _, _ in
            let raisedOn = try await tx.first("SELECT COALESCE(MAX(version_seq), 0) AS seq FROM stipulations WHERE submission_id = \(bind: sub.id)")?
                .decode(column: "seq", as: Int.self) ?? 0
            let latest = try await latestVersion(tx, sub.id)
            guard latest.seq > raisedOn else {
                throw ServiceError.unprocessable("no_new_version", "no version was uploaded since the return (the stipulations were raised on v\(raisedOn))",
                                                 hint: "upload the revised protocol, then resubmit")
            }
            let open = try await tx.records(StipulationRecord.self, "SELECT * FROM stipulations WHERE submission_id = \(bind: sub.id) AND status = 'open' AND required = 1 ORDER BY id")
            if !open.isEmpty {
                throw ServiceError.unprocessable("stipulations_open", "\(open.count) required stipulation(s) not addressed: " + open.map { "#\($0.id)" }.joined(separator: ", "),
                                                 hint: "answer each with POST …/stipulations/ID/address before resubmitting")
            }
        }
    }

    /// Routes a pre-reviewed submission to review.
    public func accept(_ actor: Actor, _ id: Int64, path: ReviewPath, revision: Int64? = nil) async throws {
        try await act(actor, id, .accept, revision: revision) { _, sub, _, _ in
            sub.reviewPath = path.rawValue
        }
    }

    /// Assigns a reviewer. The reviewer needs the reviewer role and may not be the submitter.
    public func assign(_ actor: Actor, _ id: Int64, reviewer login: String, kind: String) async throws -> AssignmentView {
        guard ["primary", "secondary", "designated"].contains(kind) else {
            throw ServiceError.badRequest("unknown assignment kind '\(kind)'", hint: "use primary, secondary or designated (the expedited reviewer)")
        }
        return try await act(actor, id, .assign) { tx, sub, _, now in
            let reviewer = try await Self.user(tx, login: login)
            guard reviewer.active == 1, reviewer.roleList.contains(.reviewer) || reviewer.roleList.contains(.chair) else {
                throw ServiceError.unprocessable("not_a_reviewer", "'\(login)' is not an active reviewer or chair", hint: "give the user the reviewer role first")
            }
            guard reviewer.id != sub.submitterId else {
                throw ServiceError.unprocessable("conflict_of_interest", "'\(login)' submitted this study and cannot review it")
            }
            if try await tx.first("SELECT id FROM assignments WHERE submission_id = \(bind: sub.id) AND reviewer_id = \(bind: reviewer.id)") != nil {
                throw ServiceError(409, "already_assigned", "'\(login)' is already assigned to submission \(sub.id)")
            }
            let record = AssignmentRecord(id: try await tx.nextID("assignments"), submissionId: sub.id, reviewerId: reviewer.id,
                                          kind: kind, assignedBy: actor.id ?? 0, assignedAt: now)
            try await tx.insert("assignments", record)
            try await tx.audit(actor, "assignment.created", record, detail: "\(login) as \(kind)", at: now)
            return AssignmentView(id: record.id, reviewer: PersonView(id: reviewer.id, name: reviewer.printedName), kind: kind, assignedAt: now)
        }
    }

    /// A comment on a result of a version (rule id) or on the submission.
    public func comment(_ actor: Actor, _ id: Int64, rule: String?, text: String, versionSeq: Int? = nil) async throws -> CommentView {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 20_000 else {
            throw ServiceError.unprocessable("empty_comment", "the comment is empty or longer than 20,000 characters")
        }
        return try await act(actor, id, .comment) { tx, sub, _, now in
            let version = try await Self.version(tx, sub.id, versionSeq, fallback: try await latestVersion(tx, sub.id))
            if let rule, !rule.isEmpty {
                let rules = Set((Self.decode([ResultSummary].self, version.results) ?? []).map(\.rule))
                guard rules.contains(rule) else {
                    throw ServiceError.unprocessable("unknown_rule", "rule \(rule) has no result in version \(version.seq)",
                                                     hint: "comment on a rule of the version's report, or leave rule out")
                }
            }
            let record = CommentRecord(id: try await tx.nextID("comments"), submissionId: sub.id, versionSeq: version.seq,
                                       rule: rule?.isEmpty == true ? nil : rule, authorId: actor.id ?? 0, text: text, createdAt: now)
            try await tx.insert("comments", record)
            try await tx.audit(actor, "comment.created", record, detail: record.rule ?? "", at: now)
            return CommentView(id: record.id, versionSeq: record.versionSeq, rule: record.rule,
                               author: PersonView(id: actor.id ?? 0, name: actor.name), text: text, createdAt: now)
        }
    }

    static func version(_ tx: Transaction, _ submission: Int64, _ seq: Int?, fallback: @autoclosure () async throws -> VersionRecord) async throws -> VersionRecord {
        guard let seq else { return try await fallback() }
        guard let v = try await tx.record(VersionRecord.self, "SELECT \(unsafeRaw: versionColumns) FROM versions WHERE submission_id = \(bind: submission) AND seq = \(bind: seq)") else {
            throw ServiceError.notFound("version \(seq) of submission \(submission)")
        }
        return v
    }

    /// A signed decision on a review item (a `review` result) or a waiver (a `waived` result) of
    /// the latest version. Re-asks the password.
    public func attest(_ actor: Actor, _ id: Int64, rule: String, kind: AttestationKind, outcome: AttestationOutcome,
                       statement: String, password: String?) async throws -> AttestationView {
        let statement = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !statement.isEmpty else {
            throw ServiceError.unprocessable("statement_required", "an attestation needs a statement", hint: "say what you checked and found")
        }
        let signer = try await confirmPassword(actor, password)
        return try await act(actor, id, .attest) { tx, sub, _, now in
            let version = try await latestVersion(tx, sub.id)
            let results = Self.decode([ResultSummary].self, version.results) ?? []
            guard let result = results.first(where: { $0.rule == rule }) else {
                throw ServiceError.unprocessable("unknown_rule", "rule \(rule) has no result in version \(version.seq)")
            }
            let expected = kind == .reviewItem ? "review" : "waived"
            guard result.status == expected else {
                throw ServiceError.unprocessable("not_attestable", "\(rule) is '\(result.status)' in version \(version.seq); a \(kind.rawValue) decision needs a '\(expected)' result")
            }
            let record = AttestationRecord(id: try await tx.nextID("attestations"), submissionId: sub.id, versionSeq: version.seq,
                                           versionSha256: version.sha256, rule: rule, kind: kind.rawValue, outcome: outcome.rawValue,
                                           statement: statement, byId: signer.id, at: now)
            try await tx.insert("attestations", record)
            try await tx.audit(actor, "attestation.created", record, detail: "\(rule) \(outcome.rawValue)", at: now)
            let signature = try await sign(tx, signer, record, meaning: .attestation, at: now)
            return AttestationView(id: record.id, versionSeq: record.versionSeq, rule: rule, kind: record.kind, outcome: record.outcome,
                                   statement: statement, signature: Self.view(signature, valid: true))
        }
    }

    /// Signs a record: the signature holds the record's digest (21 CFR 11.70).
    func sign<R: AuditedRecord>(_ tx: Transaction, _ signer: UserRecord, _ record: R, meaning: SignatureMeaning, at now: String) async throws -> SignatureRecord {
        let signature = SignatureRecord(id: try await tx.nextID("signatures"), userId: signer.id, printedName: signer.printedName,
                                        signedAt: now, meaning: meaning.rawValue, recordType: R.entity, recordId: record.id,
                                        recordSha256: record.digest, authMethod: "password")
        try await tx.insert("signatures", signature)
        try await tx.audit(Actor(id: signer.id, name: signer.printedName, roles: signer.roleList), "signature.created", signature,
                           detail: "\(meaning.rawValue) of \(R.entity) \(record.id)", at: now)
        return signature
    }

    static func view(_ s: SignatureRecord, valid: Bool) -> SignatureView {
        SignatureView(id: s.id, printedName: s.printedName, signedAt: s.signedAt, meaning: s.meaning, recordSha256: s.recordSha256, valid: valid)
    }

    /// Records the board's determination on the latest version, signed, with its conditions, and
    /// issues the letter. Approval after a determination with conditions needs every condition met.
    public func determine(_ actor: Actor, _ id: Int64, kind: DeterminationKind, basis: String, conditions: [String],
                          password: String?, revision: Int64? = nil) async throws -> DeterminationView {
        let basis = basis.trimmingCharacters(in: .whitespacesAndNewlines)
        if kind.needsBasis, basis.isEmpty {
            throw ServiceError.unprocessable("basis_required", "a '\(kind.rawValue)' determination must state its basis",
                                             hint: "give the reasons (45 CFR 46.109(d); 21 CFR 56.115(a)(2))")
        }
        let conditions = conditions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if kind == .modificationsRequired, conditions.isEmpty {
            throw ServiceError.unprocessable("conditions_required", "'modifications_required' needs at least one condition",
                                             hint: "list each specific change the chair will verify")
        }
        let signer = try await confirmPassword(actor, password)
        let board = configuration.boardName
        return try await act(actor, id, .determine, revision: revision) { tx, sub, assigned, now in
            let isChair = actor.has(.chair)
            if !isChair {
                guard sub.path == .expedited, assigned?.kind == "designated" else {
                    throw ServiceError(403, "forbidden", "only the chair records determinations, or the designated reviewer on the expedited path",
                                       hint: "ask the chair")
                }
            }
            if let refusal = determinationAllowed(kind, path: sub.path, isChair: isChair) {
                throw ServiceError.unprocessable("refer_to_convened_board", refusal)
            }
            if kind == .approved {
                let open = try await tx.first("""
                    SELECT COUNT(*) AS n FROM conditions c JOIN determinations d ON d.id = c.determination_id
                    WHERE d.submission_id = \(bind: sub.id) AND c.status <> 'met'
                    """)?.decode(column: "n", as: Int.self) ?? 0
                if open > 0 {
                    throw ServiceError.unprocessable("conditions_open", "\(open) condition(s) of an earlier determination are not verified as met",
                                                     hint: "verify each with POST …/conditions/ID/verify first")
                }
            }
            let version = try await latestVersion(tx, sub.id)
            let record = DeterminationRecord(id: try await tx.nextID("determinations"), submissionId: sub.id, versionSeq: version.seq,
                                             versionSha256: version.sha256, reportSha256: version.reportSha256, kind: kind.rawValue,
                                             path: sub.reviewPath, basis: basis, decidedBy: signer.id, decidedAt: now)
            try await tx.insert("determinations", record)
            try await tx.audit(actor, "determination.created", record, detail: kind.rawValue, at: now)
            var conditionViews: [ConditionView] = []
            for text in conditions {
                let c = ConditionRecord(id: try await tx.nextID("conditions"), determinationId: record.id, text: text,
                                        status: "open", verifiedBy: nil, verifiedAt: nil, metInVersionSeq: nil)
                try await tx.insert("conditions", c)
                try await tx.audit(actor, "condition.created", c, at: now)
                conditionViews.append(ConditionView(id: c.id, text: text, status: "open", verifiedBy: nil, verifiedAt: nil, metInVersionSeq: nil))
            }
            let signature = try await sign(tx, signer, record, meaning: kind == .disapproved ? .disapproval : .approval, at: now)
            sub.state = kind.resultingState.rawValue
            let letter = try await issueLetter(tx, actor, board: board, sub, version, record, conditions: conditions, signature: signature, at: now)
            return DeterminationView(id: record.id, versionSeq: version.seq, versionSha256: version.sha256, kind: kind.rawValue,
                                     path: sub.reviewPath, basis: basis, decidedAt: now, conditions: conditionViews,
                                     signature: Self.view(signature, valid: true), letterId: letter.id)
        }
    }

    /// The chair verifies a condition as met by the latest version.
    public func verify(_ actor: Actor, _ id: Int64, condition: Int64) async throws -> ConditionView {
        try await act(actor, id, .verify) { tx, sub, _, now in
            guard var c = try await tx.record(ConditionRecord.self, """
                SELECT c.* FROM conditions c JOIN determinations d ON d.id = c.determination_id
                WHERE c.id = \(bind: condition) AND d.submission_id = \(bind: sub.id)
                """) else { throw ServiceError.notFound("condition \(condition) of submission \(sub.id)") }
            guard c.status != "met" else { throw ServiceError(409, "already_met", "condition \(condition) is already verified") }
            let version = try await latestVersion(tx, sub.id)
            c.status = "met"
            c.verifiedBy = actor.id
            c.verifiedAt = now
            c.metInVersionSeq = version.seq
            try await tx.update("conditions", c)
            try await tx.audit(actor, "condition.verified", c, detail: "met in v\(version.seq)", at: now)
            return ConditionView(id: c.id, text: c.text, status: c.status, verifiedBy: PersonView(id: actor.id ?? 0, name: actor.name),
                                 verifiedAt: now, metInVersionSeq: version.seq)
        }
    }

    /// The submitter answers a determination that asked for modifications or deferred: a new
    /// version since the determination.
    public func respond(_ actor: Actor, _ id: Int64, revision: Int64? = nil) async throws {
        try await act(actor, id, .respond, revision: revision) { tx, sub, _, _ in
            let decidedOn = try await tx.first("SELECT COALESCE(MAX(version_seq), 0) AS seq FROM determinations WHERE submission_id = \(bind: sub.id)")?
                .decode(column: "seq", as: Int.self) ?? 0
            guard try await latestVersion(tx, sub.id).seq > decidedOn else {
                throw ServiceError.unprocessable("no_new_version", "no version was uploaded since the determination on v\(decidedOn)",
                                                 hint: "upload the revised protocol, then respond")
            }
        }
    }

    /// Withdraws the submission.
    public func withdraw(_ actor: Actor, _ id: Int64, revision: Int64? = nil) async throws {
        try await act(actor, id, .withdraw, revision: revision) { _, _, _, _ in }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
