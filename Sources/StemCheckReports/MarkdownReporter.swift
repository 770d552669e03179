import StemCheckEngine
import StemCheckModel
/// GitHub-flavoured Markdown for a pull-request comment (SPEC 6): verdict heading, a table of
/// counts, failing items with location and remediation, waived items, a review checklist and
/// notes.
///
/// Every string from a protocol or rule is escaped so it renders as the text it is: Markdown
/// punctuation is backslash-escaped, `<`, `>` and `&` become entities (HTML in a protocol title
/// does not render), and newlines in table cells become `<br>`.
public enum MarkdownReporter: Reporter {
    public static let name = "markdown"
    public static let fileSuffix: String? = ".md"
    public static let showsNotApplicableDetail = false

    public static func render(_ report: Report) -> String {
        let p = report.protocolInfo
        let s = report.summary
        let failed = s.verdict == .fail
        var out = ""
        let title = p.title.map { " — " + inline($0) } ?? ""
        out += "## stemcheck: \(failed ? "❌ FAIL" : "✅ PASS")\(title)\n\n"
        var identity: [String] = []
        if let id = p.id { identity.append("**" + inline(id) + "**") }
        identity.append(code(p.path))
        identity.append("sha256 " + code(String(p.sha256.prefix(12))))
        if let profile = report.profile { identity.append("profile " + code(profile)) }
        out += "Protocol " + identity.joined(separator: " · ") + "  \n"
        out += "Checked \(inline(report.generatedAt)) with \(inline(report.toolName)) \(inline(report.toolVersion)) against "
        out += report.rulePacks.map { code($0.id) + " " + inline($0.version) }.joined(separator: ", ")
        out += report.failOn.map { "; fails on \($0.rawValue) and above" } ?? "; gating off"
        out += "\n\n"

        out += "| Pass | Fail | Error | Review | Waived | Not applicable |\n"
        out += "|---:|---:|---:|---:|---:|---:|\n"
        out += "| \(s.pass) | \(s.fail) | \(s.error) | \(s.review) | \(s.waived) | \(s.notApplicable) |\n\n"

        let failing = report.results.filter(\.isFailing)
        if !failing.isEmpty {
            out += "### Failing (\(failing.count))\n\n"
            out += "| Rule | Status | Severity | Message | Location | Remediation |\n"
            out += "|---|---|---|---|---|---|\n"
            for r in failing {
                let status = r.status.rawValue + (r.status == .error ? " (could not evaluate)" : "")
                let gate = report.gates(r) ? " **(gates)**" : ""
                let location = (Markup.position(r.location).map { "`\($0)`" } ?? "—") + (r.path.map { " " + code($0) } ?? "")
                out += "| \(ruleCell(r, report)) | \(status)\(gate) | \(r.severity.rawValue) | \(cell(r.message)) | \(location) | \(cell(r.remediation ?? "—")) |\n"
            }
            out += "\n"
        } else {
            out += "No failing items.\n\n"
        }

        let waived = report.results.filter { $0.status == .waived }
        if !waived.isEmpty {
            out += "### Waived (\(waived.count))\n\n"
            out += "| Rule | Was | Justification | Approved by | Expires |\n"
            out += "|---|---|---|---|---|\n"
            for r in waived {
                let w = r.waiver
                out += "| \(ruleCell(r, report)) | \(w?.originalStatus.rawValue ?? "—") | \(cell(w?.justification ?? "—")) | \(cell(w?.approvedBy ?? "—")) | \(cell(w?.expires ?? "—")) |\n"
            }
            out += "\n"
        }

        let review = report.results.filter { $0.status == .review }
        if !review.isEmpty {
            out += "### Needs review (\(review.count))\n\n"
            for r in review {
                out += "- [ ] \(code(r.rule)) \(inline(r.title))"
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
