import StemCheckEngine
import StemCheckModel
/// GitHub-flavoured Markdown for a pull-request comment (SPEC 6), what matters first
/// (`ReportOutline`): verdict and gate, counts, violations by severity with location and
/// remediation, the fields not stated with the rules they leave undecided, waived items, a review
/// checklist and notes. Passes and not-applicable results are counted, not listed.
///
/// Every string from a protocol or rule is escaped so it renders as the text it is: Markdown
/// punctuation is backslash-escaped, `<`, `>` and `&` become entities (HTML in a protocol title
/// does not render), and newlines in table cells become `<br>`.
public enum MarkdownReporter: Reporter {
    public static let name = "markdown"
    public static let fileSuffix: String? = ".md"
    public static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool { false }
    /// Fields not stated are listed with the rules they leave undecided, not worded per result.
    public static func showsUnknownMessage(_ options: RenderOptions) -> Bool { false }
    /// Fields not stated are listed, without the leaves that left their rules undecided.
    public static func showsUnknownWhy(_ options: RenderOptions) -> Bool { false }
    /// Passes are counted, not listed.
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { false }

    /// One protocol's report as a section of the run's page, behind an anchor.
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        let entry = BatchEntry(report, index: index)
        return BatchPart(body: Array(("<a id=\"\(entry.anchor)\"></a>\n\n" + render(report) + "\n").utf8), entry: entry)
    }

    /// One page for the whole run (SPEC 5): a table of the protocols linking to their sections,
    /// then the sections in input order (fit for a pull-request comment or a job summary).
    public static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter) {
        out.write(summaryTable(parts.entries, count: parts.count, context: context) + "\n")
        for body in parts.bodies { out.write(body) }
    }

    /// The run's table: one row per protocol, linking to its section.
    public static func summaryTable(_ entries: some Sequence<BatchEntry>, count: Int, context: BatchContext, links: Bool = true) -> String {
        var out = "# stemcheck: \(count) \(count == 1 ? "protocol" : "protocols")\n\n"
        out += "| Protocol | Verdict | Violations | Not stated | Review | Profile |\n|---|---|---|---|---|---|\n"
        for e in entries {
            let name = inline(e.title ?? e.path)
            out += "| " + (links ? "[\(name)](#\(e.anchor))" : name) + " " + code(e.path) + " | \(verdictBadge(e.summary.verdict)) | "
            out += "\(e.summary.fail + e.summary.error) | \(e.summary.unknown) | \(e.summary.review) | \(e.profile.map(code) ?? "") |\n"
        }
        for f in context.failedFiles { out += "| \(code(f.path)) | not checked | | | | \(cell(f.reason)) |\n" }
        return out
    }

    public static func render(_ report: Report) -> String {
        let p = report.protocolInfo
        let s = report.summary
        let outline = ReportOutline(report)
        var out = ""
        let title = p.title.map { " — " + inline($0) } ?? ""
        out += "## stemcheck: \(verdictBadge(s.verdict))\(title)\n\n"
        var identity: [String] = []
        if let id = p.id { identity.append("**" + inline(id) + "**") }
        identity.append(code(p.path))
        identity.append("sha256 " + code(String(p.sha256.prefix(12))))
        if let profile = report.profile { identity.append("profile " + code(profile)) }
        out += "Protocol " + identity.joined(separator: " · ") + "  \n"
        out += "Checked \(inline(report.generatedAt)) with \(inline(report.toolName)) \(inline(report.toolVersion)) against "
        out += report.rulePacks.map { code($0.id) + " " + inline($0.version) }.joined(separator: ", ")
        out += "  \n" + gateLine(report) + "\n\n"

        out += "| Pass | Fail | Not stated | Error | Review | Waived | Not applicable |\n"
        out += "|---:|---:|---:|---:|---:|---:|---:|\n"
        out += "| \(s.pass) | \(s.fail) | \(s.unknown) | \(s.error) | \(s.review) | \(s.waived) | \(s.notApplicable) |\n\n"

        if outline.violations.isEmpty {
            out += "No violations.\n\n"
        }
        for (severity, results) in outline.violations {
            out += "### \(heading(severity)) (\(results.count))\n\n"
            out += "| Rule | Status | Message | Location | Remediation |\n"
            out += "|---|---|---|---|---|\n"
            for r in results {
                let status = r.status.rawValue + (r.status == .error ? " (could not evaluate)" : "")
                let gate = report.gates(r) ? " **(gates)**" : ""
                let location = (Markup.position(r.location).map { "`\($0)`" } ?? "—") + (r.path.map { " " + code($0) } ?? "")
                out += "| \(ruleCell(r, report)) | \(status)\(gate) | \(cell(r.message)) | \(location) | \(cell(r.remediation ?? "—")) |\n"
            }
            out += "\n"
        }

        if !outline.notStated.isEmpty {
            out += "### Not stated (\(outline.unknownCount) \(outline.unknownCount == 1 ? "rule" : "rules") undecided)\n\n"
            out += "| Field | Undecided rules | Location |\n"
            out += "|---|---|---|\n"
            for group in outline.notStated {
                let what = group.forApplicability ? " (cannot tell whether they apply)" : group.imprecise ? " (stated too imprecisely to decide)" : ""
                let rules = group.results.map { code($0.rule) + " (\($0.severity.rawValue)\(report.gates($0) ? ", gates" : ""))" }
                    .joined(separator: ", ")
                out += "| \(code(group.label))\(what) | \(group.results.count): \(rules) | \(Markup.position(group.location).map { "`\($0)`" } ?? "—") |\n"
            }
            out += "\n"
        }

        if !outline.waived.isEmpty {
            out += "### Waived (\(outline.waived.count))\n\n"
            out += "| Rule | Was | Justification | Approved by | Expires |\n"
            out += "|---|---|---|---|---|\n"
            for r in outline.waived {
                let w = r.waiver
                out += "| \(ruleCell(r, report)) | \(w?.originalStatus.rawValue ?? "—") | \(cell(w?.justification ?? "—")) | \(cell(w?.approvedBy ?? "—")) | \(cell(w?.expires ?? "—")) |\n"
            }
            out += "\n"
        }

        if !outline.review.isEmpty {
            out += "### Needs review (\(outline.review.count))\n\n"
            for r in outline.review {
                out += "- [ ] \(code(r.rule)) \(inline(r.title)) (\(r.severity.rawValue))"
                if let citation = r.citation { out += " — _\(inline(citation))_" }
                out += "\n"
            }
            out += "\n"
        }

        let attested = report.results.filter { $0.attestation != nil }
        if !attested.isEmpty {
            out += "### Attested (\(attested.count))\n\n"
            for r in attested {
                let a = r.attestation!
                out += "- [x] \(code(r.rule)) \(inline(r.title)) — \(inline(a.by)), \(inline(a.date))"
                if let statement = a.statement { out += ": " + inline(statement) }
                out += "\n"
            }
            out += "\n"
        }

        if !report.notes.isEmpty {
            out += "### Notes\n\n"
            for note in report.notes { out += "- \(inline(note))\n" }
            out += "\n"
        }
        return out
    }

    static func verdictBadge(_ verdict: Verdict) -> String {
        switch verdict {
        case .fail: return "❌ FAIL"
        case .incomplete: return "⚠️ INCOMPLETE"
        case .needsReview: return "👁 NEEDS REVIEW"
        case .pass: return "✅ PASS"
        }
    }

    static func heading(_ severity: Severity) -> String {
        switch severity {
        case .error: return "Violations"
        case .warning: return "Warnings"
        case .info: return "Notices"
        }
    }

    /// `Gate: --fail-on error, passed (exit 0)`.
    static func gateLine(_ report: Report) -> String {
        let threshold = report.failOn.map { "`--fail-on \($0.rawValue)`" } ?? "`--fail-on never`"
        return "Gate: \(threshold), " + (report.summary.gatePassed ? "passed (exit 0)" : "failed (exit 1)")
    }

    static func ruleCell(_ r: RuleResult, _ report: Report) -> String {
        let id = code(r.rule)
        let linked = report.helpURL(r).map { "[\(id)](<\($0)>)" } ?? id
        return linked + "<br>" + cell(r.title)
    }

    /// Escapes text for one table cell: inline escaping, newlines as `<br>`.
    static func cell(_ text: String) -> String {
        escape(text, newline: "<br>")
    }

    /// Escapes text for a heading or list item, where a newline would end the line: newlines become spaces.
    static func inline(_ text: String) -> String {
        escape(text, newline: " ")
    }

    /// Backslash-escapes Markdown punctuation that could format, link or split a table, turns
    /// `<`, `>`, `&` into entities, and replaces control characters.
    static func escape(_ text: String, newline: String) -> String {
        var out = ""
        var lastWasCR = false
        for scalar in text.unicodeScalars {
            defer { lastWasCR = scalar == "\r" }
            switch scalar {
            case "\n":
                if !lastWasCR { out += newline }
            case "\r": out += newline
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\t": out += " "
            default:
                let v = scalar.value
                out.unicodeScalars.append(v < 0x20 || (0x7F...0x9F).contains(v) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// A code span for identifiers and paths; text that a code span cannot hold safely in a
    /// table (backticks, pipes, backslashes, line breaks) or that looks like markup (`<`, `&`) falls back to escaped text.
    static func code(_ text: String) -> String {
        let unsafe = text.unicodeScalars.contains { "`|\\<>&".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F }
        return unsafe || text.isEmpty ? inline(text) : "`" + text + "`"
    }
}
