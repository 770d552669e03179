import StemCheckEngine
import StemCheckModel
/// Renders a report in one output format. Reporters are pure functions of the report.
public protocol Reporter: Sendable {
    /// The `--format` name.
    static var name: String { get }
    /// The report file's suffix after the stem (`.json`, `.junit.xml`); nil for formats printed to stdout.
    static var fileSuffix: String? { get }
    /// Renders one protocol's report.
    static func render(_ report: Report) -> String
    /// The same text as UTF-8 bytes (what report files are written from).
    static func renderBytes(_ report: Report) -> [UInt8]
    /// Whether the format prints the message or `why` of `not_applicable` results. When no format
    /// of a run does, the checker skips explaining them (CheckOptions.explainNotApplicable).
    static var showsNotApplicableDetail: Bool { get }
}

extension Reporter {
    public static var showsNotApplicableDetail: Bool { true }
    public static func renderBytes(_ report: Report) -> [UInt8] { Array(render(report).utf8) }
}

/// The output formats stemcheck knows, by `--format` name.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, junit, sarif, markdown, html, github

    /// The reporter for this format.
    public var reporter: any Reporter.Type {
        switch self {
        case .text: return TextReporter.self
        case .json: return JSONReporter.self
        case .junit: return JUnitReporter.self
        case .sarif: return SARIFReporter.self
        case .markdown: return MarkdownReporter.self
        case .html: return HTMLReporter.self
        case .github: return GitHubReporter.self
        }
    }

    /// Whether the format goes to standard output rather than a file.
    public var isStreamed: Bool { reporter.fileSuffix == nil }
}
