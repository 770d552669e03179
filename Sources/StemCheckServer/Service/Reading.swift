import Foundation
import SQLKit
import StemCheckModel
import StemCheckReview

/// Reading: submissions, the queue, reports, comparisons, letters, a submission's audit history.
extension ReviewService {
    /// Everything recorded on a submission the actor may see.
    public func submission(_ actor: Actor, _ id: Int64) async throws -> SubmissionView {
        try await store.read { tx in
            let (sub, assigned) = try await visibleSubmission(tx, actor, id)
            return try await view(tx, actor, sub, assigned: assigned)
        }
    }

    func people(_ tx: Transaction) async throws -> [Int64: PersonView] {
        let users = try await tx.records(UserRecord.self, "SELECT * FROM users")
        return Dictionary(uniqueKeysWithValues: users.map { ($0.id, PersonView(id: $0.id, name: $0.printedName)) })
    }

    func view(_ tx: Transaction, _ actor: Actor, _ sub: SubmissionRecord, assigned: AssignmentRecord?) async throws -> SubmissionView {
        let people = try await people(tx)
        func person(_ id: Int64?) -> PersonView { id.flatMap { people[$0] } ?? PersonView(id: id ?? 0, name: "unknown") }
        let versions = try await versions(tx, sub.id).map(Self.view)
        let stipulations = try await tx.records(StipulationRecord.self, "SELECT * FROM stipulations WHERE submission_id = \(bind: sub.id) ORDER BY id").map {
            StipulationView(id: $0.id, versionSeq: $0.versionSeq, anchor: $0.anchor, text: $0.text, required: $0.required == 1,
                            status: $0.status, response: $0.response, raisedBy: person($0.raisedBy), raisedAt: $0.raisedAt)
        }
        let assignments = try await tx.records(AssignmentRecord.self, "SELECT * FROM assignments WHERE submission_id = \(bind: sub.id) ORDER BY id").map {
            AssignmentView(id: $0.id, reviewer: person($0.reviewerId), kind: $0.kind, assignedAt: $0.assignedAt)
        }
        let comments = try await tx.records(CommentRecord.self, "SELECT * FROM comments WHERE submission_id = \(bind: sub.id) ORDER BY id").map {
            CommentView(id: $0.id, versionSeq: $0.versionSeq, rule: $0.rule, author: person($0.authorId), text: $0.text, createdAt: $0.createdAt)
        }
        var attestations: [AttestationView] = []
        for a in try await tx.records(AttestationRecord.self, "SELECT * FROM attestations WHERE submission_id = \(bind: sub.id) ORDER BY id") {
            attestations.append(AttestationView(id: a.id, versionSeq: a.versionSeq, rule: a.rule, kind: a.kind, outcome: a.outcome,
                                                statement: a.statement, signature: try await signature(tx, a)))
        }
        var determinations: [DeterminationView] = []
        for d in try await tx.records(DeterminationRecord.self, "SELECT * FROM determinations WHERE submission_id = \(bind: sub.id) ORDER BY id") {
            let conditions = try await tx.records(ConditionRecord.self, "SELECT * FROM conditions WHERE determination_id = \(bind: d.id) ORDER BY id").map {
                ConditionView(id: $0.id, text: $0.text, status: $0.status, verifiedBy: $0.verifiedBy.map(person),
                              verifiedAt: $0.verifiedAt, metInVersionSeq: $0.metInVersionSeq)
            }
            let letter = try await tx.first("SELECT MAX(id) AS id FROM letters WHERE determination_id = \(bind: d.id)")?.decode(column: "id", as: Int64?.self) ?? nil
            determinations.append(DeterminationView(id: d.id, versionSeq: d.versionSeq, versionSha256: d.versionSha256, kind: d.kind,
                                                    path: d.path, basis: d.basis, decidedAt: d.decidedAt, conditions: conditions,
                                                    signature: try await signature(tx, d), letterId: letter))
        }
        return SubmissionView(id: sub.id, studyId: sub.studyId, title: sub.title, type: sub.type, state: sub.state, queue: sub.stateValue.queue.rawValue,
                              reviewPath: sub.reviewPath, submitter: person(sub.submitterId), createdAt: sub.createdAt,
                              updatedAt: sub.updatedAt, revision: sub.revision, versions: versions, stipulations: stipulations,
                              assignments: assignments, comments: comments, attestations: attestations,
                              determinations: determinations, allowedActions: allowedActions(actor, sub, assigned: assigned))
    }

    /// The signature of a record, with whether the record still has the digest it was signed with.
    func signature<R: AuditedRecord>(_ tx: Transaction, _ record: R) async throws -> SignatureView? {
        guard let s = try await tx.record(SignatureRecord.self, "SELECT * FROM signatures WHERE record_type = \(bind: R.entity) AND record_id = \(bind: record.id) ORDER BY id DESC LIMIT 1") else { return nil }
        return Self.view(s, valid: s.recordSha256 == record.digest)
    }

    /// The queue the actor sees, optionally one queue only.
    public func queue(_ actor: Actor, queue: SubmissionState.Queue? = nil) async throws -> QueueView {
        try await store.read { tx in
            let all = try await tx.records(SubmissionRecord.self, "SELECT * FROM submissions ORDER BY updated_at DESC, id DESC")
            let assignments = try await tx.records(AssignmentRecord.self, "SELECT * FROM assignments")
            let people = try await people(tx)
            let verdicts = try await tx.all("""
                SELECT v.submission_id, v.seq, v.verdict FROM versions v
                WHERE v.seq = (SELECT MAX(w.seq) FROM versions w WHERE w.submission_id = v.submission_id)
                """)
            var latest: [Int64: (Int, String?)] = [:]
            for row in verdicts {
                latest[try row.decode(column: "submission_id", as: Int64.self)] =
                    (try row.decode(column: "seq", as: Int.self), try row.decode(column: "verdict", as: String?.self))
            }
            let board = actor.roles.contains(where: \.seesAllSubmissions)
            let visible = all.filter { sub in
                (actor.has(.submitter) && sub.submitterId == actor.id) || board
                    || (actor.has(.reviewer) && assignments.contains { $0.submissionId == sub.id && $0.reviewerId == actor.id })
            }.filter { board || $0.submitterId == actor.id || $0.state != SubmissionState.draft.rawValue }
            var counts: [String: Int] = Dictionary(uniqueKeysWithValues: SubmissionState.Queue.allCases.map { ($0.rawValue, 0) })
            for sub in visible { counts[sub.stateValue.queue.rawValue, default: 0] += 1 }
            let items = visible.filter { queue == nil || $0.stateValue.queue == queue }.map { sub in
                QueueItem(id: sub.id, studyId: sub.studyId, type: sub.type, title: sub.title, state: sub.state, queue: sub.stateValue.queue.rawValue,
                          submitter: people[sub.submitterId] ?? PersonView(id: sub.submitterId, name: "unknown"),
                          latestVersion: latest[sub.id]?.0 ?? 0, verdict: latest[sub.id]?.1 ?? nil,
                          reviewers: assignments.filter { $0.submissionId == sub.id }.compactMap { people[$0.reviewerId] },
                          updatedAt: sub.updatedAt)
            }
            return QueueView(counts: counts, items: items)
        }
    }

    /// A stored report of a version: `json` (the CLI's JSON report bytes) or `html`.
    public func report(_ actor: Actor, _ id: Int64, seq: Int, format: String) async throws -> [UInt8] {
        try await store.read { tx in
            _ = try await visibleSubmission(tx, actor, id)
            let column = format == "html" ? "report_html" : "report_json"
            guard let row = try await tx.first("SELECT \(ident: column) AS body, input_error FROM versions WHERE submission_id = \(bind: id) AND seq = \(bind: seq)") else {
                throw ServiceError.notFound("version \(seq) of submission \(id)")
            }
            guard let data = try row.decode(column: "body", as: Data?.self) else {
                let error = try row.decode(column: "input_error", as: String?.self) ?? "no report"
                throw ServiceError(409, "input_error", "version \(seq) could not be checked: \(error)", hint: "upload a corrected protocol")
            }
            return Array(data)
        }
    }

    /// The uploaded bytes of a version.
    public func protocolBytes(_ actor: Actor, _ id: Int64, seq: Int) async throws -> (filename: String, bytes: [UInt8]) {
        try await store.read { tx in
            _ = try await visibleSubmission(tx, actor, id)
            guard let row = try await tx.first("SELECT filename, bytes FROM versions WHERE submission_id = \(bind: id) AND seq = \(bind: seq)") else {
                throw ServiceError.notFound("version \(seq) of submission \(id)")
            }
            return (try row.decode(column: "filename", as: String.self), Array(try row.decode(column: "bytes", as: Data.self)))
        }
    }

    /// Two versions compared result by result (default: the previous version against the latest).
    public func compare(_ actor: Actor, _ id: Int64, from: Int?, to: Int?) async throws -> VersionComparison {
        try await store.read { tx in
            _ = try await visibleSubmission(tx, actor, id)
            let all = try await versions(tx, id)
            guard let last = all.last else { throw ServiceError(409, "no_version", "the submission has no version") }
            let toSeq = to ?? last.seq
            let fromSeq = from ?? max(1, toSeq - 1)
            guard let a = all.first(where: { $0.seq == fromSeq }) else { throw ServiceError.notFound("version \(fromSeq) of submission \(id)") }
            guard let b = all.first(where: { $0.seq == toSeq }) else { throw ServiceError.notFound("version \(toSeq) of submission \(id)") }
            return VersionComparison(fromSeq: a.seq, before: Self.decode([ResultSummary].self, a.results) ?? [],
                                     toSeq: b.seq, after: Self.decode([ResultSummary].self, b.results) ?? [])
        }
    }

    /// The audit events about a submission and its records, oldest first: for the board's staff
    /// and auditors (submitters and reviewers read the records themselves, not the trail).
    public func history(_ actor: Actor, _ id: Int64) async throws -> [AuditEvent] {
        try await store.read { tx in
            let (sub, _) = try await visibleSubmission(tx, actor, id)
            guard actor.has(.auditor) || (sub.submitterId != actor.id && (actor.has(.analyst) || actor.has(.chair))) else {
                throw ServiceError(403, "forbidden", "only analysts, the chair and auditors read a submission's audit trail")
            }
            let owned = ["version": "versions", "stipulation": "stipulations", "assignment": "assignments", "comment": "comments",
                         "attestation": "attestations", "determination": "determinations"]
            var events = try await tx.auditEvents(entity: "submission", id: id)
            for (entity, table) in owned.sorted(by: { $0.key < $1.key }) {
                for row in try await tx.all("SELECT id FROM \(ident: table) WHERE submission_id = \(bind: id)") {
                    events += try await tx.auditEvents(entity: entity, id: try row.decode(column: "id", as: Int64.self))
                }
            }
            for row in try await tx.all("SELECT c.id FROM conditions c JOIN determinations d ON d.id = c.determination_id WHERE d.submission_id = \(bind: id)") {
                events += try await tx.auditEvents(entity: "condition", id: try row.decode(column: "id", as: Int64.self))
            }
            return events.sorted { $0.seq < $1.seq }
        }
    }

    // MARK: letters

    func letterContent(_ tx: Transaction, board: String, _ sub: SubmissionRecord, _ version: VersionRecord,
                       _ d: DeterminationRecord, conditions: [String], signature: SignatureRecord?) async throws -> LetterContent {
        let people = try await people(tx)
        let open = try await tx.records(StipulationRecord.self, "SELECT * FROM stipulations WHERE submission_id = \(bind: sub.id) AND status <> 'resolved' ORDER BY id")
        let packs = Self.decode([VersionView.Pack].self, version.packs) ?? []
        return LetterContent(
            board: board, submissionID: sub.id, title: sub.title, submitter: people[sub.submitterId]?.name ?? "unknown",
            versionSeq: version.seq, filename: version.filename, versionSHA256: version.sha256,
            reportSHA256: version.reportSha256 ?? "none (input error)", verdict: version.verdict ?? "not checked (input error)",
            profile: version.profile ?? "none", packs: packs.map { "\($0.id) \($0.version) \($0.sha256)" },
            kind: d.kindValue, path: d.path.flatMap(ReviewPath.init(rawValue:)), basis: d.basis, conditions: conditions,
            openStipulations: open.map { ($0.anchor.map { "[\($0)] " } ?? "") + $0.text + ($0.status == "addressed" ? " (addressed, not yet resolved)" : "") },
            decidedAt: d.decidedAt,
            signature: signature.map { LetterContent.SignatureBlock(printedName: $0.printedName, signedAt: $0.signedAt,
                                                                    meaning: SignatureMeaning(rawValue: $0.meaning) ?? .approval,
                                                                    valid: $0.recordSha256 == d.digest) })
    }

    func issueLetter(_ tx: Transaction, _ actor: Actor, board: String, _ sub: SubmissionRecord, _ version: VersionRecord,
                     _ d: DeterminationRecord, conditions: [String], signature: SignatureRecord, at now: String) async throws -> LetterRecord {
        let content = try await letterContent(tx, board: board, sub, version, d, conditions: conditions, signature: signature)
        let html: String, markdown: String
        do {
            html = try LetterRenderer.html(content)
            markdown = try LetterRenderer.markdown(content)
        } catch {
            throw ServiceError.unprocessable("letter_refused", error.description)
        }
        let record = LetterRecord(id: try await tx.nextID("letters"), determinationId: d.id,
                                  htmlSha256: Digest.sha256(Array(html.utf8)), markdownSha256: Digest.sha256(Array(markdown.utf8)), issuedAt: now)
        try await tx.run("""
            INSERT INTO letters (id, determination_id, html, markdown, html_sha256, markdown_sha256, issued_at)
            VALUES (\(bind: record.id), \(bind: record.determinationId), \(bind: Data(html.utf8)), \(bind: Data(markdown.utf8)),
              \(bind: record.htmlSha256), \(bind: record.markdownSha256), \(bind: record.issuedAt))
            """)
        try await tx.audit(actor, "letter.issued", record, detail: "determination \(d.id)", at: now)
        return record
    }

    /// The letter a determination would issue, unsigned (the HTML page LetterRenderer writes):
    /// the determination page's preview. Only someone who may record the determination now may preview it.
    public func previewLetter(_ actor: Actor, _ id: Int64, kind: DeterminationKind, basis: String, conditions: [String]) async throws -> String {
        let board = configuration.boardName
        let now = clock.timestamp()
        return try await store.read { tx in
            let (sub, assigned) = try await visibleSubmission(tx, actor, id)
            guard allowedActions(actor, sub, assigned: assigned).contains(WorkflowAction.determine.rawValue) else {
                throw ServiceError(403, "forbidden", "you cannot record a determination on this submission in its present state")
            }
            let version = try await latestVersion(tx, sub.id)
            let draft = DeterminationRecord(id: 0, submissionId: sub.id, versionSeq: version.seq, versionSha256: version.sha256,
                                            reportSha256: version.reportSha256, kind: kind.rawValue, path: sub.reviewPath,
                                            basis: basis.trimmingCharacters(in: .whitespacesAndNewlines), decidedBy: actor.id ?? 0, decidedAt: now)
            let content = try await letterContent(tx, board: board, sub, version, draft, conditions: conditions, signature: nil)
            do {
                return try LetterRenderer.html(content)
            } catch {
                throw ServiceError.unprocessable("letter_refused", String(describing: error))
            }
        }
    }

    /// An issued letter (`html` or `md`), as stored. Its download is logged.
    public func letter(_ actor: Actor, _ id: Int64, letter: Int64, format: String) async throws -> [UInt8] {
        let bytes = try await store.read { tx in
            _ = try await visibleSubmission(tx, actor, id)
            guard let row = try await tx.first("""
                SELECT l.html, l.markdown FROM letters l JOIN determinations d ON d.id = l.determination_id
                WHERE l.id = \(bind: letter) AND d.submission_id = \(bind: id)
                """) else { throw ServiceError.notFound("letter \(letter) of submission \(id)") }
            return Array(try row.decode(column: format == "md" ? "markdown" : "html", as: Data.self))
        }
        let now = clock.timestamp()
        _ = try await store.write { tx in
            try await tx.audit(actor, "letter.downloaded", entity: "letter", id: letter, digest: "", detail: format, at: now)
        }
        return bytes
    }

    /// Renders a stored letter again from the records: the same bytes as issued, unless a record
    /// changed (then its signature shows INVALID).
    public func rerenderLetter(_ letter: Int64, format: String) async throws -> [UInt8] {
        let board = configuration.boardName
        return try await store.read { tx in
            guard let l = try await tx.record(LetterRecord.self, "SELECT id, determination_id, html_sha256, markdown_sha256, issued_at FROM letters WHERE id = \(bind: letter)"),
                  let d = try await tx.record(DeterminationRecord.self, "SELECT * FROM determinations WHERE id = \(bind: l.determinationId)"),
                  let sub = try await tx.record(SubmissionRecord.self, "SELECT * FROM submissions WHERE id = \(bind: d.submissionId)") else {
                throw ServiceError.notFound("letter \(letter)")
            }
            let version = try await Self.version(tx, sub.id, d.versionSeq, fallback: try await latestVersion(tx, sub.id))
            let conditions = try await tx.records(ConditionRecord.self, "SELECT * FROM conditions WHERE determination_id = \(bind: d.id) ORDER BY id").map(\.text)
            let signature = try await tx.record(SignatureRecord.self, "SELECT * FROM signatures WHERE record_type = 'determination' AND record_id = \(bind: d.id)")
            // The stipulations open at issue time: those raised before it and not resolved by then.
            var content = try await letterContent(tx, board: board, sub, version, d, conditions: conditions, signature: signature)
            let stipulations = try await tx.records(StipulationRecord.self, "SELECT * FROM stipulations WHERE submission_id = \(bind: sub.id) ORDER BY id")
            content.openStipulations = stipulations.filter { $0.raisedAt <= l.issuedAt && ($0.resolvedAt.map { $0 > l.issuedAt } ?? true) }.map {
                ($0.anchor.map { "[\($0)] " } ?? "") + $0.text + (($0.addressedAt.map { $0 <= l.issuedAt } ?? false) ? " (addressed, not yet resolved)" : "")
            }
            do {
                return Array((format == "md" ? try LetterRenderer.markdown(content) : try LetterRenderer.html(content)).utf8)
            } catch {
                throw ServiceError.unprocessable("letter_refused", String(describing: error))
            }
        }
    }
}
