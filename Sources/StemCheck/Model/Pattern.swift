/// A compiled rule regex (`matches:`); searched, not anchored, unless the pattern anchors itself.
public struct Pattern: @unchecked Sendable {
    // Regex<AnyRegexOutput> is immutable once built; matching does not mutate it.
    private let regex: Regex<AnyRegexOutput>
    /// The pattern as written.
    public let source: String

    /// The outcome of a search.
    public enum SearchResult: Sendable, Equatable {
        case match, noMatch
        /// The search was not run or was stopped because it would take too long.
        case tooExpensive(String)
    }

    /// Compiles `source`; `ignoreCase` folds case. Throws the compiler's message.
    public init(_ source: String, ignoreCase: Bool) throws {
        var regex = try Regex(source)
        if ignoreCase { regex = regex.ignoresCase() }
        self.regex = regex
        self.source = source
    }

    /// Searches `text` for the pattern.
    public func search(_ text: String) -> SearchResult {
        (try? regex.firstMatch(in: text)) != nil ? .match : .noMatch
    }
}
