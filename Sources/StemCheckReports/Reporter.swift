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
    static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool
    /// Whether the format prints the message of an `unknown` result that lists its missing
    /// fields. When no format of a run does, the checker does not word it (CheckOptions.explainUnknown).
    static func showsUnknownMessage(_ options: RenderOptions) -> Bool
    /// Whether the format shows the `why` (the leaves that decided it) of an `unknown` result that
    /// lists its missing fields. When no format of a run does, such results may be made without
    /// it (CheckOptions.traceUnknown).
    static func showsUnknownWhy(_ options: RenderOptions) -> Bool
    /// Whether the format shows a passing result's path, location or value. When no format of a
    /// run does, passes are made without them (CheckOptions.describePasses).
    static func showsPassDetail(_ options: RenderOptions) -> Bool
    /// Whether the format shows the protocol file's SHA-256. When no format of a run does, the
    /// reader does not compute it (`ProtocolReader.computesDigest`).
    static var showsDigest: Bool { get }
    /// Whether every run writes one document for all its protocols, even without `=DEST`
    /// (`github`: its annotations are ordered and limited across the run).
    static var isWholeRunByNature: Bool { get }
    /// One protocol's part of a whole-run document (`--format NAME=DEST`); `index` is the
    /// protocol's place in the run.
    static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart
    /// Writes the whole-run document from the parts, in input order, to `out` as it goes: bodies
    /// and items are read one at a time and written on (JSON, SARIF and JUnit never hold the
    /// document, or more than one protocol's part, in memory).
    static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter)
}

extension Reporter {
    public static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool { true }
    public static func showsUnknownMessage(_ options: RenderOptions) -> Bool { true }
    public static var isWholeRunByNature: Bool { false }
    public static var showsDigest: Bool { true }
    public static func showsUnknownWhy(_ options: RenderOptions) -> Bool { true }
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { true }
    /// By default a protocol's part is its report as this format renders it alone.
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        BatchPart(body: render(report, options: options), entry: BatchEntry(report, index: index))
    }
    /// By default the document is the parts one after the other (text).
    public static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter) {
        for body in parts.bodies { out.write(body) }
    }
    /// The whole-run document of parts held in memory, as bytes.
    public static func batchDocument(_ parts: [BatchPart], context: BatchContext, options: RenderOptions) -> [UInt8] {
        var bytes: [UInt8] = []
        let out = DocumentWriter { bytes += $0 }
        writeBatch(BatchParts(parts), context: context, options: options, to: out)
        out.flush()
        return bytes
    }
    public static func renderBytes(_ report: Report) -> [UInt8] { Array(render(report).utf8) }
    public static func render(_ report: Report, options: RenderOptions) -> [UInt8] { renderBytes(report) }
}

/// Choices of a run that change how some formats look, never what they say.
public struct RenderOptions: Sendable {
    /// ANSI colours in the text format (`ColorMode.enabled`).
    public var color: Bool
    /// Print the HTML report's appendix (every passed and not-applicable result) on paper too.
    public var appendix: Bool
    /// The folder SARIF locations are relative to (`%SRCROOT%`), absolute; nil writes the paths
    /// as given.
    public var sourceRoot: String?
    /// The absolute folder relative protocol paths are read from (to place them under `sourceRoot`).
    public var workingDirectory: String?
    /// `--quiet`: the text format prints only each protocol's verdict line.
    public var quiet: Bool
    /// How much the JSON report says of each result (`--detail`).
    public var detail: ReportDetail = .essential

    /// Creates options; the defaults are plain text and a short printed HTML report.
    public init(color: Bool = false, appendix: Bool = false, quiet: Bool = false,
                sourceRoot: String? = nil, workingDirectory: String? = nil) {
        self.color = color
        self.appendix = appendix
        self.quiet = quiet
        self.sourceRoot = sourceRoot
        self.workingDirectory = workingDirectory
    }
}

/// `--detail`: how much a JSON report says of each result.
public enum ReportDetail: String, Sendable, CaseIterable {
    /// Passed and not-applicable results as `{rule, pack, severity, status}`; the others in full,
    /// with each rule's title, citation, quote and remediation once in the report's `rules`.
    case essential
    /// Every result with every field (`report_version: 2` as 0.1.0-era tools read it).
    case full
}

/// `--color`: whether the text format is coloured.
public enum ColorMode: String, Sendable, CaseIterable {
    /// Colour on a terminal, unless `NO_COLOR` is set to something or `TERM` is `dumb`.
    case auto
    /// Colour whatever the output and the environment say.
    case always
    /// No colour.
    case never

    /// Whether to colour output going to a terminal (`isTerminal`) or not, in `environment`.
    public func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            // https://no-color.org: set and not empty. A dumb terminal shows escapes as text.
            return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
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
