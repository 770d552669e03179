import Testing
@testable import YAMLSource

/// Anchors and aliases: shared nodes, errors for undefined and recursive aliases, bounded expansion.
@Suite struct AnchorAliasTests {
    @Test func aliasesRepeatTheAnchoredNode() throws {
        let root = try TestYAML.root("a: &x 1\nb: *x\nc: &list [1, {d: e}]\nd: *list\n")
        #expect(root.json(indent: 0) == #"{"a":1,"b":1,"c":[1,{"d":"e"}],"d":[1,{"d":"e"}]}"#)
        // Shared, not copied: both point at one stored node.
        #expect(root["c"]?.index == root["d"]?.index)
    }

    @Test func aliasesAsKeys() throws {
        #expect(try TestYAML.json("- &k key\n- {*k : v}\n") == #"["key",{"key":"v"}]"#)
    }

    @Test func laterAnchorOfTheSameNameWins() throws {
        #expect(try TestYAML.json("a: &x 1\nb: &x 2\nc: *x\n") == #"{"a":1,"b":2,"c":2}"#)
    }

    @Test func undefinedAlias() throws {
        let error = try #require(TestYAML.error("a: 1\nb: *nope\n"))
        #expect(error.reason == .undefinedAlias("nope"))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 4))
        #expect(error.message == "alias *nope refers to an anchor &nope that is not defined before it")
    }

    @Test func aliasBeforeItsAnchorIsUndefined() throws {
        #expect(TestYAML.error("a: *x\nb: &x 1\n")?.reason == .undefinedAlias("x"))
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        let error = try #require(TestYAML.error("--- &a 1\n--- *a\n"))
        #expect(error.reason == .undefinedAlias("a"))
        #expect(error.location.line == 2)
        #expect(error.location.column == 5)
    }

    @Test(arguments: [
        ("&a [*a]\n", 1, 5),
        ("&a {x: *a}\n", 1, 8),
        ("a: &a\n  b:\n    - *a\n", 3, 7),
        ("&a [1, [2, *a]]\n", 1, 12),
    ])
    func recursiveAliases(_ yaml: String, _ line: Int, _ column: Int) throws {
        let error = try #require(TestYAML.error(yaml))
        #expect(error.reason == .recursiveAlias("a"))
        #expect(error.location.line == line)
        #expect(error.location.column == column)
    }

    /// Ten levels of nine aliases: a billion nodes if expanded. It must fail at the alias that
    /// crosses the limit (1,000,000 nodes by default), without expanding anything.
    @Test func billionLaughsFailsAtTheAliasThatCrossesTheLimit() throws {
        let yaml = BillionLaughs.text
        let error = try #require(TestYAML.error(yaml))
        #expect(error.reason == .aliasExpansionTooLarge(limit: 1_000_000))
        // a..f expand to 672,588 extra nodes; the first *f on line g adds 597,871 more.
        #expect(error.location.line == 7)
        #expect(error.location.column == 8)
        #expect(error.message == "aliases expand to more than 1000000 nodes (an alias bomb?)")
    }

    @Test func billionLaughsFromAFileFailsToo() throws {
        let path = try TemporaryFile.write(Array(BillionLaughs.text.utf8), name: "lol.yaml")
        defer { TemporaryFile.remove(path) }
        do {
            _ = try YAMLLoader().loadStream(path: path, displayName: "lol.yaml")
            Issue.record("the alias bomb loaded")
        } catch {
            #expect(error.reason == .aliasExpansionTooLarge(limit: 1_000_000))
            #expect(error.location.file == "lol.yaml")
        }
    }

    @Test func expansionLimitIsConfigurable() throws {
        let limits = YAMLLimits(maxAliasExpansion: 5)
        let yaml = "a: &a [1, 2]\nb: *a\nc: *a\n"  // each alias adds 3 nodes
        let error = try #require(TestYAML.error(yaml, limits: limits))
        #expect(error.reason == .aliasExpansionTooLarge(limit: 5))
        #expect(error.location.line == 3)
        #expect(error.location.column == 4)
        #expect(TestYAML.error("a: &a [1, 2]\nb: *a\n", limits: limits) == nil)
    }

    @Test func manyScalarAliasesBelowTheLimitLoad() throws {
        let yaml = "a: &a x\nb: [" + Array(repeating: "*a", count: 10_000).joined(separator: ", ") + "]\n"
        let root = try TestYAML.root(yaml)
        #expect(root["b"]?.count == 10_000)
    }
}

/// The classic "billion laughs" alias bomb.
enum BillionLaughs {
    static let text: String = {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
        for k in 1..<names.count {
            let previous = "*" + names[k - 1]
            lines.append("\(names[k]): &\(names[k]) [" + Array(repeating: previous, count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()
}
