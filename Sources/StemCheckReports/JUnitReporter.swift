import StemCheckEngine
import StemCheckModel
import YAMLSource
/// JUnit XML for CI test dashboards (SPEC 6): one `testsuite` per protocol, one `testcase` per
/// rule (name = rule id, classname = pack id).
///
/// The document is shaped to validate against both the strict Ant schema (windyroad) and the
/// lenient Jenkins one: a bare `testsuite` root (inside `testsuites` the strict schema would
/// also demand `package` and `id`); `properties`, `system-out` and `system-err` present and in
/// that order; a timestamp without zone; `hostname` fixed to `localhost` so output stays
/// deterministic; at most one child per `testcase`. Both `fail` and `error` results are
/// `failure` elements (`type` tells them apart), so `errors` is always 0 and `failures` counts
/// both; not-applicable, waived and review results are `skipped`.
public enum JUnitReporter: Reporter {
    public static let name = "junit"
    public static let fileSuffix: String? = ".junit.xml"
    /// A passing test case is its rule's name alone (only SCHEMA, which never passes, has
    /// several results to tell apart by path).
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { false }

    public static func render(_ report: Report) -> String {
        var out = ByteSink(capacity: 16_384)
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        testsuite(report, aggregated: nil, to: &out)
        return out.text
    }

    /// One protocol's `testsuite`, for a whole-run `testsuites` document.
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        var out = ByteSink(capacity: 16_384)
        testsuite(report, aggregated: index, to: &out)
        return BatchPart(body: out.bytes, entry: BatchEntry(report, index: index))
    }

    /// One `testsuites` for the whole run (SPEC 5), valid against both schemas: no attributes on
    /// `testsuites` (the strict schema allows none), and `package` and `id` on each `testsuite`.
    public static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter) {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n")
        for body in parts.bodies { out.write(body) }
        out.write("</testsuites>\n")
    }

    /// The `testsuite` element; `aggregated` is its index inside a `testsuites` (adds `package` and `id`).
    /// Written straight into `out`, each text escaped as it is written (issue 20: building the
    /// element as strings, then escaping them, cost most of a batch JUnit run).
    static func testsuite(_ report: Report, aggregated: Int?, to out: inout ByteSink) {
        let s = report.summary
        let path = report.protocolInfo.path
        // A gating `unknown` is a failure ("not stated"), one that does not gate is skipped.
        let unknownFailures = report.results.filter { $0.status == .unknown && report.gates($0) }.count
        // Test case names are unique: a rule with several results (the built-in SCHEMA, one per
        // value) names each by its path.
        var seen: [String: Int] = [:]
        for r in report.results { seen[r.rule, default: 0] += 1 }
        out.append("<testsuite")
        attribute("name", path.isEmpty ? "protocol" : path, to: &out)
        if let aggregated {
            attribute("package", "stemcheck", to: &out)
            attribute("id", String(aggregated), to: &out)
        }
        attribute("tests", String(report.results.count), to: &out)
        attribute("failures", String(s.fail + s.error + unknownFailures), to: &out)
        attribute("errors", "0", to: &out)
        attribute("skipped", String(s.notApplicable + s.waived + s.review + s.unknown - unknownFailures), to: &out)
        attribute("time", "0", to: &out)
        attribute("timestamp", timestamp(report.generatedAt), to: &out)
        attribute("hostname", "localhost", to: &out)
        out.append(">\n  <properties>\n")
        for (name, value) in properties(report) {
            out.append("    <property")
            attribute("name", name, to: &out)
            attribute("value", value, to: &out)
            out.append("/>\n")
        }
        out.append("  </properties>\n")
        for r in report.results {
            out.append("  <testcase")
            attribute("name", (seen[r.rule] ?? 0) > 1 ? r.rule + " " + (r.path ?? "") : r.rule, to: &out)
            attribute("classname", r.pack, to: &out)
            attribute("time", "0", to: &out)
            if r.status == .pass {
                out.append("/>\n")
                continue
            }
            // Violations fail the test case; so does an unknown result that gates the run.
            if r.status == .fail || r.status == .error || (r.status == .unknown && report.gates(r)) {
                out.append(">\n    <failure")
                attribute("message", r.status == .unknown ? "not stated: " + r.message : r.message, to: &out)
                attribute("type", r.status.rawValue, to: &out)
                out.append(">")
                details(r, report, to: &out)
                out.append("</failure>\n")
            } else {
                out.append(">\n    <skipped")
                attribute("message", skipMessage(r), to: &out)
                out.append(">")
                details(r, report, to: &out)
                out.append("</skipped>\n")
            }
            out.append("  </testcase>\n")
        }
        out.append("  <system-out>")
        Markup.appendXML(systemOut(report), to: &out)
        out.append("</system-out>\n  <system-err></system-err>\n</testsuite>\n")
    }

    /// ` name="value"`, the value escaped for an attribute.
    static func attribute(_ name: StaticString, _ value: String, to out: inout ByteSink) {
        out.append(" ")
        out.append(name)
        out.append("=\"")
        Markup.appendXML(value, attribute: true, to: &out)
        out.append("\"")
    }

    /// `YYYY-MM-DDTHH:MM:SS`: the strict schema wants xs:dateTime with no zone and no fraction.
    static func timestamp(_ generatedAt: String) -> String {
        let head = String(generatedAt.prefix(19))
        let shape = Array("0000-00-00T00:00:00")
        let ok = head.count == 19 && zip(head, shape).allSatisfy { c, s in s == "0" ? c.isASCII && c.isNumber : c == s }
        return ok ? head : "1970-01-01T00:00:00"
    }

    /// The run's identity: protocol digest, profile, rule pack versions, verdict.
    static func properties(_ report: Report) -> [(String, String)] {
        var out: [(String, String)] = [
            ("stemcheck.version", report.toolVersion),
            ("generated_at", report.generatedAt),
            ("protocol.path", report.protocolInfo.path),
            ("protocol.sha256", report.protocolInfo.sha256),
        ]
        if let id = report.protocolInfo.id { out.append(("protocol.id", id)) }
        if let title = report.protocolInfo.title { out.append(("protocol.title", title)) }
        if let profile = report.profile { out.append(("profile", profile)) }
        for pack in report.rulePacks {
            out.append(("rule_pack." + pack.id, pack.version + " sha256:" + pack.sha256))
        }
        out.append(("verdict", report.summary.verdict.rawValue))
        return out
    }

    static func skipMessage(_ r: RuleResult) -> String {
        switch r.status {
        case .waived:
            guard let w = r.waiver else { return r.status.rawValue }
            return "waived (\(w.originalStatus.rawValue)): \(w.justification)"
        default:
            return r.message
        }
    }

    /// The body of a failure or skip: the text format's line (for a failure), then evidence,
    /// waiver, citation and fix, one line each, escaped for character data as it is written into
    /// `out` (no string is made per line: the escaping is the same piece by piece).
    static func details(_ r: RuleResult, _ report: Report, to out: inout ByteSink) {
        func text(_ piece: String) { Markup.appendXML(piece, to: &out) }
        func number(_ n: Int) { out.append(String(n)) }
        if r.isFailing {
            let l = r.location ?? Location(line: 1, column: 1)
            text(report.protocolInfo.path); out.append(":"); number(l.line); out.append(":"); number(l.column)
            out.append(": "); text(r.shownSeverity.rawValue); out.append(": "); text(r.rule); out.append(" "); text(r.message)
        } else {
            text(r.rule); out.append(": "); text(r.message)
        }
        out.append("\nrule: "); text(r.title); out.append(" ["); text(r.status.rawValue); out.append(", severity ")
        text(r.severity.rawValue); out.append("]")
        if let path = r.path { out.append("\npath: "); text(path) }
        if r.actual != nil || r.isFailing { out.append("\nactual: "); text(Markup.value(r.actual)) }
        if !r.why.isEmpty {
            out.append("\nwhy:")
            for t in r.why {
                out.append("\n  - "); text(t.path); out.append(" "); text(t.op); out.append(" "); text(t.expected)
                out.append(": found "); text(Markup.value(t.actual)); out.append(" -&gt; "); text(t.outcome.rawValue)
                if let detail = t.detail { out.append(" ("); text(detail); out.append(")") }
                if let loc = t.location { out.append(" at "); number(loc.line); out.append(":"); number(loc.column) }
            }
        }
        if let w = r.waiver {
            out.append("\nwaiver: "); text(w.justification)
            out.append("\n  approved by "); text(w.approvedBy); out.append(", expires "); text(w.expires)
            out.append(", from "); text(w.source); out.append("; original status "); text(w.originalStatus.rawValue)
        }
        if let citation = r.citation { out.append("\ncitation: "); text(citation) }
        if let quote = r.quote { out.append("\nthe source says: \u{201C}"); text(quote); text("\u{201D}") }
        if let unverified = r.sourceUnverified { out.append("\nsource not read: "); text(unverified) }
        if let url = report.helpURL(r) { out.append("\nsee: "); text(url) }
        if let fix = r.remediation, r.status != .notApplicable { out.append("\nfix: "); text(fix) }
    }

    /// Attestations and notes, which have no testcase element of their own.
    static func systemOut(_ report: Report) -> String {
        var lines: [String] = []
        for r in report.results {
            if let a = r.attestation {
                lines.append("attested: \(r.rule) by \(a.by) on \(a.date)" + (a.statement.map { ": \($0)" } ?? ""))
            }
        }
        lines += report.notes.map { "note: \($0)" }
        lines.append(TextReporter.summaryLine(report, paint: Paint(enabled: false)))
        return lines.joined(separator: "\n")
    }
}
