import Testing
@testable import YAMLSource

/// The JSON loader honours the YAML loader's limits with the same errors, reads bytes the way it
/// does (UTF-8, a byte order mark skipped, NUL and invalid UTF-8 located), and is chosen by name.
@Suite struct JSONLimitTests {
    static func jsonError(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
        do {
            _ = try JSONLoader(limits: limits).loadDocument(bytes: bytes, file: "t.json")
            return nil
        } catch {
            return error
        }
    }

    static func yamlError(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
        do {
            _ = try YAMLLoader(limits: limits).loadDocument(bytes: bytes, file: "t.json")
            return nil
        } catch {
            return error
        }
    }

    // MARK: File size

    @Test func fileSizeLimitOnBytes() throws {
        let limits = YAMLLimits(maxFileSize: 10)
        #expect(Self.jsonError(Array(#"{"a":1234}"#.utf8), limits: limits) == nil)  // exactly 10 bytes
        let error = try #require(Self.jsonError(Array(#"{"a":12345}"#.utf8), limits: limits))
        #expect(error == Self.yamlError(Array(#"{"a":12345}"#.utf8), limits: limits))
        #expect(error.description == """
            t.json:1:1: error: file is 11 bytes, larger than the limit of 10 bytes
              hint: split the file, or check that this is the right file
            """)
    }

    @Test func fileSizeLimitOnAFileIsCheckedBeforeReading() throws {
        let path = try TemporaryFile.write(Array("{\"a\": 12345}\n".utf8), name: "big.json")
        defer { TemporaryFile.remove(path) }
        let error = try #require(throws: YAMLError.self) {
            try JSONLoader(limits: YAMLLimits(maxFileSize: 10)).loadDocument(path: path, displayName: "big.json")
        }
        #expect(error.description.hasPrefix("big.json:1:1: error: file is 13 bytes, larger than the limit of 10 bytes"))
        #expect(try JSONLoader(limits: YAMLLimits(maxFileSize: 13)).loadDocument(path: path).root["a"]?.int == 12_345)
    }

    @Test func theDefaultLimitRejectsSeventeenMebibytes() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: 17 << 20)
        let error = try #require(Self.jsonError(bytes))
        #expect(error.reason == .fileTooLarge(size: 17 << 20, limit: 16 << 20))
    }

    @Test func missingFileIsTheYAMLLoadersError() throws {
        let json = try #require(throws: YAMLError.self) { try JSONLoader().loadDocument(path: "/nonexistent/p.json") }
        let yaml = try #require(throws: YAMLError.self) { try YAMLLoader().loadDocument(path: "/nonexistent/p.json") }
        #expect(json == yaml)
        #expect(json.description.hasPrefix("/nonexistent/p.json:1:1: error: cannot read file: "))
    }

    // MARK: Nesting depth

    @Test(arguments: [257, 300, 10_000])
    func deepArraysFailAtTheFirstLevelOverTheLimit(_ depth: Int) throws {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(Self.jsonError(Array(text.utf8)))
        #expect(error.reason == .nestingTooDeep(limit: 256))
        #expect(error.location == SourceLocation(file: "t.json", line: 1, column: 257))
        #expect(error == Self.yamlError(Array(text.utf8)))
    }

    @Test func deepObjectsFailWhereTheYAMLLoaderFails() throws {
        let text = String(repeating: "{\"k\":\n", count: 300) + "1" + String(repeating: "}", count: 300)
        let error = try #require(Self.jsonError(Array(text.utf8)))
        #expect(error.description.hasPrefix("t.json:257:1: error: collections nest deeper than the limit of 256 levels\n"))
        #expect(error == Self.yamlError(Array(text.utf8)))
    }

    @Test func exactlyAtTheLimitLoads() throws {
        let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(Self.jsonError(Array(text.utf8)) == nil)
    }

    @Test func aSmallerLimit() throws {
        let limits = YAMLLimits(maxDepth: 2)
        #expect(Self.jsonError(Array(#"{"a": [1, {}]}"#.utf8), limits: limits) != nil)
        #expect(Self.jsonError(Array(#"{"a": [1, 2]}"#.utf8), limits: limits) == nil)
        let error = try #require(Self.jsonError(Array(#"{"a": [1, {}]}"#.utf8), limits: limits))
        #expect(error.description.hasPrefix("t.json:1:11: error: collections nest deeper than the limit of 2 levels"))
    }

    @Test func aMillionItems() throws {
        let text = "[" + (0..<1_000_000).map(String.init).joined(separator: ",") + "]"
        let root = try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "t.json").root
        #expect(root.count == 1_000_000)
        #expect(root.item(999_999)?.int == 999_999)
    }

    @Test func manyKeysAreCheckedForDuplicatesQuickly() throws {
        let keys = (0..<100_000).map { "\"key\($0)\": \($0)" }
        let root = try JSONLoader().loadDocument(bytes: Array(("{" + keys.joined(separator: ",") + "}").utf8), file: "t.json").root
        #expect(root.count == 100_000)
        let error = try #require(Self.jsonError(Array(("{" + keys.joined(separator: ",") + ", \"key5\": 0}").utf8)))
        guard case .duplicateKey(let key, let first) = error.reason else {
            Issue.record("expected a duplicate key, got \(error.reason)")
            return
        }
        #expect(key == "'key5'")
        #expect(first.column == 52)
    }

    // MARK: Bytes

    @Test(arguments: [
        Array(#"{"a": "caf"#.utf8) + [0xE9] + Array("\"}".utf8),
        Array(#"["é"#.utf8) + [0xC3, 0x28] + Array("\"]".utf8),
        Array(#"["x"#.utf8) + [0x80] + Array("\"]".utf8),
        Array(#"["x"#.utf8) + [0xC0, 0xAF] + Array("\"]".utf8),
        Array(#"["x"#.utf8) + [0xF5, 0x80, 0x80, 0x80] + Array("\"]".utf8),
        Array("{\"a\": \"x".utf8) + [0x00] + Array("\"}".utf8),
    ])
    func encodingErrorsAreTheYAMLLoaders(_ bytes: [UInt8]) throws {
        let json = try #require(Self.jsonError(bytes))
        #expect(json == Self.yamlError(bytes))
    }

    @Test func truncatedSequenceAtTheEnd() throws {
        let error = try #require(Self.jsonError(Array("[\"".utf8) + [0xE2, 0x82]))
        #expect(error.reason == .invalidUTF8(byte: 0xE2))
        #expect(error.location.column == 3)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}\n".utf8)
        let root = try JSONLoader().loadDocument(bytes: bytes, file: "t.json").root
        #expect(root.json(indent: 0) == #"{"a":1}"#)
        #expect(root.mark == Mark(line: 1, column: 1))
        #expect(root["a"]?.mark == Mark(line: 1, column: 7))
        let alone = try #require(Self.jsonError([0xEF, 0xBB, 0xBF]))
        #expect(alone.reason == .json(.empty))
    }

    @Test func nodesAreAsTheYAMLLoaderMakesThem() throws {
        let root = try JSONLoader().loadDocument(bytes: Array(#"{"s": "x", "i": -3, "f": 2.50, "b": true, "n": null, "l": [], "m": {}}"#.utf8), file: "t.json").root
        #expect(root.kind == .mapping && root.style == .none)
        #expect(root.pairs.map { $0.key.style } == Array(repeating: .doubleQuoted, count: 7))
        #expect(root["s"]?.style == .doubleQuoted)
        #expect(root["i"]?.int == -3 && root["i"]?.style == .plain && root["i"]?.text == "-3")
        #expect(root["f"]?.float == 2.5 && root["f"]?.text == "2.50")
        #expect(root["b"]?.bool == true && root["b"]?.text == "true")
        #expect(root["n"]?.isNull == true && root["n"]?.text == "null")
        #expect(root["l"]?.kind == .sequence && root["m"]?.kind == .mapping)
        #expect(root.pairs.allSatisfy { !$0.key.isTagged && !$0.value.isTagged })
        #expect(root.file == "t.json")
    }

    // MARK: Which loader

    @Test func theSyntaxIsChosenByTheFileName() {
        #expect(SourceSyntax(fileName: "p.json") == .json)
        #expect(SourceSyntax(fileName: "dir/P.JSON") == .json)
        #expect(SourceSyntax(fileName: "./a.Json") == .json)
        #expect(SourceSyntax(fileName: "p.yaml") == .yaml)
        #expect(SourceSyntax(fileName: "p.yml") == .yaml)
        #expect(SourceSyntax(fileName: "p.jsonl") == .yaml)
        #expect(SourceSyntax(fileName: "p.json.yaml") == .yaml)
        #expect(SourceSyntax(fileName: "json") == .yaml)
        #expect(SourceSyntax(fileName: "") == .yaml)
    }

    @Test func yamlLoaderDispatchesBySyntax() throws {
        let text = Array(#"{"id": "X",}"#.utf8)
        #expect(try YAMLLoader().loadDocument(bytes: text, file: "p.yaml", syntax: .yaml).root["id"]?.string == "X")
        let error = try #require(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes: text, file: "p.json", syntax: .json) }
        #expect(error.reason == .json(.trailingComma(inObject: true)))
        // The loader's limits go with it.
        let deep = Array(#"[[1]]"#.utf8)
        #expect(throws: YAMLError.self) { try YAMLLoader(limits: YAMLLimits(maxDepth: 1)).loadDocument(bytes: deep, file: "p.json", syntax: .json) }
    }
}
