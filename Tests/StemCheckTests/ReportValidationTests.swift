import Foundation
import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// External validators, found on PATH. Tests that need a missing one are skipped with a note
/// saying what to install (CI installs them).
enum Validators {
    /// Runs a program through `env`; returns its exit status and combined output.
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasXmllint = run(["xmllint", "--version"]).status == 0
    static let hasJSONSchema = run(["python3", "-c", "import jsonschema"]).status == 0
    static let hasPython = run(["python3", "-c", "pass"]).status == 0

    /// `<repo>/Tests/Fixtures/schemas`, found from this file (<repo>/Tests/StemCheckTests/...).
    static let schemas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/schemas")

    /// Writes text to a fresh temporary file.
    static func temporary(_ text: String, suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stemcheck-\(UUID().uuidString)\(suffix)")
        try Data(text.utf8).write(to: url)
        return url
    }
}

@Suite struct ReportValidationTests {
    @Test(.enabled(if: Validators.hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"),
          arguments: ReportFixture.allCases)
    func sarifValidatesAgainstSchema(_ fixture: ReportFixture) throws {
        let file = try Validators.temporary(SARIFReporter.render(fixture.report), suffix: ".sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
            errors = list(validator.iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.absolute_path), e.message)
            sys.exit(1 if errors else 0)
            """
        let schema = Validators.schemas.appendingPathComponent("sarif-schema-2.1.0.json").path
        let result = Validators.run(["python3", "-c", script, schema, file.path])
        #expect(result.status == 0, "SARIF for \(fixture) is not valid:\n\(result.output)")
    }

    @Test(.enabled(if: Validators.hasXmllint, "xmllint is not installed (apt-get install libxml2-utils)"),
          arguments: ReportFixture.allCases, ["jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"])
    func junitValidatesAgainstXSD(_ fixture: ReportFixture, _ xsd: String) throws {
        let file = try Validators.temporary(JUnitReporter.render(fixture.report), suffix: ".junit.xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let schema = Validators.schemas.appendingPathComponent(xsd).path
        let result = Validators.run(["xmllint", "--noout", "--schema", schema, file.path])
        #expect(result.status == 0, "JUnit for \(fixture) does not validate against \(xsd):\n\(result.output)")
    }

    @Test(.enabled(if: Validators.hasXmllint, "xmllint is not installed (apt-get install libxml2-utils)"),
          arguments: ReportFixture.allCases)
    func junitIsWellFormedAndKeepsText(_ fixture: ReportFixture) throws {
        let file = try Validators.temporary(JUnitReporter.render(fixture.report), suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(Validators.run(["xmllint", "--noout", file.path]).status == 0)
        // The parsed suite name is the protocol path, character for character.
        let name = Validators.run(["xmllint", "--xpath", "string(/testsuite/@name)", file.path])
        #expect(name.output.trimmingCharacters(in: .newlines) == fixture.path)
    }

    @Test(arguments: ReportFixture.allCases)
    func jsonFormatsParse(_ fixture: ReportFixture) throws {
        for text in [JSONReporter.render(fixture.report), SARIFReporter.render(fixture.report)] {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            #expect(object is [String: Any])
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func renderingIsDeterministic(_ format: ReportFormat) {
        for fixture in ReportFixture.allCases {
            #expect(format.reporter.render(fixture.report) == format.reporter.render(fixture.report))
        }
        // A second engine run gives the same report, hence the same bytes.
        let again = ReportFixture.reports
        for fixture in ReportFixture.allCases {
            #expect(format.reporter.render(again[fixture]!) == format.reporter.render(fixture.report))
        }
    }
}

/// The hostile protocol must come out as text in every markup format.
@Suite struct HostileReportTests {
    let report = ReportFixture.hostile.report

    @Test func htmlEscapesEverything() {
        let html = HTMLReporter.render(report)
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("<img"))
        #expect(!lower.contains("<b>"))
        #expect(!lower.contains("<i>"))
        #expect(!lower.contains("javascript:alert(3)\""))
        #expect(!lower.contains("href=\"javascript"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(5)&lt;/script&gt;"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        // Self-contained: no scripts, no external resources.
        #expect(!lower.contains("<link"))
        for tag in ["<iframe", "<object", "<embed", "<form", "<svg", "<base"] { #expect(!lower.contains(tag)) }
        #expect(!lower.contains("@import"))
        #expect(!lower.contains("url("))
    }

    @Test func markdownEscapesEverything() {
        let md = MarkdownReporter.render(report)
        #expect(!md.contains("<script"))
        #expect(!md.contains("<img"))
        #expect(!md.contains("<b>"))
        #expect(!md.contains("x](javascript"))  // the brackets are escaped, so no link
        #expect(!md.contains("(<javascript"))
        #expect(!md.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        // Every table row has as many cell separators as its header.
        var expected: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let pipes = Self.unescapedPipes(line)
            if let expected { #expect(pipes == expected, "row splits differently from its header: \(line)") }
            else { expected = pipes }
        }
    }

    static func unescapedPipes(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "|" { count += 1 }
        }
        return count
    }

    @Test func junitEscapesEverything() {
        let xml = JUnitReporter.render(report)
        #expect(!xml.contains("<script"))
        #expect(!xml.contains("]]>"))
        #expect(!xml.contains("<!--"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" })
    }

    @Test func githubCommandsStayOnOneLine() {
        for line in GitHubReporter.render(report).split(separator: "\n") {
            #expect(line.hasPrefix("::"))
            #expect(!line.contains("\r"))
        }
    }

    @Test func sarifURIIsRelativeAndEncoded() {
        #expect(SARIFReporter.artifactURI(ReportFixture.hostile.path) == "odd%20dir/%3Cb%3Ehostile%3C/b%3E%20%26%20%27q%27%20100%25.yaml")
        #expect(SARIFReporter.artifactURI("./a/b c.yaml") == "a/b%20c.yaml")
        #expect(SARIFReporter.artifactURI("/abs/p.yaml") == "file:///abs/p.yaml")
        #expect(SARIFReporter.artifactURI("c:x.yaml") == "c%3Ax.yaml")
        #expect(SARIFReporter.artifactURI("ü.yaml") == "%C3%BC.yaml")
    }
}

@Suite struct ReporterDetailTests {
    @Test func sarifResultsAreFailErrorAndWaived() throws {
        let report = ReportFixture.failing.report
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFReporter.renderBytes(report))) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let expected = report.results.filter { $0.isFailing || $0.status == .waived || $0.status == .unknown }
        // A descriptor for every rule that has a result, once.
        #expect(rules.count == Set(expected.map(\.rule)).count)
        #expect(results.filter { $0["kind"] as? String == "open" }.count == report.summary.unknown)
        #expect(results.count == expected.count)
        let waived = results.filter { $0["suppressions"] != nil }
        #expect(waived.count == 1)
        #expect(waived.first?["ruleId"] as? String == "CORE-DSMB")
        // An evaluation error is level error whatever the rule's severity.
        let dose = results.first { $0["ruleId"] as? String == "CORE-DOSE" }
        #expect(dose?["level"] as? String == "error")
        let info = results.first { $0["ruleId"] as? String == "CONS-FORM-VERSION" }
        #expect(info?["level"] as? String == "note")
    }

    @Test func sarifHelpURIOnlyForWebLinks() {
        let report = ReportFixture.failing.report
        let byRule = Dictionary(uniqueKeysWithValues: report.results.map { ($0.rule, report.helpURL($0)) })
        #expect(byRule["CORE-ID"] == "https://example.org/core-demo#id")
        #expect(byRule["CORE-TITLE"] == "https://example.org/core-demo")
        #expect(byRule["CONS-LANGUAGES"] == .some(nil))
    }

    @Test func junitCountsAndTimestamp() {
        let report = ReportFixture.failing.report
        let xml = JUnitReporter.render(report)
        let s = report.summary
        // The failing fixture: CORE-PEDS (error) is not stated and gates, CONS-LANGUAGES (warning) does not.
        #expect(xml.contains("tests=\"\(report.results.count)\" failures=\"\(s.fail + s.error + 1)\" errors=\"0\" skipped=\"\(s.notApplicable + s.waived + s.review + 1)\""))
        // The counts are those of the elements written.
        #expect(xml.components(separatedBy: "<failure ").count - 1 == s.fail + s.error + 1)
        #expect(xml.components(separatedBy: "<skipped ").count - 1 == s.notApplicable + s.waived + s.review + 1)
        #expect(xml.contains("timestamp=\"2026-11-25T10:00:00\""))
        #expect(xml.contains("type=\"error\""))
        #expect(JUnitReporter.timestamp("2026-11-25T10:00:00.123Z") == "2026-11-25T10:00:00")
    }

    @Test func markupEscaping() {
        #expect(Markup.xml("a&<>\"'\u{1}b") == "a&amp;&lt;&gt;&quot;&apos;\u{FFFD}b")
        #expect(Markup.xml("x\ny\tz", attribute: true) == "x&#10;y&#9;z")
        #expect(Markup.html("<p title='x'>&</p>\u{0}") == "&lt;p title=&#39;x&#39;&gt;&amp;&lt;/p&gt;\u{FFFD}")
        #expect(Markup.isWebLink("https://example.org/a?b=c"))
        #expect(!Markup.isWebLink("javascript:alert(1)"))
        #expect(!Markup.isWebLink("https://x.org/\"onmouseover=1"))
        // The scheme in any case; no space, control, quote, angle bracket, backtick or backslash.
        #expect(Markup.isWebLink("HTTP://Example.org/ü"))
        #expect(Markup.isWebLink("hTtPs://x.org"))
        for bad in ["https://x.org/a b", "https://x.org/\u{7F}", "https://x.org/'", "https://x.org/<", "https://x.org/>",
                    "https://x.org/`", "https://x.org/\\", "https://x.org/\t", "http:/x.org", "https:", "ftp://x.org", ""] {
            #expect(!Markup.isWebLink(bad), "\(bad)")
        }
        // Every ASCII byte in a link's path: refused exactly when it is one of those.
        for value in 0..<128 {
            let byte = UInt8(value)
            let refused = byte <= 0x20 || byte == 0x7F || Array("\"'<>`\\".utf8).contains(byte)
            #expect(Markup.isWebLink("https://x.org/a" + String(Unicode.Scalar(byte)) + "b") == !refused, "\(value)")
        }
        // A combining mark right after the scheme makes the scheme's last character another one.
        #expect(!Markup.isWebLink("https://\u{301}example.org"))
        #expect(Markup.isWebLink("https://exämple.org"))
    }
}

/// Issue 17: whole-run documents (`--format FORMAT=DEST`) validate as single reports do, and the
/// SARIF meets GitHub code scanning's upload constraints.
@Suite struct BatchDocumentValidationTests {
    static let reports = ReportFixture.allCases.map(\.report)
    static let options = RenderOptions(sourceRoot: "/repo", workingDirectory: "/repo")
    static let context = BatchContext(generatedAt: "2026-11-25T10:00:00Z", failOn: .error,
                                      failedFiles: [(path: "broken.yaml", reason: "broken.yaml:3:1: error: bad indentation")])

    static func document(_ format: ReportFormat) -> String {
        let parts = reports.enumerated().map { format.reporter.batchPart($1, index: $0, options: options) }
        return String(decoding: format.reporter.batchDocument(parts, context: context, options: options), as: UTF8.self)
    }

    @Test(.enabled(if: Validators.hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"))
    func oneSARIFRunValidatesAndMeetsGitHubsConstraints() throws {
        let file = try Validators.temporary(Self.document(.sarif), suffix: ".sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            errors = [f"{list(e.absolute_path)} {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(log)]
            runs = log["runs"]
            if len(runs) != 1: errors.append(f"{len(runs)} runs")
            run = runs[0]
            if not run.get("automationDetails", {}).get("id"): errors.append("no automationDetails.id")
            for r in run["results"]:
                if not r.get("partialFingerprints"): errors.append(f"no fingerprint: {r['ruleId']}")
                loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
                if loc["uri"].startswith(("/", "file:", "..")) or loc.get("uriBaseId") != "%SRCROOT%":
                    errors.append(f"not relative to %SRCROOT%: {loc}")
            ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
            if len(ids) != len(set(ids)): errors.append("a rule descriptor twice")
            missing = {r["ruleId"] for r in run["results"]} - set(ids)
            if missing: errors.append(f"results without a descriptor: {missing}")
            if run["originalUriBaseIds"]["%SRCROOT%"]["uri"] != "file:///repo/": errors.append("SRCROOT")
            print("\\n".join(errors)); sys.exit(1 if errors else 0)
            """
        let schema = Validators.schemas.appendingPathComponent("sarif-schema-2.1.0.json").path
        let result = Validators.run(["python3", "-c", script, schema, file.path])
        #expect(result.status == 0, "batch SARIF:\n\(result.output)")
    }

    @Test(.enabled(if: Validators.hasXmllint, "xmllint is not installed (apt-get install libxml2-utils)"),
          arguments: ["jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"])
    func oneTestsuitesValidatesAgainstBothSchemas(_ xsd: String) throws {
        let text = Self.document(.junit)
        #expect(text.components(separatedBy: "<testsuite ").count - 1 == Self.reports.count)
        let file = try Validators.temporary(text, suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = Validators.run(["xmllint", "--noout", "--schema", Validators.schemas.appendingPathComponent(xsd).path, file.path])
        #expect(result.status == 0, "batch JUnit against \(xsd):\n\(result.output)")
    }

    @Test func oneJSONWithAReportsArrayAndTheRunsSummary() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.document(.json).utf8)) as? [String: Any])
        #expect(object["report_version"] as? Int == 2)
        let reports = try #require(object["reports"] as? [[String: Any]])
        #expect(reports.count == Self.reports.count)
        #expect(reports.allSatisfy { $0["results"] is [Any] && $0["summary"] is [String: Any] })
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["protocols"] as? Int == Self.reports.count)
        #expect(summary["not_checked"] as? Int == 1)
        #expect((object["not_checked"] as? [[String: Any]])?.first?["path"] as? String == "broken.yaml")
    }

    @Test func markdownAndHTMLPagesLinkEachProtocolsSection() {
        let markdown = Self.document(.markdown)
        let html = Self.document(.html)
        for n in 1...Self.reports.count {
            #expect(markdown.contains("](#protocol-\(n))") && markdown.contains("<a id=\"protocol-\(n)\"></a>"))
            #expect(html.contains("href=\"#protocol-\(n)\"") && html.contains("id=\"protocol-\(n)\""))
        }
        #expect(html.components(separatedBy: "<!DOCTYPE html>").count == 2)
    }

    @Test func githubAnnotationsAreOrderedBySeverityAndLimitedPerLevel() {
        let lines = Self.document(.github).split(separator: "\n").map(String.init)
        let annotations = lines.filter { $0.hasPrefix("::") && !$0.contains("not checked") }
        let rank = { (l: String) in l.hasPrefix("::error") ? 0 : l.hasPrefix("::warning") ? 1 : 2 }
        #expect(annotations.map(rank) == annotations.map(rank).sorted())
        for level in ["::error", "::warning", "::notice"] {
            #expect(annotations.filter { $0.hasPrefix(level + " ") }.count <= GitHubReporter.annotationsPerLevel)
        }
        let errors = Self.reports.flatMap(\.results).filter(\.isFailing).filter { $0.shownSeverity == .error }.count
        if errors > GitHubReporter.annotationsPerLevel {
            #expect(lines.contains { $0.hasPrefix("stemcheck: \(errors - GitHubReporter.annotationsPerLevel) more error") })
        }
    }
}
