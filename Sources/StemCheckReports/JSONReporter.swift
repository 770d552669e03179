import StemCheckEngine
import StemCheckModel
/// The reference report format (SPEC 6, `report_version: 1`).
public enum JSONReporter: Reporter {
    public static let name = "json"
    public static let fileSuffix: String? = ".json"

    public static func render(_ report: Report) -> String {
        String(decoding: renderBytes(report), as: UTF8.self)
    }

    /// The report as UTF-8 bytes, written straight into one buffer (the same text as
    /// `value(report).rendered() + "\n"`, which a test checks).
    public static func renderBytes(_ report: Report) -> [UInt8] {
        var json = JSONStream(capacity: 1024 + 700 * report.results.count)
        let s = report.summary
        json.openObject()
        json.key("report_version"); json.int(1)
        json.key("tool")
        json.openObject()
        json.key("name"); json.string(report.toolName)
        json.key("version"); json.string(report.toolVersion)
        json.closeObject()
        json.key("generated_at"); json.string(report.generatedAt)
        json.key("protocol")
        json.openObject()
        json.key("path"); json.string(report.protocolInfo.path)
        json.key("sha256"); json.string(report.protocolInfo.sha256)
        json.key("id"); json.string(report.protocolInfo.id)
        json.key("title"); json.string(report.protocolInfo.title)
        json.closeObject()
        json.key("profile"); json.string(report.profile)
        json.key("rule_packs")
        json.openArray()
        for pack in report.rulePacks {
            json.element()
            json.openObject()
            json.key("id"); json.string(pack.id)
            json.key("version"); json.string(pack.version)
            json.key("sha256"); json.string(pack.sha256)
            json.closeObject()
        }
        json.closeArray()
        json.key("summary")
        json.openObject()
        json.key("pass"); json.int(s.pass)
        json.key("fail"); json.int(s.fail)
        json.key("not_applicable"); json.int(s.notApplicable)
        json.key("review"); json.int(s.review)
        json.key("waived"); json.int(s.waived)
        json.key("error"); json.int(s.error)
        json.key("verdict"); json.string(s.verdict.rawValue)
        json.closeObject()
        json.key("results")
        json.openArray()
        for index in report.results.indices {
            json.element()
            write(report.results[index], to: &json)
        }
        json.closeArray()
        json.key("notes")
        json.openArray()
        for note in report.notes {
            json.element()
            json.string(note)
        }
        json.closeArray()
        json.closeObject()
        json.sink.append(UInt8(ascii: "\n"))
        return json.bytes
    }

    private static func write(_ location: Location?, to json: inout JSONStream) {
        guard let location else { return json.null() }
        json.openObject()
        json.key("line"); json.int(location.line)
        json.key("column"); json.int(location.column)
        json.closeObject()
    }

    private static func write(_ r: RuleResult, to json: inout JSONStream) {
        json.openObject()
        json.key("rule"); json.string(r.rule)
        json.key("pack"); json.string(r.pack)
        json.key("title"); json.string(r.title)
        json.key("severity"); json.string(r.severity.rawValue)
        json.key("status"); json.string(r.status.rawValue)
        json.key("message"); json.string(r.message)
        json.key("path"); json.string(r.path)
        json.key("location"); write(r.location, to: &json)
        json.key("actual"); json.value(r.actual)
        json.key("citation"); json.string(r.citation)
        json.key("remediation"); json.string(r.remediation)
        json.key("waiver")
        if let w = r.waiver {
            json.openObject()
            json.key("justification"); json.string(w.justification)
            json.key("approved_by"); json.string(w.approvedBy)
            json.key("expires"); json.string(w.expires)
            json.key("source"); json.string(w.source)
            json.key("original_status"); json.string(w.originalStatus.rawValue)
            json.closeObject()
        } else {
            json.null()
        }
        json.key("attestation")
        if let a = r.attestation {
            json.openObject()
            json.key("by"); json.string(a.by)
            json.key("date"); json.string(a.date)
            json.key("statement"); json.string(a.statement)
            json.closeObject()
        } else {
            json.null()
        }
        json.key("why")
        json.openArray()
        for t in r.why {
            json.element()
            json.openObject()
            json.key("path"); json.string(t.path)
            json.key("operator"); json.string(t.op)
            json.key("expected"); json.string(t.expected)
            json.key("actual"); json.value(t.actual)
            json.key("outcome"); json.string(t.outcome.rawValue)
            json.key("location"); write(t.location.map(Location.init), to: &json)
            json.key("detail"); json.string(t.detail)
            json.closeObject()
        }
        json.closeArray()
        json.closeObject()
    }

    /// The report as an ordered JSON value.
    public static func value(_ report: Report) -> JSONValue {
        let s = report.summary
        return .object([
            ("report_version", .int(1)),
            ("tool", .object([("name", .string(report.toolName)), ("version", .string(report.toolVersion))])),
            ("generated_at", .string(report.generatedAt)),
            ("protocol", .object([
                ("path", .string(report.protocolInfo.path)),
                ("sha256", .string(report.protocolInfo.sha256)),
                ("id", .optional(report.protocolInfo.id)),
                ("title", .optional(report.protocolInfo.title)),
            ])),
            ("profile", .optional(report.profile)),
            ("rule_packs", .array(report.rulePacks.map {
                .object([("id", .string($0.id)), ("version", .string($0.version)), ("sha256", .string($0.sha256))])
            })),
            ("summary", .object([
                ("pass", .int(s.pass)), ("fail", .int(s.fail)), ("not_applicable", .int(s.notApplicable)),
                ("review", .int(s.review)), ("waived", .int(s.waived)), ("error", .int(s.error)),
                ("verdict", .string(s.verdict.rawValue)),
            ])),
            ("results", .array(report.results.map(result))),
            ("notes", .array(report.notes.map(JSONValue.string))),
        ])
    }

    static func location(_ l: Location?) -> JSONValue {
        guard let l else { return .null }
        return .object([("line", .int(l.line)), ("column", .int(l.column))])
    }

    static func result(_ r: RuleResult) -> JSONValue {
        .object([
            ("rule", .string(r.rule)),
            ("pack", .string(r.pack)),
            ("title", .string(r.title)),
            ("severity", .string(r.severity.rawValue)),
            ("status", .string(r.status.rawValue)),
            ("message", .string(r.message)),
            ("path", .optional(r.path)),
            ("location", location(r.location)),
            ("actual", r.actual.map(JSONValue.init) ?? .null),
            ("citation", .optional(r.citation)),
            ("remediation", .optional(r.remediation)),
            ("waiver", r.waiver.map { w in
                .object([
                    ("justification", .string(w.justification)), ("approved_by", .string(w.approvedBy)),
                    ("expires", .string(w.expires)), ("source", .string(w.source)),
                    ("original_status", .string(w.originalStatus.rawValue)),
                ])
            } ?? .null),
            ("attestation", r.attestation.map { a in
                .object([("by", .string(a.by)), ("date", .string(a.date)), ("statement", .optional(a.statement))])
            } ?? .null),
            ("why", .array(r.why.map { t in
                .object([
                    ("path", .string(t.path)), ("operator", .string(t.op)), ("expected", .string(t.expected)),
                    ("actual", t.actual.map(JSONValue.init) ?? .null), ("outcome", .string(t.outcome.rawValue)),
                    ("location", location(t.location.map(Location.init))),
                    ("detail", .optional(t.detail)),
                ])
            })),
        ])
    }
}
