import StemCheckModel

extension Report {
    /// The link for a result's rule: its own `url`, else its pack's source `url`; only web links.
    public func helpURL(_ result: RuleResult) -> String? {
        if let url = result.url, Markup.isWebLink(url) { return url }
        if let url = pack(result.pack)?.url, Markup.isWebLink(url) { return url }
        return nil
    }
}

extension RuleResult {
    /// The severity a result is shown with: the rule's, except that a result that could not be
    /// evaluated (status `error`, or waived from `error`) is always shown as `error`.
    public var shownSeverity: Severity {
        (waiver?.originalStatus ?? status) == .error ? .error : severity
    }
}
