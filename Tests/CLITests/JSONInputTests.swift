import Foundation
import Testing

/// SPEC 4, end to end: a `.json` file is read as strict JSON by `check`, `show`, `import` and
/// `--registry-record`; malformed JSON is a located error with exit 2 and no report. A `.yaml`
/// file holding JSON text is still YAML.
@Suite struct JSONInputTests {
    static let rules = """
        pack: {id: t, version: "1"}
        rules:
          - id: NEED-A
            title: a is present
            severity: error
            check: {path: a, exists: true}
        """
    static let goodJSON = "{\n  \"a\": 1,\n  \"name\": \"Umeå\"\n}\n"
    static let trailingComma = "{\n  \"a\": 1,\n  \"name\": \"Umeå\",\n}\n"
    static let trailingCommaError = "bad.json:3:17: error: invalid JSON: a comma after the last member of an object\n"
        + "  \"name\": \"Umeå\",\n"
        + String(repeating: " ", count: 16) + "^\n"
        + "  hint: remove the comma: JSON does not allow a comma before '}' or ']'\n"

    func scratch() throws -> Scratch {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.rules)
        return s
    }

    func check(_ s: Scratch, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["check"] + arguments + ["--rules", "rules"], in: s.url)
    }

    @Test func checkRefusesATrailingCommaWithALocatedErrorAndNoReport() throws {
        let s = try scratch()
        try s.write("bad.json", Self.trailingComma)
        let r = try check(s, ["bad.json", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix(Self.trailingCommaError), "\(r.stderr)")
        #expect(!s.exists("out/bad.json"))
        #expect(s.list("out").isEmpty)
    }

    @Test func aFailedJSONLoadLeavesTheEarlierReportUntouched() throws {
        let s = try scratch()
        try s.write("bad.json", Self.goodJSON)
        #expect(try check(s, ["bad.json", "--format", "json", "--detail", "full", "--output", "out"]).status == 0)
        let before = try #require(s.read("out/bad.json"))
        try s.write("bad.json", Self.trailingComma)
        let r = try check(s, ["bad.json", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(Self.trailingCommaError), "\(r.stderr)")
        #expect(s.read("out/bad.json") == before)
    }

    @Test func inADirectoryTheOtherFilesAreStillChecked() throws {
        let s = try scratch()
        try s.write("protocols/good.json", Self.goodJSON)
        try s.write("protocols/bad.json", Self.trailingComma)
        // JSON text in a .yaml file is YAML, and YAML allows the trailing comma.
        try s.write("protocols/lenient.yaml", Self.trailingComma)
        let r = try check(s, ["protocols", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(s.list("out") == ["good.json", "lenient.json"])
        #expect(try s.statuses("out/good.json")["NEED-A"] == "pass")
        #expect(try s.statuses("out/lenient.json")["NEED-A"] == "pass")
        #expect(r.stderr.contains("protocols/bad.json:3:17: error: invalid JSON: a comma after the last member of an object\n"), "\(r.stderr)")
        #expect(r.stderr.contains("checked 2 of 3 files"), "\(r.stderr)")
    }

    @Test(arguments: [
        ("c.json", "{\"a\": 1, // note\n\"b\": 2}", "c.json:1:10: error: invalid JSON: comments are not allowed in JSON\n"),
        ("q.json", "{'a': 1}", "q.json:1:2: error: invalid JSON: strings must be in double quotes, not single quotes\n"),
        ("n.json", "{\"a\": NaN}", "n.json:1:7: error: invalid JSON: NaN is not a JSON number (JSON has no NaN or Infinity)\n"),
        ("d.json", "{\"a\": 1,\n \"a\": 2}", "d.json:2:2: error: duplicate key 'a' (first defined at 1:2)\n"),
        ("e.json", "", "e.json:1:1: error: invalid JSON: the file holds no JSON value (it is empty)\n  hint: "),
        ("U.JSON", "{\"a\": 1}\n{\"a\": 2}\n", "U.JSON:2:1: error: invalid JSON: found '{' after the end of the JSON value\n"),
    ])
    func checkLocatesEachKindOfMalformedJSON(_ name: String, _ text: String, _ error: String) throws {
        let s = try scratch()
        try s.write(name, text)
        let r = try check(s, [name, "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(error), "\(r.stderr)")
        #expect(r.stderr.contains("  hint: "))
        #expect(s.list("out").isEmpty)
    }

    @Test func showReadsJSONStrictly() throws {
        let good = try Stemcheck.run(["show", "p.json"], files: ["p.json": #"{"n": [1, 2.5, 1e2, -0, 18446744073709551616], "s": "\u00e9\ud83d\ude00", "t": true}"#])
        #expect(good.status == 0)
        #expect(good.stderr == "")
        #expect(good.stdout == """
            {
              "n": [
                1,
                2.5,
                100.0,
                0,
                1.8446744073709552e+19
              ],
              "s": "é😀",
              "t": true
            }

            """)
        let bad = try Stemcheck.run(["show", "bad.json"], files: ["bad.json": Self.trailingComma])
        #expect(bad.status == 2)
        #expect(bad.stdout == "")
        #expect(bad.stderr == Self.trailingCommaError)
        // The same text named .yaml is shown as YAML reads it.
        let yaml = try Stemcheck.run(["show", "lenient.yaml"], files: ["lenient.yaml": Self.trailingComma])
        #expect(yaml.status == 0)
        #expect(yaml.stdout == "{\n  \"a\": 1,\n  \"name\": \"Umeå\"\n}\n")
    }

    @Test func showOnAnEmptyJSONFileIsAnError() throws {
        let json = try Stemcheck.run(["show", "e.json"], files: ["e.json": "\n"])
        #expect(json.status == 2)
        #expect(json.stderr == "e.json:1:1: error: invalid JSON: the file holds no JSON value (it is empty)\n  hint: write the protocol as a JSON object ({...}), or remove the file\n")
        let yaml = try Stemcheck.run(["show", "e.yaml"], files: ["e.yaml": "\n"])
        #expect(yaml.status == 0)
        #expect(yaml.stdout == "")
    }

    @Test func importRefusesMalformedJSON() throws {
        let s = try Scratch()
        try s.write("u.json", "{\"study\": {\"versions\": [],},}\n")
        let r = try CLI.run(["import", "usdm", "u.json", "--output", "u.yaml"], in: s.url)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("u.json:1:26: error: invalid JSON: a comma after the last member of an object\n"), "\(r.stderr)")
        #expect(!s.exists("u.yaml"))
    }

    @Test func registryRecordIsReadStrictly() throws {
        let s = try scratch()
        try s.write("p.yaml", "a: 1\n")
        try s.write("r.json", "{\"protocolSection\": {\"identificationModule\": {\"nctId\": 'NCT1'}}}\n")
        let r = try check(s, ["p.yaml", "--registry-record", "r.json", "--format", "json", "--detail", "full", "--output", "out"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("r.json:1:56: error: invalid JSON: strings must be in double quotes, not single quotes\n"), "\(r.stderr)")
        #expect(s.list("out").isEmpty)
    }

    @Test func fixtureProtocolFilesInJSONAreReadStrictly() throws {
        let s = try scratch()
        try s.write("rules/fixtures.yaml", "tests:\n  - name: good\n    protocol_file: good.json\n    expect: {NEED-A: pass}\n")
        try s.write("rules/good.json", Self.goodJSON)
        let good = try CLI.run(["rules", "test", "--rules", "rules"], in: s.url)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout == "1 passed, 0 failed\n")
        try s.write("rules/good.json", Self.trailingComma)
        let bad = try CLI.run(["rules", "test", "--rules", "rules"], in: s.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("good.json:3:17: error: invalid JSON: a comma after the last member of an object\n"), "\(bad.stderr)")
    }
}
