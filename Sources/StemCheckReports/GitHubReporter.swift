import StemCheckEngine
import StemCheckModel
/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per fail or error result.
public enum GitHubReporter: Reporter {
    public static let name = "github"
    public static let fileSuffix: String? = nil
    public static let showsNotApplicableDetail = false

    public static func render(_ report: Report) -> String {
        var out = ""
        for r in report.results where r.status == .fail || r.status == .error {
            let level: String
            switch r.status == .error ? .error : r.severity {
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
