import StemCheckReview

// What the API returns (JSON with snake-case keys) and the pages show.

/// A user as others see them.
public struct PersonView: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
}

/// An electronic signature as every rendering shows it: printed name, UTC time, meaning, and
/// whether the signed record still has the digest it was signed with (21 CFR 11.50, 11.70).
public struct SignatureView: Codable, Sendable, Equatable {
    public var id: Int64
    public var printedName: String
    public var signedAt: String
    public var meaning: String
    public var recordSha256: String
    public var valid: Bool
}

public struct VersionView: Codable, Sendable, Equatable {
    public struct Pack: Codable, Sendable, Equatable {
        public var id: String
        public var version: String
        public var sha256: String
    }
    public var seq: Int
    public var filename: String
    public var format: String
    public var sha256: String
    public var size: Int64
    public var inputError: String?
    public var verdict: String?
    public var profile: String?
    public var packs: [Pack]
    public var reportSha256: String?
    public var createdAt: String
    public var createdBy: Int64
    /// Counts of the report's statuses (empty for an input error).
    public var summary: [String: Int]
}

public struct StipulationView: Codable, Sendable, Equatable {
    public var id: Int64
    public var versionSeq: Int
    public var anchor: String?
    public var text: String
    public var required: Bool
    public var status: String
    public var response: String?
    public var raisedBy: PersonView
    public var raisedAt: String
}

public struct AssignmentView: Codable, Sendable, Equatable {
    public var id: Int64
    public var reviewer: PersonView
    public var kind: String
    public var assignedAt: String
}

public struct CommentView: Codable, Sendable, Equatable {
    public var id: Int64
    public var versionSeq: Int
    public var rule: String?
    public var author: PersonView
    public var text: String
    public var createdAt: String
}

public struct AttestationView: Codable, Sendable, Equatable {
    public var id: Int64
    public var versionSeq: Int
    public var rule: String
    public var kind: String
    public var outcome: String
    public var statement: String
    public var signature: SignatureView?
}

public struct ConditionView: Codable, Sendable, Equatable {
    public var id: Int64
    public var text: String
    public var status: String
    public var verifiedBy: PersonView?
    public var verifiedAt: String?
    public var metInVersionSeq: Int?
}

public struct DeterminationView: Codable, Sendable, Equatable {
    public var id: Int64
    public var versionSeq: Int
    public var versionSha256: String
    public var kind: String
    public var path: String?
    public var basis: String
    public var decidedAt: String
    public var conditions: [ConditionView]
    public var signature: SignatureView?
    public var letterId: Int64?
}

/// A submission with everything recorded on it, and what the asking user may do next.
public struct SubmissionView: Codable, Sendable, Equatable {
    public var id: Int64
    public var studyId: Int64
    public var title: String
    public var type: String
    public var state: String
    public var queue: String
    public var reviewPath: String?
    public var submitter: PersonView
    public var createdAt: String
    public var updatedAt: String
    public var revision: Int64
    public var versions: [VersionView]
    public var stipulations: [StipulationView]
    public var assignments: [AssignmentView]
    public var comments: [CommentView]
    public var attestations: [AttestationView]
    public var determinations: [DeterminationView]
    public var allowedActions: [String]
}

/// A line of the queue.
public struct QueueItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var studyId: Int64
    public var type: String
    public var title: String
    public var state: String
    public var queue: String
    public var submitter: PersonView
    public var latestVersion: Int
    public var verdict: String?
    public var reviewers: [PersonView]
    public var updatedAt: String
}

/// The queue: items and how many are in each queue.
public struct QueueView: Codable, Sendable, Equatable {
    public var counts: [String: Int]
    public var items: [QueueItem]
}

/// An upload's outcome: the version and whether it is new (the same bytes give the same version).
public struct UploadResult: Codable, Sendable, Equatable {
    public var submissionId: Int64
    public var created: Bool
    public var version: VersionView
}
