import StemCheckEngine
import StemCheckModel
/// SARIF 2.1.0 for code-scanning tools (SPEC 6).
///
/// One run; `tool.driver.rules` holds every rule in the report with its title, citation and
/// help link; `results` holds one result per `fail` or `error`, plus one per `waived` result
/// carrying an accepted external suppression with the waiver's justification. Passing,
/// not-applicable and review results are not SARIF results. The protocol is the run's only
/// artifact, with its SHA-256.
public enum SARIFReporter: Reporter {
    public static let name = "sarif"
    public static let fileSuffix: String? = ".sarif"
    public static let showsNotApplicableDetail = false

    /// The `$schema` written into every log.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public static func render(_ report: Report) -> String {
        value(report).rendered() + "\n"
    }

    /// The log as an ordered JSON value.
    public static func value(_ report: Report) -> JSONValue {
        let uri = artifactURI(report.protocolInfo.path)
        var ruleIndex: [String: Int] = [:]
        for (n, r) in report.results.enumerated() where ruleIndex[r.rule] == nil { ruleIndex[r.rule] = n }
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object([
                ("name", .string(report.toolName)),
                ("version", .string(report.toolVersion)),
                ("semanticVersion", .string(report.toolVersion)),
                ("rules", .array(report.results.map { descriptor($0, report) })),
            ]))])),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(true)),
                ("endTimeUtc", .string(report.generatedAt)),
                ("toolExecutionNotifications", .array(report.notes.map { note in
                    .object([("level", .string("note")), ("message", .object([("text", .string(note))]))])
                })),
            ])])),
            ("artifacts", .array([.object([
                ("location", .object([("uri", .string(uri))])),
                ("hashes", .object([("sha-256", .string(report.protocolInfo.sha256))])),
            ])])),
            ("results", .array(report.results.compactMap { r in
                guard r.isFailing || r.status == .waived else { return nil }
                return result(r, ruleIndex: ruleIndex[r.rule] ?? 0, uri: uri)
            })),
            ("columnKind", .string("unicodeCodePoints")),
            ("properties", .object(runProperties(report))),
        ])
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
    }

    /// SARIF level of a severity: error, warning or note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// The level of one result: an evaluation error is always `error`.
    static func level(_ r: RuleResult) -> String {
        let status = r.waiver?.originalStatus ?? r.status
        return status == .error ? "error" : level(r.severity)
    }

    static func descriptor(_ r: RuleResult, _ report: Report) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(r.rule)),
            ("name", .string(pascalName(r.title, fallback: r.rule))),
            ("shortDescription", .object([("text", .string(r.title))])),
        ]
        if let url = report.helpURL(r) { pairs.append(("helpUri", .string(url))) }
        if let fix = r.remediation { pairs.append(("help", .object([("text", .string(fix))]))) }
        pairs.append(("defaultConfiguration", .object([("level", .string(level(r.severity)))])))
        var properties: [(String, JSONValue)] = []
        if let citation = r.citation { properties.append(("citation", .string(citation))) }
        properties.append(("pack", .string(r.pack)))
        if let pack = report.pack(r.pack) { properties.append(("pack_version", .string(pack.version))) }
        properties.append(("severity", .string(r.severity.rawValue)))
        var seen = Set<String>()
        let tags = r.tags.filter { seen.insert($0).inserted }
        if !tags.isEmpty { properties.append(("tags", .array(tags.map(JSONValue.string)))) }
        pairs.append(("properties", .object(properties)))
        return .object(pairs)
    }

    static func result(_ r: RuleResult, ruleIndex: Int, uri: String) -> JSONValue {
        let l = r.location ?? Location(line: 1, column: 1)
        var pairs: [(String, JSONValue)] = [
            ("ruleId", .string(r.rule)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(r))),
            ("message", .object([("text", .string(r.message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", .object([("uri", .string(uri)), ("index", .int(0))])),
                ("region", .object([("startLine", .int(max(1, l.line))), ("startColumn", .int(max(1, l.column)))])),
            ]))])])),
        ]
        if let w = r.waiver {
            pairs.append(("suppressions", .array([.object([
                ("kind", .string("external")),
                ("status", .string("accepted")),
                ("justification", .string(w.justification)),
                ("properties", .object([
                    ("approved_by", .string(w.approvedBy)), ("expires", .string(w.expires)), ("source", .string(w.source)),
                ])),
            ])])))
        }
        var properties: [(String, JSONValue)] = [
            ("status", .string(r.status.rawValue)),
            ("severity", .string(r.severity.rawValue)),
        ]
        if let w = r.waiver { properties.append(("original_status", .string(w.originalStatus.rawValue))) }
        if let path = r.path { properties.append(("path", .string(path))) }
        properties.append(("actual", r.actual.map(JSONValue.init) ?? .null))
        properties.append(("why", JSONReporter.result(r).member("why") ?? .array([])))
        pairs.append(("properties", .object(properties)))
        return .object(pairs)
    }

    static func runProperties(_ report: Report) -> [(String, JSONValue)] {
        let json = JSONReporter.value(report)
        return [
            ("protocol", json.member("protocol") ?? .null),
            ("profile", .optional(report.profile)),
            ("rule_packs", json.member("rule_packs") ?? .array([])),
            ("summary", json.member("summary") ?? .null),
        ]
    }

    /// The protocol path as a relative URI reference: `/`-separated segments, a leading `./`
    /// dropped, every byte outside RFC 3986 unreserved characters percent-encoded (so a `:` in
    /// the first segment cannot read as a scheme). An absolute path becomes a `file://` URI.
    public static func artifactURI(_ path: String) -> String {
        var rest = Substring(path)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2).drop { $0 == "/" } }
        let absolute = rest.hasPrefix("/")
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false).map { percentEncode(String($0)) }
        let joined = segments.joined(separator: "/")
        return absolute ? "file://" + joined : joined
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// A readable rule name from the title (`FollowUpLastsAtLeast24Months`), as SARIF suggests.
    static func pascalName(_ title: String, fallback: String) -> String {
        var out = ""
        var upper = true
        for scalar in title.unicodeScalars {
            let isAlnum = (scalar.value < 0x80) && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            if isAlnum {
                out += upper ? String(scalar).uppercased() : String(scalar)
                upper = false
            } else {
                upper = true
            }
        }
        return out.isEmpty ? fallback : out
    }
}

extension JSONValue {
    /// The value of an object's member.
    func member(_ key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
}
