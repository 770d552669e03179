/// Everything a user can do to a submission. Each is one row of `TransitionTable`; the API has
/// one route per action, and the audit trail names the action.
public enum WorkflowAction: String, Sendable, CaseIterable, Codable {
    /// Add a version (new protocol bytes) while the submission is with its submitter.
    case upload
    /// Send the draft to the board.
    case submit
    /// Return to the submitter with itemised stipulations (at least one).
    case `return`
    /// Answer a stipulation (submitter).
    case address
    /// Mark an addressed stipulation resolved (board).
    case resolve
    /// Resubmit after a return: needs a new version and no required stipulation left open.
    case resubmit
    /// Route a pre-reviewed submission to review, expedited or convened.
    case accept
    /// Assign a reviewer (primary, secondary or designated).
    case assign
    /// Comment on a result, or on the submission.
    case comment
    /// Attest a review item or decide a waiver: a signed record.
    case attest
    /// Record a determination: a signed record.
    case determine
    /// Verify a condition of a determination as met by a version.
    case verify
    /// Answer a determination that asked for modifications or deferred: needs a new version.
    case respond
    /// Withdraw the submission.
    case withdraw
}

/// Where an allowed action leaves the submission.
public enum TransitionTarget: Sendable, Equatable {
    /// The state does not change (uploads, comments, assignments, attestations …).
    case same
    /// A fixed state.
    case state(SubmissionState)
    /// Back to the state that returned it (pre-review or review).
    case returnedFrom
    /// The determination's kind decides (approved, awaiting response, disapproved).
    case byDetermination
}

/// One row of the table: who may take `action` in which states, and what follows.
public struct Transition: Sendable, Equatable {
    public var action: WorkflowAction
    public var from: Set<SubmissionState>
    public var roles: Set<Role>
    public var target: TransitionTarget
    /// The acting user must be the submission's submitter (`submitter` rows) or assigned to it
    /// (`reviewer` rows); board-wide roles act on every submission.
    public init(_ action: WorkflowAction, from: Set<SubmissionState>, roles: Set<Role>, to target: TransitionTarget) {
        self.action = action
        self.from = from
        self.roles = roles
        self.target = target
    }
}

/// Why the table refuses an action.
public enum Refusal: Error, Sendable, Equatable {
    /// None of the user's roles may ever take this action: HTTP 403.
    case forbidden
    /// The action is not possible in the submission's current state: HTTP 409.
    case conflict(SubmissionState)
}

/// The closed transition table: state × action × role → state (docs/server.md, "Workflow").
/// Everything not listed is refused; a test walks every triple through the API.
public struct TransitionTable: Sendable {
    public var rows: [Transition]

    public init(rows: [Transition]) { self.rows = rows }

    /// The board's workflow.
    public static let standard: TransitionTable = {
        let open: Set<SubmissionState> = [.draft, .preReview, .returned, .inReview, .awaitingResponse]
        let withTeam: Set<SubmissionState> = [.draft, .returned, .awaitingResponse]
        let board: Set<Role> = [.analyst, .chair]
        return TransitionTable(rows: [
            Transition(.upload, from: withTeam, roles: [.submitter], to: .same),
            Transition(.submit, from: [.draft], roles: [.submitter], to: .state(.preReview)),
            Transition(.return, from: [.preReview, .inReview], roles: board, to: .state(.returned)),
            Transition(.address, from: [.returned], roles: [.submitter], to: .same),
            Transition(.resolve, from: [.preReview, .returned, .inReview], roles: [.analyst, .reviewer, .chair], to: .same),
            Transition(.resubmit, from: [.returned], roles: [.submitter], to: .returnedFrom),
            Transition(.accept, from: [.preReview], roles: board, to: .state(.inReview)),
            Transition(.assign, from: [.preReview, .inReview], roles: board, to: .same),
            Transition(.comment, from: open.union([.approved, .disapproved]),
                       roles: [.submitter, .analyst, .reviewer, .chair], to: .same),
            Transition(.attest, from: [.inReview], roles: [.reviewer, .chair], to: .same),
            Transition(.determine, from: [.inReview], roles: [.reviewer, .chair], to: .byDetermination),
            Transition(.verify, from: [.inReview], roles: [.chair], to: .same),
            Transition(.respond, from: [.awaitingResponse], roles: [.submitter], to: .state(.inReview)),
            Transition(.withdraw, from: open, roles: [.submitter], to: .state(.withdrawn)),
        ])
    }()

    /// The row that lets a user with `roles` take `action` in `state`, or why not.
    public func decide(_ action: WorkflowAction, in state: SubmissionState, roles: [Role]) -> Result<Transition, Refusal> {
        let rows = self.rows.filter { $0.action == action && !$0.roles.isDisjoint(with: roles) }
        guard !rows.isEmpty else { return .failure(.forbidden) }
        guard let row = rows.first(where: { $0.from.contains(state) }) else { return .failure(.conflict(state)) }
        return .success(row)
    }

    /// The roles that may ever take `action`.
    public func roles(for action: WorkflowAction) -> Set<Role> {
        rows.filter { $0.action == action }.reduce(into: Set<Role>()) { $0.formUnion($1.roles) }
    }

    /// The states `action` is possible in.
    public func states(for action: WorkflowAction) -> Set<SubmissionState> {
        rows.filter { $0.action == action }.reduce(into: Set<SubmissionState>()) { $0.formUnion($1.from) }
    }
}
