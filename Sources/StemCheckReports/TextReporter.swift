import StemCheckEngine
import StemCheckModel
import YAMLSource

/// Terminal output, what matters first (SPEC 6, `ReportOutline`): each violation as
/// `FILE:LINE:COL: severity: RULE message` (errors, then warnings, then notices), then one line per
/// field the protocol does not state with the rules it leaves undecided, waivers, review items,
/// notes, and a summary line with the verdict and the gate.
public enum TextReporter: Reporter {
    public static let name = "text"
    public static let fileSuffix: String? = nil
    public static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool { false }
    /// Fields not stated are listed, not worded per result.
    public static func showsUnknownMessage(_ options: RenderOptions) -> Bool { false }
    /// The protocol is named by its path; its digest is not shown.
    public static let showsDigest = false
    /// Fields not stated are listed, without the leaves that left their rules undecided.
    public static func showsUnknownWhy(_ options: RenderOptions) -> Bool { false }
    /// Passes are counted, not listed.
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { false }

    public static func render(_ report: Report) -> String { render(report, color: false) }

    /// The text as UTF-8, as it is written to standard output; `--quiet` keeps only the verdict line.
    public static func render(_ report: Report, options: RenderOptions) -> [UInt8] {
        options.quiet ? Array((summaryLine(report, paint: Paint(enabled: options.color)) + "\n").utf8) : renderBytes(report, color: options.color)
    }

    /// Renders with ANSI colours when `color` is true.
    public static func render(_ report: Report, color: Bool) -> String {
        String(decoding: renderBytes(report, color: color), as: UTF8.self)
    }

    /// The text as UTF-8, written straight into one buffer (a protocol's text is some 150 lines).
    static func renderBytes(_ report: Report, color: Bool) -> [UInt8] {
        let paint = Paint(enabled: color)
        let file = report.protocolInfo.path
        let outline = ReportOutline(report)
        var out = TextBuffer(paint: paint)
        out.painted("1") { out in
            out.append(file)
            if let title = report.protocolInfo.title { out.append(" — "); out.appendLine(title) }
        }
        out.newline()
        for (severity, results) in outline.violations {
            out.painted("1") { out in out.append("  \(heading(severity)) ("); out.append(results.count); out.append(")") }
            out.newline()
            for r in results {
                let l = r.location ?? Location(line: 1, column: 1)
                out.position(file, l)
                out.painted(Paint.code(r.shownSeverity)) { out in out.append(r.shownSeverity.rawValue) }
                out.append(": ")
                out.painted("1") { out in out.append(r.rule) }
                out.append(" ")
                out.appendLine(r.message)
                if r.status == .error { out.painted("2") { out in out.append(" [could not evaluate]") } }
                out.newline()
                if let fix = r.remediation {
                    out.painted("2") { out in out.append("    fix: ") }
                    out.appendLine(fix)
                    out.newline()
                }
            }
        }
        if !outline.notStated.isEmpty {
            out.painted("1") { out in
                out.append("  not stated (")
                out.append(outline.unknownCount)
                out.append(outline.unknownCount == 1 ? " rule undecided)" : " rules undecided)")
            }
            out.newline()
            for group in outline.notStated {
                let l = group.location ?? Location(line: 1, column: 1)
                let n = group.results.count
                out.position(file, l)
                out.painted("33") { out in out.append(group.phrase) }
                out.append(": ")
                out.painted("1") { out in out.appendLine(group.label) }
                out.append(": ")
                out.append(n)
                out.append(n == 1 ? " rule " : " rules ")
                out.append(group.forApplicability ? "cannot tell whether \(n == 1 ? "it applies" : "they apply")" : "undecided")
                out.append(": ")
                for (k, r) in group.results.prefix(8).enumerated() {
                    if k > 0 { out.append(", ") }
                    out.append(r.rule); out.append(" ("); out.append(r.severity.rawValue); out.append(")")
                }
                if n > 8 { out.append(", and "); out.append(n - 8); out.append(" more") }
                out.newline()
            }
        }
        for r in outline.waived {
            out.append("  ")
            out.painted("36") { out in out.append(Status.waived.rawValue) }
            out.append(" "); out.append(r.rule)
            if let w = r.waiver { out.append(" until "); out.append(w.expires); out.append(" ("); out.appendLine(w.approvedBy); out.append(")") }
            out.append(": "); out.appendLine(r.waiver?.justification ?? ""); out.newline()
        }
        for r in outline.review {
            out.append("  ")
            out.painted("33") { out in out.append(Status.review.rawValue) }
            out.append(" "); out.append(r.rule); out.append(" ("); out.append(r.severity.rawValue); out.append("): ")
            out.appendLine(r.title); out.newline()
        }
        for note in report.notes {
            out.painted("2") { out in out.append("  note: ") }
            out.appendLine(note); out.newline()
        }
        out.append(summaryLine(report, paint: paint))
        out.newline()
        return out.finish()
    }

    static func heading(_ severity: Severity) -> String {
        switch severity {
        case .error: return "violations"
        case .warning: return "warnings"
        case .info: return "notices"
        }
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
    func red(_ t: String) -> String { wrap("31", t) }
    func green(_ t: String) -> String { wrap("32", t) }
    func yellow(_ t: String) -> String { wrap("33", t) }
    /// The colour of a severity.
    static func code(_ s: Severity) -> String {
        switch s {
        case .error: return "31"
        case .warning: return "33"
        case .info: return "36"
        }
    }
}

/// The text report's bytes as they are written, with `Paint`'s colours.
struct TextBuffer: ~Copyable {
    let paint: Paint
    /// The bytes written so far (a buffer of its own rather than an array, whose
    /// `append(contentsOf:)` cost more than the copy for the short pieces a line is made of).
    private var sink = ByteSink(capacity: 8192)

    init(paint: Paint) {
        self.paint = paint
    }

    /// The text written, as an array.
    consuming func finish() -> [UInt8] { sink.bytes }

    /// Appends one byte.
    mutating func append(byte: UInt8) { sink.append(byte) }

    /// Appends the string's UTF-8 bytes in one copy (`withUTF8` on a native string is free).
    mutating func append(_ text: String) { sink.append(text) }

    /// Appends a decimal number without making a string of it.
    mutating func append(_ n: Int) { sink.append(decimal: n) }

    mutating func newline() { append(byte: UInt8(ascii: "\n")) }

    /// `text` on one line: control characters become spaces (`TextReporter.oneLine`).
    mutating func appendLine(_ text: String) {
        text.withUTF8Bytes { utf8 in
            // Most lines have no control characters: one pass to find them (eight bytes at a
            // time), a second only if found.
            guard Self.hasControl(utf8) else { return sink.append(utf8) }
            for byte in utf8 { sink.append(byte < 0x20 || byte == 0x7F ? UInt8(ascii: " ") : byte) }
        }
    }

    /// Whether `bytes` hold a control character (below 0x20, or DEL).
    static func hasControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var n = 0
        while n + 8 <= bytes.count {
            let word = ByteWord.load(base, at: n)
            if ByteWord.found(ByteWord.below(0x20, in: word) | ByteWord.matching(0x7F, in: word)) { return true }
            n += 8
        }
        while n < bytes.count {
            if bytes[n] < 0x20 || bytes[n] == 0x7F { return true }
            n += 1
        }
        return false
    }

    /// `FILE:LINE:COL: `.
    mutating func position(_ file: String, _ l: Location) {
        append(file); append(byte: UInt8(ascii: ":")); append(l.line); append(byte: UInt8(ascii: ":")); append(l.column)
        append(": ")
    }

    /// What `body` writes, in ANSI colour `code` when colour is on.
    mutating func painted(_ code: String, _ body: (inout TextBuffer) -> Void) {
        if paint.enabled { append("\u{1B}["); append(code); append(byte: UInt8(ascii: "m")) }
        body(&self)
        if paint.enabled { append("\u{1B}[0m") }
    }
}
