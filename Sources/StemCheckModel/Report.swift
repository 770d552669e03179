import YAMLSource

/// A 1-based line and column in the protocol file.
public struct Location: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The line and column of a source position.
    public init(_ location: SourceLocation) {
        self.init(line: location.line, column: location.column)
    }
}

/// A waiver as applied to one result.
public struct AppliedWaiver: Sendable, Equatable {
    public var justification: String
    public var approvedBy: String
    public var expires: String
    /// `protocol` or the waiver file's path.
    public var source: String
    /// The status the rule had before the waiver.
    public var originalStatus: Status

    /// Creates a value from all its fields.
    public init(justification: String, approvedBy: String, expires: String, source: String, originalStatus: Status) {
        self.justification = justification
        self.approvedBy = approvedBy
        self.expires = expires
        self.source = source
        self.originalStatus = originalStatus
    }
}

/// An attestation as applied to a review result.
public struct AppliedAttestation: Sendable, Equatable {
    public var by: String
    public var date: String
    public var statement: String?

    /// Creates a value from all its fields.
    public init(by: String, date: String, statement: String? = nil) {
        self.by = by
        self.date = date
        self.statement = statement
    }
}

/// One rule's outcome on one protocol.
///
/// A value with copy-on-write storage: a report's results are copied into the outline's groups,
/// the verdict and every format, so a copy is one reference, not nineteen fields (issue 20).
public struct RuleResult: Sendable, Equatable {
    /// The fields, shared between copies until one of them changes.
    private struct Fields: Sendable, Equatable {
        /// What is the same on every protocol, shared by the rule's results.
        var facts: RuleFacts
        var severity: Severity
        var status: Status
        var message: String
        var path: String?
        var location: Location?
        var actual: RuleValue?
        var waiver: AppliedWaiver?
        var attestation: AppliedAttestation?
        var why: [LeafTrace]
        var missing: [MissingField] = []
    }

    private var storage: CopyOnWrite<Fields>

    /// The rule's facts, shared with its other results.
    public var facts: RuleFacts { storage.fields.facts }

    public var rule: String {
        get { storage.fields.facts.rule }
        set { storage.fields.facts = storage.fields.facts.with(\.rule, newValue) }
    }
    public var pack: String {
        get { storage.fields.facts.pack }
        set { storage.fields.facts = storage.fields.facts.with(\.pack, newValue) }
    }
    public var title: String {
        get { storage.fields.facts.title }
        set { storage.fields.facts = storage.fields.facts.with(\.title, newValue) }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        set { storage.fields.severity = newValue }
        _modify { yield &storage.fields.severity }
    }
    public var status: Status {
        get { storage.fields.status }
        set { storage.fields.status = newValue }
        _modify { yield &storage.fields.status }
    }
    public var message: String {
        get { storage.fields.message }
        set { storage.fields.message = newValue }
        _modify { yield &storage.fields.message }
    }
    /// The main path the result is about.
    public var path: String? {
        get { storage.fields.path }
        set { storage.fields.path = newValue }
        _modify { yield &storage.fields.path }
    }
    /// The offending value, or the nearest existing parent when missing.
    public var location: Location? {
        get { storage.fields.location }
        set { storage.fields.location = newValue }
        _modify { yield &storage.fields.location }
    }
    /// The value found at `path`.
    public var actual: RuleValue? {
        get { storage.fields.actual }
        set { storage.fields.actual = newValue }
        _modify { yield &storage.fields.actual }
    }
    public var citation: String? {
        get { storage.fields.facts.citation }
        set { storage.fields.facts = storage.fields.facts.with(\.citation, newValue) }
    }
    /// The source's words that carry the requirement (the rule's `source.quote`), verbatim.
    public var quote: String? {
        get { storage.fields.facts.quote }
        set { storage.fields.facts = storage.fields.facts.with(\.quote, newValue) }
    }
    /// Why the rule's source text could not be read (the rule's `source.unverified`).
    public var sourceUnverified: String? {
        get { storage.fields.facts.sourceUnverified }
        set { storage.fields.facts = storage.fields.facts.with(\.sourceUnverified, newValue) }
    }
    public var remediation: String? {
        get { storage.fields.facts.remediation }
        set { storage.fields.facts = storage.fields.facts.with(\.remediation, newValue) }
    }
    /// A link to the rule's source text (the rule's `url`).
    public var url: String? {
        get { storage.fields.facts.url }
        set { storage.fields.facts = storage.fields.facts.with(\.url, newValue) }
    }
    /// The rule's free labels (`tags`), for formats that can carry them (SARIF).
    public var tags: [String] {
        get { storage.fields.facts.tags }
        set { storage.fields.facts = storage.fields.facts.with(\.tags, newValue) }
    }
    public var waiver: AppliedWaiver? {
        get { storage.fields.waiver }
        set { storage.fields.waiver = newValue }
        _modify { yield &storage.fields.waiver }
    }
    public var attestation: AppliedAttestation? {
        get { storage.fields.attestation }
        set { storage.fields.attestation = newValue }
        _modify { yield &storage.fields.attestation }
    }
    /// The leaf checks that decided a result that did not pass.
    public var why: [LeafTrace] {
        get { storage.fields.why }
        set { storage.fields.why = newValue }
        _modify { yield &storage.fields.why }
    }
    /// For `unknown`: each path that leaves the rule undecided, and why.
    public var missing: [MissingField] {
        get { storage.fields.missing }
        set { storage.fields.missing = newValue }
        _modify { yield &storage.fields.missing }
    }

    /// Creates a value from all its fields.
    public init(rule: String, pack: String, title: String, severity: Severity, status: Status, message: String, path: String? = nil, location: Location? = nil, actual: RuleValue? = nil, citation: String? = nil, remediation: String? = nil, url: String? = nil, tags: [String] = [], waiver: AppliedWaiver? = nil, attestation: AppliedAttestation? = nil, why: [LeafTrace], missing: [MissingField] = []) {
        self.init(facts: RuleFacts(rule: rule, pack: pack, title: title, citation: citation, remediation: remediation, url: url, tags: tags),
                  severity: severity, status: status, message: message, path: path, location: location, actual: actual,
                  waiver: waiver, attestation: attestation, why: why, missing: missing)
    }

    /// Creates a value for a rule whose facts are made once and shared by its results.
    public init(facts: RuleFacts, severity: Severity, status: Status, message: String, path: String? = nil, location: Location? = nil, actual: RuleValue? = nil, waiver: AppliedWaiver? = nil, attestation: AppliedAttestation? = nil, why: [LeafTrace], missing: [MissingField] = []) {
        storage = CopyOnWrite(Fields(facts: facts, severity: severity, status: status, message: message, path: path, location: location,
                                     actual: actual, waiver: waiver, attestation: attestation, why: why, missing: missing))
    }

    public static func == (a: RuleResult, b: RuleResult) -> Bool {
        a.storage.isShared(with: b.storage) || a.storage.fields == b.storage.fields
    }
}

/// What a report concludes about the protocol as a whole, from its error-severity results alone,
/// whatever `--fail-on` says (SPEC 6).
public enum Verdict: String, Sendable, CaseIterable {
    /// An error-severity result is `fail` or `error`.
    case fail
    /// No violation, but an error-severity result is `unknown`: the protocol does not say enough.
    case incomplete
    /// Complete and without violations, but an error-severity review item awaits a person.
    case needsReview = "needs_review"
    /// Every error-severity requirement is met, attested or waived.
    case pass

    /// The verdict of a list of results.
    public static func of(_ results: [RuleResult]) -> Verdict {
        var verdict = Verdict.pass
        for r in results where r.severity == .error {
            switch r.status {
            case .fail, .error: return .fail
            case .unknown: verdict = .incomplete
            case .review: if verdict == .pass { verdict = .needsReview }
            case .pass, .notApplicable, .waived: break
            }
        }
        return verdict
    }

    /// The word reports print: PASS, FAIL, INCOMPLETE, NEEDS REVIEW.
    public var label: String {
        switch self {
        case .fail: return "FAIL"
        case .incomplete: return "INCOMPLETE"
        case .needsReview: return "NEEDS REVIEW"
        case .pass: return "PASS"
        }
    }
}

/// Counts per status and the verdict.
public struct Summary: Sendable, Equatable {
    public var pass = 0, fail = 0, unknown = 0, notApplicable = 0, review = 0, waived = 0, error = 0
    /// The verdict from error-severity results (independent of `--fail-on`).
    public var verdict: Verdict = .pass
    /// Whether no result gates under `--fail-on` (what sets the exit status).
    public var gatePassed = true

    /// No results yet.
    public init() {}

    public func count(_ status: Status) -> Int {
        switch status {
        case .pass: return pass
        case .fail: return fail
        case .unknown: return unknown
        case .notApplicable: return notApplicable
        case .review: return review
        case .waived: return waived
        case .error: return error
        }
    }

    /// Counts one more result.
    public mutating func add(_ status: Status) {
        switch status {
        case .pass: pass += 1
        case .fail: fail += 1
        case .unknown: unknown += 1
        case .notApplicable: notApplicable += 1
        case .review: review += 1
        case .waived: waived += 1
        case .error: error += 1
        }
    }
}

/// Identity of a pack used in a report.
public struct PackInfo: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var version: String
    public var sha256: String
    public var url: String?

    /// Creates a value from all its fields.
    public init(id: String, title: String? = nil, version: String, sha256: String, url: String? = nil) {
        self.id = id
        self.title = title
        self.version = version
        self.sha256 = sha256
        self.url = url
    }
}

/// The protocol a report is about.
public struct ProtocolInfo: Sendable, Equatable {
    /// The path as given on the command line.
    public var path: String
    public var sha256: String
    public var id: String?
    public var title: String?

    /// Creates a value from all its fields.
    public init(path: String, sha256: String, id: String? = nil, title: String? = nil) {
        self.path = path
        self.sha256 = sha256
        self.id = id
        self.title = title
    }
}

/// The outcome of checking one protocol: the model every reporter renders (SPEC 6).
public struct Report: Sendable, Equatable {
    public var toolName = ToolInfo.name
    public var toolVersion = ToolInfo.version
    /// ISO 8601 UTC time of the run (fixed by SOURCE_DATE_EPOCH).
    public var generatedAt: String
    public var protocolInfo: ProtocolInfo
    public var profile: String?
    public var rulePacks: [PackInfo]
    public var summary: Summary
    public var results: [RuleResult]
    public var notes: [String]
    /// The `--fail-on` threshold in force (nil for never).
    public var failOn: Severity?

    /// Whether a result gates the run under `failOn`: a `fail`, `error` or `unknown` at or above it.
    public func gates(_ result: RuleResult) -> Bool {
        guard let failOn else { return false }
        return (result.status == .fail || result.status == .error || result.status == .unknown) && result.severity >= failOn
    }

    /// Creates a value from all its fields.
    public init(toolName: String = ToolInfo.name, toolVersion: String = ToolInfo.version, generatedAt: String, protocolInfo: ProtocolInfo, profile: String? = nil, rulePacks: [PackInfo], summary: Summary, results: [RuleResult], notes: [String], failOn: Severity? = nil) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
        self.protocolInfo = protocolInfo
        self.profile = profile
        self.rulePacks = rulePacks
        self.summary = summary
        self.results = results
        self.notes = notes
        self.failOn = failOn
    }
}

extension RuleResult {
    /// Whether the result is a `fail` or an `error` (what CI formats report as problems).
    public var isFailing: Bool { status == .fail || status == .error }
}

extension Report {
    /// The pack a result belongs to.
    public func pack(_ id: String) -> PackInfo? { rulePacks.first { $0.id == id } }

    /// The results of one pack, in rule order.
    public func results(inPack id: String) -> [RuleResult] { results.filter { $0.pack == id } }
}
