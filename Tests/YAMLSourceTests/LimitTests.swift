import Testing
@testable import YAMLSource

/// Limits on file size and nesting depth (alias expansion: see AnchorAliasTests).
@Suite struct LimitTests {
    @Test func defaultsAreTheSpecs() {
        let limits = YAMLLimits()
        #expect(limits.maxFileSize == 16 * 1024 * 1024)
        #expect(limits.maxDepth == 256)
        #expect(limits.maxAliasExpansion == 1_000_000)
    }

    @Test func fileSizeLimitOnBytes() throws {
        let limits = YAMLLimits(maxFileSize: 10)
        #expect(TestYAML.error("a: 1234567", limits: limits) == nil)  // exactly 10 bytes
        let error = try #require(TestYAML.error("a: 12345678", limits: limits))
        #expect(error.reason == .fileTooLarge(size: 11, limit: 10))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(error.message == "file is 11 bytes, larger than the limit of 10 bytes")
    }

    @Test func fileSizeLimitOnAFileIsCheckedBeforeReading() throws {
        let path = try TemporaryFile.write(Array("a: 12345678\n".utf8), name: "big.yaml")
        defer { TemporaryFile.remove(path) }
        let loader = YAMLLoader(limits: YAMLLimits(maxFileSize: 10))
        do {
            _ = try loader.loadStream(path: path, displayName: "big.yaml")
            Issue.record("a file over the limit loaded")
        } catch {
            #expect(error.reason == .fileTooLarge(size: 12, limit: 10))
            #expect(error.description.hasPrefix("big.yaml:1:1: error: file is 12 bytes, larger than the limit of 10 bytes"))
        }
        #expect(try YAMLLoader(limits: YAMLLimits(maxFileSize: 12)).loadDocument(path: path).root["a"]?.int == 12_345_678)
    }

    @Test func theDefaultLimitRejectsSeventeenMebibytes() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 17 << 20)
        let error = try #require(TestYAML.error(bytes: bytes))
        #expect(error.reason == .fileTooLarge(size: 17 << 20, limit: 16 << 20))
    }

    @Test(arguments: [300, 10_000])
    func deepFlowNestingFailsAtTheFirstLevelOverTheLimit(_ depth: Int) throws {
        let yaml = String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let error = try #require(TestYAML.error(yaml))
        #expect(error.reason == .nestingTooDeep(limit: 256))
        #expect(error.location.line == 1)
        #expect(error.location.column == 257)
        #expect(error.message == "collections nest deeper than the limit of 256 levels")
    }

    @Test func deepBlockNesting() throws {
        let yaml = (0..<300).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
        let error = try #require(TestYAML.error(yaml))
        #expect(error.reason == .nestingTooDeep(limit: 256))
        #expect(error.location.line == 257)
        #expect(error.location.column == 257)
    }

    @Test func deepNestingWithAMapInside() throws {
        let yaml = String(repeating: "[", count: 5000) + "{a: 1}" + String(repeating: "]", count: 5000)
        #expect(TestYAML.error(yaml)?.reason == .nestingTooDeep(limit: 256))
    }

    @Test func exactlyAtTheLimitLoads() throws {
        let yaml = String(repeating: "[", count: 256) + "1" + String(repeating: "]", count: 256) + "\n"
        var node = try TestYAML.root(yaml)
        var levels = 0
        while node.kind == .sequence, let inner = node.item(0) {
            node = inner
            levels += 1
        }
        #expect(levels == 256)
        #expect(node.int == 1)
    }

    @Test func depthLimitIsConfigurable() throws {
        let limits = YAMLLimits(maxDepth: 2)
        #expect(TestYAML.error("a: [1]\n", limits: limits) == nil)
        let error = try #require(TestYAML.error("a: [{b: 1}]\n", limits: limits))
        #expect(error.reason == .nestingTooDeep(limit: 2))
        #expect(error.location.column == 5)
    }

    @Test func aliasesCountTowardsTheDepthLimit() throws {
        let limits = YAMLLimits(maxDepth: 4)
        #expect(TestYAML.error("a: &a [[[1]]]\nb: *a\n", limits: limits) == nil)  // 1 + 3 levels
        let error = try #require(TestYAML.error("a: &a [[[1]]]\nb: [*a]\n", limits: limits))
        #expect(error.reason == .nestingTooDeep(limit: 4))
        #expect(error.location.line == 2)
        #expect(error.location.column == 5)
    }

    /// Each line nests 250 levels around an alias to the previous line: within the limit as
    /// written, 20,000 levels deep once expanded (which overflowed the stack of `show`).
    @Test func aChainOfDeepAliasesIsTooDeep() throws {
        let error = try #require(TestYAML.error(DeepAliasChain.text))
        #expect(error.reason == .nestingTooDeep(limit: 256))
        #expect(error.location.line == 2)
        #expect(error.location.column == 259)
    }

    @Test func outOfRangeNumbersAreErrors() throws {
        let error = try #require(TestYAML.error("big: 99999999999999999999999\n"))
        #expect(error.reason == .numberOutOfRange("99999999999999999999999"))
        #expect(error.location.column == 6)
        #expect(error.hint == "quote the value to keep it as text")
        #expect(TestYAML.error("a: 9223372036854775808\n")?.reason == .numberOutOfRange("9223372036854775808"))
        #expect(TestYAML.error("a: -9223372036854775809\n")?.reason == .numberOutOfRange("-9223372036854775809"))
        #expect(TestYAML.error("a: 0x10000000000000000\n")?.reason == .numberOutOfRange("0x10000000000000000"))
        #expect(TestYAML.error("a: 1e999\n")?.reason == .numberOutOfRange("1e999"))
        #expect(TestYAML.error("a: \"99999999999999999999999\"\n") == nil)
    }
}

/// Keys and values of a megabyte: implicit keys are limited to 1024 characters, explicit ones are not.
@Suite struct LargeScalarTests {
    static let megabyte = String(repeating: "k", count: 1 << 20)

    @Test func oneMegabyteImplicitKeyGetsAHintAboutExplicitKeys() throws {
        let error = try #require(TestYAML.error(Self.megabyte + ": 1\n"))
        #expect(error.location.line == 1)
        #expect(error.location.column == (1 << 20) + 1)
        #expect(error.hint?.hasPrefix("a key on one line is limited to 1024 characters") == true)
        let flow = try #require(TestYAML.error("{\"" + Self.megabyte + "\": 1}\n"))
        #expect(flow.hint?.hasPrefix("a key on one line is limited to 1024 characters") == true)
    }

    @Test func shortLinesKeepTheGeneralHint() throws {
        #expect(TestYAML.error("a: b: c\n")?.hint == "check indentation, colons and quotes around this position")
    }

    @Test func oneMegabyteExplicitKeyAndValueLoad() throws {
        let root = try TestYAML.root("? " + Self.megabyte + "\n: " + Self.megabyte + "\n")
        #expect(root.count == 1)
        #expect(root.pairs[0].key.string?.utf8.count == 1 << 20)
        #expect(root[Self.megabyte]?.string?.utf8.count == 1 << 20)
    }

    @Test func aMillionItems() throws {
        let yaml = (0..<1_000_000).map { "- \($0)\n" }.joined()
        let root = try TestYAML.root(yaml)
        #expect(root.count == 1_000_000)
        #expect(root.item(999_999)?.int == 999_999)
    }
}

/// Aliases nested inside deep lists, each pointing at the previous one.
enum DeepAliasChain {
    static let text: String = {
        var lines = ["l0: &l0 " + String(repeating: "[", count: 250) + "1" + String(repeating: "]", count: 250)]
        for k in 1..<80 {
            lines.append("l\(k): &l\(k) " + String(repeating: "[", count: 250) + "*l\(k - 1)" + String(repeating: "]", count: 250))
        }
        return lines.joined(separator: "\n") + "\n"
    }()
}
