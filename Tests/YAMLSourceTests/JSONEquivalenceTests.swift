import Foundation
import Testing
@testable import YAMLSource

/// Valid JSON loads through `JSONLoader` into the tree `YAMLLoader` makes of the same text (JSON is
/// YAML): the same nodes in the same storage order, kinds, styles, texts, values and positions, so
/// rules see identical values whichever loader read a file. Where the two differ on valid JSON, the
/// difference is pinned below with the reason.
@Suite struct JSONEquivalenceTests {
    /// Every difference between two trees, as `path: what` lines (empty when they are the same).
    static func differences(_ json: YAMLNode, _ yaml: YAMLNode, path: String = "$") -> [String] {
        var out: [String] = []
        if json.kind != yaml.kind { return ["\(path): kind \(json.kind) vs \(yaml.kind)"] }
        if json.style != yaml.style { out.append("\(path): style \(json.style) vs \(yaml.style)") }
        if json.isTagged != yaml.isTagged { out.append("\(path): tagged \(json.isTagged) vs \(yaml.isTagged)") }
        if json.mark != yaml.mark {
            out.append("\(path): at \(json.mark.line):\(json.mark.column) vs \(yaml.mark.line):\(yaml.mark.column)")
        }
        if json.file != yaml.file { out.append("\(path): file \(json.file) vs \(yaml.file)") }
        switch json.kind {
        case .null:
            break
        case .bool:
            if json.bool != yaml.bool { out.append("\(path): \(json.bool!) vs \(yaml.bool!)") }
        case .int:
            if json.int != yaml.int { out.append("\(path): \(json.int!) vs \(yaml.int!)") }
        case .float:
            if json.float?.bitPattern != yaml.float?.bitPattern { out.append("\(path): \(json.float!) vs \(yaml.float!)") }
        case .string, .sequence, .mapping:
            break
        }
        if json.text != yaml.text { out.append("\(path): text \(String(reflecting: json.text)) vs \(String(reflecting: yaml.text))") }
        if json.count != yaml.count { return out + ["\(path): \(json.count) vs \(yaml.count) children"] }
        if json.kind == .sequence {
            for (k, (a, b)) in zip(json.items, yaml.items).enumerated() {
                out += differences(a, b, path: "\(path)[\(k)]")
            }
        } else if json.kind == .mapping {
            for (k, (a, b)) in zip(json.pairs, yaml.pairs).enumerated() {
                out += differences(a.key, b.key, path: "\(path).key#\(k)")
                out += differences(a.value, b.value, path: "\(path).\(a.key.text ?? "?")")
            }
        }
        return out
    }

    /// Loads `bytes` both ways and compares the trees; returns the number of nodes compared.
    @discardableResult
    static func expectSame(_ bytes: [UInt8], file: String = "e.json", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Int {
        let yaml = try YAMLLoader().loadDocument(bytes: bytes, file: file)
        let json = try JSONLoader().loadDocument(bytes: bytes, file: file)
        let found = differences(json.root, yaml.root)
        #expect(found.isEmpty, Comment(rawValue: "JSON vs YAML:\n" + found.prefix(20).joined(separator: "\n")), sourceLocation: sourceLocation)
        // The same nodes, stored in the same order: aliases aside, YAML has nothing JSON does not.
        #expect(json.storedNodeCount == yaml.storedNodeCount, sourceLocation: sourceLocation)
        #expect(json.root.json() == yaml.root.json(), sourceLocation: sourceLocation)
        return json.storedNodeCount
    }

    static let documents: [String] = [
        #"{"id": "X", "n": 1, "ok": true, "no": false, "none": null}"#,
        #"{"id":"X","n":1,"list":[1,2,3],"o":{"a":{"b":[]}}}"#,
        "{}", "[]", "[[]]", "[{}]", #"{"a": {}, "b": []}"#,
        #""just a string""#, "42", "-7", "3.25", "true", "false", "null",
        "  \n  {\"padded\" : [ 1 ,\t2 , 3 ] } \n\n",
        // Numbers of every JSON shape, and the edges of 64-bit integers.
        "[0, -0, 1, -1, 10, 123456789, 1.5, -1.5, 0.1, 1e5, 1E5, 1e+5, 1e-5, -1.5e-3, 2.5E+10, 0.0, -0.0, 1.0]",
        "[9223372036854775807, -9223372036854775808, 1e308, 2.2250738585072014e-308, 5e-324, 1e-400]",
        // Escapes JSON has, and text YAML would otherwise read as something else.
        #"["\"q\"", "back\\slash", "sl\/ash", "\b\f\n\r\t", "\u00e9\u00E9", "\u0041\u20AC", "a\u0000b", "\u2028\u2029\u0085"]"#,
        ##"["yes", "no", "on", "NO", "~", "", "null", "true", "1", "0x1F", "0o7", ".inf", "1_000", "2026-01-31", "a: b", "- x", "#c", "&a", "*a", "!t", "@", "`", "%"]"##,
        // Non-ASCII text: columns count characters, not bytes.
        #"{"é": "ü", "名前": "値", "emoji 😀": "😀😀", "after": [1, "x"]}"#,
        "{\n  \"名前\": \"値\",\n  \"ключ\": [\"значение\", 2],\n  \"😀\": {\"😀\": \"😀\"}\n}\n",
        // Line breaks: LF, CR LF, CR.
        "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    2\r\n  ]\r\n}\r\n",
        "{\r  \"a\": 1,\r  \"b\": \"x\"\r}\r",
        // Pretty-printed the way USDM and CT.gov files are.
        """
        {
          "study": {
            "id": "S-1",
            "versions": [
              {
                "id": "V-1",
                "titles": [{"text": "A study of cord blood", "type": {"code": "C1", "decode": "Official"}}],
                "amendments": [],
                "dose": 3.0e7,
                "arms": [{"name": "low", "visits": 4}, {"name": "high", "visits": 6, "fasting": false}]
              }
            ]
          },
          "usdmVersion": "4.0",
          "systemName": null
        }
        """,
        // Keys that recur in different objects are not duplicates; 13+ keys go through the sorting check.
        "{" + (0..<40).map { "\"k\($0)\": {\"k\($0)\": \($0)}" }.joined(separator: ", ") + "}",
        // Long lines and long strings.
        "[\"" + String(repeating: "long text ", count: 5_000) + "\", 1]",
        "[" + (0..<2_000).map(String.init).joined(separator: ",") + "]",
    ]

    @Test(arguments: documents)
    func sameTreeAsTheYAMLLoader(_ text: String) throws {
        try Self.expectSame(Array(text.utf8))
    }

    @Test func sameTreeWithAByteOrderMark() throws {
        try Self.expectSame([0xEF, 0xBB, 0xBF] + Array("{\"é\": [1, \"x\"],\n \"b\": true}\n".utf8))
    }

    @Test func sameTreeAtTheDepthLimit() throws {
        let depth = YAMLLimits().maxDepth
        let text = String(repeating: "[", count: depth - 1) + "{\"a\": 1}" + String(repeating: "]", count: depth - 1)
        try Self.expectSame(Array(text.utf8))
    }

    /// The shipped USDM and CT.gov examples (1–1.6 MB each): every node the same.
    @Test(arguments: ["usdm/CDISC_Pilot_Study.json", "usdm/EliLilly_NCT03421379_Diabetes.json", "ctgov/NCT02513394.json"])
    func sameTreeForTheShippedExamples(_ name: String) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/" + name).path
        let bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, "missing fixture \(path)")
        let nodes = try Self.expectSame(bytes, file: name)
        #expect(nodes > 10_000)
    }

    /// The YAML test suite's `in.json` files (what each case's YAML means, written by other JSON
    /// tools): a single value loads, as Foundation reads it and, node for node, as the YAML loader
    /// reads the same text; several values one after another are refused at the second, an empty
    /// file as empty.
    @Test func theYAMLTestSuitesJSONFiles() throws {
        let directory = YAMLTestSuiteTests.suiteDirectory
        let ids = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var single = 0, several = 0
        for id in ids {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(id).appendingPathComponent("in.json").path) else {
                continue
            }
            let bytes = [UInt8](data)
            let text = String(decoding: bytes, as: UTF8.self)
            let values = try JSONValue.parseSequence(text)
            let result = Result { () throws(YAMLError) in try JSONLoader().loadDocument(bytes: bytes, file: "\(id)/in.json") }
            if values.count == 1 {
                single += 1
                let document = try result.get()
                #expect(JSONValue(document.root) == values[0], "\(id)")
                if let yaml = try? YAMLLoader().loadDocument(bytes: bytes, file: "\(id)/in.json") {
                    let found = Self.differences(document.root, yaml.root)
                    #expect(found.isEmpty, Comment(rawValue: "\(id): " + found.prefix(5).joined(separator: "; ")))
                }
            } else if values.isEmpty {
                // An empty stream: no JSON value at all.
                guard case .failure(let error) = result, error.reason == .json(.empty) else {
                    Issue.record("\(id): empty, expected no JSON value; got \(result)")
                    continue
                }
            } else {
                several += 1
                guard case .failure(let error) = result, case .json(.trailingContent) = error.reason else {
                    Issue.record("\(id): \(values.count) values, expected text after the end of the JSON value; got \(result)")
                    continue
                }
            }
        }
        #expect(single > 150 && several > 5, "single \(single), several \(several)")
    }

    /// Duplicate keys: the same error, naming the same two positions, as the YAML loader's.
    @Test(arguments: [
        #"{"a": 1, "a": 2}"#,
        #"{"a": 1, "b": 2, "b": 3, "a": 4}"#,
        "{\n  \"x\": {\"é\": 1,\n         \"é\": 2}\n}",
        "{" + (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k15\": 0, \"k3\": 0}",
        "[{\"id\": 1}, {\"id\": 2, \"name\": \"n\", \"id\": 3}]",
    ])
    func duplicateKeysAreTheYAMLLoadersError(_ text: String) throws {
        let yaml = try #require(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "d.json") }
        let json = try #require(throws: YAMLError.self) { try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "d.json") }
        #expect(json == yaml)
        #expect(json.description == yaml.description)
        guard case .duplicateKey = json.reason else {
            Issue.record("expected a duplicate key, got \(json.reason)")
            return
        }
    }

    /// Keys equal only once unescaped are duplicates too (JSON compares the strings, not their spelling).
    @Test func escapedKeysAreComparedUnescaped() throws {
        let error = try #require(throws: YAMLError.self) {
            try JSONLoader().loadDocument(bytes: Array(#"{"é": 1, "\u00e9": 2}"#.utf8), file: "d.json")
        }
        #expect(error.description.hasPrefix("d.json:1:10: error: duplicate key 'é' (first defined at 1:2)"))
    }

    // MARK: Valid JSON the YAML loader reads differently (reasons pinned)

    /// libyaml refuses `\u` escapes of surrogates, so it cannot read a character beyond U+FFFF
    /// written as a pair; JSON combines the pair.
    @Test func surrogatePairsAreOneCharacter() throws {
        let text = #"{"smile": "\uD83D\uDE00 \ud83d\ude00"}"#
        #expect(try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "p.json").root["smile"]?.string == "😀 😀")
        #expect(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "p.yaml") }
    }

    /// An integer beyond 64 bits is a float in JSON (RFC 8259 leaves the range to the reader); the
    /// YAML core schema has no such rule, so the YAML loader refuses it.
    @Test func integersBeyondSixtyFourBitsAreFloats() throws {
        let text = "[9223372036854775808, -9223372036854775809, 99999999999999999999999]"
        let root = try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "p.json").root
        #expect(root.items.map(\.kind) == [.float, .float, .float])
        #expect(root.item(0)?.float == 9_223_372_036_854_775_808.0)
        #expect(root.item(1)?.float == -9_223_372_036_854_775_809.0)
        #expect(root.item(2)?.float == 1e23)
        #expect(root.item(2)?.text == "99999999999999999999999")
        #expect(TestYAML.failure(text)?.reason == .numberOutOfRange("9223372036854775808"))
    }

    /// Raw NEL, LS and PS in a string: JSON keeps them; libyaml treats them as line breaks and folds
    /// NEL into a space. Positions after them agree (both count a new line).
    @Test func rawLineSeparatorsInStringsAreKept() throws {
        let text = "[\"a\u{85}b\", \"c\u{2028}d\",\n \"e\"]"
        let root = try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "p.json").root
        #expect(root.item(0)?.string == "a\u{85}b")
        #expect(root.item(1)?.string == "c\u{2028}d")
        let yaml = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "p.yaml").root
        #expect(yaml.item(0)?.string == "a b")
        #expect(root.item(2)?.mark == yaml.item(2)?.mark)
        #expect(root.item(2)?.mark == Mark(line: 4, column: 2))
    }

    /// libyaml (like the YAML spec) limits a key on one line to 1024 characters; JSON has no such limit.
    @Test func longKeysLoad() throws {
        let key = String(repeating: "k", count: 2_000)
        let text = "{\"\(key)\": 1}"
        #expect(try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "p.json").root[key]?.int == 1)
        #expect(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "p.yaml") }
    }

    /// A tab is JSON white space anywhere. Inside a collection YAML reads it the same; before the
    /// top-level value, at the start of a line, YAML refuses it as indentation.
    @Test func tabsAtTheStartOfALine() throws {
        let inside = "{\n\t\"a\": [\n\t\t1\n\t]\n}\n"
        try Self.expectSame(Array(inside.utf8))
        #expect(try JSONLoader().loadDocument(bytes: Array(inside.utf8), file: "p.json").root["a"]?.item(0)?.mark == Mark(line: 3, column: 3))
        let before = "\n\t{\"a\": 1}\n"
        #expect(try JSONLoader().loadDocument(bytes: Array(before.utf8), file: "p.json").root.mark == Mark(line: 2, column: 2))
        #expect(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes: Array(before.utf8), file: "p.yaml") }
    }

    /// C1 control characters and U+FFFE/U+FFFF may stand raw in a JSON string; YAML does not allow them in its text.
    @Test func rawCharactersYAMLDoesNotAllow() throws {
        let text = "[\"\u{80}\u{9F}\u{7F}\u{FFFE}\u{FFFF}\"]"
        #expect(try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "p.json").root.item(0)?.string == "\u{80}\u{9F}\u{7F}\u{FFFE}\u{FFFF}")
        #expect(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "p.yaml") }
    }
}
