import StemCheckEngine
import StemCheckModel
/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per fail or error
/// result, then one `::warning` (or `::notice`) per field the protocol does not state.
public enum GitHubReporter: Reporter {
    public static let name = "github"
    public static let fileSuffix: String? = nil
    public static let showsNotApplicableDetail = false

    public static func render(_ report: Report) -> String {
        var out = ""
        for r in report.results where r.isFailing {
            let level: String
            switch r.shownSeverity {
            case .error: level = "error"
            case .warning: level = "warning"
            case .info: level = "notice"
            }
            let l = r.location ?? Location(line: 1, column: 1)
            out += "::\(level) file=\(property(report.protocolInfo.path)),line=\(l.line),col=\(l.column),title=\(property(r.rule))::"
            out += data(r.message + (r.remediation.map { " — fix: " + $0 } ?? "")) + "\n"
        }
        // What the protocol does not state: one line per missing field, never worded as a violation.
        for group in ReportOutline(report).notStated {
            let l = group.location ?? Location(line: 1, column: 1)
            let level = group.results.map(\.severity).max() == .info ? "notice" : "warning"
            let rules = group.results.map { "\($0.rule) (\($0.severity.rawValue))" }.joined(separator: ", ")
            let what = group.forApplicability ? "cannot tell whether they apply" : "undecided"
            out += "::\(level) file=\(property(report.protocolInfo.path)),line=\(l.line),col=\(l.column),title=\(property(group.phrase + ": " + group.path))::"
            out += data("\(group.label) is \(group.phrase): \(group.results.count) \(group.results.count == 1 ? "rule" : "rules") \(what): \(rules)") + "\n"
        }
        return out
    }

    /// Escapes a workflow-command message (`%`, CR, LF). Other control characters (C0, DEL) become
    /// spaces, as in the text report, so a protocol value cannot put a tab or an escape sequence in the log.
    static func data(_ text: String) -> String {
        let control = { (b: UInt8) in (b < 0x20 && b != 0x0A && b != 0x0D) || b == 0x7F }
        let clean = text.utf8.contains(where: control) ? String(decoding: text.utf8.map { control($0) ? 0x20 : $0 }, as: UTF8.self) : text
        return clean.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escapes a workflow-command property (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
