import Foundation
import Testing
import StemCheckModel
import StemCheckReports
import StemCheckRun

/// Golden files for every report format on every fixture report.
///
/// Set `STEMCHECK_RECORD=1` to rewrite the goldens; a recording run then fails on purpose, so it
/// can never pass silently. Review the diff before committing the new files.
@Suite struct GoldenReportTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["STEMCHECK_RECORD"] == "1"

    @Test(arguments: ReportFixture.allCases, ReportFormat.allCases)
    func matchesGolden(_ fixture: ReportFixture, _ format: ReportFormat) throws {
        let rendered = format.reporter.render(fixture.goldenReport)
        let file = Self.goldenDirectory.appendingPathComponent(fixture.rawValue + format.goldenSuffix)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file)
            Issue.record("recorded \(file.lastPathComponent); unset STEMCHECK_RECORD and run the tests again")
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("missing golden \(file.lastPathComponent); run with STEMCHECK_RECORD=1 to create it")
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if rendered != expected {
            let got = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
            Issue.record("""
                \(file.lastPathComponent) differs at line \(line + 1)
                  expected: \(line < want.count ? String(want[line]) : "<end>")
                  rendered: \(line < got.count ? String(got[line]) : "<end>")
                run with STEMCHECK_RECORD=1 to update after checking the change is intended
                """)
        }
    }

    @Test func formatCasesAndSuffixes() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["text", "json", "junit", "sarif", "markdown", "html", "github"])
        #expect(ReportFormat.allCases.map { $0.reporter.fileSuffix } == [nil, ".json", ".junit.xml", ".sarif", ".md", ".html", nil])
        for format in ReportFormat.allCases { #expect(format.reporter.name == format.rawValue) }
    }
}
