import Foundation
import Testing

/// SPEC 5 / 6 / 8, end to end: `stemcheck check` on files and folders, exit codes, report files.
@Suite struct CheckCommandTests {
    static let rules = """
        pack: {id: t, version: "1"}
        rules:
          - id: NEED-A
            title: a is 1
            severity: error
            check: {path: a, equals: 1}
            remediation: Set a to 1.
          - id: NEED-W
            title: w is at least 2
            severity: warning
            check: {path: w, gte: 2}
          - id: NEED-I
            title: i is present
            severity: info
            check: {path: i, exists: true}
        """
    static let good = "a: 1\nw: 3\ni: 1\n"
    static let failsError = "a: 2\nw: 3\ni: 1\n"
    static let unstatedError = "w: 3\ni: 1\n"
    static let failsWarning = "a: 1\nw: 1\ni: 1\n"
    static let broken = "a: [1, 2\nw: 3\n"

    func scratch() throws -> Scratch {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.rules)
        return s
    }

    func check(_ s: Scratch, _ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["check"] + arguments + ["--rules", "rules"], in: s.url, environment: environment)
    }

    @Test func passingProtocolExitsZeroWithAJSONReport() throws {
        let s = try scratch()
        try s.write("good.yaml", Self.good)
        let r = try check(s, ["good.yaml", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "")
        #expect(try s.statuses("out/good.json") == ["NEED-A": "pass", "NEED-W": "pass", "NEED-I": "pass"])
        let report = try s.json("out/good.json")
        #expect((report["protocol"] as? [String: Any])?["path"] as? String == "good.yaml")
        #expect((report["summary"] as? [String: Any])?["verdict"] as? String == "pass")
    }

    @Test func failingErrorRuleExitsOne() throws {
        let s = try scratch()
        try s.write("bad.yaml", Self.failsError)
        let r = try check(s, ["bad.yaml", "--format", "json", "--detail", "full", "--format", "text", "--output", "out"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(try s.statuses("out/bad.json")["NEED-A"] == "fail")
        // text goes to standard output: one FILE:LINE:COL line per failing result, then a summary.
        #expect(r.stdout.contains("bad.yaml:1:4: error: NEED-A a is 1: a is 2; expected equals 1\n"), "\(r.stdout)")
        #expect(r.stdout.contains("    fix: Set a to 1.\n"))
        #expect(r.stdout.hasSuffix("bad.yaml: FAIL: 2 pass, 1 fail, 0 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on error) failed\n"), "\(r.stdout)")
    }

    /// SPEC 3.2 / 6: what the protocol does not state is `unknown`, never `fail`; it gates like a
    /// fail and makes the verdict INCOMPLETE; `--fail-on never` changes only the exit status.
    @Test func notStatedIsUnknownGatesAndIsIncomplete() throws {
        let s = try scratch()
        try s.write("gap.yaml", Self.unstatedError)
        let r = try check(s, ["gap.yaml", "--format", "json", "--detail", "full", "--format", "text", "--output", "out"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(try s.statuses("out/gap.json")["NEED-A"] == "unknown")
        #expect(r.stdout.contains("gap.yaml:1:1: not stated: a: 1 rule undecided: NEED-A (error)\n"), "\(r.stdout)")
        #expect(!r.stdout.contains(": error: NEED-A"))
        #expect(r.stdout.hasSuffix("gap.yaml: INCOMPLETE: 2 pass, 0 fail, 1 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on error) failed\n"), "\(r.stdout)")
        let never = try check(s, ["gap.yaml", "--fail-on", "never"])
        #expect(never.status == 0)
        #expect(never.stdout.hasSuffix("gap.yaml: INCOMPLETE: 2 pass, 0 fail, 1 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on never) passed\n"), "\(never.stdout)")
    }

    /// Many file arguments (a shell glob over a registry's records) are parsed in time linear in
    /// their number (`PathArgumentRuns`): the files are checked in the order given, options
    /// between them still apply, and a path after a flag is still a path.
    @Test func manyFileArgumentsKeepTheirOrderAndTheOptionsBetweenThem() throws {
        let s = try scratch()
        let names = (0..<60).map { String(format: "p%02d.yaml", 59 - $0) }
        for (n, name) in names.enumerated() { try s.write(name, n % 3 == 0 ? Self.failsError : Self.good) }
        let arguments = Array(names[0..<25]) + ["--format", "json=run.json", "--format", "text", "--quiet"] + Array(names[25..<45]) + ["--jobs", "2"] + Array(names[45...])
        let r = try check(s, arguments)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 60, "\(r.stdout)")
        let reports = try #require(try s.json("run.json")["reports"] as? [[String: Any]])
        #expect(reports.map { ($0["protocol"] as? [String: Any])?["path"] as? String } == names)
        #expect(reports.map { ($0["summary"] as? [String: Any])?["verdict"] as? String } == names.indices.map { $0 % 3 == 0 ? "fail" : "pass" })
    }

    @Test func textIsTheDefaultFormatAndWritesNoFiles() throws {
        let s = try scratch()
        try s.write("good.yaml", Self.good)
        let r = try check(s, ["good.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("good.yaml: PASS: 3 pass, 0 fail, 0 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on error) passed\n"), "\(r.stdout)")
        #expect(!s.exists("reports"))
    }

    @Test func failOnThreshold() throws {
        let s = try scratch()
        try s.write("warn.yaml", Self.failsWarning)
        try s.write("bad.yaml", Self.failsError)
        #expect(try check(s, ["warn.yaml"]).status == 0)
        #expect(try check(s, ["warn.yaml", "--fail-on", "error"]).status == 0)
        #expect(try check(s, ["warn.yaml", "--fail-on", "warning"]).status == 1)
        #expect(try check(s, ["warn.yaml", "--fail-on", "info"]).status == 1)
        #expect(try check(s, ["bad.yaml", "--fail-on", "never"]).status == 0)
        // --fail-on never changes only the exit status: the verdict is still FAIL (SPEC 6).
        let never = try check(s, ["bad.yaml", "--fail-on", "never", "--format", "json", "--detail", "full", "--output", "out"])
        let summary = try s.json("out/bad.json")["summary"] as? [String: Any]
        #expect(summary?["verdict"] as? String == "fail")
        #expect((summary?["gate"] as? [String: Any])?["passed"] as? Bool == true)
        #expect((summary?["gate"] as? [String: Any])?["fail_on"] as? String == "never")
        #expect(never.status == 0)
        let bogus = try check(s, ["warn.yaml", "--fail-on", "sometimes"])
        #expect(bogus.status == 2)
        #expect(bogus.stderr.contains("The value 'sometimes' is invalid for '--fail-on <SEVERITY>': use one of error, warning, info or never."), "\(bogus.stderr)")
        let typo = try check(s, ["warn.yaml", "--fail-on", "Warning"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("'--fail-on <SEVERITY>': did you mean 'warning'? Use one of error, warning, info or never."), "\(typo.stderr)")
    }

    @Test func brokenFileAmongGoodOnesInADirectory() throws {
        let s = try scratch()
        try s.write("protocols/a.yaml", Self.good)
        try s.write("protocols/b.yaml", Self.broken)
        try s.write("protocols/c.yml", Self.failsError)
        try s.write("protocols/notes.txt", "not a protocol")
        let r = try check(s, ["protocols", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(s.list("out") == ["a.json", "c.json"])
        #expect(try s.statuses("out/c.json")["NEED-A"] == "fail")
        #expect(r.stderr.contains("protocols/b.yaml:2:2: error: invalid YAML: "), "\(r.stderr)")
        #expect(r.stderr.contains("checked 2 of 3 files: 1 failed the gate, 1 could not be checked"))
    }

    @Test func directoryWithNoProtocols() throws {
        let s = try scratch()
        try s.folder("empty")
        try s.write("texts/readme.txt", "hello")
        for folder in ["empty", "texts"] {
            let r = try check(s, [folder, "--format", "json", "--detail", "full", "--output", "out"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("\(folder):1:1: error: the directory holds no protocol (.yaml, .yml or .json) files"), "\(r.stderr)")
        }
        #expect(!s.exists("out"))
    }

    @Test func missingPathAndEmptyFile() throws {
        let s = try scratch()
        try s.write("empty.yaml", "")
        let missing = try check(s, ["nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml:1:1: error: no such file or directory"))
        // SPEC 3.5: check rejects a file with no document.
        #expect(try check(s, ["empty.yaml"]).status == 2)
    }

    @Test func unknownFormatIsAUsageError() throws {
        let s = try scratch()
        try s.write("good.yaml", Self.good)
        let r = try check(s, ["good.yaml", "--format", "jsn"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("The value 'jsn' is invalid for '--format <FORMAT[=DEST]>': did you mean 'json'? " +
                                  "Use one of text, json, junit, sarif, markdown, html or github."), "\(r.stderr)")
        #expect(r.stdout == "")
        // A name glued to a destination with '=' must still be a format.
        let glued = try check(s, ["good.yaml", "--format", "jsn=x"])
        #expect(glued.status == 2)
        #expect(glued.stderr.contains("The value 'jsn=x' is invalid for '--format <FORMAT[=DEST]>': did you mean 'json'?"), "\(glued.stderr)")
        #expect(!s.exists("reports") && !s.exists("x"))
    }

    /// The closed choices are listed in help from the enums, with the default of --fail-on.
    @Test func helpListsFormatsAndFailOnChoices() throws {
        let s = try scratch()
        let r = try CLI.run(["check", "--help"], in: s.url)
        #expect(r.status == 0)
        let help = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // unwrapped
        #expect(help.contains("--format <FORMAT[=DEST]> text, json, junit, sarif, markdown, html or github, optionally =FILE or =- (standard output)"), "\(r.stdout)")
        #expect(help.contains("--fail-on <SEVERITY> Lowest severity whose fail, error or unknown sets exit status 1: error, warning, info or never. (default: error)"),
                "\(r.stdout)")
    }

    @Test func sameStemInTwoFoldersGivesTwoReports() throws {
        let s = try scratch()
        try s.write("site1/study.yaml", Self.good)
        try s.write("site2/study.yaml", Self.failsError)
        let r = try check(s, ["site1", "site2", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 1)
        #expect(s.list("out") == ["study-2.json", "study.json"])
        #expect((try s.json("out/study.json")["protocol"] as? [String: Any])?["path"] as? String == "site1/study.yaml")
        #expect((try s.json("out/study-2.json")["protocol"] as? [String: Any])?["path"] as? String == "site2/study.yaml")
    }

    @Test func failedLoadLeavesTheEarlierReportUntouched() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.good)
        #expect(try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "out"]).status == 0)
        let before = try #require(s.read("out/p.json"))
        try s.write("p.yaml", Self.broken)
        let r = try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "out"], environment: ["SOURCE_DATE_EPOCH": "1900000000"])
        #expect(r.status == 2)
        #expect(s.read("out/p.json") == before)
        #expect(s.list("out") == ["p.json"])  // no temporary left behind
    }

    @Test func sourceDateEpochFixesTheTimestampAndOutputIsReproducible() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.failsError)
        let env = ["SOURCE_DATE_EPOCH": "1767225600"]  // 2026-01-01T00:00:00Z
        _ = try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "one"], environment: env)
        _ = try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "two"], environment: env)
        #expect(try s.json("one/p.json")["generated_at"] as? String == "2026-01-01T00:00:00Z")
        #expect(s.read("one/p.json") != nil)
        #expect(s.read("one/p.json") == s.read("two/p.json"))
    }

    @Test func sourceDateEpochIsTheWaiverToday() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.failsError + "waivers:\n  - {rule: NEED-A, justification: j, approved_by: IRB, expires: 2026-06-01}\n")
        // The last second of the expiry day: still valid.
        let valid = try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "out"], environment: ["SOURCE_DATE_EPOCH": "1780358399"])
        #expect(valid.status == 0)
        #expect(try s.statuses("out/p.json")["NEED-A"] == "waived")
        // The next day: expired, the failure stands, with a note.
        let expired = try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "out"], environment: ["SOURCE_DATE_EPOCH": "1780358400"])
        #expect(expired.status == 1)
        #expect(try s.statuses("out/p.json")["NEED-A"] == "fail")
        #expect((try s.json("out/p.json")["notes"] as? [String])?.contains("waiver for NEED-A expired on 2026-06-01 (protocol); the result stands") == true)
    }

    @Test func waiversFile() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.failsError)
        try s.write("waivers.yaml", "waivers:\n  - {rule: NEED-A, justification: j, approved_by: IRB, expires: 2030-01-01}\n")
        try s.write("incomplete.yaml", "waivers:\n  - {rule: NEED-A, approved_by: IRB, expires: 2030-01-01}\n")
        let r = try check(s, ["p.yaml", "--waivers", "waivers.yaml", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try #require((try s.json("out/p.json")["results"] as? [[String: Any]])?.first)
        #expect(result["status"] as? String == "waived")
        #expect((result["waiver"] as? [String: Any])?["source"] as? String == "waivers.yaml")
        let bad = try check(s, ["p.yaml", "--waivers", "incomplete.yaml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("incomplete.yaml:2:5: error: a waiver is missing required key 'justification'"), "\(bad.stderr)")
    }

    @Test func incompleteWaiverInTheProtocolIsAnInputError() throws {
        let s = try scratch()
        try s.write("p.yaml", Self.failsError + "waivers:\n  - {rule: NEED-A, justification: j, approved_by: IRB}\n")
        let r = try check(s, ["p.yaml", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("p.yaml:5:5: error: a waiver is missing required key 'expires'"), "\(r.stderr)")
        #expect(!s.exists("out/p.json"))
    }

    @Test func ruleFileErrorsAreAllReportedWithExitTwo() throws {
        let s = try Scratch()
        try s.write("rules/a.yaml", "pack: {id: a, version: \"1\"}\nrules:\n  - {id: X, title: T, severity: eror, check: {path: a, exists: true}}\n")
        try s.write("rules/b.yaml", "pack: {id: b, version: \"1\"}\nrules:\n  - {id: Y, title: T, severity: error, check: {all: []}}\n")
        try s.write("p.yaml", Self.good)
        let r = try CLI.run(["check", "p.yaml", "--rules", "rules"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("rules/a.yaml:3:33: error: severity 'eror' must be error, warning or info (did you mean 'error'?)"), "\(r.stderr)")
        #expect(r.stderr.contains("rules/b.yaml:3:53: error: 'all' needs at least one condition; the list is empty"), "\(r.stderr)")
        #expect(r.stderr.contains("2 errors in rule files"))
    }

    @Test func profileFromAFile() throws {
        let s = try scratch()
        try s.write("profile.yaml", "profile:\n  id: strict\n  include: [t]\n  overrides:\n    - {rule: NEED-W, severity: error}\n    - {rule: NEED-I, disabled: true, reason: not needed}\n")
        try s.write("warn.yaml", Self.failsWarning)
        let r = try check(s, ["warn.yaml", "--profile", "profile.yaml", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 1, "\(r.stderr)")
        let report = try s.json("out/warn.json")
        #expect(report["profile"] as? String == "strict")
        #expect(try s.statuses("out/warn.json") == ["NEED-A": "pass", "NEED-W": "fail"])
        #expect((report["notes"] as? [String])?.contains("rule NEED-I is disabled by profile strict: not needed") == true)
        let unknown = try check(s, ["warn.yaml", "--profile", "strikt"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: unknown profile 'strikt'"))
    }
}
