/// What evaluating one rule against one protocol found, before waivers and attestations are
/// applied (the third value of the pipeline; the adjudicator turns findings into a `Report`).
public struct Finding: Sendable, Equatable {
    /// pass, fail, unknown, error, not_applicable or review (never waived: that is the adjudicator's).
    public var status: Status
    /// What a reviewer reads.
    public var message: String
    /// The main path the finding is about.
    public var path: String?
    /// The offending value, or the nearest existing parent when missing.
    public var location: Location?
    /// The value found at `path`.
    public var actual: RuleValue?
    /// The leaf checks that decided a finding that did not pass.
    public var why: [LeafTrace]
    /// For `unknown`: each path that leaves the rule undecided, and why.
    public var missing: [MissingField]

    /// Creates a finding.
    public init(status: Status, message: String = "", path: String? = nil, location: Location? = nil,
                actual: RuleValue? = nil, why: [LeafTrace] = [], missing: [MissingField] = []) {
        self.status = status
        self.message = message
        self.path = path
        self.location = location
        self.actual = actual
        self.why = why
        self.missing = missing
    }
}
