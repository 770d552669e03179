import StemCheckReview

// The stored records. Each is Codable with the columns' names in camel case (rows decode with
// `convertFromSnakeCase`), and each audited one's digest is what the audit trail vouches for.
// Flags are stored as integers (0/1) so both databases decode them alike.

/// An account. Never deleted or renamed onto another person: deactivated (`active = 0`).
public struct UserRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "user"
    public var id: Int64
    public var login: String
    public var printedName: String
    public var email: String
    public var roles: String
    public var passwordHash: String
    public var active: Int
    public var createdAt: String

    public var roleList: [Role] { (try? Role.parseList(roles).get()) ?? [] }
}

/// An API token: only its SHA-256 is stored.
public struct TokenRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "token"
    public var id: Int64
    public var userId: Int64
    public var name: String
    public var tokenSha256: String
    public var createdAt: String
    public var revoked: Int
}

/// A study: the long-lived file its submissions belong to (initial review, then modifications;
/// continuing review and closure come with a later version of the service).
public struct StudyRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "study"
    public var id: Int64
    public var title: String
    public var submitterId: Int64
    public var createdAt: String
}

/// A submission to the board on a study: `initial` or `modification`.
public struct SubmissionRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "submission"
    public var id: Int64
    public var studyId: Int64
    public var title: String
    public var type: String
    public var submitterId: Int64
    public var state: String
    public var returnedFrom: String?
    public var reviewPath: String?
    public var createdAt: String
    public var updatedAt: String
    /// Bumped by every change: a client that sends the revision it saw gets 409 when another
    /// change came first (optimistic check).
    public var revision: Int64

    public var stateValue: SubmissionState { SubmissionState(rawValue: state) ?? .draft }
    public var path: ReviewPath? { reviewPath.flatMap(ReviewPath.init(rawValue:)) }
}

/// An immutable version: the uploaded bytes (by digest; the bytes and reports are stored beside
/// it and checked against their digests by `audit verify`).
public struct VersionRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "version"
    public var id: Int64
    public var submissionId: Int64
    public var seq: Int
    public var filename: String
    public var format: String
    public var sha256: String
    public var size: Int64
    /// The located input error when the bytes are not a usable protocol (FILE:LINE:COL …).
    public var inputError: String?
    public var verdict: String?
    public var profile: String?
    /// JSON: `[{"id","version","sha256"}]` of the rule packs the report used.
    public var packs: String
    /// JSON: `[ResultSummary]`, for comparisons and anchors.
    public var results: String
    public var reportSha256: String?
    public var createdBy: Int64
    public var createdAt: String
}

/// An itemised correction asked at a return.
public struct StipulationRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "stipulation"
    public var id: Int64
    public var submissionId: Int64
    public var versionSeq: Int
    /// A rule id of the report, a field path, or nil for the submission as a whole.
    public var anchor: String?
    public var text: String
    public var required: Int
    public var status: String
    public var response: String?
    public var raisedBy: Int64
    public var raisedAt: String
    public var addressedBy: Int64?
    public var addressedAt: String?
    public var resolvedBy: Int64?
    public var resolvedAt: String?
}

/// A reviewer assigned to a submission.
public struct AssignmentRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "assignment"
    public var id: Int64
    public var submissionId: Int64
    public var reviewerId: Int64
    /// primary, secondary or designated (the expedited reviewer).
    public var kind: String
    public var assignedBy: Int64
    public var assignedAt: String
}

/// A comment on a result (rule id) or on the submission.
public struct CommentRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "comment"
    public var id: Int64
    public var submissionId: Int64
    public var versionSeq: Int
    public var rule: String?
    public var authorId: Int64
    public var text: String
    public var createdAt: String
}

/// A reviewer's signed decision on a review item or a waiver.
public struct AttestationRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "attestation"
    public var id: Int64
    public var submissionId: Int64
    public var versionSeq: Int
    public var versionSha256: String
    public var rule: String
    public var kind: String
    public var outcome: String
    public var statement: String
    public var byId: Int64
    public var at: String
}

/// The board's signed determination on one version.
public struct DeterminationRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "determination"
    public var id: Int64
    public var submissionId: Int64
    public var versionSeq: Int
    public var versionSha256: String
    public var reportSha256: String?
    public var kind: String
    public var path: String?
    public var basis: String
    public var decidedBy: Int64
    public var decidedAt: String

    public var kindValue: DeterminationKind { DeterminationKind(rawValue: kind) ?? .deferred }
}

/// A required modification of a determination, verified by the chair.
public struct ConditionRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "condition"
    public var id: Int64
    public var determinationId: Int64
    public var text: String
    /// open or met.
    public var status: String
    public var verifiedBy: Int64?
    public var verifiedAt: String?
    public var metInVersionSeq: Int?
}

/// An electronic signature (21 CFR 11.50, 11.70): linked to the signed record by its digest.
public struct SignatureRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "signature"
    public var id: Int64
    public var userId: Int64
    public var printedName: String
    public var signedAt: String
    public var meaning: String
    public var recordType: String
    public var recordId: Int64
    public var recordSha256: String
    public var authMethod: String
}

/// An issued determination letter (the bytes are stored beside it, checked by digest).
public struct LetterRecord: AuditedRecord, Codable, Equatable {
    public static let entity = "letter"
    public var id: Int64
    public var determinationId: Int64
    public var htmlSha256: String
    public var markdownSha256: String
    public var issuedAt: String
}
