import StemCheckEngine
import StemCheckModel
/// The reference report format (SPEC 6, `report_version: 2`).
///
/// The report is described once, member by member, to a `JSONWriter`; the parts other formats
/// carry too (protocol, rule packs, summary, `why`) are written by the functions below, which
/// SARIF calls for its run properties.
public enum JSONReporter: Reporter {
    public static let name = "json"
    public static let fileSuffix: String? = ".json"
    /// Essential JSON names not-applicable results; `--detail full` writes each with its message
    /// and `why`.
    public static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool { options.detail == .full }
    /// Essential JSON lists unknown results under the fields they miss; `--detail full` words each.
    public static func showsUnknownMessage(_ options: RenderOptions) -> Bool { options.detail == .full }
    /// An essential report lists the fields not stated with the rules they leave undecided; only
    /// `--detail full` writes such a result (and its `why`) in full.
    public static func showsUnknownWhy(_ options: RenderOptions) -> Bool { options.detail == .full }
    /// An essential report lists the rules that passed by id.
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { options.detail == .full }

    public static func render(_ report: Report) -> String {
        String(decoding: renderBytes(report), as: UTF8.self)
    }

    /// The report with its `--detail`.
    public static func render(_ report: Report, options: RenderOptions) -> [UInt8] {
        renderBytes(report, detail: options.detail)
    }

    /// The report as UTF-8 bytes, every result in full.
    public static func renderBytes(_ report: Report) -> [UInt8] { renderBytes(report, detail: .full) }

    /// The report as UTF-8 bytes, written straight into one buffer. With `essential` detail a
    /// passed or not-applicable result is only its identity and status, and the rules' own texts
    /// (title, citation, quote, remediation, link) are written once, in `rules`, for the results
    /// that need explaining.
    public static func renderBytes(_ report: Report, detail: ReportDetail) -> [UInt8] {
        // Essential reports are for programs: one line, no spaces.
        var json = JSONWriter(layout: detail == .essential ? .compact : .indented, capacity: 1024 + 700 * report.results.count)
        json.object { json in
            writeHeader(toolName: report.toolName, toolVersion: report.toolVersion, generatedAt: report.generatedAt, to: &json)
            json.key("protocol"); writeProtocol(report.protocolInfo, to: &json)
            json.member("profile", report.profile)
            json.key("rule_packs"); writeRulePacks(report.rulePacks, to: &json)
            json.key("summary"); writeSummary(report, to: &json)
            json.member("detail", detail.rawValue)
            json.key("results")
            switch detail {
            case .full:
                // By index: the results are read in place, not copied.
                json.array(report.results.indices) { json, n in write(report.results[n], to: &json) }
            case .essential:
                // Violations, errors, review items and waivers in full; the other results only named,
                // below, and the fields not stated once each with the rules they leave undecided.
                json.array(report.results.indices.lazy.filter { explained(report.results[$0]) }) { json, n in
                    write(report.results[n], ruleTexts: false, to: &json)
                }
                json.key("not_stated")
                // Groups in first-seen order, found by their field: one lookup per missing field.
                var groups: [(field: MissingField, rules: [String])] = []
                var index: [MissingField: Int] = [:]
                index.reserveCapacity(report.results.reduce(0) { $0 + ($1.status == .unknown ? $1.missing.count : 0) })
                for r in report.results where r.status == .unknown {
                    for m in r.missing {
                        let next = groups.count
                        let n = ReportOutline.slot(&index[m, default: next])
                        if n == next { groups.append((m, [])) }
                        if groups[n].rules.last != r.rule { groups[n].rules.append(r.rule) }
                    }
                }
                json.objects(groups) { json, g in
                    json.member("path", g.field.path)
                    // "absent" is the common case and goes without saying.
                    if g.field.reason != .absent { json.member("reason", g.field.reason.rawValue) }
                    json.key("rules")
                    json.array(g.rules) { json, rule in json.string(rule) }
                }
                json.key("passed")
                json.array(report.results.lazy.filter { $0.status == .pass && $0.attestation == nil }) { json, r in json.string(r.rule) }
                json.key("attested")
                json.objects(report.results.lazy.filter { $0.status == .pass && $0.attestation != nil }) { json, r in
                    json.member("rule", r.rule)
                    writeAttestation(r.attestation!, to: &json)
                }
                json.key("not_applicable")
                json.array(report.results.lazy.filter { $0.status == .notApplicable }) { json, r in json.string(r.rule) }
            }
            if detail == .essential {
                json.key("rules")
                json.object { json in
                    var seen = Set<String>()
                    for r in report.results where explained(r) && seen.insert(r.rule).inserted {
                        json.key(escaping: r.rule)
                        json.object { json in
                            // The source's words are in --detail full, `explain`, HTML and SARIF.
                            json.member("title", r.title)
                            json.member("citation", r.citation)
                            json.member("remediation", r.remediation)
                            if let url = report.helpURL(r) { json.member("url", url) }
                        }
                    }
                }
            }
            json.key("notes")
            json.array(report.notes) { json, note in json.string(note) }
        }
        return json.fileBytes()
    }

    /// One protocol's report, for a whole-run document.
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        BatchPart(body: renderBytes(report, detail: options.detail), entry: BatchEntry(report, index: index))
    }

    /// One document for the whole run (SPEC 5): the run's summary, the files that could not be
    /// checked, and a `reports` array of the protocols' reports, each as it would be alone.
    public static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter) {
        let entries = parts.entries
        var json = JSONWriter(capacity: 1 << 16)
        json.object { json in
            writeHeader(toolName: context.toolName, toolVersion: context.toolVersion, generatedAt: context.generatedAt, to: &json)
            json.object("summary") { json in
                json.member("protocols", parts.count)
                json.member("not_checked", context.failedFiles.count)
                json.object("verdicts") { json in
                    var verdicts: [Verdict: Int] = [:]
                    for entry in entries { verdicts[entry.summary.verdict, default: 0] += 1 }
                    for verdict in Verdict.allCases {
                        json.key(escaping: verdict.rawValue)
                        json.int(verdicts[verdict] ?? 0)
                    }
                }
                json.object("gate") { json in
                    json.member("fail_on", context.failOn?.rawValue ?? "never")
                    json.member("passed", entries.allSatisfy(\.summary.gatePassed) && context.failedFiles.isEmpty)
                }
            }
            json.key("not_checked")
            json.objects(context.failedFiles) { json, f in
                json.member("path", f.path)
                json.member("reason", f.reason)
            }
            json.key("reports")
            json.array(parts.bodies) { json, body in
                json.fragment(body)
                out.write(json.takeBytes())
            }
        }
        out.write(json.fileBytes())
    }

    /// An attestation's members.
    static func writeAttestation(_ a: AppliedAttestation, to json: inout JSONWriter) {
        json.member("by", a.by)
        json.member("date", a.date)
        json.member("statement", a.statement)
    }

    /// `report_version`, `tool` and `generated_at`: how every JSON document begins.
    static func writeHeader(toolName: String, toolVersion: String, generatedAt: String, to json: inout JSONWriter) {
        json.member("report_version", 2)
        json.object("tool") { json in
            json.member("name", toolName)
            json.member("version", toolVersion)
        }
        json.member("generated_at", generatedAt)
    }

    static func writeProtocol(_ p: ProtocolInfo, to json: inout JSONWriter) {
        json.object { json in
            json.member("path", p.path)
            json.member("sha256", p.sha256)
            json.member("id", p.id)
            json.member("title", p.title)
        }
    }

    static func writeRulePacks(_ packs: [PackInfo], to json: inout JSONWriter) {
        json.objects(packs) { json, pack in
            json.member("id", pack.id)
            json.member("version", pack.version)
            json.member("sha256", pack.sha256)
        }
    }

    /// The count of every status (in `Status` order), the verdict, and the gate: the `--fail-on`
    /// in force (`never` when off) and whether the run passed it (the exit status).
    static func writeSummary(_ report: Report, to json: inout JSONWriter) {
        let s = report.summary
        json.object { json in
            for status in Status.allCases {
                json.key(escaping: status.rawValue)
                json.int(s.count(status))
            }
            json.member("verdict", s.verdict.rawValue)
            json.object("gate") { json in
                json.member("fail_on", report.failOn?.rawValue ?? "never")
                json.member("passed", s.gatePassed)
            }
        }
    }

    /// `{"line", "column"}`, or `null`.
    static func write(_ location: Location?, to json: inout JSONWriter) {
        json.object(location) { json, l in
            json.member("line", l.line)
            json.member("column", l.column)
        }
    }

    /// Whether a result of an essential report is written in full: a violation, an error, a
    /// review item or a waiver. Passed, not-applicable and not-stated results are only named (a
    /// result not stated is explained by the `not_stated` field it is listed under).
    static func explained(_ r: RuleResult) -> Bool {
        switch r.status {
        case .fail, .error, .review, .waived: return true
        case .unknown: return r.missing.isEmpty  // not under any not_stated field
        case .pass, .notApplicable: return false
        }
    }


    /// A result; `ruleTexts: false` leaves the rule's own texts to the report's `rules`.
    static func write(_ r: RuleResult, ruleTexts: Bool = true, to json: inout JSONWriter) {
        // An essential report (no rule texts) leaves out members that are null or empty.
        let all = ruleTexts
        json.object { json in
            json.member("rule", r.rule)
            json.member("pack", r.pack)
            if ruleTexts { json.member("title", r.title) }
            json.member("severity", r.severity.rawValue)
            json.member("status", r.status.rawValue)
            json.member("message", r.message)
            if all || r.path != nil { json.member("path", r.path) }
            if all || r.location != nil { json.key("location"); write(r.location, to: &json) }
            if all || r.actual != nil { json.key("actual"); json.value(r.actual) }
            if ruleTexts {
                json.member("citation", r.citation)
                if let quote = r.quote { json.member("quote", quote) }
                if let unverified = r.sourceUnverified { json.member("source_unverified", unverified) }
                json.member("remediation", r.remediation)
            }
            if all || r.waiver != nil {
                json.key("waiver")
                json.object(r.waiver) { json, w in
                    json.member("justification", w.justification)
                    json.member("approved_by", w.approvedBy)
                    json.member("expires", w.expires)
                    json.member("source", w.source)
                    json.member("original_status", w.originalStatus.rawValue)
                }
            }
            if all || r.attestation != nil {
                json.key("attestation")
                json.object(r.attestation) { json, a in writeAttestation(a, to: &json) }
            }
            if all || !r.why.isEmpty { json.key("why"); writeWhy(r.why, to: &json) }
            if all || !r.missing.isEmpty { json.key("missing"); writeMissing(r.missing, to: &json) }
        }
    }

    /// What leaves an `unknown` result undecided: `[{"path", "reason"}]`.
    static func writeMissing(_ missing: [MissingField], to json: inout JSONWriter) {
        json.objects(missing) { json, m in
            json.member("path", m.path)
            json.member("reason", m.reason.rawValue)
        }
    }

    /// The leaf checks that decided a result.
    static func writeWhy(_ why: [LeafTrace], to json: inout JSONWriter) {
        json.objects(why) { json, t in
            json.member("path", t.path)
            json.member("operator", t.op)
            json.member("expected", t.expected)
            json.key("actual"); json.value(t.actual)
            json.member("outcome", t.outcome.rawValue)
            json.key("location"); write(t.location.map(Location.init), to: &json)
            json.member("detail", t.detail)
        }
    }
}
