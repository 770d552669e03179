import Foundation
import StemCheckReview
import Testing

/// The workflow values without a database: the table, comparisons, letters.
@Suite struct ReviewModelTests {
    @Test func tableAnswersForbiddenAndConflict() {
        let t = TransitionTable.standard
        #expect(t.decide(.submit, in: .draft, roles: [.submitter]).isSuccess)
        #expect(t.decide(.submit, in: .draft, roles: [.chair]) == .failure(.forbidden))
        #expect(t.decide(.submit, in: .inReview, roles: [.submitter]) == .failure(.conflict(.inReview)))
        #expect(t.decide(.determine, in: .inReview, roles: [.auditor, .admin]) == .failure(.forbidden))
        // No action leaves a terminal state but comments on decided submissions.
        for state in SubmissionState.allCases where state.isTerminal {
            for action in WorkflowAction.allCases where action != .comment {
                for role in Role.allCases { #expect(!t.decide(action, in: state, roles: [role]).isSuccess, "\(action) in \(state) as \(role)") }
            }
        }
        // Auditors and administrators change nothing.
        for action in WorkflowAction.allCases {
            #expect(t.roles(for: action).isDisjoint(with: [.auditor, .admin]))
        }
    }

    @Test func expeditedCannotDisapprove() {
        #expect(determinationAllowed(.disapproved, path: .expedited, isChair: true) != nil)
        #expect(determinationAllowed(.disapproved, path: .expedited, isChair: false) != nil)
        #expect(determinationAllowed(.disapproved, path: .convened, isChair: false) != nil)
        #expect(determinationAllowed(.disapproved, path: .convened, isChair: true) == nil)
        #expect(determinationAllowed(.approved, path: .expedited, isChair: false) == nil)
    }

    @Test func comparisonClassifiesEachResult() {
        func r(_ rule: String, _ status: String) -> ResultSummary { ResultSummary(rule: rule, title: rule, severity: "error", status: status, message: "") }
        let before = [r("A", "fail"), r("B", "pass"), r("C", "review"), r("D", "unknown"), r("E", "pass"), r("G", "fail")]
        let after = [r("A", "pass"), r("B", "fail"), r("C", "pass"), r("D", "unknown"), r("E", "pass"), r("F", "fail")]
        let c = VersionComparison(fromSeq: 2, before: before, toSeq: 3, after: after)
        let change = Dictionary(uniqueKeysWithValues: c.entries.map { ($0.rule, $0.change) })
        #expect(change == ["A": .fixed, "B": .new, "C": .changed, "D": .unchanged, "E": .unchanged, "F": .new, "G": .fixed])
        #expect(c.headline == "fixed since v2: 2; new: 2; changed: 1; unchanged: 2")
    }

    static func content(_ kind: DeterminationKind, basis: String, valid: Bool = true) -> LetterContent {
        LetterContent(board: "Riverside Children's Hospital IRB", submissionID: 12, title: "Autologous cord blood for children with <cerebral palsy>",
                      submitter: "Sam Submitter", versionSeq: 3, filename: "cp-ucb.yaml",
                      versionSHA256: String(repeating: "a", count: 64), reportSHA256: String(repeating: "b", count: 64),
                      verdict: "fail", profile: "us-pediatric-cp", packs: ["isscr-2021 2021.1 " + String(repeating: "c", count: 64)],
                      kind: kind, path: .convened, basis: basis, conditions: kind == .modificationsRequired ? ["Attach the DSMB charter", "Remove the fee of $5,000 *per infusion*"] : [],
                      openStipulations: ["[ethics.committee] Name the committee"], decidedAt: "2026-12-02T15:22:07.123Z",
                      signature: .init(printedName: "Jane Roe", signedAt: "2026-12-02T15:22:07.123Z", meaning: kind == .disapproved ? .disapproval : .approval, valid: valid))
    }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/server/golden")

    /// Letters as golden files (read by a person before they were recorded; set
    /// STEMCHECK_RECORD_GOLDEN=1 to write them again).
    @Test(arguments: [DeterminationKind.disapproved, .modificationsRequired])
    func lettersMatchGoldenFiles(_ kind: DeterminationKind) throws {
        let c = Self.content(kind, basis: "The protocol charges families for the investigational cells.\n\nNo independent ethics committee is named.")
        for (ext, text) in [("md", try LetterRenderer.markdown(c)), ("html", try LetterRenderer.html(c))] {
            let file = Self.golden.appendingPathComponent("letter-\(kind.rawValue).\(ext)")
            if ProcessInfo.processInfo.environment["STEMCHECK_RECORD_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(text == expected, "\(file.lastPathComponent) differs from the golden file")
        }
    }

    @Test func letterNeedsBasisAndShowsInvalidSignatures() throws {
        #expect(throws: LetterError.self) { try LetterRenderer.markdown(Self.content(.disapproved, basis: "  ")) }
        #expect(throws: LetterError.self) { try LetterRenderer.html(Self.content(.deferred, basis: "")) }
        #expect(try LetterRenderer.markdown(Self.content(.approved, basis: "")).contains("# Determination: Approved"))
        let invalid = try LetterRenderer.html(Self.content(.approved, basis: "", valid: false))
        #expect(invalid.contains("INVALID — record changed after signing"))
        // Protocol text is escaped.
        #expect(invalid.contains("&lt;cerebral palsy&gt;"))
        #expect(!invalid.contains("<cerebral palsy>"))
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
