import StemCheckEngine
import StemCheckModel
/// Terminal output: failing results as `FILE:LINE:COL: severity: RULE message`, grouped by pack,
/// items needing review, notes, and a summary line (SPEC 6).
public enum TextReporter: Reporter {
    public static let name = "text"
    public static let fileSuffix: String? = nil
    public static let showsNotApplicableDetail = false

    public static func render(_ report: Report) -> String { render(report, color: false) }

    /// Renders with ANSI colours when `color` is true.
    public static func render(_ report: Report, color: Bool) -> String {
        let paint = Paint(enabled: color)
        let file = report.protocolInfo.path
        var out = ""
        let title = report.protocolInfo.title.map { " — " + oneLine($0) } ?? ""
        out += paint.bold("\(file)\(title)") + "\n"
        for pack in report.rulePacks {
            // One pass; only the results shown are copied (most pass and are not).
            var count = 0
            var failing: [RuleResult] = [], waived: [RuleResult] = [], review: [RuleResult] = []
            for r in report.results where r.pack == pack.id {
                count += 1
                switch r.status {
                case .fail, .error: failing.append(r)
                case .waived: waived.append(r)
                case .review: review.append(r)
                case .pass, .notApplicable: break
                }
            }
            if failing.isEmpty && waived.isEmpty && review.isEmpty { continue }
            out += paint.bold("  \(pack.id) \(pack.version)") + paint.dim(" (\(count) rules)") + "\n"
            for r in failing {
                let l = r.location ?? Location(line: 1, column: 1)
                let label = paint.severity(r.shownSeverity, r.shownSeverity.rawValue)
                out += "\(file):\(l.line):\(l.column): \(label): \(paint.bold(r.rule)) \(oneLine(r.message))"
                if r.status == .error { out += paint.dim(" [could not evaluate]") }
                out += "\n"
                if let fix = r.remediation { out += paint.dim("    fix: ") + oneLine(fix) + "\n" }
            }
            for r in waived {
                let until = r.waiver.map { " until \($0.expires) (\(oneLine($0.approvedBy)))" } ?? ""
                out += "    " + paint.cyan(Status.waived.rawValue) + " \(r.rule)\(until): \(oneLine(r.waiver?.justification ?? ""))\n"
            }
            for r in review {
                out += "    " + paint.yellow(Status.review.rawValue) + " \(r.rule): \(oneLine(r.title))\n"
            }
        }
        for note in report.notes {
            out += paint.dim("  note: ") + oneLine(note) + "\n"
        }
        out += summaryLine(report, paint: paint) + "\n"
        return out
    }

    /// `FILE: FAIL (3 fail, 1 error, 40 pass, ...)`.
    static func summaryLine(_ report: Report, paint: Paint) -> String {
        let s = report.summary
        let verdict = s.verdict == .fail ? paint.red("FAIL") : paint.green("PASS")
        return "\(report.protocolInfo.path): \(verdict): \(s.pass) pass, \(s.fail) fail, \(s.error) error, " +
            "\(s.review) review, \(s.waived) waived, \(s.notApplicable) not applicable"
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
