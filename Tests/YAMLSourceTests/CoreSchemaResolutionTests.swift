import Testing
@testable import YAMLSource

/// YAML 1.2 core schema resolution of plain scalars (SPEC section 2), through the loader.
@Suite struct CoreSchemaResolutionTests {
    /// The node for `text` written as the value of `v:` in a one-line mapping.
    func value(_ text: String) throws -> YAMLNode {
        let root = try TestYAML.root("v: \(text)\n")
        return try #require(root["v"])
    }

    @Test(arguments: ["~", "null", "Null", "NULL", ""])
    func nullForms(_ text: String) throws {
        let node = try value(text)
        #expect(node.kind == .null)
        #expect(node.isNull)
    }

    @Test(arguments: ["nULL", "NuLL", "nil", "None", "~~", "null!"])
    func nearNullsAreStrings(_ text: String) throws {
        #expect(try value(text).string == text)
    }

    @Test func emptyDocumentAndEmptyItemsAreNull() throws {
        #expect(try TestYAML.json("---\n") == "null")
        #expect(try TestYAML.json("- \n-\n- x\n") == #"[null,null,"x"]"#)
        #expect(try TestYAML.json("? a\n") == #"{"a":null}"#)
    }

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false)])
    func boolForms(_ text: String, _ expected: Bool) throws {
        let node = try value(text)
        #expect(node.kind == .bool)
        #expect(node.bool == expected)
    }

    /// YAML 1.1 booleans stay strings (the "Norway problem" must not happen).
    @Test(arguments: ["yes", "no", "Yes", "No", "YES", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N", "tRUE", "fAlse"])
    func yaml11BooleansStayStrings(_ text: String) throws {
        let node = try value(text)
        #expect(node.kind == .string)
        #expect(node.string == text)
    }

    @Test func norwayStaysNorway() throws {
        #expect(try TestYAML.json("country: NO\nanswer: yes\nswitch: on\n") ==
                #"{"country":"NO","answer":"yes","switch":"on"}"#)
    }

    @Test(arguments: [
        ("0", 0), ("12", 12), ("-19", -19), ("+12", 12), ("-0", 0), ("+0", 0),
        ("017", 17), ("007", 7), ("0o17", 15), ("0o0", 0), ("0o777", 511),
        ("0x1F", 31), ("0xff", 255), ("0xFF", 255), ("0x0", 0), ("0xDEADbeef", 0xDEADBEEF),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ("0x7FFFFFFFFFFFFFFF", Int.max), ("0o777777777777777777777", Int.max),
    ])
    func intForms(_ text: String, _ expected: Int) throws {
        let node = try value(text)
        #expect(node.kind == .int, "\(text)")
        #expect(node.int == expected, "\(text)")
    }

    /// Forms that look numeric but are not core-schema ints or floats.
    @Test(arguments: ["0o", "0x", "0o8", "0xG1", "+0x1", "-0x1", "+0o7", "0b101", "1_000", "1,000", "12a",
                      "1.2.3", "1e", "1e+", "e3", ".", "+", "+-1", "--1", "0x 1", "1 2", ".e3", "-.NaN", "+.nan",
                      ".iNf", ".infinity", "1:30", "0.1.0", "2026-11-25", "1 month"])
    func numberLookalikesAreStrings(_ text: String) throws {
        let node = try value(text)
        #expect(node.kind == .string, "\(text) resolved to \(node.kind)")
        #expect(node.string == text)
    }

    @Test(arguments: [
        ("1.5", 1.5), ("-1.5", -1.5), ("+1.5", 1.5), ("1e3", 1000), ("1E3", 1000), ("1e+3", 1000), ("1e-3", 0.001),
        ("-1e3", -1000), (".5", 0.5), ("-.5", -0.5), ("+.5", 0.5), ("5.", 5), ("0.0", 0), ("-0.0", 0),
        ("6.8523015e+5", 685230.15), ("2.5e7", 2.5e7), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("1e-400", 0),
    ])
    func floatForms(_ text: String, _ expected: Double) throws {
        let node = try value(text)
        #expect(node.kind == .float, "\(text)")
        #expect(node.float == expected, "\(text)")
    }

    @Test(arguments: [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"])
    func positiveInfinity(_ text: String) throws {
        #expect(try value(text).float == .infinity)
    }

    @Test(arguments: ["-.inf", "-.Inf", "-.INF"])
    func negativeInfinity(_ text: String) throws {
        #expect(try value(text).float == -.infinity)
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(_ text: String) throws {
        let node = try value(text)
        #expect(node.kind == .float)
        #expect(node.float?.isNaN == true)
    }

    /// Quoted and block scalars are always strings, whatever they look like.
    @Test(arguments: [
        #""true""#, "'true'", #""null""#, "'~'", #""""#, "''", #""12""#, "'0x1F'", #"".inf""#, "'1e3'", #""NO""#,
    ])
    func quotedScalarsAreStrings(_ text: String) throws {
        let node = try value(text)
        #expect(node.kind == .string, "\(text)")
        #expect(node.string == String(text.dropFirst().dropLast()))
    }

    @Test func blockScalarsAreStrings() throws {
        let root = try TestYAML.root("a: |\n  12\nb: >-\n  true\nc: |-\n  null\n")
        #expect(root["a"]?.string == "12\n")
        #expect(root["b"]?.string == "true")
        #expect(root["c"]?.string == "null")
    }

    @Test func keysResolveToo() throws {
        let root = try TestYAML.root("1: a\ntrue: b\n~: c\n1.5: d\nx: e\n")
        let kinds = root.pairs.map(\.key.kind)
        #expect(kinds == [.int, .bool, .null, .float, .string])
        #expect(root.json(indent: 0) == #"{"1":"a","true":"b","null":"c","1.5":"d","x":"e"}"#)
    }

    @Test func scalarTextIsKept() throws {
        let node = try value("0x1F")
        #expect(node.text == "0x1F")
        #expect(node.number == 31)
        #expect(try value("017").text == "017")
    }

    @Test func jsonInputUsesTheSamePath() throws {
        let root = try TestYAML.root(#"{"a": [1, 2.5, "3", true, null], "b": {"c": -0.5e2}}"#)
        #expect(root.json(indent: 0) == #"{"a":[1,2.5,"3",true,null],"b":{"c":-50.0}}"#)
        #expect(root["a"]?.item(2)?.kind == .string)
    }

    @Test func resolvePlainDirectly() {
        #expect(CoreSchema.resolvePlain("0o17") == .int(15))
        #expect(CoreSchema.resolvePlain("yes") == .string)
        #expect(CoreSchema.resolvePlain("") == .null)
        #expect(CoreSchema.resolvePlain(".nan") == .float(.nan))
        #expect(CoreSchema.resolvePlain("99999999999999999999999") == .outOfRange)
        #expect(CoreSchema.resolvePlain("1e999") == .outOfRange)
        #expect(CoreSchema.resolvePlain("0x10000000000000000") == .outOfRange)
    }
}
