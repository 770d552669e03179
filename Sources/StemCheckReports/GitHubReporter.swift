import StemCheckEngine
import StemCheckModel
/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per fail or error result.
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
        return out
    }

    /// Escapes a workflow-command message (`%`, CR, LF).
    static func data(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escapes a workflow-command property (also `:` and `,`).
    static func property(_ text: String) -> String {
        data(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
