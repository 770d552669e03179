import StemCheckModel

/// Turns findings into a report (SPEC 3.4, 6): applies attestations to review findings and
/// waivers to failures, notes what was unused, unknown or expired, counts and sets the verdict.
public struct Adjudicator: Sendable {
    /// The rules the findings came from.
    public let rules: RuleSet
    /// Run settings (gate, today's date for waiver expiry, the report time).
    public let options: CheckOptions
    /// The protocol schema the document was validated against, named in the report's packs.
    public let schema: ProtocolSchema?

    /// Creates an adjudicator.
    public init(rules: RuleSet, options: CheckOptions, schema: ProtocolSchema? = nil) {
        self.rules = rules
        self.options = options
        self.schema = schema
    }

    /// The protocol's own waivers and attestations, indexed by rule.
    public struct Inputs: Sendable {
        /// Waivers from the protocol and `--waivers`, in that order.
        public var waivers: [Waiver]
        /// Attestations from the protocol.
        public var attestations: [Attestation]
        let waiversByRule: [String: [Waiver]]
        let attestationsByRule: [String: Attestation]

        /// Indexes waivers and attestations; the first attestation of a rule counts.
        public init(waivers: [Waiver], attestations: [Attestation]) {
            self.waivers = waivers
            self.attestations = attestations
            var byRule: [String: Attestation] = [:]
            for a in attestations where byRule[a.rule] == nil { byRule[a.rule] = a }
            attestationsByRule = byRule
            var waived: [String: [Waiver]] = [:]
            for w in waivers { waived[w.rule, default: []].append(w) }
            waiversByRule = waived
        }
    }

    /// One rule's result: the finding with the rule's facts, its attestation and its waiver.
    public func result(_ rule: Rule, _ finding: consuming Finding, inputs: Inputs, notes: inout [String]) -> RuleResult {
        var result = RuleResult(facts: rule.facts, severity: rule.severity, status: finding.status, message: finding.message,
                                path: finding.path, location: finding.location, actual: finding.actual, why: finding.why,
                                missing: finding.missing)
        // A review rule is attested also when its applicability was unknown: the person decided.
        if rule.kind == .review, finding.status == .review || finding.status == .unknown,
           !inputs.attestationsByRule.isEmpty, let a = inputs.attestationsByRule[rule.id] {
            result.status = .pass
            result.attestation = AppliedAttestation(by: a.by, date: a.date, statement: a.statement)
            result.message = "attested by \(a.by) on \(a.date)"
            result.missing = []
        }
        if !inputs.waiversByRule.isEmpty, let ws = inputs.waiversByRule[rule.id] {
            applyWaivers(ws, to: &result, rule: rule, notes: &notes)
        }
        return result
    }

    /// A value that does not fit the protocol schema, as a result of the built-in rule `SCHEMA`.
    /// It cannot be waived or attested: the value has to be corrected.
    public func result(_ violation: SchemaViolation, schema: ProtocolSchema) -> RuleResult {
        let op: String
        switch violation.keyword {
        case .type, .format, .oneOf, .anyOf: op = "type"
        case .enum: op = "in"
        case .pattern: op = "matches"
        case .minimum: op = "gte"
        case .maximum: op = "lte"
        case .required: op = "exists"
        }
        let trace = LeafTrace(path: violation.path, op: op, expected: violation.expected, actual: violation.actual,
                              outcome: .error, location: violation.location,
                              detail: "expected \(violation.expected), found \(violation.found)")
        return RuleResult(rule: SchemaRule.id, pack: SchemaRule.pack, title: SchemaRule.title, severity: .error,
                          status: .error, message: violation.message, path: violation.path,
                          location: Location(violation.location), actual: violation.actual,
                          citation: "stemcheck protocol schema \(schema.version) (\(schema.file)); SPEC 4",
                          remediation: violation.remediation, tags: ["schema"], why: [trace])
    }

    /// The report of one protocol from its results, in pack and rule order.
    public func report(_ document: ProtocolDocument, results: [RuleResult], inputs: Inputs, notes: [String]) -> Report {
        var notes = document.notes + notes
        var summary = Summary()
        for result in results { summary.add(result.status) }
        for (rule, reason) in rules.disabled {
            notes.append("rule \(rule) is disabled by profile \(rules.profile?.id ?? "?"): \(reason)")
        }
        // Only a protocol with waivers or attestations needs the set of rule ids.
        let waivers = inputs.waivers, attestations = inputs.attestations
        let known = waivers.isEmpty && attestations.isEmpty ? [] : Set(rules.packs.flatMap { $0.rules.map(\.id) })
        let disabledIDs = waivers.isEmpty ? [] : Set(rules.disabled.map(\.rule))
        for w in waivers where w.rule == SchemaRule.id {
            notes.append("waiver (\(w.source) \(w.location.line):\(w.location.column)) names \(SchemaRule.id), which cannot be waived: correct the values the protocol schema rejects")
        }
        for w in waivers where !known.contains(w.rule) && w.rule != SchemaRule.id {
            let why = disabledIDs.contains(w.rule) ? "which the profile disables"
                : "which is not among the loaded rules" + Suggestion.phrase(for: w.rule, in: known)
            notes.append("waiver (\(w.source) \(w.location.line):\(w.location.column)) names rule \(w.rule), \(why)")
        }
        for a in attestations {
            if let rule = rules.rule(a.rule) {
                if rule.kind == .check {
                    notes.append("attestation for \(a.rule) at \(a.location.line):\(a.location.column) is ignored: \(a.rule) is checked from the protocol's data, not attested")
                }
            } else if a.rule == SchemaRule.id {
                notes.append("attestation for \(a.rule) at \(a.location.line):\(a.location.column) is ignored: \(a.rule) is checked from the protocol's data, not attested")
            } else {
                notes.append("attestation at \(a.location.line):\(a.location.column) names rule \(a.rule), which is not among the loaded rules\(Suggestion.phrase(for: a.rule, in: known))")
            }
        }
        let root = document.root
        notes += rules.fields.unknownKeys(in: root, skipping: ["attestations", "waivers"])

        var report = Report(
            generatedAt: options.generatedAt,
            protocolInfo: ProtocolInfo(path: document.path, sha256: document.sha256,
                                       id: root["protocol"]?["id"]?.text, title: root["protocol"]?["title"]?.text),
            profile: rules.profile?.id,
            rulePacks: (schema.map { [PackInfo(id: SchemaRule.pack, title: SchemaRule.packTitle, version: $0.version, sha256: $0.sha256)] } ?? [])
                + rules.packs.map { PackInfo(id: $0.id, title: $0.title, version: $0.version, sha256: $0.sha256, url: $0.source?.url) },
            summary: summary, results: results, notes: notes, failOn: options.failOn)
        report.summary.verdict = Verdict.of(results)
        report.summary.gatePassed = !results.contains(where: report.gates)
        return report
    }

    private func applyWaivers(_ waivers: [Waiver], to result: inout RuleResult, rule: Rule, notes: inout [String]) {
        guard result.status == .fail || result.status == .error else {
            for w in waivers {
                notes.append("waiver for \(rule.id) (\(w.source)) is unused: the rule's status is \(result.status.rawValue)")
            }
            return
        }
        guard rule.waivable else {
            notes.append("waiver for \(rule.id) has no effect: the rule is marked waivable: false")
            return
        }
        if let w = waivers.first(where: { $0.isValid(on: options.today) }) {
            result.waiver = AppliedWaiver(justification: w.justification, approvedBy: w.approvedBy, expires: w.expires,
                                          source: w.source, originalStatus: result.status)
            result.status = .waived
            return
        }
        for w in waivers {
            notes.append("waiver for \(rule.id) expired on \(w.expires) (\(w.source)); the result stands")
        }
    }
}
