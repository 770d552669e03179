import Testing
@testable import YAMLSource

/// SPEC 4 and 8: a `.json` file is RFC 8259 JSON. Everything YAML would let through is a located
/// error in the YAML loader's format: `FILE:LINE:COL: error: invalid JSON: …`, the line, a caret, a hint.
@Suite struct JSONErrorTests {
    struct Malformed: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        /// The first line of the error's description.
        var error: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ error: String) {
            self.init(name, Array(text.utf8), error)
        }

        init(_ name: String, _ bytes: [UInt8], _ error: String) {
            self.name = name
            self.bytes = bytes
            self.error = error
        }
    }

    static let malformed: [Malformed] = [
        // Trailing commas.
        Malformed("trailing comma in an object", #"{"id":"X",}"#,
                  "t.json:1:10: error: invalid JSON: a comma after the last member of an object"),
        Malformed("trailing comma before a brace on the next line", "{\n  \"id\": \"X\",\n}\n",
                  "t.json:2:12: error: invalid JSON: a comma after the last member of an object"),
        Malformed("trailing comma in an array", "[1, 2, ]",
                  "t.json:1:6: error: invalid JSON: a comma after the last item of an array"),
        Malformed("trailing comma in a nested array", "{\"a\": [\n  1,\n  2,\n]}",
                  "t.json:3:4: error: invalid JSON: a comma after the last item of an array"),
        // Comments.
        Malformed("line comment", "{\"a\": 1, // why\n\"b\": 2}",
                  "t.json:1:10: error: invalid JSON: comments are not allowed in JSON"),
        Malformed("block comment", #"{"a": 1 /* c */}"#,
                  "t.json:1:9: error: invalid JSON: comments are not allowed in JSON"),
        Malformed("comment after the value", "{\"a\": 1} // end\n",
                  "t.json:1:10: error: invalid JSON: comments are not allowed in JSON"),
        Malformed("YAML comment", "# protocol\n{}",
                  "t.json:1:1: error: invalid JSON: comments are not allowed in JSON"),
        // Single quotes.
        Malformed("single-quoted key", "{'a': 1}",
                  "t.json:1:2: error: invalid JSON: strings must be in double quotes, not single quotes"),
        Malformed("single-quoted value", #"["a", 'b']"#,
                  "t.json:1:7: error: invalid JSON: strings must be in double quotes, not single quotes"),
        // NaN and Infinity.
        Malformed("NaN", "[NaN, 1]",
                  "t.json:1:2: error: invalid JSON: NaN is not a JSON number (JSON has no NaN or Infinity)"),
        Malformed("Infinity", #"{"a": Infinity}"#,
                  "t.json:1:7: error: invalid JSON: Infinity is not a JSON number (JSON has no NaN or Infinity)"),
        Malformed("-Infinity", #"{"a": -Infinity}"#,
                  "t.json:1:7: error: invalid JSON: -Infinity is not a JSON number (JSON has no NaN or Infinity)"),
        Malformed("+Infinity", "[+Infinity]",
                  "t.json:1:2: error: invalid JSON: +Infinity is not a JSON number (JSON has no NaN or Infinity)"),
        Malformed("nan", "[nan]",
                  "t.json:1:2: error: invalid JSON: nan is not a JSON number (JSON has no NaN or Infinity)"),
        // Leading zeros.
        Malformed("leading zero", #"{"n": 012}"#, "t.json:1:7: error: invalid JSON: number 012 has a leading zero"),
        Malformed("negative leading zero", #"{"n": -01}"#, "t.json:1:7: error: invalid JSON: number -01 has a leading zero"),
        Malformed("two zeros", "[00]", "t.json:1:2: error: invalid JSON: number 00 has a leading zero"),
        Malformed("leading zero with a fraction", #"{"n": 0.5, "m": 05.5}"#, "t.json:1:17: error: invalid JSON: number 05.5 has a leading zero"),
        // Other numbers JSON does not have.
        Malformed("plus sign", #"{"a": +1}"#, "t.json:1:7: error: invalid JSON: +1 is not a valid JSON number"),
        Malformed("no digit before the point", "[.5]", "t.json:1:2: error: invalid JSON: .5 is not a valid JSON number"),
        Malformed("no digit after the point", "[1.]", "t.json:1:2: error: invalid JSON: 1. is not a valid JSON number"),
        Malformed("no exponent digits", "[1e]", "t.json:1:2: error: invalid JSON: 1e is not a valid JSON number"),
        Malformed("hexadecimal", "[0x1F]", "t.json:1:2: error: invalid JSON: 0x1F is not a valid JSON number"),
        Malformed("a lone minus", "[-]", "t.json:1:2: error: invalid JSON: - is not a valid JSON number"),
        Malformed("two points", "[1.5.2]", "t.json:1:2: error: invalid JSON: 1.5.2 is not a valid JSON number"),
        Malformed("out of range", #"{"a": 1e999}"#, "t.json:1:7: error: number 1e999 is out of range"),
        // Control characters in strings.
        Malformed("raw tab in a string", "{\"s\": \"a\tb\"}",
                  "t.json:1:9: error: invalid JSON: control character U+0009 must be escaped in a string"),
        Malformed("raw U+0001 in a string", "\"a\u{1}b\"",
                  "t.json:1:3: error: invalid JSON: control character U+0001 must be escaped in a string"),
        Malformed("raw line break in a string", "{\"a\": \"x\ny\"}",
                  "t.json:1:9: error: invalid JSON: the line ends inside a string (a string cannot continue on the next line)"),
        Malformed("raw carriage return in a string", "[\"x\r\"]",
                  "t.json:1:4: error: invalid JSON: the line ends inside a string (a string cannot continue on the next line)"),
        Malformed("NUL in a string", [0x22, 0x61, 0x00, 0x22],
                  "t.json:1:3: error: NUL byte in input: this looks like binary data, not a YAML or JSON text file"),
        // Invalid escapes.
        Malformed("unknown escape", #"{"s": "a\qb"}"#, #"t.json:1:9: error: invalid JSON: invalid escape \q in a string"#),
        Malformed("hex escape", #"["a\x41"]"#, #"t.json:1:4: error: invalid JSON: invalid escape \x in a string"#),
        Malformed("escaped single quote", #"["it\'s"]"#, #"t.json:1:5: error: invalid JSON: invalid escape \' in a string"#),
        Malformed("\\u with a bad digit", #"{"s": "\u12G4"}"#, #"t.json:1:8: error: invalid JSON: invalid escape \u12G4 in a string"#),
        Malformed("\\u cut short", #"["\u12"]"#, #"t.json:1:3: error: invalid JSON: invalid escape \u12 in a string"#),
        Malformed("backslash before a line break", "{\"a\":\"\\\n\"}",
                  #"t.json:1:7: error: invalid JSON: invalid escape \ followed by control character U+000A in a string"#),
        Malformed("escaped non-ASCII character", #"["\é"]"#, #"t.json:1:3: error: invalid JSON: invalid escape \é in a string"#),
        // Lone surrogates.
        Malformed("high surrogate alone", #"{"s": "\ud83d x"}"#,
                  #"t.json:1:8: error: invalid JSON: \ud83d is the first half of a surrogate pair, but no second half (\uDC00 to \uDFFF) follows"#),
        Malformed("high surrogate before another character", #"["\uD83D\u0041"]"#,
                  #"t.json:1:3: error: invalid JSON: \uD83D is the first half of a surrogate pair, but no second half (\uDC00 to \uDFFF) follows"#),
        Malformed("two high surrogates", #"["\uD83D\uD83D"]"#,
                  #"t.json:1:3: error: invalid JSON: \uD83D is the first half of a surrogate pair, but no second half (\uDC00 to \uDFFF) follows"#),
        Malformed("high surrogate at the end of the string", #"["x\uD800"]"#,
                  #"t.json:1:4: error: invalid JSON: \uD800 is the first half of a surrogate pair, but no second half (\uDC00 to \uDFFF) follows"#),
        Malformed("low surrogate alone", #"{"s": "\udc00"}"#,
                  #"t.json:1:8: error: invalid JSON: \udc00 is the second half of a surrogate pair, but no first half (\uD800 to \uDBFF) comes before it"#),
        // Duplicate keys.
        Malformed("duplicate key", #"{"a": 1, "a": 2}"#, "t.json:1:10: error: duplicate key 'a' (first defined at 1:2)"),
        Malformed("duplicate key spelled with an escape", #"{"a": 1, "\u0061": 2}"#, "t.json:1:10: error: duplicate key 'a' (first defined at 1:2)"),
        Malformed("duplicate key among many", "{" + (1...13).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k5\":14}",
                  "t.json:1:101: error: duplicate key 'k5' (first defined at 1:30)"),
        Malformed("duplicate key on another line", "{\n  \"id\": 1,\n  \"név\": 2,\n  \"név\": 3\n}",
                  "t.json:4:3: error: duplicate key 'név' (first defined at 3:3)"),
        // Text after the value.
        Malformed("a second object", #"{"a": 1} {"b": 2}"#, "t.json:1:10: error: invalid JSON: found '{' after the end of the JSON value"),
        Malformed("a second value on the next line", "{}\n[]\n", "t.json:2:1: error: invalid JSON: found '[' after the end of the JSON value"),
        Malformed("a word after the value", "{}x", "t.json:1:3: error: invalid JSON: found 'x' after the end of the JSON value"),
        Malformed("a YAML document marker", "{}\n---\n{}\n", "t.json:2:1: error: invalid JSON: found '---' after the end of the JSON value"),
        // Structure.
        Malformed("missing comma between members", #"{"a": 1 "b": 2}"#, #"t.json:1:9: error: invalid JSON: expected ',' or '}', found '"'"#),
        Malformed("missing comma between items", "[1 2]", "t.json:1:4: error: invalid JSON: expected ',' or ']', found '2'"),
        Malformed("missing colon", #"{"a" 1}"#, "t.json:1:6: error: invalid JSON: expected ':' after the key, found '1'"),
        Malformed("key without a value", #"{"a":1,"b"}"#, "t.json:1:11: error: invalid JSON: expected ':' after the key, found '}'"),
        Malformed("two colons", #"{"a" : "b" : "c"}"#, "t.json:1:12: error: invalid JSON: expected ',' or '}', found ':'"),
        Malformed("wrong closing bracket", #"{"a": [1, 2}"#, "t.json:1:12: error: invalid JSON: expected ',' or ']', found '}'"),
        Malformed("empty item", "[1,,2]", "t.json:1:4: error: invalid JSON: expected a value, found ','"),
        Malformed("unquoted key", "{a: 1}", "t.json:1:2: error: invalid JSON: object key 'a' is not in double quotes"),
        Malformed("YAML plain scalar", #"{"a": yes}"#, "t.json:1:7: error: invalid JSON: 'yes' is not a JSON value"),
        Malformed("capitalised literal", #"{"a": True}"#, "t.json:1:7: error: invalid JSON: 'True' is not a JSON value"),
        Malformed("undefined", #"{"a": undefined}"#, "t.json:1:7: error: invalid JSON: 'undefined' is not a JSON value"),
        Malformed("cut literal after non-ASCII text", #"{"名前": "値", "x": tru}"#, "t.json:1:18: error: invalid JSON: 'tru' is not a JSON value"),
        Malformed("YAML block mapping", "id: X\n", "t.json:1:1: error: invalid JSON: 'id' is not a JSON value"),
        Malformed("control character between tokens", "{\u{1}}",
                  "t.json:1:2: error: invalid JSON: expected a string key in double quotes or '}', found control character U+0001"),
        // The end of the file.
        Malformed("empty file", "", "t.json:1:1: error: invalid JSON: the file holds no JSON value (it is empty)"),
        Malformed("only white space", "   \n  \n", "t.json:1:1: error: invalid JSON: the file holds no JSON value (it is empty)"),
        Malformed("cut after a colon", "{\"a\":", "t.json:1:6: error: invalid JSON: the file ends where a value should be; the object opened at 1:1 is not closed"),
        Malformed("cut after a bracket", "[", "t.json:1:2: error: invalid JSON: the file ends where a value or ']' should be; the array opened at 1:1 is not closed"),
        Malformed("cut after a member", "{\n  \"a\": {\"b\": 1}\n\n",
                  "t.json:2:16: error: invalid JSON: the file ends where ',' or '}' should be; the object opened at 1:1 is not closed"),
        Malformed("cut inside a string", "{\"a\": \"abc", "t.json:1:7: error: invalid JSON: this string is not closed: the file ends before its closing quote"),
        // Encoding: as the YAML loader.
        Malformed("invalid UTF-8 in a string", Array(#"{"s": "caf"#.utf8) + [0xE9] + Array("\"}".utf8),
                  "t.json:1:11: error: invalid UTF-8: byte 0xE9 cannot appear here; the file must be UTF-8 text"),
        Malformed("invalid UTF-8 outside strings", [0xFF] + Array("{}".utf8),
                  "t.json:1:1: error: invalid UTF-8: byte 0xFF cannot appear here; the file must be UTF-8 text"),
        Malformed("encoded surrogate", Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8),
                  "t.json:1:3: error: invalid UTF-8: byte 0xED cannot appear here; the file must be UTF-8 text"),
        Malformed("NUL after the value", Array("{\"a\": 1}".utf8) + [0],
                  "t.json:1:9: error: NUL byte in input: this looks like binary data, not a YAML or JSON text file"),
        Malformed("PNG header", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00],
                  "t.json:1:1: error: invalid UTF-8: byte 0x89 cannot appear here; the file must be UTF-8 text"),
        Malformed("byte order mark, then an error", [0xEF, 0xBB, 0xBF] + Array(#"{"é": 1,}"#.utf8),
                  "t.json:1:8: error: invalid JSON: a comma after the last member of an object"),
        Malformed("columns count characters", "[\"😀\", \"ü\", 01]",
                  "t.json:1:12: error: invalid JSON: number 01 has a leading zero"),
        Malformed("lines after a raw line separator in a string", Array("[\"x\",\n \"\\u00e9\u{2028}\\u0041\", nul]".utf8),
                  "t.json:3:10: error: invalid JSON: 'nul' is not a JSON value"),
    ]

    @Test(arguments: malformed)
    func malformedJSONIsALocatedError(_ malformed: Malformed) throws {
        let error = try #require(throws: YAMLError.self) { try JSONLoader().loadDocument(bytes: malformed.bytes, file: "t.json") }
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == malformed.error)
        #expect(lines.last?.hasPrefix("  hint: ") == true, "\(error.description)")
        // The source line and a caret under the column, unless the line is empty.
        if let source = error.sourceLine {
            #expect(lines.count == 4)
            #expect(lines[1] == Substring(String(source.map { $0 == "\t" ? " " : $0 })))
            #expect(lines[2] == Substring(String(repeating: " ", count: min(error.location.column - 1, source.unicodeScalars.count)) + "^"))
        } else {
            #expect(lines.count == 2)
        }
    }

    /// Every case is accepted by YAML's leniency or fails there differently: the JSON loader is not
    /// the YAML loader with other words. The cases libyaml also rejects keep a JSON message.
    @Test func yamlAcceptsWhatJSONRefuses() throws {
        for text in [#"{"id":"X",}"#, "[1, 2, ]", "{'a': 1}", "{a: 1}", #"{"a": yes}"#, "{\"a\": 1} # c\n", "[.inf, .nan]",
                     #"{"n": 012}"#, "{\"s\": \"a\tb\"}", "{\"a\": \"x\ny\"}", "[0x1F, +1, .5]", "id: X\n", "", "{}\n---\n{}\n"] {
            #expect(TestYAML.error(text) == nil, "YAML refuses \(text)")
            #expect(throws: YAMLError.self, "JSON accepts \(text)") { try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "t.json") }
        }
    }

    @Test func fullDescription() throws {
        let error = try #require(throws: YAMLError.self) {
            try JSONLoader().loadDocument(bytes: Array("{\n  \"id\": \"X\",\n  \"phase\": 1,\n}\n".utf8), file: "p.json")
        }
        #expect(error.reason == .json(.trailingComma(inObject: true)))
        #expect(error.location == SourceLocation(file: "p.json", line: 3, column: 13))
        #expect(error.description == """
            p.json:3:13: error: invalid JSON: a comma after the last member of an object
              "phase": 1,
                        ^
              hint: remove the comma: JSON does not allow a comma before '}' or ']'
            """)
    }

    @Test func hints() throws {
        func hint(_ text: String) -> String? {
            do {
                _ = try JSONLoader().loadDocument(bytes: Array(text.utf8), file: "t.json")
                return "(loaded)"
            } catch {
                return error.hint
            }
        }
        #expect(hint("[1,]") == "remove the comma: JSON does not allow a comma before '}' or ']'")
        #expect(hint("[1] // c") == "remove the comment, or write the file as YAML (.yaml), where # starts a comment")
        #expect(hint("['a']") == "write \"text\" instead of 'text'")
        #expect(hint("[NaN]") == "write null, or the value as a string in double quotes")
        #expect(hint("[007]") == "remove the leading zero, or write the value as a string in double quotes to keep it as text")
        #expect(hint("[\"\t\"]") == "write it as \\t")
        #expect(hint("[\"\u{1}\"]") == "write it as \\u0001")
        #expect(hint("[\"a\nb\"]") == "close the string with \" on this line, or write the line break as \\n")
        #expect(hint(#"["\q"]"#) == #"JSON escapes are \" \\ \/ \b \f \n \r \t and \u with four hex digits; write a backslash itself as \\"#)
        #expect(hint(#"["\uD800"]"#) == #"write the character itself, or both halves of its pair (\uD83D\uDE00 is U+1F600)"#)
        #expect(hint("[1] [2]") == "a JSON file holds exactly one value; remove what follows it, or put several values in an array")
        #expect(hint("[TRUE]") == "JSON's literals are lowercase: true, false, null")
        #expect(hint("[maybe]") == "write text as a string in double quotes; the other values are numbers, true, false, null, objects and arrays")
        #expect(hint("{a: 1}") == "put the key in double quotes: \"key\": value")
        #expect(hint("[1 2]") == "put a comma between two items, or close the array with ']'")
        #expect(hint("{\"a\" 1}") == "check the commas, colons, brackets and quotes around this position")
        #expect(hint("[[1]") == "close every '{' with '}' and every '[' with ']'; the file may have been cut short")
        #expect(hint("") == "write the protocol as a JSON object ({...}), or remove the file")
    }
}
