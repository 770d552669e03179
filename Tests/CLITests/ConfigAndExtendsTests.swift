import Foundation
import Testing

/// Issue 17 (config and rules): `.stemcheck.yaml` found upward or given with `--config`, options
/// over the config, `extends` / `--add-rules` beside the shipped packs, `rules export`,
/// `--exclude`, `--color` and `--quiet`, end to end.
@Suite struct ConfigAndExtendsTests {
    static let pack = """
        pack: {id: t, version: "1"}
        rules:
          - id: NEED-A
            title: a is 1
            severity: error
            check: {path: a, equals: 1}
          - id: NEED-W
            title: w is at least 2
            severity: warning
            check: {path: w, gte: 2}
        """
    /// Passes NEED-A, fails the warning NEED-W: exit 0 under --fail-on error, 1 under warning.
    static let warns = "a: 1\nw: 1\n"
    static let failsError = "a: 2\nw: 3\n"

    /// A scratch folder that is a repository root (`.git`), so that discovery never leaves it.
    func repository() throws -> Scratch {
        let s = try Scratch()
        try s.folder(".git")
        try s.write("rules/t.yaml", Self.pack)
        return s
    }

    func realPath(_ s: Scratch, _ path: String) -> String {
        s.url.appendingPathComponent(path).resolvingSymlinksInPath().path
    }

    // MARK: discovery and --config

    @Test func configIsFoundUpwardAndItsPathsAreRelativeToIt() throws {
        let s = try repository()
        try s.write(".stemcheck.yaml", "rules: [rules]\nfail_on: warning\n")
        try s.write("work/sub/p.yaml", Self.warns)
        let r = try CLI.run(["check", "p.yaml"], in: s.url.appendingPathComponent("work/sub"))
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr == "using config \(realPath(s, ".stemcheck.yaml"))\n", "\(r.stderr)")
        #expect(r.stdout.hasSuffix("p.yaml: PASS: 1 pass, 1 fail, 0 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on warning) failed\n"), "\(r.stdout)")
    }

    /// Discovery stops at the folder holding `.git`: a config above a repository is not its own.
    @Test func discoveryStopsAtTheRepositoryRoot() throws {
        let s = try Scratch()
        try s.write(".stemcheck.yaml", "no_such_key: 1\n")  // would be an error if read
        try s.folder("repo/.git")
        try s.write("repo/rules/t.yaml", Self.pack)
        try s.write("repo/sub/p.yaml", Self.warns)
        let r = try CLI.run(["check", "p.yaml", "--rules", "../rules"], in: s.url.appendingPathComponent("repo/sub"))
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr == "")
    }

    @Test func configOptionAndNoConfig() throws {
        let s = try repository()
        try s.write("cfg/strict.yaml", "rules: ../rules\nfail_on: warning\n")
        try s.write(".stemcheck.yaml", "fail_on: never\n")
        try s.write("p.yaml", Self.warns)
        let given = try CLI.run(["check", "p.yaml", "--config", "cfg/strict.yaml"], in: s.url)
        #expect(given.status == 1, "\(given.stdout)\(given.stderr)")
        #expect(given.stderr == "using config \(realPath(s, "cfg/strict.yaml"))\n", "\(given.stderr)")
        let none = try CLI.run(["check", "p.yaml", "--no-config", "--rules", "rules", "--fail-on", "warning"], in: s.url)
        #expect(none.status == 1)
        #expect(none.stderr == "", "\(none.stderr)")
        let found = try CLI.run(["check", "p.yaml", "--rules", "rules", "--fail-on", "warning"], in: s.url)
        #expect(found.stderr.hasPrefix("using config "), "\(found.stderr)")
        let both = try CLI.run(["check", "p.yaml", "--config", "cfg/strict.yaml", "--no-config"], in: s.url)
        #expect(both.status == 2)
        #expect(both.stderr.contains("--config and --no-config cannot be used together"), "\(both.stderr)")
    }

    /// Options given on the command line win over the config's values.
    @Test func optionsOverrideTheConfig() throws {
        let s = try repository()
        try s.write(".stemcheck.yaml", """
            rules: [rules]
            fail_on: warning
            formats: [json]
            jobs: 2
            """)
        try s.write("p.yaml", Self.warns)
        let fromConfig = try CLI.run(["check", "p.yaml"], in: s.url)
        #expect(fromConfig.status == 1, "\(fromConfig.stderr)")
        #expect(fromConfig.stdout == "")
        #expect(try s.statuses("reports/p.json") == ["NEED-A": "pass", "NEED-W": "fail"])
        try FileManager.default.removeItem(at: s.url.appendingPathComponent("reports"))
        let overridden = try CLI.run(["check", "p.yaml", "--fail-on", "error", "--format", "text", "--jobs", "1"], in: s.url)
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(overridden.stdout.hasSuffix("gate (--fail-on error) passed\n"), "\(overridden.stdout)")
        #expect(!s.exists("reports"))
        // --rules replaces the config's rules.
        try s.write("other/o.yaml", "pack: {id: o, version: \"1\"}\nrules:\n  - {id: O-B, title: b, severity: error, check: {path: b, exists: true}}\n")
        let rules = try CLI.run(["check", "p.yaml", "--rules", "other", "--format", "text"], in: s.url)
        #expect(rules.stdout.contains("O-B") && !rules.stdout.contains("NEED-W"), "\(rules.stdout)")
    }

    @Test func anEmptyConfigHasNoSettingsAndAMissingOneIsAnError() throws {
        let s = try repository()
        try s.write(".stemcheck.yaml", "# nothing yet\n")
        try s.write("p.yaml", Self.warns)
        let empty = try CLI.run(["check", "p.yaml", "--rules", "rules"], in: s.url)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stderr.hasPrefix("using config "))
        let missing = try CLI.run(["check", "p.yaml", "--config", "nope.yaml"], in: s.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("nope.yaml:1:1: error: cannot read file"), "\(missing.stderr)")
    }

    @Test func unknownConfigKeyIsALocatedErrorWithASuggestion() throws {
        let s = try repository()
        try s.write(".stemcheck.yaml", "rules: [rules]\nfail_onn: warning\n")
        try s.write("p.yaml", Self.warns)
        let r = try CLI.run(["check", "p.yaml"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains(".stemcheck.yaml:2:1: error: unknown key 'fail_onn' in the config file (did you mean 'fail_on'?)\nfail_onn: warning\n^\n  hint: allowed keys: profile, rules, extends, waivers, exclude, fail_on, formats, jobs"), "\(r.stderr)")
    }

    @Test func badConfigValuesAreLocated() throws {
        let s = try repository()
        try s.write(".stemcheck.yaml", "fail_on: warnings\njobs: 0\nexclude: ['[a']\n")
        try s.write("p.yaml", Self.warns)
        let r = try CLI.run(["check", "p.yaml"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(".stemcheck.yaml:1:10: error: fail_on 'warnings' must be one of error, warning, info, never (did you mean 'warning'?)"), "\(r.stderr)")
        #expect(r.stderr.contains(".stemcheck.yaml:2:7: error: jobs must be a whole number of at least 1, found the number 0"), "\(r.stderr)")
        #expect(r.stderr.contains(".stemcheck.yaml:3:11: error: exclude pattern '[a': '[' is not closed by ']'"), "\(r.stderr)")
        try s.write(".stemcheck.yaml", "rules: [rules]\nformats: [text, jsn]\n")
        let format = try CLI.run(["check", "p.yaml"], in: s.url)
        #expect(format.status == 2)
        #expect(format.stderr.contains(".stemcheck.yaml:2:17: error: unknown format 'jsn' in formats: did you mean 'json'?"), "\(format.stderr)")
    }

    // MARK: extends and --add-rules

    static let localPack = """
        pack: {id: clinic-local, version: "1"}
        rules:
          - id: CLINIC-PROTOCOL-ID
            title: The protocol has the clinic's protocol id
            severity: error
            check: {path: protocol.id, matches: '^CL-'}
        """
    /// A US cerebral palsy protocol: the shipped us-pediatric-cp profile is chosen for it.
    static let usCP = """
        schema_version: 2
        jurisdictions: [US]
        protocol: {id: CL-0001}
        condition: {name: Spastic cerebral palsy, icd10: G80.1}
        """

    func ruleIDs(_ s: Scratch, _ path: String) throws -> [String: String] { try s.statuses(path) }

    @Test func addRulesRunsALocalRuleBesideTheShippedPacks() throws {
        let s = try repository()
        try s.write("local/clinic.yaml", Self.localPack)
        try s.write("p.yaml", Self.usCP)
        let r = try CLI.run(["check", "p.yaml", "--add-rules", "local/clinic.yaml", "--format", "json", "--detail", "full", "--output", "out"], in: s.url)
        #expect(r.status == 1, "\(r.stderr)")
        let statuses = try s.statuses("out/p.json")
        #expect(statuses["CLINIC-PROTOCOL-ID"] == "pass", "\(statuses)")
        #expect(statuses["ISSCR-ETHICS-APPROVAL"] != nil)
        #expect(statuses.keys.contains { $0.hasPrefix("CP-") })  // us-pediatric-cp was still chosen
        // Under a named profile too.
        let named = try CLI.run(["check", "p.yaml", "--add-rules", "local", "--profile", "isscr-baseline", "--format", "json", "--detail", "full", "--output", "named"], in: s.url)
        #expect(named.status == 1, "\(named.stderr)")
        let namedStatuses = try s.statuses("named/p.json")
        #expect(namedStatuses["CLINIC-PROTOCOL-ID"] == "pass")
        #expect(!namedStatuses.keys.contains { $0.hasPrefix("CP-") })
    }

    @Test func configExtendsAddsTheLocalPack() throws {
        let s = try repository()
        try s.write("local/clinic.yaml", Self.localPack)
        try s.write(".stemcheck.yaml", "extends: [local]\nformats: [json]\n")
        try s.write("protocols/p.yaml", Self.usCP.replacingOccurrences(of: "CL-0001", with: "X-1"))
        let r = try CLI.run(["check", "p.yaml", "--output", "../out"], in: s.url.appendingPathComponent("protocols"))
        #expect(r.status == 1, "\(r.stderr)")
        let statuses = try s.statuses("out/p.json")
        #expect(statuses["CLINIC-PROTOCOL-ID"] == "fail", "\(statuses)")
        #expect(statuses["ISSCR-ETHICS-APPROVAL"] != nil)
        // rules list shows it too.
        let list = try CLI.run(["rules", "list"], in: s.url)
        #expect(list.status == 0)
        #expect(list.stdout.contains("CLINIC-PROTOCOL-ID") && list.stdout.contains("ISSCR-ETHICS-APPROVAL"))
    }

    /// A profile's `extends` loads its packs (relative to the profile file), and it may include them.
    @Test func profileExtendsLoadsPacksItIncludes() throws {
        let s = try repository()
        try s.write("local/packs/clinic.yaml", Self.localPack)
        try s.write("local/clinic-profile.yaml", """
            profile:
              id: clinic
              include: [isscr-2021, clinic-local]
              extends: [packs/clinic.yaml]
            """)
        try s.write("p.yaml", Self.usCP)
        let r = try CLI.run(["check", "p.yaml", "--profile", "local/clinic-profile.yaml", "--format", "json", "--detail", "full", "--output", "out"], in: s.url)
        #expect(r.status == 1, "\(r.stderr)")
        let statuses = try s.statuses("out/p.json")
        #expect(statuses["CLINIC-PROTOCOL-ID"] == "pass", "\(statuses)")
        #expect(statuses.keys.allSatisfy { $0.hasPrefix("ISSCR-") || $0 == "CLINIC-PROTOCOL-ID" || $0 == "SCHEMA" }, "\(statuses.keys.sorted())")
        // The same profile through --add-rules: its extends are loaded with it.
        let added = try CLI.run(["check", "p.yaml", "--add-rules", "local/clinic-profile.yaml", "--profile", "clinic", "--format", "json", "--detail", "full", "--output", "added"], in: s.url)
        #expect(added.status == 1, "\(added.stderr)")
        #expect(try s.statuses("added/p.json")["CLINIC-PROTOCOL-ID"] == "pass")
        // A missing extends path is located where it is written.
        try s.write("local/broken-profile.yaml", "profile:\n  id: broken\n  include: [isscr-2021]\n  extends: [nowhere.yaml]\n")
        let broken = try CLI.run(["check", "p.yaml", "--profile", "local/broken-profile.yaml"], in: s.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("local/broken-profile.yaml:4:13: error: 'local/nowhere.yaml': no such file or directory"), "\(broken.stderr)")
    }

    @Test func addedRuleIDsMustNotRepeatShippedOnes() throws {
        let s = try repository()
        try s.write("local/dup.yaml", "pack: {id: dup, version: \"1\"}\nrules:\n  - {id: ISSCR-ETHICS-APPROVAL, title: again, severity: error, check: {path: a, exists: true}}\n")
        try s.write("p.yaml", Self.usCP)
        let r = try CLI.run(["check", "p.yaml", "--add-rules", "local"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("local/dup.yaml:3:5: error: rule id 'ISSCR-ETHICS-APPROVAL' is already used at rules/isscr-2021.yaml:"), "\(r.stderr)")
    }

    // MARK: rules export

    @Test func exportedPacksLoadAndLintClean() throws {
        let s = try Scratch()
        let export = try CLI.run(["rules", "export", "shipped"], in: s.url)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(s.exists("shipped/isscr-2021.yaml") && s.exists("shipped/profiles/us-pediatric-cp.yaml"))
        let schema = try CLI.run(["schema"], in: s.url)
        #expect(s.read("shipped/protocol.schema.json") == schema.stdout)
        let exported = try CLI.run(["rules", "lint", "--rules", "shipped"], in: s.url)
        let builtIn = try CLI.run(["rules", "lint"], in: s.url)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains(": 0 errors, "))
        #expect(exported.stdout == builtIn.stdout)
        let test = try CLI.run(["rules", "test", "--rules", "shipped"], in: s.url)
        #expect(test.status == 0)
        #expect(test.stdout == (try CLI.run(["rules", "test"], in: s.url)).stdout)
        // Nothing is overwritten without --force.
        try s.write("shipped/eu.yaml", "# my edits\n")
        let again = try CLI.run(["rules", "export", "shipped"], in: s.url)
        #expect(again.status == 2)
        #expect(again.stderr.contains("shipped/eu.yaml: error: the file exists; nothing was written"), "\(again.stderr)")
        #expect(again.stderr.contains("hint: add --force"))
        #expect(s.read("shipped/eu.yaml") == "# my edits\n")
        let forced = try CLI.run(["rules", "export", "shipped", "--force"], in: s.url)
        #expect(forced.status == 0)
        #expect(s.read("shipped/eu.yaml") != "# my edits\n")
    }

    // MARK: --exclude

    func tree() throws -> Scratch {
        let s = try repository()
        for path in ["protos/a.yaml", "protos/drafts/b.yaml", "protos/old/x/c.yaml", "protos/d.draft.yaml", "protos/e.yaml"] {
            try s.write(path, Self.warns)
        }
        return s
    }

    func checked(_ r: CLI.Result) -> [String] {
        r.stdout.split(separator: "\n").compactMap { line in
            line.contains(": PASS: ") ? String(line.prefix { $0 != ":" }) : nil
        }
    }

    @Test func excludeGlobsLeaveFilesAndFoldersOut() throws {
        let s = try tree()
        let all = try CLI.run(["check", "protos", "--rules", "rules"], in: s.url)
        #expect(checked(all) == ["protos/a.yaml", "protos/d.draft.yaml", "protos/drafts/b.yaml", "protos/e.yaml", "protos/old/x/c.yaml"], "\(all.stdout)")
        let r = try CLI.run(["check", "protos", "--rules", "rules", "--exclude", "drafts", "--exclude", "*.draft.yaml", "--exclude", "old/**/c.yaml"], in: s.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(checked(r) == ["protos/a.yaml", "protos/e.yaml"], "\(r.stdout)")
        // A given file is excluded too; `**` matches any depth, none included.
        let given = try CLI.run(["check", "protos/d.draft.yaml", "protos/a.yaml", "protos", "--rules", "rules", "--exclude", "**/*.draft.yaml", "--exclude", "protos/**/x"], in: s.url)
        #expect(checked(given) == ["protos/a.yaml", "protos/drafts/b.yaml", "protos/e.yaml"], "\(given.stdout)")
        // Excluding every file found is a usage error, so a mistyped pattern cannot pass CI green.
        let empty = try CLI.run(["check", "protos/drafts", "--rules", "rules", "--exclude", "b.yaml"], in: s.url)
        #expect(empty.status == 2 && empty.stderr.contains("no protocol files are left to check"), "\(empty.stderr)")
        let bad = try CLI.run(["check", "protos", "--rules", "rules", "--exclude", "[a"], in: s.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'[' is not closed by ']'"), "\(bad.stderr)")
    }

    @Test func configExcludeAddsToTheCommandLine() throws {
        let s = try tree()
        try s.write(".stemcheck.yaml", "rules: [rules]\nexclude: ['**/old/**', drafts]\n")
        let r = try CLI.run(["check", "protos", "--exclude", "e.yaml"], in: s.url)
        #expect(checked(r) == ["protos/a.yaml", "protos/d.draft.yaml"], "\(r.stdout)\(r.stderr)")
    }

    // MARK: --color and --quiet

    static let escape = "\u{1B}["

    @Test func colourModes() throws {
        let s = try repository()
        try s.write("p.yaml", Self.failsError)
        let base = ["check", "p.yaml", "--rules", "rules"]
        let always = try CLI.run(base + ["--color", "always"], in: s.url, environment: ["NO_COLOR": "1"])
        #expect(always.stdout.contains(Self.escape + "31mFAIL" + Self.escape + "0m"), "\(always.stdout)")
        let never = try CLI.run(base + ["--color", "never"], in: s.url, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(!never.stdout.contains(Self.escape) && never.stdout.contains("FAIL"))
        // auto: not a terminal here, and NO_COLOR or TERM=dumb would turn it off anyway.
        for environment in [["NO_COLOR": "1"], ["NO_COLOR": "", "TERM": "dumb"], ["NO_COLOR": "", "TERM": "xterm"]] {
            let auto = try CLI.run(base + ["--color", "auto"], in: s.url, environment: environment)
            #expect(!auto.stdout.contains(Self.escape) && auto.stdout.contains("FAIL"), "\(environment)")
            let unset = try CLI.run(base, in: s.url, environment: environment)
            #expect(unset.stdout == auto.stdout)
        }
        let wrong = try CLI.run(base + ["--color", "alway"], in: s.url)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("did you mean 'always'?"), "\(wrong.stderr)")
    }

    @Test func quietPrintsOnlyVerdictLinesAndErrors() throws {
        let s = try repository()
        try s.write(".stemcheck.yaml", "rules: [rules]\n")
        try s.write("protos/bad.yaml", Self.failsError)
        try s.write("protos/good.yaml", "a: 1\nw: 3\n")
        try s.write("protos/broken.yaml", "a: [1, 2\n")
        let r = try CLI.run(["check", "protos", "--quiet"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stdout == """
            protos/bad.yaml: FAIL: 1 pass, 1 fail, 0 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on error) failed
            protos/good.yaml: PASS: 2 pass, 0 fail, 0 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on error) passed

            """, "\(r.stdout)")
        // Only the broken file's error: no config note, no batch summary.
        #expect(r.stderr.hasPrefix("protos/broken.yaml:"), "\(r.stderr)")
        #expect(!r.stderr.contains("using config") && !r.stderr.contains("checked "), "\(r.stderr)")
        let coloured = try CLI.run(["check", "protos/bad.yaml", "--quiet", "--color", "always"], in: s.url)
        #expect(coloured.stdout == "protos/bad.yaml: \(Self.escape)31mFAIL\(Self.escape)0m: 1 pass, 1 fail, 0 not stated, 0 error, 0 review, 0 waived, 0 not applicable; gate (--fail-on error) failed\n")
    }
}
