/// The reference report format (SPEC 6, `report_version: 1`).
public enum JSONReporter: Reporter {
    public static let name = "json"
    public static let fileSuffix: String? = ".json"

    public static func render(_ report: Report) -> String {
        value(report).rendered() + "\n"
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
                ("verdict", .string(s.verdict)),
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
