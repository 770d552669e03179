import Testing
@testable import YAMLSource

/// The full text users see: `FILE:LINE:COL: error: MESSAGE`, the source line, a caret under the
/// character column, and a hint.
@Suite struct ErrorDescriptionTests {
    func description(_ bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) throws -> String {
        try #require(TestYAML.error(bytes: bytes, limits: limits)).description
    }

    func description(_ text: String, limits: YAMLLimits = YAMLLimits()) throws -> String {
        try description(Array(text.utf8), limits: limits)
    }

    @Test func syntaxError() throws {
        #expect(try description("a: 1\n b: 2\n") == """
            t.yaml:2:3: error: invalid YAML: mapping values are not allowed in this context
             b: 2
              ^
              hint: check indentation, colons and quotes around this position
            """)
    }

    @Test func syntaxErrorWithContext() throws {
        #expect(try description("- a\nb: c\n") == """
            t.yaml:2:1: error: invalid YAML: did not find expected '-' indicator (while parsing a block collection at 1:1)
            b: c
            ^
              hint: check indentation, colons and quotes around this position
            """)
    }

    @Test func syntaxErrorAtTheEndOfTheInputHasNoCaretLine() throws {
        #expect(try description("細胞: [1, 2\n") == """
            t.yaml:2:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 1:5)
              hint: check indentation, colons and quotes around this position
            """)
    }

    @Test func duplicateKeyNamesBothPositions() throws {
        #expect(try description("name: a\nlist: [1]\nname: b\n") == """
            t.yaml:3:1: error: duplicate key 'name' (first defined at 1:1)
            name: b
            ^
              hint: remove or rename one of the two keys
            """)
    }

    /// "é" is two bytes: the caret must stand under the seventh character, not the eighth byte.
    @Test func caretCountsCharactersNotBytes() throws {
        #expect(try description("café: *nope\n") == """
            t.yaml:1:7: error: alias *nope refers to an anchor &nope that is not defined before it
            café: *nope
                  ^
              hint: define the anchor (&NAME) before the alias, or fix the name
            """)
    }

    @Test func caretAfterCJKAndEmoji() throws {
        #expect(try description("細胞 🧬: !!float many\n") == """
            t.yaml:1:7: error: tag !!float does not fit the value "many"
            細胞 🧬: !!float many
                  ^
              hint: remove the tag or fix the value
            """)
    }

    @Test func tabsAreShownAsOneSpace() throws {
        #expect(try description("a:\t*nope\n") == """
            t.yaml:1:4: error: alias *nope refers to an anchor &nope that is not defined before it
            a: *nope
               ^
              hint: define the anchor (&NAME) before the alias, or fix the name
            """)
    }

    @Test func tagMismatchOnACollection() throws {
        #expect(try description("doses: !!map [1, 2]\n") == """
            t.yaml:1:8: error: tag !!map does not fit the value "a sequence"
            doses: !!map [1, 2]
                   ^
              hint: remove the tag or fix the value
            """)
    }

    @Test func invalidUTF8ShowsAReplacementCharacter() throws {
        #expect(try description(Array("b: x".utf8) + [0xFF] + Array("y\n".utf8)) == """
            t.yaml:1:5: error: invalid UTF-8: byte 0xFF cannot appear here; the file must be UTF-8 text
            b: x\u{FFFD}y
                ^
              hint: save the file as UTF-8
            """)
    }

    @Test func nulByteShowsAReplacementCharacter() throws {
        #expect(try description(Array("ké: a".utf8) + [0] + Array("b\n".utf8)) == """
            t.yaml:1:6: error: NUL byte in input: this looks like binary data, not a YAML or JSON text file
            ké: a\u{FFFD}b
                 ^
              hint: remove the character, or check that this is the right file
            """)
    }

    @Test func nestingTooDeep() throws {
        #expect(try description("a: [[[1]]]\n", limits: YAMLLimits(maxDepth: 3)) == """
            t.yaml:1:6: error: collections nest deeper than the limit of 3 levels
            a: [[[1]]]
                 ^
              hint: flatten the structure
            """)
    }

    @Test func numberOutOfRange() throws {
        #expect(try description("cells: 99999999999999999999999\n") == """
            t.yaml:1:8: error: number 99999999999999999999999 is out of range
            cells: 99999999999999999999999
                   ^
              hint: quote the value to keep it as text
            """)
    }

    @Test func invalidMerge() throws {
        #expect(try description("base:\n  <<: [1]\n") == """
            t.yaml:2:8: error: the value of a merge key (<<) must be a mapping or a list of mappings
              <<: [1]
                   ^
              hint: write `<<: *anchor` where the anchor names a mapping
            """)
    }

    @Test func recursiveAlias() throws {
        #expect(try description("ñ: &a [*a]\n") == """
            t.yaml:1:8: error: alias *a refers to a collection that contains the alias itself
            ñ: &a [*a]
                   ^
              hint: an alias cannot point into its own enclosing collection
            """)
    }

    @Test func fileTooLargeHasNoSourceLine() throws {
        #expect(try description("a: 1\n", limits: YAMLLimits(maxFileSize: 2)) == """
            t.yaml:1:1: error: file is 5 bytes, larger than the limit of 2 bytes
              hint: split the file, or check that this is the right file
            """)
    }

    @Test func longLinesAreCappedAndTheCaretStaysOnTheLine() throws {
        let key = String(repeating: "k", count: 1000)
        let text = try description("\(key): *x\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "t.yaml:1:1003: error: alias *x refers to an anchor &x that is not defined before it")
        #expect(lines[1].count == 400)
        #expect(lines[2] == String(repeating: " ", count: 400) + "^")
    }

    @Test func descriptionIsTheLocationThenTheMessage() throws {
        let error = YAMLError(location: SourceLocation(file: "dir/p.yaml", line: 3, column: 9), reason: .invalidMerge)
        #expect(error.description == """
            dir/p.yaml:3:9: error: the value of a merge key (<<) must be a mapping or a list of mappings
              hint: write `<<: *anchor` where the anchor names a mapping
            """)
    }
}

/// The source line shown is the one libyaml's line number means, whatever the line breaks.
@Suite struct SourceLineTests {
    @Test(arguments: ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"])
    func lineBreaksAreCountedAsLibyamlCountsThem(_ newline: String) throws {
        let yaml = ["a: 1", "b: 2", "c: *x", "d: 4"].joined(separator: newline) + newline
        let error = try #require(TestYAML.error(yaml))
        #expect(error.location.line == 3)
        #expect(error.location.column == 4)
        #expect(error.sourceLine == "c: *x")
    }

    @Test func mixedLineBreaks() throws {
        let error = try #require(TestYAML.error("a: 1\rb: 2\r\nc: 3\nd: *x\n"))
        #expect(error.location.line == 4)
        #expect(error.sourceLine == "d: *x")
    }

    @Test func readerErrorsAfterCarriageReturns() throws {
        let error = try #require(TestYAML.error(bytes: Array("a: 1\rb: x".utf8) + [0xFF]))
        #expect(error.location.line == 2)
        #expect(error.location.column == 5)
        #expect(error.sourceLine == "b: x\u{FFFD}")
    }
}
