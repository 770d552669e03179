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
    /// Renders with a run's options (terminal colour, the HTML appendix on paper); formats that
    /// have no such choice ignore them.
    static func render(_ report: Report, options: RenderOptions) -> [UInt8]
    /// Whether the format prints the message or `why` of `not_applicable` results. When no format
    /// of a run does, the checker skips explaining them (CheckOptions.explainNotApplicable).
    static var showsNotApplicableDetail: Bool { get }
    /// Whether every run writes one document for all its protocols, even without `=DEST`
    /// (`github`: its annotations are ordered and limited across the run).
    static var isWholeRunByNature: Bool { get }
    /// One protocol's part of a whole-run document (`--format NAME=DEST`); `index` is the
    /// protocol's place in the run.
    static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart
    /// The whole-run document from the parts, in input order.
    static func batchDocument(_ parts: [BatchPart], context: BatchContext, options: RenderOptions) -> [UInt8]
}

extension Reporter {
    public static var showsNotApplicableDetail: Bool { true }
    public static var isWholeRunByNature: Bool { false }
    /// By default a protocol's part is its report as this format renders it alone.
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        BatchPart(body: render(report, options: options), entry: BatchEntry(report, index: index))
    }
    /// By default the document is the parts one after the other (text).
    public static func batchDocument(_ parts: [BatchPart], context: BatchContext, options: RenderOptions) -> [UInt8] {
        var out: [UInt8] = []
        for part in parts { out += part.body }
        return out
    }
    public static func renderBytes(_ report: Report) -> [UInt8] { Array(render(report).utf8) }
    public static func render(_ report: Report, options: RenderOptions) -> [UInt8] { renderBytes(report) }
    public static func renderText(_ report: Report, options: RenderOptions) -> String {
        String(decoding: render(report, options: options), as: UTF8.self)
    }
}

/// Choices of a run that change how some formats look, never what they say.
public struct RenderOptions: Sendable {
    /// ANSI colours in the text format (a terminal, and `NO_COLOR` unset).
    public var color: Bool
    /// Print the HTML report's appendix (every passed and not-applicable result) on paper too.
    public var appendix: Bool
    /// The folder SARIF locations are relative to (`%SRCROOT%`), absolute; nil writes the paths
    /// as given.
    public var sourceRoot: String?
    /// The absolute folder relative protocol paths are read from (to place them under `sourceRoot`).
    public var workingDirectory: String?

    /// Creates options; the defaults are plain text and a short printed HTML report.
    public init(color: Bool = false, appendix: Bool = false, sourceRoot: String? = nil, workingDirectory: String? = nil) {
        self.color = color
        self.appendix = appendix
        self.sourceRoot = sourceRoot
        self.workingDirectory = workingDirectory
    }
}

/// An output format, by `--format` name.
///
/// `allCases` is the one list of formats: a format is its reporter, and its name, file suffix and
/// whether it goes to standard output all come from the reporter. Adding a format is a reporter
/// file and one entry here (a `static let` and its place in `allCases`).
public struct ReportFormat: Sendable, Hashable, CaseIterable, RawRepresentable, CustomStringConvertible {
    /// The reporter for this format.
    public let reporter: any Reporter.Type

    private init(_ reporter: any Reporter.Type) { self.reporter = reporter }

    public static let text = ReportFormat(TextReporter.self)
    public static let json = ReportFormat(JSONReporter.self)
    public static let junit = ReportFormat(JUnitReporter.self)
    public static let sarif = ReportFormat(SARIFReporter.self)
    public static let markdown = ReportFormat(MarkdownReporter.self)
    public static let html = ReportFormat(HTMLReporter.self)
    public static let github = ReportFormat(GitHubReporter.self)

    /// Every format, in the order help and documentation list them.
    public static let allCases: [ReportFormat] = [.text, .json, .junit, .sarif, .markdown, .html, .github]

    /// The format named `rawValue`, or nil.
    public init?(rawValue: String) {
        guard let format = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = format
    }

    /// The `--format` name.
    public var rawValue: String { reporter.name }

    public var description: String { rawValue }

    /// Whether the format goes to standard output rather than a file.
    public var isStreamed: Bool { reporter.fileSuffix == nil }

    public static func == (lhs: ReportFormat, rhs: ReportFormat) -> Bool { lhs.reporter == rhs.reporter }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(reporter)) }
}
