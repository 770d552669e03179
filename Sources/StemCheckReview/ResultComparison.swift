import StemCheckModel

/// One rule's outcome as a version stores it: enough to compare versions and anchor comments.
public struct ResultSummary: Sendable, Equatable, Codable {
    public var rule: String
    public var title: String
    public var severity: String
    public var status: String
    public var message: String

    public init(rule: String, title: String, severity: String, status: String, message: String) {
        self.rule = rule
        self.title = title
        self.severity = severity
        self.status = status
        self.message = message
    }

    /// The summaries of a report's results, in report order.
    public static func of(_ report: Report) -> [ResultSummary] {
        report.results.map {
            ResultSummary(rule: $0.rule, title: $0.title, severity: $0.severity.rawValue, status: $0.status.rawValue, message: $0.message)
        }
    }

    /// A violation, an unreadable value or a requirement the protocol does not state.
    var isProblem: Bool { status == "fail" || status == "unknown" || status == "error" }
}

/// How one rule's result moved between two versions.
public enum ResultChange: String, Sendable, CaseIterable, Codable {
    /// A problem in the older version that is gone in the newer one.
    case fixed
    /// A problem in the newer version that the older one did not have.
    case new
    /// Another change of status (a review item now passes, a rule no longer applies …).
    case changed
    case unchanged
}

/// Two versions compared result by result ("fixed since v2: 7; new: 1").
public struct VersionComparison: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var rule: String
        public var title: String
        public var severity: String
        /// Nil when the rule did not run on that version (another profile or pack set).
        public var before: String?
        public var after: String?
        public var change: ResultChange
    }

    public var fromSeq: Int
    public var toSeq: Int
    public var entries: [Entry]

    public init(fromSeq: Int, before: [ResultSummary], toSeq: Int, after: [ResultSummary]) {
        self.fromSeq = fromSeq
        self.toSeq = toSeq
        let old = Dictionary(before.map { ($0.rule, $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Entry] = []
        var seen = Set<String>()
        for result in after {
            seen.insert(result.rule)
            let previous = old[result.rule]
            entries.append(Entry(rule: result.rule, title: result.title, severity: result.severity,
                                 before: previous?.status, after: result.status,
                                 change: Self.change(previous, result)))
        }
        for result in before where !seen.contains(result.rule) {
            entries.append(Entry(rule: result.rule, title: result.title, severity: result.severity,
                                 before: result.status, after: nil, change: result.isProblem ? .fixed : .changed))
        }
        self.entries = entries
    }

    private static func change(_ before: ResultSummary?, _ after: ResultSummary) -> ResultChange {
        guard let before else { return after.isProblem ? .new : .changed }
        if before.status == after.status { return .unchanged }
        if before.isProblem && !after.isProblem { return .fixed }
        if after.isProblem && !before.isProblem { return .new }
        return .changed
    }

    /// How many entries have each change.
    public func count(_ change: ResultChange) -> Int { entries.filter { $0.change == change }.count }

    /// "fixed since v2: 7; new: 1; changed: 0; unchanged: 210".
    public var headline: String {
        "fixed since v\(fromSeq): \(count(.fixed)); new: \(count(.new)); changed: \(count(.changed)); unchanged: \(count(.unchanged))"
    }
}
