import Foundation
import SQLKit
import StemCheckModel
import StemCheckReview

/// `stemcheck-server audit verify`: the chain, its head, every audited record against the latest
/// event about it, stored bytes against their digests, and every signature against its record.
extension ReviewService {
    /// What verification found.
    public struct AuditReport: Sendable {
        public var events: Int
        public var records: Int
        public var problem: AuditProblem?
    }

    public func verifyAudit() async throws -> AuditReport {
        try await store.read { tx in
            let events = try await tx.auditEvents()
            let headRow = try await tx.first("SELECT seq, hash FROM audit_head WHERE id = 1")
            let head = try headRow.map { (try $0.decode(column: "seq", as: Int64.self), try $0.decode(column: "hash", as: String.self)) }
            if let problem = verifyChain(events, head: head ?? (events.isEmpty ? nil : (0, AuditEvent.genesis))) {
                return AuditReport(events: events.count, records: 0, problem: problem)
            }
            var digests: [String: [Int64: String]] = [:]
            func collect<R: AuditedRecord & Decodable>(_ type: R.Type, _ query: SQLQueryString) async throws -> [R] {
                let rows = try await tx.records(R.self, query)
                digests[R.entity] = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.digest) })
                return rows
            }
            _ = try await collect(UserRecord.self, "SELECT * FROM users")
            _ = try await collect(TokenRecord.self, "SELECT * FROM tokens")
            _ = try await collect(StudyRecord.self, "SELECT * FROM studies")
            _ = try await collect(SubmissionRecord.self, "SELECT * FROM submissions")
            _ = try await collect(VersionRecord.self, "SELECT \(unsafeRaw: Self.versionColumns) FROM versions")
            _ = try await collect(StipulationRecord.self, "SELECT * FROM stipulations")
            _ = try await collect(AssignmentRecord.self, "SELECT * FROM assignments")
            _ = try await collect(CommentRecord.self, "SELECT * FROM comments")
            let attestations = try await collect(AttestationRecord.self, "SELECT * FROM attestations")
            let determinations = try await collect(DeterminationRecord.self, "SELECT * FROM determinations")
            _ = try await collect(ConditionRecord.self, "SELECT * FROM conditions")
            let signatures = try await collect(SignatureRecord.self, "SELECT * FROM signatures")
            _ = try await collect(LetterRecord.self, "SELECT id, determination_id, html_sha256, markdown_sha256, issued_at FROM letters")
            let count = digests.values.reduce(0) { $0 + $1.count }
            if let problem = verifyRecords(digests, events: events) {
                return AuditReport(events: events.count, records: count, problem: problem)
            }
            // Stored bytes against the digests the records (and so the trail) vouch for.
            for row in try await tx.all("SELECT id, sha256, bytes, report_sha256, report_json FROM versions ORDER BY id") {
                let id = try row.decode(column: "id", as: Int64.self)
                let bytes = try row.decode(column: "bytes", as: Data.self), sha = try row.decode(column: "sha256", as: String.self)
                let json = try row.decode(column: "report_json", as: Data?.self), reportSha = try row.decode(column: "report_sha256", as: String?.self)
                if Digest.sha256(Array(bytes)) != sha {
                    return AuditReport(events: events.count, records: count, problem: AuditProblem(seq: nil, message: "version \(id): the stored protocol bytes do not match their SHA-256 (edited by hand)"))
                }
                if let json, Digest.sha256(Array(json)) != reportSha {
                    return AuditReport(events: events.count, records: count, problem: AuditProblem(seq: nil, message: "version \(id): the stored report does not match its SHA-256 (edited by hand)"))
                }
            }
            for row in try await tx.all("SELECT id, html, markdown, html_sha256, markdown_sha256 FROM letters ORDER BY id") {
                let id = try row.decode(column: "id", as: Int64.self)
                let html = try row.decode(column: "html", as: Data.self), htmlSha = try row.decode(column: "html_sha256", as: String.self)
                let md = try row.decode(column: "markdown", as: Data.self), mdSha = try row.decode(column: "markdown_sha256", as: String.self)
                if Digest.sha256(Array(html)) != htmlSha || Digest.sha256(Array(md)) != mdSha {
                    return AuditReport(events: events.count, records: count, problem: AuditProblem(seq: nil, message: "letter \(id): the stored letter does not match its SHA-256 (edited by hand)"))
                }
            }
            // Signatures: each still linked to the record it signed (21 CFR 11.70).
            let signed: [String: [Int64: String]] = [
                DeterminationRecord.entity: Dictionary(uniqueKeysWithValues: determinations.map { ($0.id, $0.digest) }),
                AttestationRecord.entity: Dictionary(uniqueKeysWithValues: attestations.map { ($0.id, $0.digest) }),
            ]
            for s in signatures.sorted(by: { $0.id < $1.id }) where signed[s.recordType]?[s.recordId] != s.recordSha256 {
                return AuditReport(events: events.count, records: count, problem: AuditProblem(seq: nil, message: "signature \(s.id) by \(s.printedName) is INVALID: \(s.recordType) \(s.recordId) changed after signing"))
            }
            return AuditReport(events: events.count, records: count, problem: nil)
        }
    }
}
