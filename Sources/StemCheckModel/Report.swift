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
public struct RuleResult: Sendable, Equatable {
    public var rule: String
    public var pack: String
    public var title: String
    public var severity: Severity
    public var status: Status
    public var message: String
    /// The main path the result is about.
    public var path: String?
    /// The offending value, or the nearest existing parent when missing.
    public var location: Location?
    /// The value found at `path`.
    public var actual: RuleValue?
    public var citation: String?
    /// The source's words that carry the requirement (the rule's `source.quote`), verbatim.
    public var quote: String? = nil
    /// Why the rule's source text could not be read (the rule's `source.unverified`).
    public var sourceUnverified: String? = nil
    public var remediation: String?
    /// A link to the rule's source text (the rule's `url`).
    public var url: String?
    /// The rule's free labels (`tags`), for formats that can carry them (SARIF).
    public var tags: [String] = []
    public var waiver: AppliedWaiver?
    public var attestation: AppliedAttestation?
    /// The leaf checks that decided a result that did not pass.
    public var why: [LeafTrace]
    /// For `unknown`: each path that leaves the rule undecided, and why.
    public var missing: [MissingField] = []

    /// Creates a value from all its fields.
    public init(rule: String, pack: String, title: String, severity: Severity, status: Status, message: String, path: String? = nil, location: Location? = nil, actual: RuleValue? = nil, citation: String? = nil, remediation: String? = nil, url: String? = nil, tags: [String] = [], waiver: AppliedWaiver? = nil, attestation: AppliedAttestation? = nil, why: [LeafTrace], missing: [MissingField] = []) {
        self.rule = rule
        self.pack = pack
        self.title = title
        self.severity = severity
        self.status = status
        self.message = message
        self.path = path
        self.location = location
        self.actual = actual
        self.citation = citation
        self.remediation = remediation
        self.url = url
        self.tags = tags
        self.waiver = waiver
        self.attestation = attestation
        self.why = why
        self.missing = missing
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
