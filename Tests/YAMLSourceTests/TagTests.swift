import Testing
@testable import YAMLSource

/// Explicit standard tags are honoured; a tag that does not fit its value is an error.
@Suite struct TagTests {
    @Test func strTagKeepsTheText() throws {
        let root = try TestYAML.root("a: !!str 12\nb: !!str true\nc: !!str null\nd: !!str\ne: !!str 0x1F\n")
        #expect(root["a"]?.string == "12")
        #expect(root["b"]?.string == "true")
        #expect(root["c"]?.string == "null")
        #expect(root["d"]?.string == "")
        #expect(root["e"]?.string == "0x1F")
        #expect(root["a"]?.isTagged == true)
    }

    @Test func intTag() throws {
        let root = try TestYAML.root("a: !!int 12\nb: !!int \"-3\"\nc: !!int 0x1F\nd: !!int '0o17'\n")
        #expect(root["a"]?.int == 12)
        #expect(root["b"]?.int == -3)
        #expect(root["c"]?.int == 31)
        #expect(root["d"]?.int == 15)
    }

    @Test func floatTag() throws {
        let root = try TestYAML.root("a: !!float 1\nb: !!float \"2.5\"\nc: !!float .inf\nd: !!float -.inf\ne: !!float .nan\n")
        #expect(root["a"]?.kind == .float)
        #expect(root["a"]?.float == 1)
        #expect(root["b"]?.float == 2.5)
        #expect(root["c"]?.float == .infinity)
        #expect(root["d"]?.float == -.infinity)
        #expect(root["e"]?.float?.isNaN == true)
    }

    @Test func boolAndNullTags() throws {
        let root = try TestYAML.root("a: !!bool true\nb: !!bool \"False\"\nc: !!null null\nd: !!null\ne: !!null '~'\n")
        #expect(root["a"]?.bool == true)
        #expect(root["b"]?.bool == false)
        #expect(root["c"]?.isNull == true)
        #expect(root["d"]?.isNull == true)
        #expect(root["e"]?.isNull == true)
    }

    @Test func collectionTags() throws {
        let root = try TestYAML.root("a: !!seq [1, 2]\nb: !!map {c: 3}\nd: !!seq\n- 4\ne: !!map\n  f: 5\n")
        #expect(root.json(indent: 0) == #"{"a":[1,2],"b":{"c":3},"d":[4],"e":{"f":5}}"#)
    }

    @Test func verbatimStandardTags() throws {
        let root = try TestYAML.root("a: !<tag:yaml.org,2002:int> 7\nb: !<tag:yaml.org,2002:str> 7\n")
        #expect(root["a"]?.int == 7)
        #expect(root["b"]?.string == "7")
    }

    @Test func tagDirectivesAreApplied() throws {
        let root = try TestYAML.root("%TAG !y! tag:yaml.org,2002:\n---\na: !y!int 7\nb: !y!str 7\n")
        #expect(root["a"]?.int == 7)
        #expect(root["b"]?.string == "7")
    }

    /// Unknown and local tags on scalars give the text as a string (a decision of the loader).
    @Test func unknownAndLocalTagsLoadAsStrings() throws {
        let root = try TestYAML.root("a: !foo bar\nb: !foo 12\nc: ! 12\nd: !!timestamp 2026-11-25\ne: !!binary aGk=\nf: !<tag:example.com,2000:x> true\n")
        #expect(root["a"]?.string == "bar")
        #expect(root["b"]?.string == "12")
        #expect(root["c"]?.string == "12")
        #expect(root["d"]?.string == "2026-11-25")
        #expect(root["e"]?.string == "aGk=")
        #expect(root["f"]?.string == "true")
    }

    @Test func unknownTagsOnCollectionsKeepTheCollection() throws {
        #expect(try TestYAML.json("a: !foo [1]\nb: !!set {x: null}\nc: !!omap [{y: 1}]\n") ==
                #"{"a":[1],"b":{"x":null},"c":[{"y":1}]}"#)
    }

    @Test(arguments: [
        ("v: !!int abc\n", 1, 4, #"tag !!int does not fit the value "abc""#),
        ("v: !!int 1.5\n", 1, 4, #"tag !!int does not fit the value "1.5""#),
        ("v: !!int true\n", 1, 4, #"tag !!int does not fit the value "true""#),
        ("v: !!float abc\n", 1, 4, #"tag !!float does not fit the value "abc""#),
        ("v: !!bool yes\n", 1, 4, #"tag !!bool does not fit the value "yes""#),
        ("v: !!bool 1\n", 1, 4, #"tag !!bool does not fit the value "1""#),
        ("v: !!null 0\n", 1, 4, #"tag !!null does not fit the value "0""#),
        ("v: !!seq abc\n", 1, 4, #"tag !!seq does not fit the value "abc""#),
        ("v: !!map abc\n", 1, 4, #"tag !!map does not fit the value "abc""#),
        ("v: !!map [1]\n", 1, 4, #"tag !!map does not fit the value "a sequence""#),
        ("v: !!seq {a: 1}\n", 1, 4, #"tag !!seq does not fit the value "a mapping""#),
        ("v: !!str [1]\n", 1, 4, #"tag !!str does not fit the value "a sequence""#),
        ("v: !!int {a: 1}\n", 1, 4, #"tag !!int does not fit the value "a mapping""#),
        ("a: 1\nv: !!map\n- 1\n", 2, 4, #"tag !!map does not fit the value "a sequence""#),
    ])
    func mismatchedTagsAreRejected(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let error = try #require(TestYAML.error(text))
        guard case .tagMismatch = error.reason else {
            Issue.record("expected a tag mismatch, got \(error.reason)")
            return
        }
        #expect(error.message == message)
        #expect(error.location.line == line)
        #expect(error.location.column == column)
        #expect(error.hint == "remove the tag or fix the value")
    }

    @Test func longValuesAreShortenedInTheMessage() throws {
        let long = String(repeating: "x", count: 100)
        let error = try #require(TestYAML.error("v: !!int \(long)\n"))
        #expect(error.message == "tag !!int does not fit the value \"" + String(repeating: "x", count: 60) + "…\"")
    }

    @Test func taggedNumbersOutOfRange() throws {
        #expect(TestYAML.error("v: !!int 99999999999999999999\n")?.reason == .numberOutOfRange("99999999999999999999"))
        #expect(TestYAML.error("v: !!float 1e999\n")?.reason == .numberOutOfRange("1e999"))
    }
}
