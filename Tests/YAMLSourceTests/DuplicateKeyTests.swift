import Testing
@testable import YAMLSource

/// Duplicate keys are errors naming both positions: equal resolved values or equal text (SPEC 3.5).
@Suite struct DuplicateKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var yaml: String
        var key: String
        var first: (line: Int, column: Int)
        var second: (line: Int, column: Int)
        var testDescription: String { yaml.debugDescription }
    }

    static let cases: [Case] = [
        // block
        Case(yaml: "a: 1\n\"a\": 2\n", key: "'a'", first: (1, 1), second: (2, 1)),
        Case(yaml: "a: 1\n'a': 2\n", key: "'a'", first: (1, 1), second: (2, 1)),
        Case(yaml: "1: x\n0x1: y\n", key: "'0x1'", first: (1, 1), second: (2, 1)),
        Case(yaml: "1: x\n\"1\": y\n", key: "'1'", first: (1, 1), second: (2, 1)),
        Case(yaml: "8: x\n0o10: y\n", key: "'0o10'", first: (1, 1), second: (2, 1)),
        Case(yaml: "17: x\n017: y\n", key: "'017'", first: (1, 1), second: (2, 1)),
        Case(yaml: "true: x\nTrue: y\n", key: "'True'", first: (1, 1), second: (2, 1)),
        Case(yaml: "~: x\nnull: y\n", key: "'null'", first: (1, 1), second: (2, 1)),
        Case(yaml: "0.5: x\n.5: y\n", key: "'.5'", first: (1, 1), second: (2, 1)),
        // the same key once written as JSON by `show`
        Case(yaml: "0x1: x\n\"1\": y\n", key: "'1'", first: (1, 1), second: (2, 1)),
        Case(yaml: "~: x\n\"null\": y\n", key: "'null'", first: (1, 1), second: (2, 1)),
        Case(yaml: "\"true\": x\nTRUE: y\n", key: "'TRUE'", first: (1, 1), second: (2, 1)),
        Case(yaml: "1e3: x\n\"1000.0\": y\n", key: "'1000.0'", first: (1, 1), second: (2, 1)),
        Case(yaml: "x:\n  b: 1\n  c: 2\n  b: 3\n", key: "'b'", first: (2, 3), second: (4, 3)),
        Case(yaml: "? [1, 2]\n: a\n? [1, 2]\n: b\n", key: "(a sequence)", first: (1, 3), second: (3, 3)),
        Case(yaml: "&k a: 1\n*k : 2\n", key: "'a'", first: (1, 1), second: (2, 1)),
        // flow
        Case(yaml: "{a: 1, \"a\": 2}\n", key: "'a'", first: (1, 2), second: (1, 8)),
        Case(yaml: "{1: x, 0x1: y}\n", key: "'0x1'", first: (1, 2), second: (1, 8)),
        Case(yaml: "{1: x, \"1\": y}\n", key: "'1'", first: (1, 2), second: (1, 8)),
        Case(yaml: "- {b: 1, c: 2, b: 3}\n", key: "'b'", first: (1, 4), second: (1, 16)),
        Case(yaml: "{\"a\": 1, \"a\": 2}\n", key: "'a'", first: (1, 2), second: (1, 10)),
        // more than 12 keys, all strings: found by sorting the keys' bytes; the earliest second
        // occurrence is reported, with its key's first occurrence
        Case(yaml: (0..<20).map { "m\($0): 1\n" }.joined() + "m7: 2\nm3: 3\nm3: 4\n", key: "'m7'", first: (8, 1), second: (21, 1)),
        Case(yaml: "zz: 0\n" + (0..<14).map { "m\($0): 1\n" }.joined() + "\"zz\": 2\nzz: 3\n", key: "'zz'", first: (1, 1), second: (16, 1)),
        Case(yaml: (0..<14).map { "m\($0): 1\n" }.joined() + "\"\": 1\n'': 2\n", key: "''", first: (15, 1), second: (16, 1)),
        // more than 12 keys, not all strings: the general check
        Case(yaml: (0..<14).map { "m\($0): 1\n" }.joined() + "1: x\n0x1: y\n", key: "'0x1'", first: (15, 1), second: (16, 1)),
    ]

    @Test(arguments: cases)
    func duplicates(_ c: Case) throws {
        try check(c)
    }

    /// More than twelve keys take the hashed path; the same cases must be found there.
    @Test(arguments: cases)
    func duplicatesInALargeMapping(_ c: Case) throws {
        // Thirteen distinct keys in front shift every line by 13 (block) or every column (flow).
        let filler = (1...13).map { "k\($0)" }
        if c.yaml.hasPrefix("{") {
            let prefix = filler.map { "\($0): 0, " }.joined()
            let shift = prefix.unicodeScalars.count
            try check(Case(yaml: "{" + prefix + c.yaml.dropFirst(), key: c.key,
                           first: (c.first.line, c.first.column + shift), second: (c.second.line, c.second.column + shift)))
        } else if c.yaml.hasPrefix("- {") {
            let prefix = filler.map { "\($0): 0, " }.joined()
            let shift = prefix.unicodeScalars.count
            try check(Case(yaml: "- {" + prefix + c.yaml.dropFirst(3), key: c.key,
                           first: (c.first.line, c.first.column + shift), second: (c.second.line, c.second.column + shift)))
        } else if c.yaml.hasPrefix("x:\n") {
            let prefix = filler.map { "  \($0): 0\n" }.joined()
            try check(Case(yaml: "x:\n" + prefix + c.yaml.dropFirst(3), key: c.key,
                           first: (c.first.line + 13, c.first.column), second: (c.second.line + 13, c.second.column)))
        } else {
            let prefix = filler.map { "\($0): 0\n" }.joined()
            try check(Case(yaml: prefix + c.yaml, key: c.key,
                           first: (c.first.line + 13, c.first.column), second: (c.second.line + 13, c.second.column)))
        }
    }

    func check(_ c: Case) throws {
        let error = try #require(TestYAML.error(c.yaml), "\(c.yaml.debugDescription) loaded")
        let first = SourceLocation(file: "t.yaml", line: c.first.line, column: c.first.column)
        #expect(error.reason == .duplicateKey(key: c.key, first: first), "\(c.yaml.debugDescription)")
        #expect(error.location.line == c.second.line, "\(c.yaml.debugDescription)")
        #expect(error.location.column == c.second.column, "\(c.yaml.debugDescription)")
        #expect(error.message == "duplicate key \(c.key) (first defined at \(c.first.line):\(c.first.column))")
        #expect(error.description.hasPrefix("t.yaml:\(c.second.line):\(c.second.column): error: duplicate key"))
    }

    @Test func distinctKeysThatLookAlikeAreFine() throws {
        // Different values and different text: 1 (int) vs 1.0 (float) vs "01" (string).
        #expect(TestYAML.error("1: a\n1.0: b\n\"01\": c\nA: d\na: e\n") == nil)
        #expect(TestYAML.error((1...40).map { "k\($0): \($0)" }.joined(separator: "\n")) == nil)
    }

    @Test func keysInDifferentMappingsDoNotClash() throws {
        #expect(TestYAML.error("a: {b: 1}\nc: {b: 1}\n") == nil)
        #expect(TestYAML.error("- a: 1\n- a: 1\n") == nil)
    }

    @Test func duplicateDocumentsAreNotDuplicateKeys() throws {
        #expect(try TestYAML.stream("a: 1\n---\na: 2\n").count == 2)
    }
}
