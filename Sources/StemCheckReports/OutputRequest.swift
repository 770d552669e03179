import StemCheckModel

/// Where one format's output goes (`--format NAME[=DEST]`, SPEC 5).
public enum OutputDestination: Sendable, Hashable {
    /// The format's default: standard output for `text`, one file per protocol in `--output`
    /// for the file formats.
    case perProtocol
    /// One document for the whole run on standard output (`=-`).
    case standardOutput
    /// One document for the whole run in this file (`=PATH`).
    case file(String)
}

/// One requested format and its destination.
public struct OutputRequest: Sendable, Hashable, CustomStringConvertible {
    public var format: ReportFormat
    public var destination: OutputDestination

    public init(format: ReportFormat, destination: OutputDestination = .perProtocol) {
        self.format = format
        self.destination = destination
    }

    /// Parses `NAME` or `NAME=DEST` (`DEST` a file path, or `-` for standard output).
    public init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let format = ReportFormat(rawValue: String(parts[0])) else { return nil }
        self.format = format
        if parts.count == 1 {
            destination = .perProtocol
        } else if parts[1] == "-" {
            destination = .standardOutput
        } else if parts[1].isEmpty {
            return nil
        } else {
            destination = .file(String(parts[1]))
        }
    }

    /// Whether the run writes one document for all protocols: a destination was given, or the
    /// format orders and limits across the run by nature (`github`).
    public var isWholeRun: Bool { destination != .perProtocol || format.reporter.isWholeRunByNature }

    /// Whether the output goes to standard output (per protocol or as one document).
    public var writesStandardOutput: Bool {
        switch destination {
        case .standardOutput: return true
        case .perProtocol: return format.isStreamed
        case .file: return false
        }
    }

    public var description: String {
        switch destination {
        case .perProtocol: return format.rawValue
        case .standardOutput: return format.rawValue + "=-"
        case .file(let path): return format.rawValue + "=" + path
        }
    }
}

/// One protocol's part of a whole-run document, rendered as soon as the protocol is checked so
/// that the run keeps bytes, not reports.
public struct BatchPart: Sendable {
    /// The format's body for this protocol (a JUnit `testsuite`, a JSON report, a Markdown or
    /// HTML section, annotation lines).
    public var body: [UInt8]
    /// Elements the document lists one by one (SARIF results), in order.
    public var items: [[UInt8]] = []
    /// Pieces the document shares between protocols, by key, first one kept (SARIF rule
    /// descriptors by rule id).
    public var shared: [SharedPiece] = []
    /// The protocol's line in a run summary.
    public var entry: BatchEntry

    public init(body: [UInt8], items: [[UInt8]] = [], shared: [SharedPiece] = [], entry: BatchEntry) {
        self.body = body
        self.items = items
        self.shared = shared
        self.entry = entry
    }
}

/// A piece a whole-run document shares between protocols (a SARIF rule descriptor, an
/// artifact): its key, and how to write it. The document keeps the first piece of each key, in
/// input order, so a piece is written only when it is kept: a SARIF run with a hundred protocols
/// writes each rule's descriptor once, not once per protocol whose results name the rule.
public struct SharedPiece: Sendable {
    /// Pieces with the same key are one piece in the document.
    public let key: String
    private let make: @Sendable () -> [UInt8]

    /// A piece written by `make`, called at most once, when the document keeps it.
    public init(key: String, make: @escaping @Sendable () -> [UInt8]) {
        self.key = key
        self.make = make
    }

    /// A piece already written.
    public init(key: String, bytes: [UInt8]) {
        self.init(key: key, make: { bytes })
    }

    /// The piece's bytes (written now if made lazily).
    public func bytes() -> [UInt8] { make() }
}

/// A protocol's facts in a run summary.
public struct BatchEntry: Sendable {
    public var path: String
    public var title: String?
    public var profile: String?
    public var summary: Summary
    /// The anchor of its section in a Markdown or HTML batch page.
    public var anchor: String

    public init(_ report: Report, index: Int) {
        self.init(path: report.protocolInfo.path, title: report.protocolInfo.title, profile: report.profile,
                  summary: report.summary, index: index)
    }

    /// An entry from its facts; `index` is the protocol's place in the run.
    public init(path: String, title: String?, profile: String?, summary: Summary, index: Int) {
        self.path = path
        self.title = title
        self.profile = profile
        self.summary = summary
        anchor = "protocol-\(index + 1)"
    }
}

/// What a whole-run document says of the run itself.
public struct BatchContext: Sendable {
    public var toolName: String
    public var toolVersion: String
    public var generatedAt: String
    /// The `--fail-on` in force (nil: never).
    public var failOn: Severity?
    /// Files that could not be checked (unreadable or malformed), with the reason.
    public var failedFiles: [(path: String, reason: String)]

    public init(toolName: String = ToolInfo.name, toolVersion: String = ToolInfo.version, generatedAt: String,
                failOn: Severity?, failedFiles: [(path: String, reason: String)] = []) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
        self.failOn = failOn
        self.failedFiles = failedFiles
    }
}
