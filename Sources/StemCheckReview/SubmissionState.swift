/// Where a submission stands in the board's workflow (docs/irb-workflow, §1.7).
public enum SubmissionState: String, Sendable, CaseIterable, Codable {
    /// Uploaded by the submitter, not yet submitted: versions may be added.
    case draft
    /// Submitted; board staff check completeness against the automated report.
    case preReview = "pre_review"
    /// Returned to the submitter with stipulations; the clock runs against the study team.
    case returned
    /// Routed to review (expedited or convened) with assigned reviewers.
    case inReview = "in_review"
    /// A determination asked for modifications or deferred; waiting for the submitter's response.
    case awaitingResponse = "awaiting_response"
    /// Approved (terminal for this submission; later changes are a new modification submission).
    case approved
    /// Disapproved, with reasons and the opportunity to respond in a new submission.
    case disapproved
    /// Withdrawn by the submitter before a final determination.
    case withdrawn

    /// No action changes a terminal submission.
    public var isTerminal: Bool { self == .approved || self == .disapproved || self == .withdrawn }

    /// The queue a reviewer sees it in.
    public var queue: Queue {
        switch self {
        case .draft: .draft
        case .preReview: .notAssigned
        case .returned, .inReview, .awaitingResponse: .inReview
        case .approved, .disapproved, .withdrawn: .decided
        }
    }

    /// The board's queues (SPEC §9: not assigned / in review / decided), plus the submitter's drafts.
    public enum Queue: String, Sendable, CaseIterable, Codable {
        case draft
        case notAssigned = "not_assigned"
        case inReview = "in_review"
        case decided
    }
}

/// How a submission is reviewed once pre-review routes it.
public enum ReviewPath: String, Sendable, CaseIterable, Codable {
    /// By the convened board; only it may disapprove.
    case convened
    /// By a designated reviewer, who "may not disapprove the research" (45 CFR 46.110(b)).
    case expedited
}
