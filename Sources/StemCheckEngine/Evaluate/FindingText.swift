import StemCheckModel

/// The sentences of findings. A `fail` speaks of a stated value; an `unknown` says what is not
/// stated (or that applicability cannot be told); nothing splices "missing" in place of a value.
enum FindingText {
    /// A violation: the rule's `message` template (`{value}`, `{path}` from the first stated
    /// value that decided it), or a generated sentence.
    static func failure(_ rule: Rule, _ traces: [LeafTrace]) -> String {
        let stated = traces.filter { !$0.restsOnAbsence }
        let first = stated.first { $0.actual != nil } ?? stated.first
        if let template = rule.message {
            return template.replacingAll("{value}", with: first?.actual.map { Phrase.short($0.description) } ?? "")
                .replacingAll("{path}", with: first?.path ?? "")
        }
        return rule.title + ": " + (first.map(sentence) ?? "the check does not hold")
    }

    /// What could not be evaluated.
    static func error(_ traces: [LeafTrace]) -> String {
        "cannot evaluate: " + (traces.first { $0.outcome == .error }?.detail ?? "evaluation error")
    }

    /// Not stated: the rule's `message_unknown`, or "Title (x) is not stated" naming every missing field;
    /// when applicability is what is missing, "cannot tell whether the rule applies" first, and,
    /// if the check is violated on stated values, what would be violated.
    /// The message of an `unknown` finding: `unknown(...)`, or `notStated` when the run's formats
    /// do not word it (`worded` false) and the finding lists the fields it misses.
    static func unknown(_ rule: Rule, _ missing: [MissingField], traces: [LeafTrace], impreciseTraces: [LeafTrace] = [],
                        worded: Bool) -> String {
        worded || missing.isEmpty ? unknown(rule, missing, traces: traces, impreciseTraces: impreciseTraces) : notStated
    }

    static func unknown(_ rule: Rule, _ missing: [MissingField], traces: [LeafTrace], impreciseTraces: [LeafTrace] = []) -> String {
        let applicability = missing.filter { $0.reason == .applicability }.map(\.path)
        let absent = missing.filter { $0.reason == .absent }.map(\.path)
        let imprecise = missing.filter { $0.reason == .imprecise }.map(\.path)
        if let template = rule.messageUnknown {
            return template.replacingAll("{path}", with: (absent + imprecise + applicability).joined(separator: ", "))
        }
        var parts: [String] = []
        if !applicability.isEmpty {
            parts.append("cannot tell whether it applies: " + notStated(applicability))
        }
        if !absent.isEmpty {
            parts.append(notStated(absent))
        }
        if !imprecise.isEmpty {
            let detail = impreciseTraces.first { $0.imprecise }?.detail
            parts.append(imprecise.map(FieldTitles.named).joined(separator: ", ") + " stated too imprecisely to decide"
                         + (detail.map { " (" + $0 + ")" } ?? ""))
        }
        let stated = traces.filter { !$0.restsOnAbsence && $0.outcome == .false }
        if !applicability.isEmpty, let first = stated.first {
            parts.append("if it applies, it is not met: " + sentence(first))
        }
        return rule.title + ": " + parts.joined(separator: "; ")
    }

    /// The message of an `unknown` result no format of the run words (its fields are listed).
    static let notStated = "not stated"

    /// Why a rule does not apply.
    static func notApplicable(_ traces: [LeafTrace]) -> String {
        guard let first = traces.first else { return "not applicable" }
        return "not applicable: " + sentence(first)
    }

    /// `Minimum age in years (participants.age_min_years) is not stated`, `a.b, c.d are not stated`:
    /// each path with the title the protocol schema gives its field, when it has one.
    static func notStated(_ paths: [String]) -> String {
        if paths.count == 1 { return FieldTitles.notStated(paths[0]) }
        return paths.map(FieldTitles.named).joined(separator: ", ") + " are not stated"
    }

    /// One leaf's outcome in words: `a.b is 5; expected gte 10`, `a.b is not stated`.
    static func sentence(_ trace: LeafTrace) -> String {
        if trace.isForEach {
            if trace.op == "min_items", let detail = trace.detail { return "\(trace.path): \(detail); expected \(trace.expected)" }
            return Phrase.sentence(trace)
        }
        return (OperatorTable.named[trace.op]?.sentence ?? Phrase.sentence)(trace)
    }
}

/// Text helpers for messages.
enum Phrase {
    /// `a.b is 5; expected gte 10`, or `a.b is not stated` when no value was found; a decided
    /// outcome's detail (what a reference or computed value was) follows in parentheses.
    @Sendable static func sentence(_ trace: LeafTrace) -> String {
        guard let actual = trace.actual else { return "\(trace.path) is not stated" }
        let detail = trace.outcome == .true || trace.outcome == .false ? trace.detail.map { " (\(short($0)))" } ?? "" : ""
        return "\(trace.path) is \(short(actual.json)); expected \(trace.op) \(short(trace.expected))" + detail
    }

    /// Long values are cut in messages; the report's `actual` keeps more.
    static func short(_ text: String, limit: Int = 120) -> String {
        guard text.utf8.count > limit else { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "… (\(scalars.count) characters)"
    }
}
