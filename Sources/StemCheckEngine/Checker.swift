import StemCheckModel
import YAMLSource

/// Settings of one `check` run that are the same for every protocol.
public struct CheckOptions: Sendable {
    /// Results at or above this severity gate the run; nil means never.
    public var failOn: Severity?
    /// Today's date as a day number (UTC, or SOURCE_DATE_EPOCH's date), for waiver expiry.
    public var today: Int
    /// The report timestamp, ISO 8601 UTC.
    public var generatedAt: String
    /// Waivers from `--waivers FILE`.
    public var waivers: [Waiver]
    /// Whether `not_applicable` results get a message naming why and a `why` trace. When false
    /// (no output format of the run shows them) their message is just "not applicable", which
    /// saves a second, traced evaluation of every rule that does not apply.
    public var explainNotApplicable = true
    /// Whether `unknown` results that list their missing fields get a sentence saying what is not
    /// stated. When false (no format of the run shows it) their message is just "not stated".
    public var explainUnknown = true
    /// Whether `unknown` results that list their missing fields keep their `why` (the leaves that
    /// decided them). When false, with `explainUnknown` false (no format of the run shows either:
    /// text, GitHub, Markdown, HTML, essential JSON), such a result resting on absent fields is made from them
    /// without a traced evaluation and its `why` is empty; everything else about it is the same
    /// (RuleEvaluator.traceUnknown).
    public var traceUnknown = true
    /// Whether passing results name the path, location and value their check read. When false
    /// (no format of the run shows them: text, GitHub, SARIF, Markdown, JUnit, essential JSON)
    /// a pass is just "passed"; its status and counts are the same.
    public var describePasses = true

    /// Creates options.
    public init(failOn: Severity? = .error, today: Int, generatedAt: String, waivers: [Waiver] = []) {
        self.failOn = failOn
        self.today = today
        self.generatedAt = generatedAt
        self.waivers = waivers
    }
}

/// The engine's front: checks protocol documents against a rule set and builds their reports,
/// `ProtocolDocument` → `[SchemaViolation]` (the protocol schema) and `[Finding]` (RuleEvaluator)
/// → `Report` (Adjudicator).
public struct Checker: Sendable {
    /// The compiled rules.
    public let rules: RuleSet
    /// Run settings.
    public let options: CheckOptions
    /// The protocol schema values are validated against before the rules run (results of the
    /// built-in rule `SCHEMA`); nil leaves the document unvalidated.
    public let schema: ProtocolSchema?

    /// Creates a checker; by default it validates against the schema shipped in the binary.
    public init(rules: RuleSet, options: CheckOptions, schema: ProtocolSchema? = .shipped) {
        self.rules = rules
        self.options = options
        self.schema = schema
    }

    /// Checks a loaded protocol. Unusable `waivers:` or `attestations:` sections are input errors.
    public func check(_ document: ProtocolDocument) throws(InputError) -> Report {
        let root = document.root
        var reader = NodeReader(bytes: document.bytes, file: root.file)
        guard root.kind == .mapping else {
            reader.fail(root, "a protocol must be a mapping of sections (protocol, registration, ...), found \(describe(root))",
                        hint: "start from `stemcheck init`")
            throw InputError(reader.diagnostics)
        }
        let waivers = root["waivers"].map { reader.waivers($0, source: "protocol") } ?? []
        let attestations = root["attestations"].map { reader.attestations($0) } ?? []
        guard reader.diagnostics.isEmpty else { throw InputError(reader.diagnostics) }

        let evaluator = RuleEvaluator(explainNotApplicable: options.explainNotApplicable,
                                      explainUnknown: options.explainUnknown, traceUnknown: options.traceUnknown,
                                      describePasses: options.describePasses)
        let adjudicator = Adjudicator(rules: rules, options: options, schema: schema)
        let inputs = Adjudicator.Inputs(waivers: waivers + options.waivers, attestations: attestations)
        var notes: [String] = []
        var results: [RuleResult] = []
        // Values of the wrong type, format, unit or vocabulary come first, under the pseudo pack `schema`.
        let violations = schema?.validate(root) ?? []
        results.reserveCapacity(violations.count + rules.ruleCount)
        if let schema {
            for violation in violations { results.append(adjudicator.result(violation, schema: schema)) }
        }
        var lists = EachRule.Lists()
        for pack in rules.packs {
            for rule in pack.rules {
                results.append(adjudicator.result(rule, evaluator.evaluate(rule, root: root, lists: &lists), inputs: inputs, notes: &notes))
            }
        }
        return adjudicator.report(document, results: results, inputs: inputs, notes: notes)
    }
}
