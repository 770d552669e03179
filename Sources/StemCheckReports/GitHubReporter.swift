import StemCheckEngine
import StemCheckModel
/// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per fail or error
/// result, then one `::warning` (or `::notice`) per field the protocol does not state.
public enum GitHubReporter: Reporter {
    public static let name = "github"
    public static let fileSuffix: String? = nil
    public static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool { false }
    /// Fields not stated are listed, not worded per result.
    public static func showsUnknownMessage(_ options: RenderOptions) -> Bool { false }
    /// The protocol is named by its path; its digest is not shown.
    public static let showsDigest = false
    /// Fields not stated are listed, without the leaves that left their rules undecided.
    public static func showsUnknownWhy(_ options: RenderOptions) -> Bool { false }
    /// Passes are counted, not annotated.
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { false }

    /// GitHub shows at most this many annotations of each level per step.
    public static let annotationsPerLevel = 10

    /// Always one output for the run: annotations are ordered and limited across protocols.
    public static var isWholeRunByNature: Bool { true }

    /// The protocol's annotation lines, each behind its sort key (level, violation before field
    /// not stated, file, line, column).
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        let items = annotations(report).map { a -> [UInt8] in
            let key = "\(a.rank)\(a.notStated ? 1 : 0)\t\(report.protocolInfo.path)\t\(pad(a.line))\t\(pad(a.column))\t"
            return Array((key + a.text).utf8)
        }
        return BatchPart(body: [], items: items, entry: BatchEntry(report, index: index))
    }

    /// The run's annotations: errors first, then warnings, then notices, each by file, line and
    /// column; at most `annotationsPerLevel` of a level, the rest counted in a plain log line
    /// (the job summary and the reports have them all).
    public static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter) {
        let sorted = parts.items.map { String(decoding: $0, as: UTF8.self) }.sorted()
        var shown: [Character: Int] = [:]
        var hidden: [Character: Int] = [:]
        var text = ""
        for item in sorted {
            let level = item.first!
            let line = item.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).last.map(String.init) ?? ""
            if shown[level, default: 0] < annotationsPerLevel {
                shown[level, default: 0] += 1
                text += line + "\n"
            } else {
                hidden[level, default: 0] += 1
            }
        }
        for (level, name) in [("0", "error"), ("1", "warning"), ("2", "notice")] {
            if let n = hidden[Character(level)], n > 0 {
                text += "stemcheck: \(n) more \(name) \(n == 1 ? "annotation" : "annotations") not shown (GitHub shows \(annotationsPerLevel) per level); the other formats (text, sarif, html) list them all\n"
            }
        }
        for f in context.failedFiles { text += "::error file=\(property(f.path))::" + data("not checked: " + f.reason) + "\n" }
        out.write(text)
    }

    private static func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 9 - s.count)) + s
    }

    public static func render(_ report: Report) -> String {
        annotations(report).map { $0.text + "\n" }.joined()
    }

    /// One workflow command and what orders it.
    struct Annotation {
        /// 0 error, 1 warning, 2 notice.
        var rank: Int
        /// A field not stated (after the violations of its level).
        var notStated: Bool
        var line: Int
        var column: Int
        /// The command, without its new line.
        var text: String
    }

    /// The protocol's annotations in report order: one per fail or error result, then one per
    /// field not stated.
    static func annotations(_ report: Report) -> [Annotation] {
        let file = property(report.protocolInfo.path)
        var out: [Annotation] = []
        for r in report.results where r.isFailing {
            let (rank, level): (Int, String)
            switch r.shownSeverity {
            case .error: (rank, level) = (0, "error")
            case .warning: (rank, level) = (1, "warning")
            case .info: (rank, level) = (2, "notice")
            }
            let l = r.location ?? Location(line: 1, column: 1)
            out.append(Annotation(rank: rank, notStated: false, line: l.line, column: l.column,
                                  text: "::\(level) file=\(file),line=\(l.line),col=\(l.column),title=\(property(r.rule))::"
                                      + data(r.message + (r.remediation.map { " — fix: " + $0 } ?? ""))))
        }
        // What the protocol does not state: one line per missing field, never worded as a violation.
        for group in ReportOutline(report).notStated {
            let l = group.location ?? Location(line: 1, column: 1)
            let info = group.results.map(\.severity).max() == .info
            let rules = group.results.map { "\($0.rule) (\($0.severity.rawValue))" }.joined(separator: ", ")
            let what = group.forApplicability ? "cannot tell whether they apply" : "undecided"
            out.append(Annotation(rank: info ? 2 : 1, notStated: true, line: l.line, column: l.column,
                                  text: "::\(info ? "notice" : "warning") file=\(file),line=\(l.line),col=\(l.column),title=\(property(group.phrase + ": " + group.path))::"
                                      + data("\(group.label) is \(group.phrase): \(group.results.count) \(group.results.count == 1 ? "rule" : "rules") \(what): \(rules)")))
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
