import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3 / 3.1 / 3.3 / 8: every mistake in a rule file is a located `FILE:LINE:COL: error: ...`,
/// and all mistakes in all files are reported together.
@Suite struct RuleFileErrorTests {
    /// A pack `t` whose single rule (starting at line 5, column 5) has the given lines.
    static func pack(_ rule: [String], id: String = "t") -> String {
        "pack:\n  id: \(id)\n  version: \"1\"\nrules:\n  - " + rule.joined(separator: "\n    ") + "\n"
    }

    static let valid = ["id: R1", "title: T", "severity: error", "check: {path: a, exists: true}"]

    /// The valid rule with the line starting with `key` replaced (or removed when `line` is nil), or `line` added.
    static func rule(replacing key: String? = nil, with line: String?) -> [String] {
        var lines = valid
        if let key, let n = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) {
            if let line { lines[n] = line } else { lines.remove(at: n) }
        } else if let line {
            lines.append(line)
        }
        return lines
    }

    func errors(_ rule: [String]) -> [String] { EngineFixture.loadErrors(Self.pack(rule)) }

    @Test func theValidRuleLoads() throws {
        #expect(errors(Self.valid) == [])
        #expect(try EngineFixture.catalog(Self.pack(Self.valid)).packs[0].rules.map(\.id) == ["R1"])
    }

    @Test func unknownKeyWithDidYouMean() {
        #expect(errors(Self.rule(with: "remediaton: Add a")) == ["p.yaml:9:5: error: unknown key 'remediaton' in rule R1 (did you mean 'remediation'?)"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, exist: true}")) == [
            "p.yaml:8:12: error: the condition on 'a' has no operator",
            "p.yaml:8:22: error: unknown key 'exist' in a condition (did you mean 'exists'?)",
        ])
        #expect(EngineFixture.loadErrors("pack: {id: t, version: \"1\", titel: T}\nrules: []\n")
                == ["p.yaml:1:29: error: unknown key 'titel' in 'pack' (did you mean 'title'?)"])
        #expect(EngineFixture.loadErrors("pack: {id: t, version: \"1\"}\nrule: []\n") == [
            "p.yaml:1:1: error: a rule pack file needs a 'rules' list",
            "p.yaml:2:1: error: unknown key 'rule' in a rule pack file (did you mean 'rules'?)",
        ])
    }

    @Test func missingRequiredKeys() {
        #expect(errors(Self.rule(replacing: "id", with: nil)) == ["p.yaml:5:5: error: a rule is missing required key 'id'"])
        #expect(errors(Self.rule(replacing: "title", with: nil)) == ["p.yaml:5:5: error: rule R1 is missing required key 'title'"])
        #expect(errors(Self.rule(replacing: "severity", with: nil)) == ["p.yaml:5:5: error: rule R1 is missing required key 'severity'"])
        #expect(errors(Self.rule(replacing: "check", with: nil))
                == ["p.yaml:5:5: error: rule R1 needs a 'check' condition (or kind: review for items a person must judge)"])
        #expect(EngineFixture.loadErrors("pack: {id: t}\nrules: []\n") == ["p.yaml:1:7: error: 'pack' is missing required key 'version'"])
        #expect(EngineFixture.loadErrors("rules: []\n") == ["p.yaml:1:1: error: a rule pack file needs a 'pack' header with id and version"])
    }

    @Test func badSeverity() {
        #expect(errors(Self.rule(replacing: "severity", with: "severity: critical"))
                == ["p.yaml:7:15: error: severity 'critical' must be error, warning or info"])
        #expect(errors(Self.rule(replacing: "severity", with: "severity: eror"))
                == ["p.yaml:7:15: error: severity 'eror' must be error, warning or info (did you mean 'error'?)"])
        #expect(errors(Self.rule(with: "kind: reveiw")) == ["p.yaml:9:11: error: kind 'reveiw' must be check or review (did you mean 'review'?)"])
    }

    @Test func badRegex() {
        // The text after the colon is the Swift Regex parser's.
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, matches: '([a-z'}"))
                == ["p.yaml:8:33: error: invalid regular expression '([a-z': missing ']'"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, matches: 'a{2,1}'}")).count == 1)
    }

    @Test func unknownUnit() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, gte: \"12 monts\"}"))
                == ["p.yaml:8:27: error: unknown unit 'monts' (did you mean 'month'?)"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, gte: {value: 5, unit: furlongs}}"))
                == ["p.yaml:8:44: error: unknown unit 'furlongs'"])
    }

    @Test func emptyAllAndAny() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {all: []}")) == ["p.yaml:8:18: error: 'all' needs at least one condition; the list is empty"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {any: []}")) == ["p.yaml:8:18: error: 'any' needs at least one condition; the list is empty"])
    }

    @Test func forEachWithoutCheck() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {for_each: arms, where: {path: a, exists: true}}"))
                == ["p.yaml:8:12: error: 'for_each' needs a 'check' condition to test on each item"])
    }

    @Test func twoOperators() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, equals: 1, in: [1]}"))
                == ["p.yaml:8:33: error: a condition takes exactly one operator; found equals and in"])
    }

    @Test func noOperator() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a}")) == ["p.yaml:8:12: error: the condition on 'a' has no operator"])
    }

    @Test func badPathSyntax() {
        // The error points at the offending character, in plain and in quoted paths.
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a..b, exists: true}"))
                == ["p.yaml:8:21: error: invalid path 'a..b': empty key in path"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: \"a[x]\", exists: true}"))
                == ["p.yaml:8:22: error: invalid path 'a[x]': expected an index, '*' or a quoted key inside '[ ]'"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {for_each: \"arms[\", check: {path: a, exists: true}}"))
                == ["p.yaml:8:28: error: invalid path 'arms[': unclosed '['"])
    }

    @Test func duplicateRuleIDsAcrossPacks() {
        #expect(EngineFixture.loadErrors([("t.yaml", Self.pack(Self.valid)), ("u.yaml", Self.pack(Self.valid, id: "u"))])
                == ["u.yaml:5:5: error: rule id 'R1' is already used at t.yaml:5:5"])
    }

    @Test func duplicatePackIDs() {
        #expect(EngineFixture.loadErrors([("t.yaml", Self.pack(Self.valid)), ("u.yaml", Self.pack(["id: R2", "title: T", "severity: error", "check: {path: a, exists: true}"]))])
                == ["u.yaml:1:1: error: pack id 't' is also used by t.yaml"])
    }

    @Test func badPackID() {
        #expect(EngineFixture.loadErrors(Self.pack(Self.valid, id: "ISSCR_2021"))
                == ["p.yaml:2:7: error: pack id 'ISSCR_2021' must match [a-z0-9][a-z0-9-]*"])
        #expect(EngineFixture.loadErrors(Self.pack(Self.valid, id: "-isscr")) == ["p.yaml:2:7: error: pack id '-isscr' must match [a-z0-9][a-z0-9-]*"])
    }

    @Test func messageWithUnknownPlaceholder() {
        #expect(errors(Self.rule(with: "message: \"Found {valeu} at {path}\"")) == ["p.yaml:9:14: error: unknown placeholder {valeu} in message"])
        // Braces are found by characters: `{` with a combining mark is not a placeholder's brace.
        #expect(NodeReader.unknownPlaceholder("{\u{301}value} at {path}") == nil)
        #expect(NodeReader.unknownPlaceholder("café {valeur}") == "valeur")
        #expect(NodeReader.unknownPlaceholder("{value} at {path}") == nil)
    }

    @Test func reviewRuleWithCheck() {
        #expect(errors(Self.rule(with: "kind: review")) == ["p.yaml:8:5: error: rule R1 is kind review and takes no 'check'"])
    }

    @Test func nonMappingCondition() {
        #expect(errors(Self.rule(replacing: "check", with: "check: \"a exists\""))
                == ["p.yaml:8:12: error: 'check' of rule R1 must be a condition mapping (all, any, any_stated, not, for_each, or path/value + operator), found the string \"a exists\""])
        #expect(errors(Self.rule(with: "when: [a]"))
                == ["p.yaml:9:11: error: 'when' of rule R1 must be a condition mapping (all, any, any_stated, not, for_each, or path/value + operator), found a list"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {all: [{path: a, exists: true}, 5]}"))
                == ["p.yaml:8:44: error: an item of 'all' must be a condition mapping (all, any, any_stated, not, for_each, or path/value + operator), found the number 5"])
    }

    @Test func badOperands() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, exists: yes}"))
                == ["p.yaml:8:30: error: 'exists' takes true or false, found the string \"yes\""])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, in: []}"))
                == ["p.yaml:8:26: error: 'in' takes a non-empty list of values, found a list"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, min_items: -1}"))
                == ["p.yaml:8:33: error: 'min_items' must be a non-negative integer, found the number -1"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, type: text}"))
                == ["p.yaml:8:28: error: 'type' must be one of string, number, integer, boolean, list, map, date, quantity"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, gt: lots}"))
                == ["p.yaml:8:26: error: 'gt' takes a number, a quantity like \"12 months\", a date like 2026-01-31 or {path: OTHER}; found the string \"lots\""])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, equals: null}"))
                == ["p.yaml:8:30: error: 'equals' needs a value; null never matches (a missing or null field is unknown)"])
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, all: [{path: b, exists: true}]}"))
                == ["p.yaml:8:12: error: 'check' of rule R1 mixes path and all; a condition has exactly one of all, any, any_stated, not, for_each, path or value"])
    }

    @Test func comparedPathMustNameOneValue() {
        #expect(errors(Self.rule(replacing: "check", with: "check: {path: a, gte: {path: 'b[*].c'}}"))
                == ["p.yaml:8:34: error: the compared path 'b[*].c' of 'gte' cannot contain [*]; it must name one value"])
    }

    @Test func severalMistakesAreAllReported() {
        let first = """
            pack:
              id: Bad_Pack
              version: "1"
            rules:
              - id: R1
                title: T
                severity: fatal
                check: {all: []}
              - id: R2
                severity: error
                check: {path: a, gte: "3 parsecs"}
                tags: [x]
                remediaton: fix it
            """
        let second = Self.pack(["id: R3", "title: T", "severity: error", "check: {path: 'a[', exists: true}"], id: "second")
        #expect(EngineFixture.loadErrors([("a.yaml", first), ("b.yaml", second)]) == [
            "a.yaml:2:7: error: pack id 'Bad_Pack' must match [a-z0-9][a-z0-9-]*",
            "a.yaml:7:15: error: severity 'fatal' must be error, warning or info",
            "a.yaml:8:18: error: 'all' needs at least one condition; the list is empty",
            "a.yaml:9:5: error: rule R2 is missing required key 'title'",
            "a.yaml:11:27: error: unknown unit 'parsecs'",
            "a.yaml:13:5: error: unknown key 'remediaton' in rule R2 (did you mean 'remediation'?)",
            "b.yaml:8:21: error: invalid path 'a[': unclosed '['",
        ])
    }

    @Test func diagnosticsPrintTheSourceLineAndACaret() {
        do {
            _ = try EngineFixture.catalog(Self.pack(Self.rule(replacing: "severity", with: "severity: eror")))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == """
                p.yaml:7:15: error: severity 'eror' must be error, warning or info (did you mean 'error'?)
                    severity: eror
                              ^
                """)
        }
    }

    @Test func notARuleFileAtAll() {
        #expect(EngineFixture.loadErrors("hello: world\n")
                == ["p.yaml:1:1: error: this is not a rule pack (pack + rules), a profile (profile) or a fixture file (tests)"])
        #expect(EngineFixture.loadErrors("pack: {id: t, version: \"1\"}\nrules:\n  - a: [\n").first?.hasPrefix("p.yaml:") == true)
    }
}
