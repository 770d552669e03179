import StemCheckEngine
import StemCheckModel

/// Terminal output, what matters first (SPEC 6, `ReportOutline`): each violation as
/// `FILE:LINE:COL: severity: RULE message` (errors, then warnings, then notices), then one line per
/// field the protocol does not state with the rules it leaves undecided, waivers, review items,
/// notes, and a summary line with the verdict and the gate.
public enum TextReporter: Reporter {
    public static let name = "text"
    public static let fileSuffix: String? = nil
    public static let showsNotApplicableDetail = false
    /// Fields not stated are listed, not worded per result.
    public static func showsUnknownMessage(_ options: RenderOptions) -> Bool { false }

    public static func render(_ report: Report) -> String { render(report, color: false) }

    public static func render(_ report: Report, options: RenderOptions) -> [UInt8] {
        Array(renderText(report, options: options).utf8)
    }

    /// The text straight, without a round trip through bytes (text is the default format);
    /// `--quiet` keeps only the verdict line.
    public static func renderText(_ report: Report, options: RenderOptions) -> String {
        options.quiet ? summaryLine(report, paint: Paint(enabled: options.color)) + "\n" : render(report, color: options.color)
    }

    /// Renders with ANSI colours when `color` is true.
    public static func render(_ report: Report, color: Bool) -> String {
        let paint = Paint(enabled: color)
        let file = report.protocolInfo.path
        let outline = ReportOutline(report)
        var out = ""
        let title = report.protocolInfo.title.map { " — " + oneLine($0) } ?? ""
        out += paint.bold("\(file)\(title)") + "\n"
        for (severity, results) in outline.violations {
            out += paint.bold("  \(heading(severity)) (\(results.count))") + "\n"
            for r in results {
                let l = r.location ?? Location(line: 1, column: 1)
                let label = paint.severity(r.shownSeverity, r.shownSeverity.rawValue)
                out += "\(file):\(l.line):\(l.column): \(label): \(paint.bold(r.rule)) \(oneLine(r.message))"
                if r.status == .error { out += paint.dim(" [could not evaluate]") }
                out += "\n"
                if let fix = r.remediation { out += paint.dim("    fix: ") + oneLine(fix) + "\n" }
            }
        }
        if !outline.notStated.isEmpty {
            out += paint.bold("  not stated (\(outline.unknownCount) \(outline.unknownCount == 1 ? "rule" : "rules") undecided)") + "\n"
            for group in outline.notStated {
                let l = group.location ?? Location(line: 1, column: 1)
                let n = group.results.count
                let what = group.forApplicability ? "cannot tell whether \(n == 1 ? "it applies" : "they apply")" : "undecided"
                out += "\(file):\(l.line):\(l.column): \(paint.yellow(group.phrase)): \(paint.bold(oneLine(group.label))): "
                out += "\(n) \(n == 1 ? "rule" : "rules") \(what): " + ruleList(group.results) + "\n"
            }
        }
        for r in outline.waived {
            let until = r.waiver.map { " until \($0.expires) (\(oneLine($0.approvedBy)))" } ?? ""
            out += "  " + paint.cyan(Status.waived.rawValue) + " \(r.rule)\(until): \(oneLine(r.waiver?.justification ?? ""))\n"
        }
        for r in outline.review {
            out += "  " + paint.yellow(Status.review.rawValue) + " \(r.rule) (\(r.severity.rawValue)): \(oneLine(r.title))\n"
        }
        for note in report.notes {
            out += paint.dim("  note: ") + oneLine(note) + "\n"
        }
        out += summaryLine(report, paint: paint) + "\n"
        return out
    }

    static func heading(_ severity: Severity) -> String {
        switch severity {
        case .error: return "violations"
        case .warning: return "warnings"
        case .info: return "notices"
        }
    }

    /// `A (error), B (warning)`, at most eight named.
    static func ruleList(_ results: [RuleResult]) -> String {
        let named = results.prefix(8).map { "\($0.rule) (\($0.severity.rawValue))" }.joined(separator: ", ")
        return named + (results.count > 8 ? ", and \(results.count - 8) more" : "")
    }

    /// `FILE: FAIL: 3 fail, 2 unknown, …; gate --fail-on error: failed`.
    static func summaryLine(_ report: Report, paint: Paint) -> String {
        let s = report.summary
        let word = s.verdict.label
        let verdict = s.verdict == .pass ? paint.green(word) : s.verdict == .fail ? paint.red(word) : paint.yellow(word)
        let gate = report.failOn.map { "--fail-on \($0.rawValue)" } ?? "--fail-on never"
        return "\(report.protocolInfo.path): \(verdict): \(s.pass) pass, \(s.fail) fail, \(s.unknown) not stated, \(s.error) error, " +
            "\(s.review) review, \(s.waived) waived, \(s.notApplicable) not applicable; gate (\(gate)) \(s.gatePassed ? "passed" : "failed")"
    }

    /// Newlines and other control characters become spaces, so one result stays one line.
    static func oneLine(_ text: String) -> String {
        // Most messages have no control characters: check the bytes before rebuilding anything.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        return String(decoding: text.utf8.map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}

/// ANSI colouring that does nothing when disabled.
struct Paint {
    var enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ t: String) -> String { wrap("1", t) }
    func dim(_ t: String) -> String { wrap("2", t) }
    func red(_ t: String) -> String { wrap("31", t) }
    func green(_ t: String) -> String { wrap("32", t) }
    func yellow(_ t: String) -> String { wrap("33", t) }
    func cyan(_ t: String) -> String { wrap("36", t) }
    func severity(_ s: Severity, _ t: String) -> String {
        switch s {
        case .error: return red(t)
        case .warning: return yellow(t)
        case .info: return cyan(t)
        }
    }
}
