import StemCheckEngine
import StemCheckInput
import StemCheckModel
import StemCheckReports
import StemCheckReview
import StemCheckRun

/// The library's check of one uploaded protocol, as `stemcheck check` does it without
/// `--profile`: the shipped packs, the profile the protocol's jurisdictions and condition call
/// for, the same report bytes (JSON and HTML) as the CLI.
public struct ProtocolChecking: Sendable {
    let catalog: RuleCatalog
    let all: RuleSet

    /// Loads the shipped rule packs once.
    public init() throws {
        catalog = try RuleCatalog.shipped()
        all = try catalog.select(profile: nil)
    }

    /// What an upload yields.
    public struct Outcome: Sendable {
        public var format: String
        /// The located input error (FILE:LINE:COL: error: …) when the bytes are not a protocol.
        public var inputError: String?
        public var report: Report?
        public var json: [UInt8]?
        public var html: [UInt8]?
    }

    /// Checks `bytes` uploaded as `filename` at `seconds` (the report's time).
    public func check(bytes: [UInt8], filename: String, seconds: Int) -> Outcome {
        let format = Self.sniff(bytes)
        let clock = RunClock(seconds: seconds)
        let options = CheckOptions(failOn: .error, today: clock.today, generatedAt: clock.timestamp)
        let fallback = Checker(rules: all, options: options)
        let reader = ProtocolReader(for: all)
        do {
            var document = try reader.read(bytes: bytes, name: filename)
            var checker = fallback
            if let auto = AutoProfile(catalog: catalog, options: options) {
                let (chosen, note) = try auto.checker(for: document, fallback: fallback)
                checker = chosen
                if let note { document.notes.insert(note, at: 0) }
            }
            let report = try checker.check(document)
            return Outcome(format: format, inputError: nil, report: report,
                           json: JSONReporter.renderBytes(report), html: Array(HTMLReporter.render(report).utf8))
        } catch {
            return Outcome(format: format, inputError: error.description, report: nil, json: nil, html: nil)
        }
    }

    /// `json` when the first non-blank byte opens a JSON object or array, else `yaml`.
    static func sniff(_ bytes: [UInt8]) -> String {
        for byte in bytes.prefix(4096) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return "json"
            default: return "yaml"
            }
        }
        return "yaml"
    }

    /// Why the bytes cannot be a protocol at all (binary, not UTF-8), or nil.
    static func refusal(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "the upload is empty" }
        if bytes.contains(0) { return "the upload is binary (it contains NUL bytes), not a YAML or JSON protocol" }
        if String(validating: bytes, as: UTF8.self) == nil { return "the upload is not UTF-8 text" }
        return nil
    }
}
