/// The board's decision on a submission (SPEC §9; 45 CFR 46.109(a) / 21 CFR 56.109(a): "approve,
/// require modifications in (to secure approval), or disapprove"; deferred is board practice).
public enum DeterminationKind: String, Sendable, CaseIterable, Codable {
    case approved
    /// Specific, minor changes; the chair verifies them (`conditions`).
    case modificationsRequired = "modifications_required"
    /// The board cannot decide without substantive changes or information.
    case deferred
    /// Criteria cannot be met; the letter gives reasons and the opportunity to respond.
    case disapproved

    /// Every kind but approval must say why (`basis`): 46.109(d) asks for reasons on disapproval,
    /// 56.115(a)(2) records "the basis for requiring changes in or disapproving research".
    public var needsBasis: Bool { self != .approved }

    /// The state the submission moves to.
    public var resultingState: SubmissionState {
        switch self {
        case .approved: .approved
        case .modificationsRequired, .deferred: .awaitingResponse
        case .disapproved: .disapproved
        }
    }

    /// Words for letters and pages.
    public var label: String {
        switch self {
        case .approved: "Approved"
        case .modificationsRequired: "Modifications required"
        case .deferred: "Deferred"
        case .disapproved: "Disapproved"
        }
    }
}

/// Whether a user may record a determination of `kind` on a submission on `path`. An expedited
/// reviewer "may not disapprove the research" (45 CFR 46.110(b); 21 CFR 56.110(b)): they refer it
/// to the convened board instead.
public func determinationAllowed(_ kind: DeterminationKind, path: ReviewPath?, isChair: Bool) -> String? {
    if kind == .disapproved, path == .expedited {
        return "research under expedited review may not be disapproved (45 CFR 46.110(b): the reviewers \"may not disapprove the research\"); refer the submission to the convened board"
    }
    if kind == .disapproved, !isChair {
        return "only the convened board, through its chair, disapproves research; refer the submission to the convened board"
    }
    return nil
}

/// The status of a stipulation raised at a return (docs/irb-workflow §1.4).
public enum StipulationStatus: String, Sendable, CaseIterable, Codable {
    case open
    /// The submitter answered it.
    case addressed
    /// The board accepted the answer.
    case resolved
}

/// What an attestation decides.
public enum AttestationKind: String, Sendable, CaseIterable, Codable {
    /// A `kind: review` item of the report, judged by a person.
    case reviewItem = "review_item"
    /// A waiver the protocol or the submitter claimed.
    case waiver
}

/// The outcome an attestation records.
public enum AttestationOutcome: String, Sendable, CaseIterable, Codable {
    /// The reviewer confirms the review item is met / the waiver is approved.
    case accepted
    /// The reviewer finds it not met / refuses the waiver.
    case rejected
}

/// The meaning of an electronic signature (21 CFR 11.50(a)(3)).
public enum SignatureMeaning: String, Sendable, CaseIterable, Codable {
    case approval
    case review
    case verification
    case attestation
    case disapproval
}
