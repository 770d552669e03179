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

    /// Creates options.
    public init(failOn: Severity? = .error, today: Int, generatedAt: String, waivers: [Waiver] = []) {
        self.failOn = failOn
        self.today = today
        self.generatedAt = generatedAt
        self.waivers = waivers
    }
}

/// Checks protocols against a rule set and builds their reports.
public struct Checker: Sendable {
    /// The compiled rules.
    public let rules: RuleSet
    /// Run settings.
    public let options: CheckOptions

    /// Creates a checker.
    public init(rules: RuleSet, options: CheckOptions) {
        self.rules = rules
        self.options = options
    }

    /// Checks a loaded protocol.
    public func check(_ document: ProtocolDocument) throws(InputError) -> Report {
        let root = document.root, path = document.path, sha256 = document.sha256
        var reader = NodeReader(bytes: document.bytes, file: root.file)
        guard root.kind == .mapping else {
            reader.fail(root, "a protocol must be a mapping of sections (protocol, registration, ...), found \(describe(root))",
                        hint: "start from `stemcheck init`")
            throw InputError(reader.diagnostics)
        }
        var waivers = root["waivers"].map { reader.waivers($0, source: "protocol") } ?? []
        let attestations = root["attestations"].map { reader.attestations($0) } ?? []
        guard reader.diagnostics.isEmpty else { throw InputError(reader.diagnostics) }
        waivers += options.waivers

        var notes: [String] = []
        var results: [RuleResult] = []
        var summary = Summary()
        var attestationsByRule: [String: Attestation] = [:]
        for a in attestations where attestationsByRule[a.rule] == nil { attestationsByRule[a.rule] = a }
        var waiversByRule: [String: [Waiver]] = [:]
        for w in waivers { waiversByRule[w.rule, default: []].append(w) }
        results.reserveCapacity(rules.ruleCount)

        for pack in rules.packs {
            for rule in pack.rules {
                var result = evaluate(rule, root: root,
                                      attestation: attestationsByRule.isEmpty ? nil : attestationsByRule[rule.id])
                if !waiversByRule.isEmpty, let ws = waiversByRule[rule.id] {
                    applyWaivers(ws, to: &result, rule: rule, notes: &notes)
                }
                summary.add(result.status)
                results.append(result)
            }
        }

        for (rule, reason) in rules.disabled {
            notes.append("rule \(rule) is disabled by profile \(rules.profile?.id ?? "?"): \(reason)")
        }
        // Only a protocol with waivers or attestations needs the set of rule ids.
        let known = waivers.isEmpty && attestations.isEmpty ? [] : Set(rules.packs.flatMap { $0.rules.map(\.id) })
        let disabledIDs = waivers.isEmpty ? [] : Set(rules.disabled.map(\.rule))
        for w in waivers where !known.contains(w.rule) {
            let why = disabledIDs.contains(w.rule) ? "which the profile disables"
                : "which is not among the loaded rules" + Suggestion.phrase(for: w.rule, in: known)
            notes.append("waiver (\(w.source) \(w.location.line):\(w.location.column)) names rule \(w.rule), \(why)")
        }
        for a in attestations {
            if let rule = rules.rule(a.rule) {
                if rule.kind == .check {
                    notes.append("attestation for \(a.rule) at \(a.location.line):\(a.location.column) is ignored: \(a.rule) is checked from the protocol's data, not attested")
                }
            } else {
                notes.append("attestation at \(a.location.line):\(a.location.column) names rule \(a.rule), which is not among the loaded rules\(Suggestion.phrase(for: a.rule, in: known))")
            }
        }
        notes += rules.fields.unknownKeys(in: root, skipping: ["attestations", "waivers"])

        var report = Report(
            generatedAt: options.generatedAt,
            protocolInfo: ProtocolInfo(path: path, sha256: sha256,
                                       id: root["protocol"]?["id"]?.text, title: root["protocol"]?["title"]?.text),
            profile: rules.profile?.id,
            rulePacks: rules.packs.map { PackInfo(id: $0.id, title: $0.title, version: $0.version, sha256: $0.sha256, url: $0.source?.url) },
            summary: summary, results: results, notes: notes, failOn: options.failOn)
        report.summary.verdict = results.contains(where: report.gates) ? .fail : .pass
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

    /// Evaluates one rule against a protocol root (no waivers applied).
    ///
    /// The result's `location` is always in the protocol's file (the root's): a protocol may hold
    /// nodes from another file (a grafted registry record), and a result about such a value points
    /// at the first part of its decision that is in the protocol file, or nowhere. Its `why` keeps
    /// every location with its own file.
    public func evaluate(_ rule: Rule, root: YAMLNode, attestation: Attestation?) -> RuleResult {
        let file = root.file
        var result = RuleResult(rule: rule.id, pack: rule.packID, title: rule.title, severity: rule.severity,
                                status: .pass, message: "", path: nil, location: nil, actual: nil,
                                citation: rule.citation, remediation: rule.remediation, url: rule.url,
                                tags: rule.tags, waiver: nil, attestation: nil, why: [])
        let fast = Evaluator(root: root, tracing: false)
        if let when = rule.when {
            let applies = fast.evaluate(when).truth
            if applies != .true, applies != .error, !options.explainNotApplicable {
                result.status = .notApplicable
                result.message = "not applicable"
                return result
            }
            if applies != .true {
                let traced = Evaluator(root: root, tracing: true).evaluate(when)
                result.why = traced.traces
                if applies == .error {
                    result.status = .error
                    result.message = "cannot tell whether the rule applies: " + (traced.traces.first?.detail ?? "evaluation error")
                } else {
                    result.status = .notApplicable
                    result.message = notApplicableMessage(applies, traced.traces)
                }
                locate(&result, traced.traces, file: file)
                return result
            }
        }
        if rule.kind == .review {
            if let a = attestation {
                result.status = .pass
                result.attestation = AppliedAttestation(by: a.by, date: a.date, statement: a.statement)
                result.message = "attested by \(a.by) on \(a.date)"
            } else {
                result.status = .review
                result.message = "needs review by a person: \(rule.title)"
            }
            return result
        }
        guard let check = rule.check else { return result }
        let truth = fast.evaluate(check).truth
        if truth == .true {
            result.message = "passed"
            if case .leaf(let leaf) = check, !leaf.path.hasWildcard, !leaf.path.isRooted {
                result.path = leaf.path.text
                if let node = PathResolver.single(leaf.path.segments, from: root), !node.isNull {
                    result.location = Self.reportLocation(node.location, traces: [], file: file)
                    result.actual = ReportValue.of(node)
                }
            }
            return result
        }
        let traced = Evaluator(root: root, tracing: true).evaluate(check)
        result.why = traced.traces
        locate(&result, traced.traces, file: file)
        result.status = truth == .error ? .error : .fail
        result.message = failureMessage(rule, truth, traced.traces, result)
        return result
    }

    private func locate(_ result: inout RuleResult, _ traces: [LeafTrace], file: String) {
        guard let first = traces.first else { return }
        result.path = first.path
        result.location = Self.reportLocation(first.location, traces: traces, file: file)
        result.actual = first.actual
    }

    /// Where a result points in the protocol file `file`: at `location` when it is in that file;
    /// when it is in another (a value of a grafted registry record), at the first part of the
    /// decision (`traces`) that is in the protocol file, if any; nil when `location` is nil.
    static func reportLocation(_ location: SourceLocation?, traces: [LeafTrace], file: String) -> Location? {
        guard let location else { return nil }
        if location.file == file { return Location(location) }
        return traces.lazy.compactMap(\.location).first { $0.file == file }.map(Location.init)
    }

    private func missingPaths(_ traces: [LeafTrace]) -> [String] {
        var seen = Set<String>()
        return traces.flatMap(\.missingPaths).filter { seen.insert($0).inserted }
    }

    private func notApplicableMessage(_ truth: Truth, _ traces: [LeafTrace]) -> String {
        if truth == .unknown {
            let missing = missingPaths(traces)
            if missing.isEmpty { return "not applicable: cannot tell whether the rule applies" }
            return "not applicable: cannot tell whether the rule applies, " + plural(missing, "is", "are") + " missing"
        }
        guard let first = traces.first else { return "not applicable" }
        return "not applicable: " + sentence(first)
    }

    private func failureMessage(_ rule: Rule, _ truth: Truth, _ traces: [LeafTrace], _ result: RuleResult) -> String {
        let first = traces.first
        if truth == .error {
            return "cannot evaluate: " + (traces.first { $0.outcome == .error }?.detail ?? "evaluation error")
        }
        let missing = missingPaths(traces)
        if let template = rule.message {
            var text = template
            text = text.replacingAll("{value}", with: first?.actual.map { Self.short($0.description) } ?? "missing")
            text = text.replacingAll("{path}", with: first?.path ?? "")
            if !missing.isEmpty, !template.contains("{path}") {
                text += " (missing: " + missing.joined(separator: ", ") + ")"
            }
            return text
        }
        if !missing.isEmpty {
            return rule.title + ": " + plural(missing, "is", "are") + " missing"
        }
        return rule.title + ": " + (first.map(sentence) ?? "the check does not hold")
    }

    /// `a.b is 5; expected gte 10`.
    private func sentence(_ trace: LeafTrace) -> String {
        if trace.op == "exists" {
            return trace.expected == "present" ? "\(trace.path) is missing" : "\(trace.path) is present; expected it absent"
        }
        guard let actual = trace.actual else { return "\(trace.path) is missing" }
        if trace.op == "min_items", trace.detail?.hasPrefix("for_each") == true {
            return "\(trace.path): \(trace.detail!); expected \(trace.expected)"
        }
        return "\(trace.path) is \(Self.short(actual.json)); expected \(trace.op) \(Self.short(trace.expected))"
    }

    /// Long values are cut in messages; the report's `actual` keeps more.
    static func short(_ text: String, limit: Int = 120) -> String {
        guard text.utf8.count > limit else { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "… (\(scalars.count) characters)"
    }

    private func plural(_ paths: [String], _ one: String, _ many: String) -> String {
        paths.joined(separator: ", ") + " " + (paths.count == 1 ? one : many)
    }
}
