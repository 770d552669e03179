import Foundation
import Testing

/// End-to-end tests of `stemcheck show`, `--version` and `--help`: they run the built binary.
@Suite struct ShowCommandTests {
    @Test func showsAGoodFileAsJSON() throws {
        let yaml = """
            # A protocol, as stemcheck reads it.
            protocol:
              id: CP-001
              title: "Cord blood in cerebral palsy"
              phase: 1
              country: NO
              answer: yes
              blinded: false
              dose: 2.5e7
              started: 2026-01-31
              sites: [Oslo, 'Lund', "Umeå"]
              notes: ~
              quoted: "true"
            """
        let result = try Stemcheck.run(["show", "p.yaml"], files: ["p.yaml": yaml])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            {
              "protocol": {
                "id": "CP-001",
                "title": "Cord blood in cerebral palsy",
                "phase": 1,
                "country": "NO",
                "answer": "yes",
                "blinded": false,
                "dose": 25000000.0,
                "started": "2026-01-31",
                "sites": [
                  "Oslo",
                  "Lund",
                  "Umeå"
                ],
                "notes": null,
                "quoted": "true"
              }
            }

            """)
    }

    @Test func appliesAliasesAndMergeKeys() throws {
        let yaml = """
            defaults: &defaults {visits: 4, fasting: false}
            arms:
              - <<: *defaults
                name: low
              - <<: *defaults
                visits: 6
            """
        let result = try Stemcheck.run(["show", "m.yaml"], files: ["m.yaml": yaml])
        #expect(result.status == 0)
        #expect(result.stdout == """
            {
              "defaults": {
                "visits": 4,
                "fasting": false
              },
              "arms": [
                {
                  "visits": 4,
                  "fasting": false,
                  "name": "low"
                },
                {
                  "fasting": false,
                  "visits": 6
                }
              ]
            }

            """)
    }

    @Test func writesSpecialValuesAndNonStringKeys() throws {
        let yaml = "1: one\ntrue: yes\n~: nothing\nnan: .nan\ninf: .inf\nninf: -.inf\nempty: {}\nnone: []\n"
        let result = try Stemcheck.run(["show", "k.yaml"], files: ["k.yaml": yaml])
        #expect(result.status == 0)
        #expect(result.stdout == """
            {
              "1": "one",
              "true": "yes",
              "null": "nothing",
              "nan": null,
              "inf": 1e999,
              "ninf": -1e999,
              "empty": {},
              "none": []
            }

            """)
    }

    @Test func showsJSONInput() throws {
        let result = try Stemcheck.run(["show", "p.json"], files: ["p.json": #"{"a": [1, "x", null], "b": {"c": 0.5}}"#])
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"a\": [\n    1,\n    \"x\",\n    null\n  ],\n  \"b\": {\n    \"c\": 0.5\n  }\n}\n")
    }

    @Test func printsOneJSONValuePerDocument() throws {
        let yaml = "a: 1\n---\n- x\n--- 3\n--- \"text\"\n---\n"
        let result = try Stemcheck.run(["show", "s.yaml"], files: ["s.yaml": yaml])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "{\n  \"a\": 1\n}\n[\n  \"x\"\n]\n3\n\"text\"\nnull\n")
    }

    @Test(arguments: ["", "# only a comment\n# and another\n", "\n\n   \n"])
    func emptyStreamsPrintNothing(_ content: String) throws {
        let result = try Stemcheck.run(["show", "e.yaml"], files: ["e.yaml": content])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var prefix: String
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "syntax", bytes: Array("a: 1\n b: 2\n".utf8),
               prefix: "b.yaml:2:3: error: invalid YAML: mapping values are not allowed in this context\n b: 2\n  ^\n"),
        Broken(name: "duplicate key", bytes: Array("id: 1\nid: 2\n".utf8),
               prefix: "b.yaml:2:1: error: duplicate key 'id' (first defined at 1:1)\n"),
        Broken(name: "tag mismatch", bytes: Array("phase: !!int one\n".utf8),
               prefix: "b.yaml:1:8: error: tag !!int does not fit the value \"one\"\n"),
        Broken(name: "undefined alias", bytes: Array("a: *missing\n".utf8),
               prefix: "b.yaml:1:4: error: alias *missing refers to an anchor &missing that is not defined before it\n"),
        Broken(name: "invalid UTF-8", bytes: Array("a: caf".utf8) + [0xE9] + Array("\n".utf8),
               prefix: "b.yaml:1:7: error: invalid UTF-8: byte 0xE9 cannot appear here"),
        Broken(name: "NUL byte", bytes: [0x61, 0x3A, 0x20, 0x00, 0x01, 0x02],
               prefix: "b.yaml:1:4: error: NUL byte in input"),
        Broken(name: "alias bomb", bytes: Array(ShowCommandTests.billionLaughs.utf8),
               prefix: "b.yaml:7:8: error: aliases expand to more than 1000000 nodes (an alias bomb?)\n"),
        Broken(name: "10,000-deep nesting", bytes: Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8),
               prefix: "b.yaml:1:257: error: collections nest deeper than the limit of 256 levels\n"),
        Broken(name: "aliases nesting 20,000 deep", bytes: Array(ShowCommandTests.deepAliasChain.utf8),
               prefix: "b.yaml:2:259: error: collections nest deeper than the limit of 256 levels\n"),
        Broken(name: "number out of range", bytes: Array("99999999999999999999999\n".utf8),
               prefix: "b.yaml:1:1: error: number 99999999999999999999999 is out of range\n99999999999999999999999\n^\n"),
        Broken(name: "1 MB implicit key", bytes: Array((String(repeating: "k", count: 1 << 20) + ": 1\n").utf8),
               prefix: "b.yaml:1:1048577: error: invalid YAML: mapping values are not allowed in this context\n"),
    ]

    @Test(arguments: broken)
    func brokenFilesExitTwoWithALocatedError(_ broken: Broken) throws {
        let result = try Stemcheck.run(["show", "b.yaml"], files: ["b.yaml": broken.bytes])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(broken.prefix), "stderr: \(result.stderr.prefix(600))")
        #expect(result.stderr.hasSuffix("\n"))
        #expect(result.stderr.contains("  hint: "))
    }

    @Test func fileOverSixteenMebibytesIsRefused() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 17 << 20)
        let result = try Stemcheck.run(["show", "huge.yaml"], files: ["huge.yaml": bytes])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("huge.yaml:1:1: error: file is 17825792 bytes, larger than the limit of 16777216 bytes\n"))
    }

    @Test func aMillionItemListIsShown() throws {
        let yaml = (0..<1_000_000).map { "- \($0)\n" }.joined()
        let result = try Stemcheck.run(["show", "list.yaml"], files: ["list.yaml": yaml])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("[\n  0,\n  1,\n"))
        #expect(result.stdout.hasSuffix("  999999\n]\n"))
        let items = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any]
        #expect(items?.count == 1_000_000)
    }

    @Test func missingFileAndDirectoryExitTwo() throws {
        let missing = try Stemcheck.run(["show", "nope.yaml"], files: [:])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("nope.yaml:1:1: error: cannot read file: "))
        let directory = try Stemcheck.run(["show", "."], files: [:])
        #expect(directory.status == 2)
        #expect(directory.stderr == "./:1:1: error: cannot read file: it is a directory\n" ||
                directory.stderr == ".:1:1: error: cannot read file: it is a directory\n")
    }

    @Test func version() throws {
        let result = try Stemcheck.run(["--version"], files: [:])
        #expect(result.status == 0)
        #expect(result.stdout == "2.0.0\n")
    }

    @Test func help() throws {
        let result = try Stemcheck.run(["--help"], files: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: stemcheck <subcommand>"))
        #expect(result.stdout.contains("show"))
        #expect(result.stdout.contains("Print a YAML or JSON file as stemcheck reads it"))
    }

    @Test func showHelp() throws {
        let result = try Stemcheck.run(["show", "--help"], files: [:])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: stemcheck show <file>"))
        #expect(result.stdout.contains("yes"))
    }

    /// Lines of 250 nested lists around an alias to the previous line: 20,000 levels once expanded.
    static let deepAliasChain: String = {
        var lines = ["l0: &l0 " + String(repeating: "[", count: 250) + "1" + String(repeating: "]", count: 250)]
        for k in 1..<80 {
            lines.append("l\(k): &l\(k) " + String(repeating: "[", count: 250) + "*l\(k - 1)" + String(repeating: "]", count: 250))
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let billionLaughs: String = {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        for k in 1..<names.count {
            lines.append("\(names[k]): &\(names[k]) [" + Array(repeating: "*" + names[k - 1], count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()
}
