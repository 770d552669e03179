/// How much a failing rule matters; `--fail-on` gates at a severity.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, warning, error

    /// Ordering: info < warning < error.
    public var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
