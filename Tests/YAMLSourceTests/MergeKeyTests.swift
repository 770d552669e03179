import Testing
@testable import YAMLSource

/// Merge keys (`<<`): one mapping or a list of mappings; explicit keys win, earlier sources win.
@Suite struct MergeKeyTests {
    @Test func singleMapping() throws {
        let yaml = """
            base: &base {a: 1, b: 2}
            x:
              <<: *base
              c: 3
            """
        let root = try TestYAML.root(yaml)
        #expect(root["x"]?.json(indent: 0) == #"{"a":1,"b":2,"c":3}"#)
        #expect(root["x"]?.count == 3)
    }

    @Test func inlineMapping() throws {
        #expect(try TestYAML.json("x: {<<: {a: 1}, b: 2}\n") == #"{"x":{"a":1,"b":2}}"#)
    }

    @Test func listOfMappings() throws {
        let yaml = """
            one: &one {a: 1}
            two: &two {b: 2}
            x:
              <<: [*one, *two]
              c: 3
            """
        #expect(try TestYAML.root(yaml)["x"]?.json(indent: 0) == #"{"a":1,"b":2,"c":3}"#)
    }

    @Test func explicitKeysWinWhereverTheyStand() throws {
        let yaml = """
            base: &base {a: 1, b: 2}
            before:
              a: 9
              <<: *base
            after:
              <<: *base
              a: 9
            """
        let root = try TestYAML.root(yaml)
        #expect(root["before"]?.json(indent: 0) == #"{"a":9,"b":2}"#)
        #expect(root["after"]?.json(indent: 0) == #"{"b":2,"a":9}"#)
    }

    @Test func earlierMergeSourceWins() throws {
        let yaml = """
            one: &one {a: 1, b: 1}
            two: &two {a: 2, c: 2}
            x:
              <<: [*one, *two]
            """
        #expect(try TestYAML.root(yaml)["x"]?.json(indent: 0) == #"{"a":1,"b":1,"c":2}"#)
    }

    /// The YAML merge-key example: explicit keys override, then sources in order.
    @Test func specificationExample() throws {
        let yaml = """
            - &CENTER { x: 1, y: 2 }
            - &LEFT { x: 0, y: 2 }
            - &BIG { r: 10 }
            - &SMALL { r: 1 }
            - << : [ *CENTER, *BIG ]
              label: center/big
            - << : [ *BIG, *LEFT, *SMALL ]
              x: 1
              label: center/big
            """
        let root = try TestYAML.root(yaml)
        let expected = #"{"x":1,"y":2,"r":10,"label":"center/big"}"#
        #expect(root.item(4)?.json(indent: 0) == expected)
        #expect(try JSONValue(#require(root.item(5))) == JSONValue(#require(root.item(4))))
    }

    @Test func mergedKeysCompareByValueOrText() throws {
        // "1" (a string) and 1 (an int) are the same key (SPEC 3.5): the explicit one wins.
        let root = try TestYAML.root("base: &b {1: merged, x: y}\nm:\n  \"1\": explicit\n  <<: *b\n")
        #expect(root["m"]?.json(indent: 0) == #"{"1":"explicit","x":"y"}"#)
    }

    @Test func quotedLessThanLessThanIsAnOrdinaryKey() throws {
        #expect(try TestYAML.json("\"<<\": {a: 1}\n") == #"{"<<":{"a":1}}"#)
        #expect(try TestYAML.json("'<<': 1\n") == #"{"<<":1}"#)
    }

    @Test func mergeOfAMergedMapping() throws {
        let yaml = """
            a: &a {x: 1}
            b: &b {<<: *a, y: 2}
            c: {<<: *b, z: 3}
            """
        #expect(try TestYAML.root(yaml)["c"]?.json(indent: 0) == #"{"x":1,"y":2,"z":3}"#)
    }

    @Test func explicitDuplicatesAreStillErrors() throws {
        let failure = try #require(TestYAML.failure("base: &b {a: 1}\nm:\n  <<: *b\n  c: 1\n  c: 2\n"))
        #expect(failure.reason == .duplicateKey(key: "'c'", first: SourceLocation(file: "t.yaml", line: 4, column: 3)))
        #expect(failure.line == 5)
        #expect(failure.column == 3)
    }

    @Test(arguments: [
        ("m:\n  <<: 1\n", 2, 3),
        ("m:\n  <<: text\n", 2, 3),
        ("m:\n  <<: ~\n", 2, 3),
        ("m: {<<: [1, 2]}\n", 1, 10),
        ("a: &a {x: 1}\nm:\n  <<: [*a, [1]]\n", 3, 12),
        ("a: &a {x: 1}\nb: &b [1]\nm:\n  <<: [*a, *b]\n", 4, 3),
        ("a: &a [1, 2]\nm:\n  <<: *a\n", 3, 3),
    ])
    func invalidMergeValues(_ yaml: String, _ line: Int, _ column: Int) throws {
        let error = try #require(TestYAML.error(yaml))
        #expect(error.reason == .invalidMerge)
        #expect(error.location.line == line)
        #expect(error.location.column == column)
        #expect(error.message == "the value of a merge key (<<) must be a mapping or a list of mappings")
    }
}
