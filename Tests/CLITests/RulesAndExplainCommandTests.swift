import Foundation
import Testing

/// SPEC 5, end to end: `stemcheck rules test` and `stemcheck explain`.
@Suite struct RulesAndExplainCommandTests {
    static let pack = """
        pack: {id: t, version: "1"}
        rules:
          - id: NEED-A
            title: a is present
            severity: error
            check: {path: a, exists: true}
            examples:
              pass: [{a: 1}]
              unknown: [{b: 1}, {a: 1}]
          - id: CHILDREN
            title: Children need assent
            severity: error
            when: {path: participants.min_age, lt: "18 years"}
            check: {path: consent.assent, equals: true}
            examples:
              pass: [{participants: {min_age: 6 years}, consent: {assent: true}}]
              fail: [{participants: {min_age: 6 years}, consent: {assent: false}}]
              unknown: [{participants: {min_age: 6 years}}, {}]
              not_applicable: [{participants: {min_age: 30 years}}]
        """

    @Test func rulesTestEndsWithTheCounts() throws {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.pack)
        let r = try CLI.run(["rules", "test", "--rules", "rules"], in: s.url)
        #expect(r.status == 1)
        // The wrong example (`unknown: {a: 1}` passes) is reported with FILE:LINE:COL.
        #expect(r.stdout.contains("rules/t.yaml:9:25: NEED-A: example expected unknown, got pass"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("7 passed, 1 failed\n"), "\(r.stdout)")
    }

    @Test func rulesTestAllPassing() throws {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.pack.replacingOccurrences(of: "unknown: [{b: 1}, {a: 1}]", with: "unknown: [{b: 1}]"))
        let r = try CLI.run(["rules", "test", "--rules", "rules"], in: s.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == "7 passed, 0 failed\n")
    }

    /// Issue 14's test pack: every new form's pass, fail and unknown examples hold, and lint is clean.
    @Test func ruleLanguagePackIsClean() throws {
        let s = try Scratch()
        let pack = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/rule-language/issue-14.yaml").path
        let test = try CLI.run(["rules", "test", "--rules", pack], in: s.url)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.hasSuffix(" passed, 0 failed\n"), "\(test.stdout)")
        let lint = try CLI.run(["rules", "lint", "--rules", pack], in: s.url)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        #expect(lint.stdout.contains("0 errors, 0 warnings") && !(lint.stdout + lint.stderr).contains(": warning:"), "\(lint.stdout)\(lint.stderr)")
    }

    @Test func shippedRulesPassTheirOwnExamples() throws {
        let s = try Scratch()
        let r = try CLI.run(["rules", "test"], in: s.url)
        #expect(r.status == 0, "\(r.stdout)")
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix(" passed, 0 failed"), "\(last)")
    }

    @Test func explainUnknownRule() throws {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.pack)
        let r = try CLI.run(["explain", "NEED-B", "--rules", "rules"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: no rule 'NEED-B' (did you mean 'NEED-A'?)"), "\(r.stderr)")
        #expect(r.stdout == "")
    }

    @Test func explainKnownRule() throws {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.pack)
        let r = try CLI.run(["explain", "CHILDREN", "--rules", "rules"], in: s.url)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("CHILDREN: Children need assent\n"))
        #expect(r.stdout.contains("  applies when: {path: participants.min_age, lt: \"18 years\"}\n"))
        #expect(r.stdout.contains("  check:       {path: consent.assent, equals: true}\n"))
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let s = try Scratch()
        let r = try CLI.run(["chekc"], in: s.url)
        #expect(r.status == 2)
    }
}
