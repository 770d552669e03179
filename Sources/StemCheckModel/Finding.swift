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
    // `missing` is declared before `why` so that the synthesized memberwise initializer (internal:
    // `status:…actual:missing:why:`) differs from the public one, which calls it. Swift 6.3
    // compiles an initializer that assigns `var` properties one by one (this struct's size and
    // up) into a temporary it then copies and destroys: a retain and a release of every string
    // and array, for every finding (docs/performance-history.md, fourteenth round).
    /// For `unknown`: each path that leaves the rule undecided, and why.
    public var missing: [MissingField]
    /// The leaf checks that decided a finding that did not pass.
    public var why: [LeafTrace]
}

extension Finding {
    /// Creates a finding.
    public init(status: Status, message: String = "", path: String? = nil, location: Location? = nil,
                actual: RuleValue? = nil, why: [LeafTrace] = [], missing: [MissingField] = []) {
        self.init(status: status, message: message, path: path, location: location, actual: actual, missing: missing, why: why)
    }
}
