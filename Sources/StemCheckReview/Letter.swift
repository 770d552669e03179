import Foundation
import StemCheckModel
import StemCheckReports

/// Everything a determination letter shows (docs/irb-workflow §2.4): the board, the study, the
/// exact version reviewed with its digests, the determination with its basis and conditions, the
/// stipulations still open, and the signature block (21 CFR 11.50: printed name, UTC time, meaning).
public struct LetterContent: Sendable, Equatable {
    public struct SignatureBlock: Sendable, Equatable {
        public var printedName: String
        public var signedAt: String
        public var meaning: SignatureMeaning
        /// False when the determination no longer matches the digest it was signed with.
        public var valid: Bool

        public init(printedName: String, signedAt: String, meaning: SignatureMeaning, valid: Bool) {
            self.printedName = printedName
            self.signedAt = signedAt
            self.meaning = meaning
            self.valid = valid
        }
    }

    public var board: String
    public var submissionID: Int64
    public var title: String
    public var submitter: String
    public var versionSeq: Int
    public var filename: String
    public var versionSHA256: String
    public var reportSHA256: String
    public var verdict: String
    public var profile: String
    /// `id version sha256` of every rule pack the report used.
    public var packs: [String]
    public var kind: DeterminationKind
    public var path: ReviewPath?
    public var basis: String
    public var conditions: [String]
    public var openStipulations: [String]
    public var decidedAt: String
    public var signature: SignatureBlock?

    public init(board: String, submissionID: Int64, title: String, submitter: String, versionSeq: Int, filename: String,
                versionSHA256: String, reportSHA256: String, verdict: String, profile: String, packs: [String],
                kind: DeterminationKind, path: ReviewPath?, basis: String, conditions: [String], openStipulations: [String],
                decidedAt: String, signature: SignatureBlock?) {
        self.board = board
        self.submissionID = submissionID
        self.title = title
        self.submitter = submitter
        self.versionSeq = versionSeq
        self.filename = filename
        self.versionSHA256 = versionSHA256
        self.reportSHA256 = reportSHA256
        self.verdict = verdict
        self.profile = profile
        self.packs = packs
        self.kind = kind
        self.path = path
        self.basis = basis
        self.conditions = conditions
        self.openStipulations = openStipulations
        self.decidedAt = decidedAt
        self.signature = signature
    }
}

/// Why a letter cannot be issued.
public struct LetterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// Renders determination letters as Markdown and as a self-contained HTML page. The same content
/// always gives the same bytes, so an issued letter's digest can be checked by rendering again.
public enum LetterRenderer {
    static let responseParagraph = "You may respond to this decision in person or in writing (45 CFR 46.109(d); 21 CFR 56.109(e)). " +
        "To respond in writing, upload a revised protocol or a written response to this submission in stemcheck-server; " +
        "to respond in person, ask the board's office for a place on the agenda of the next convened meeting."
    static let obligations = [
        "Report promptly to the board any unanticipated problem involving risks to participants or others, and any serious or continuing noncompliance (21 CFR 56.108(b)).",
        "Make no change to the research without the board's approval, except where necessary to eliminate apparent immediate hazards to participants (21 CFR 56.108(a)(4)).",
        "Submit for continuing review before approval expires; FDA-regulated research is reviewed at least once per year (21 CFR 56.109(f)).",
    ]

    /// Refuses a letter whose determination needs reasons and has none.
    static func validate(_ c: LetterContent) throws(LetterError) {
        if c.kind.needsBasis, c.basis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw LetterError(description: "a '\(c.kind.rawValue)' determination must state its basis before a letter can be issued")
        }
    }

    /// The letter as Markdown.
    public static func markdown(_ c: LetterContent) throws(LetterError) -> String {
        try validate(c)
        let e = Markup.markdown
        var out = "# Determination: \(e(c.kind.label))\n\n"
        out += "**\(e(c.board))** — submission \(c.submissionID): \(e(c.title))\n\n"
        out += "- Submitted by: \(e(c.submitter))\n"
        out += "- Review path: \(c.path.map { $0.rawValue } ?? "not routed")\n"
        out += "- Decided: \(c.decidedAt)\n\n"
        out += "## Documents reviewed\n\n"
        out += "- Protocol version \(c.versionSeq): \(e(c.filename)), SHA-256 `\(c.versionSHA256)`\n"
        out += "- stemcheck report: verdict \(e(c.verdict)), profile \(e(c.profile)), SHA-256 `\(c.reportSHA256)`\n"
        for pack in c.packs { out += "  - rule pack \(e(pack))\n" }
        out += "\n## Determination\n\n\(e(c.kind.label)).\n\n"
        if !c.basis.isEmpty { out += "### Basis\n\n\(markdownParagraphs(c.basis))\n\n" }
        if !c.conditions.isEmpty {
            out += "### Required modifications\n\n"
            for (n, text) in c.conditions.enumerated() { out += "\(n + 1). \(e(text))\n" }
            out += "\n"
        }
        if !c.openStipulations.isEmpty {
            out += "### Stipulations still open\n\n"
            for (n, text) in c.openStipulations.enumerated() { out += "\(n + 1). \(e(text))\n" }
            out += "\n"
        }
        if c.kind == .disapproved { out += "### Your opportunity to respond\n\n\(responseParagraph)\n\n" }
        out += "## Investigator obligations\n\n"
        for line in obligations { out += "- \(line)\n" }
        out += "\n## Signature\n\n"
        out += signatureLine(c.signature, escape: e) + "\n"
        return out
    }

    /// The letter as one HTML page (no script, inline-free: the service's stylesheet is linked).
    public static func html(_ c: LetterContent) throws(LetterError) -> String {
        try validate(c)
        let h = Markup.html
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>Determination: \(h(c.kind.label)) — submission \(c.submissionID)</title>\n"
        out += "<link rel=\"stylesheet\" href=\"/static/letter.css\">\n</head>\n<body>\n<main>\n"
        out += "<h1>Determination: \(h(c.kind.label))</h1>\n"
        out += "<p><strong>\(h(c.board))</strong> — submission \(c.submissionID): \(h(c.title))</p>\n"
        out += "<dl>\n<dt>Submitted by</dt><dd>\(h(c.submitter))</dd>\n"
        out += "<dt>Review path</dt><dd>\(c.path.map { $0.rawValue } ?? "not routed")</dd>\n"
        out += "<dt>Decided</dt><dd><time datetime=\"\(h(c.decidedAt))\">\(h(c.decidedAt))</time></dd>\n</dl>\n"
        out += "<h2>Documents reviewed</h2>\n<ul>\n"
        out += "<li>Protocol version \(c.versionSeq): \(h(c.filename)), SHA-256 <code>\(c.versionSHA256)</code></li>\n"
        out += "<li>stemcheck report: verdict \(h(c.verdict)), profile \(h(c.profile)), SHA-256 <code>\(c.reportSHA256)</code>"
        if !c.packs.isEmpty {
            out += "\n<ul>\n" + c.packs.map { "<li>rule pack \(h($0))</li>\n" }.joined() + "</ul>\n"
        }
        out += "</li>\n</ul>\n"
        out += "<h2>Determination</h2>\n<p class=\"determination\">\(h(c.kind.label)).</p>\n"
        if !c.basis.isEmpty {
            out += "<h3>Basis</h3>\n" + paragraphs(c.basis).map { "<p>\(h($0))</p>\n" }.joined()
        }
        if !c.conditions.isEmpty {
            out += "<h3>Required modifications</h3>\n<ol>\n" + c.conditions.map { "<li>\(h($0))</li>\n" }.joined() + "</ol>\n"
        }
        if !c.openStipulations.isEmpty {
            out += "<h3>Stipulations still open</h3>\n<ol>\n" + c.openStipulations.map { "<li>\(h($0))</li>\n" }.joined() + "</ol>\n"
        }
        if c.kind == .disapproved { out += "<h3>Your opportunity to respond</h3>\n<p>\(h(responseParagraph))</p>\n" }
        out += "<h2>Investigator obligations</h2>\n<ul>\n" + obligations.map { "<li>\(h($0))</li>\n" }.joined() + "</ul>\n"
        out += "<h2>Signature</h2>\n<p class=\"signature\">\(signatureLine(c.signature, escape: h))</p>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func signatureLine(_ s: LetterContent.SignatureBlock?, escape: (String) -> String) -> String {
        guard let s else { return "Not signed." }
        var line = "Signed by \(escape(s.printedName)), \(s.signedAt) (UTC), meaning: \(s.meaning.rawValue)."
        if !s.valid { line += " INVALID — record changed after signing." }
        return line
    }

    static func paragraphs(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func markdownParagraphs(_ text: String) -> String {
        paragraphs(text).map { Markup.markdown($0) }.joined(separator: "\n\n")
    }
}
