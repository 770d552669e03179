import StemCheckModel

/// The sentences of findings: what failed, what is missing, why a rule does not apply.
enum FindingText {
    /// The message of a finding that did not pass: the rule's template, or a generated sentence.
    static func failure(_ rule: Rule, _ truth: Truth, _ traces: [LeafTrace]) -> String {
        let first = traces.first
        if truth == .error {
            return "cannot evaluate: " + (traces.first { $0.outcome == .error }?.detail ?? "evaluation error")
        }
        let missing = missingPaths(traces)
        if let template = rule.message {
            var text = template
            text = text.replacingAll("{value}", with: first?.actual.map { Phrase.short($0.description) } ?? "missing")
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

    /// Why a rule does not apply (or that it cannot tell).
    static func notApplicable(_ truth: Truth, _ traces: [LeafTrace]) -> String {
        if truth == .unknown {
            let missing = missingPaths(traces)
            if missing.isEmpty { return "not applicable: cannot tell whether the rule applies" }
            return "not applicable: cannot tell whether the rule applies, " + plural(missing, "is", "are") + " missing"
        }
        guard let first = traces.first else { return "not applicable" }
        return "not applicable: " + sentence(first)
    }

    /// One leaf's outcome in words: `a.b is 5; expected gte 10`, `a.b is missing`.
    static func sentence(_ trace: LeafTrace) -> String {
        if trace.isForEach {
            if trace.op == "min_items", let detail = trace.detail { return "\(trace.path): \(detail); expected \(trace.expected)" }
            return Phrase.sentence(trace)
        }
        return (OperatorTable.named[trace.op]?.sentence ?? Phrase.sentence)(trace)
    }

    private static func missingPaths(_ traces: [LeafTrace]) -> [String] {
        var seen = Set<String>()
        return traces.flatMap(\.missingPaths).filter { seen.insert($0).inserted }
    }

    private static func plural(_ paths: [String], _ one: String, _ many: String) -> String {
        paths.joined(separator: ", ") + " " + (paths.count == 1 ? one : many)
    }
}

/// Text helpers for messages.
enum Phrase {
    /// `a.b is 5; expected gte 10`, or `a.b is missing` when no value was found.
    @Sendable static func sentence(_ trace: LeafTrace) -> String {
        guard let actual = trace.actual else { return "\(trace.path) is missing" }
        return "\(trace.path) is \(short(actual.json)); expected \(trace.op) \(short(trace.expected))"
    }

    /// Long values are cut in messages; the report's `actual` keeps more.
    static func short(_ text: String, limit: Int = 120) -> String {
        guard text.utf8.count > limit else { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "… (\(scalars.count) characters)"
    }
}
