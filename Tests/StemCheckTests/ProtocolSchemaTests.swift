import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// The protocol schema (SPEC 4): stemcheck's validator keyword by keyword, the shipped schema
/// against the shipped examples and rules, and the files generated from it.
@Suite struct ProtocolSchemaTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func schema(_ json: String) throws -> ProtocolSchema {
        try ProtocolSchema(text: json, file: "test.schema.json")
    }

    static func node(_ yaml: String) throws -> YAMLNode {
        try YAMLLoader().loadDocument(bytes: Array(yaml.utf8), file: "p.yaml").root
    }

    static func violations(_ json: String, _ yaml: String) throws -> [SchemaViolation] {
        try schema(json).validate(node(yaml))
    }

    static func paths(_ json: String, _ yaml: String) throws -> [String] {
        try violations(json, yaml).map(\.path)
    }

    // MARK: - Keywords

    /// A vocabulary's anchor is the name after the first `docs/protocol-schema.md#` link of its
    /// description; a `#` that a combining mark joins is not that link.
    @Test func vocabularyAnchorFromTheDescription() throws {
        let schema = try Self.schema(#"""
            {"properties": {
              "a": {"type": "string", "description": "Codes: see docs/protocol-schema.md#cell-types and docs/protocol-schema.md#other."},
              "b": {"type": "string", "description": "See docs/protocol-schema.md#\u0301x, then docs/protocol-schema.md#routes."},
              "c": {"type": "string", "description": "No link."}}}
            """#)
        let anchors = schema.root.properties.map { $0.node.vocabularyAnchor }
        #expect(anchors == ["cell-types", "routes", nil])
    }

    @Test func typeOfEachKind() throws {
        let schema = """
            {"properties": {"s": {"type": "string"}, "i": {"type": "integer"}, "n": {"type": "number"},
             "b": {"type": "boolean"}, "l": {"type": "array"}, "m": {"type": "object"}, "z": {"type": "null"}}}
            """
        #expect(try Self.paths(schema, "{s: x, i: 3, n: 2.5, b: true, l: [], m: {}, z: ~}") == [])
        #expect(try Self.paths(schema, "{s: [x], i: 2.5, n: '3', b: yes, l: x, m: [], z: 0}") == ["s", "i", "n", "b", "l", "m", "z"])
        let v = try Self.violations(schema, "b: yes")
        #expect(v.first?.keyword == .type)
        #expect(v.first?.message == "b must be true or false; found the string \"yes\" (YAML 1.2 reads only true and false as booleans)")
    }

    /// A number where a string is expected is read as its text, as NodeReader reads string fields;
    /// an integral float is an integer (JSON Schema's rule); a string is never a number.
    @Test func numbersAreAcceptedAsTextButTextIsNotANumber() throws {
        let schema = ##"{"properties": {"id": {"type": ["string", "null"]}, "n": {"type": "integer"}, "phase": {"enum": ["1", "2"]}}}"##
        #expect(try Self.paths(schema, "{id: 12345, n: 4.0, phase: 2}") == [])
        #expect(try Self.paths(schema, "{id: 1.5e3, n: '4', phase: 3}") == ["n", "phase"])
        #expect(try Self.paths(schema, "{id: true}") == ["id"])
    }

    @Test func nullIsValidOnlyWhereTheSchemaListsIt() throws {
        let schema = ##"{"properties": {"a": {"type": ["number", "null"]}, "b": {"type": "number"}, "c": {"enum": ["x", null]}}}"##
        #expect(try Self.paths(schema, "{a: ~, c: ~}") == [])
        #expect(try Self.paths(schema, "{b: ~}") == ["b"])
    }

    @Test func enumNamesTheValuesAndSuggestsTheClosest() throws {
        let v = try Self.violations(##"{"properties": {"sex": {"title": "Sex", "enum": ["all", "female", "male", null]}}}"##, "sex: Female")
        #expect(v.count == 1)
        #expect(v[0].keyword == .enum)
        #expect(v[0].message == "Sex (sex) must be one of all, female, male; found the string \"Female\" (did you mean 'female'?)")
        #expect(v[0].expected == "one of all, female, male")
    }

    @Test func formatDateAcceptsDatesAndDateTimes() throws {
        let schema = ##"{"properties": {"d": {"type": "string", "format": "date"}}}"##
        #expect(try Self.paths(schema, "d: 2026-01-31") == [])
        #expect(try Self.paths(schema, "d: 2026-01-31T10:00:00Z") == [])
        for bad in ["31/01/2026", "2026-02-30", "March 2026", "2026-13-01"] {
            let v = try Self.violations(schema, "d: \(bad)")
            #expect(v.map(\.keyword) == [.format], "\(bad)")
        }
        // A number where a date is expected is read as its text, which is not a date.
        #expect(try Self.violations(schema, "d: 2026").map(\.keyword) == [.format])
    }

    @Test func patternSearchesTheText() throws {
        let schema = ##"{"$defs": {"cc": {"title": "Country code", "type": "string", "pattern": "^[A-Z]{2}$"}}, "properties": {"c": {"$ref": "#/$defs/cc"}}}"##
        #expect(try Self.paths(schema, "c: US") == [])
        let v = try Self.violations(schema, "c: USA")
        #expect(v.map(\.keyword) == [.pattern])
        #expect(v.first?.expected == "a country code")
        #expect(try Self.violations(##"{"properties": {"c": {"pattern": "b+"}}}"##, "c: abba").isEmpty)
        #expect(try Self.violations(##"{"properties": {"c": {"pattern": "b+"}}}"##, "c: aaa").first?.expected == "text matching the pattern b+")
    }

    @Test func minimumAndMaximumAreInclusive() throws {
        let schema = ##"{"properties": {"p": {"type": "number", "minimum": 0, "maximum": 100}}}"##
        #expect(try Self.paths(schema, "p: 0") == [])
        #expect(try Self.paths(schema, "p: 100") == [])
        #expect(try Self.violations(schema, "p: -1").map(\.keyword) == [.minimum])
        #expect(try Self.violations(schema, "p: 100.5").map(\.keyword) == [.maximum])
    }

    @Test func itemsPropertiesAndAdditionalPropertiesNameTheConcretePath() throws {
        let schema = """
            {"properties": {
              "arms": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}},
              "attestations": {"type": "object", "additionalProperties": {"type": "object", "properties": {"date": {"format": "date"}}}}}}
            """
        let v = try Self.violations(schema, """
            arms: [{n: 1}, {n: x}, {n: 2}]
            attestations: {RULE-A: {date: 2026-01-01}, RULE-B: {date: soon}}
            other: {anything: [goes]}
            """)
        #expect(v.map(\.path) == ["arms[1].n", "attestations.RULE-B.date"])
        #expect(v.map(\.location.line) == [1, 2])
        #expect(v.map(\.location.column) == [20, 59])
    }

    @Test func requiredNamesTheMissingKey() throws {
        let v = try Self.violations(##"{"properties": {"w": {"type": "object", "required": ["rule", "expires"]}}}"##, "w: {rule: X}")
        #expect(v.map(\.keyword) == [.required])
        #expect(v.first?.message == "w lacks the key 'expires'")
    }

    @Test func oneOfNeedsExactlyOneBranch() throws {
        let schema = """
            {"properties": {"q": {"title": "Age", "oneOf": [{"type": "string"}, {"type": "object", "required": ["value"]}, {"type": "null"}]},
                            "two": {"oneOf": [{"type": "number"}, {"minimum": 0}]}}}
            """
        #expect(try Self.paths(schema, "{q: 18 years}") == [])
        #expect(try Self.paths(schema, "{q: {value: 1}}") == [])
        #expect(try Self.paths(schema, "{q: ~}") == [])
        #expect(try Self.violations(schema, "q: true").map(\.keyword) == [.oneOf])
        #expect(try Self.violations(schema, "q: {unit: years}").map(\.keyword) == [.oneOf])
        // 5 fits both branches: not exactly one.
        #expect(try Self.violations(schema, "two: 5").map(\.keyword) == [.oneOf])
        #expect(try Self.paths(##"{"properties": {"a": {"anyOf": [{"type": "number"}, {"minimum": 0}]}}}"##, "a: 5") == [])
    }

    @Test func refIsValidatedWithTheNodesOwnKeywords() throws {
        let schema = ##"{"$defs": {"n": {"type": "number"}}, "properties": {"a": {"$ref": "#/$defs/n", "maximum": 10}}}"##
        #expect(try Self.paths(schema, "a: 5") == [])
        #expect(try Self.violations(schema, "a: x").map(\.keyword) == [.type])
        #expect(try Self.violations(schema, "a: 11").map(\.keyword) == [.maximum])
    }

    @Test func aValueIsReportedOnceButItsChildrenAreStillChecked() throws {
        let schema = ##"{"properties": {"m": {"type": "object", "minimum": 3, "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}}}}}"##
        #expect(try Self.paths(schema, "m: {x: a, y: b}") == ["m.x", "m.y"])
        #expect(try Self.paths(##"{"properties": {"n": {"type": "integer", "enum": [1]}}}"##, "n: x") == ["n"])
    }

    /// A schema keyword the validator does not implement is refused when the schema compiles, with
    /// its location, rather than ignored; so is closing an object, which SPEC 4 leaves open.
    @Test func unsupportedKeywordsAndBadReferencesAreLocatedErrors() throws {
        for (json, fragment) in [
            (##"{"properties": {"a": {"minLength": 1}}}"##, "the keyword 'minLength' (at #/properties/a) is not supported"),
            (##"{"properties": {"a": {"$ref": "#/$defs/none"}}}"##, "#/$defs/none (at #/properties/a) names no definition"),
            (##"{"$defs": {"x": {"$ref": "#/$defs/x"}}, "properties": {"a": {"$ref": "#/$defs/x"}}}"##, "refers to itself"),
            (##"{"properties": {"a": {"pattern": "(a"}}}"##, "the pattern at #/properties/a does not compile"),
            (##"{"properties": {"a": {"format": "email"}}}"##, "format the string \"email\" is not supported"),
            (##"{"additionalProperties": false}"##, "the protocol schema leaves objects open"),
        ] {
            let error = try #require(throws: InputError.self) { try Self.schema(json) }
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(error.description.hasPrefix("test.schema.json:1:"), "\(error.description)")
        }
    }

    // MARK: - The shipped schema

    static let shipped = ProtocolSchema.shipped

    @Test func shippedSchemaIsTheFileInRules() throws {
        let url = Self.repository.appendingPathComponent("rules/protocol.schema.json")
        let bytes = Array(try Data(contentsOf: url))
        #expect(EmbeddedResources.protocolSchema == String(decoding: bytes, as: UTF8.self), "run scripts/embed-resources.py")
        #expect(Self.shipped.sha256 == Digest.sha256(bytes))
        #expect(Self.shipped.version == "2.0")
        #expect(EmbeddedResources.documentedFieldTable.count > 500)
        #expect(EmbeddedResources.documentedFieldTable.allSatisfy { !$0.title.isEmpty })
    }

    @Test func followUpMonthsTwelveIsALocatedViolation() throws {
        let v = Self.shipped.validate(try Self.node("protocol:\n  id: X\nfollow_up:\n  months: twelve\n"))
        #expect(v.count == 1)
        #expect(v.first?.path == "follow_up.months")
        #expect(v.first?.location.line == 4)
        #expect(v.first?.location.column == 11)
        #expect(v.first?.message == "Total follow-up in months (follow_up.months) must be a number (months); found the string \"twelve\"")
        #expect(v.first?.remediation == "Write a number (months) without quotes, words or units, e.g. `months: 24`.")
    }

    /// Quantities of time (`registry_record.minimum_age`): the schema's pattern accepts exactly what
    /// stemcheck's quantity parser reads as time, in any case, and refuses other dimensions.
    @Test func timeQuantityPatternAgreesWithTheQuantityParser() throws {
        func valid(_ yaml: String) throws -> Bool {
            Self.shipped.validate(try Self.node("registry_record:\n  minimum_age: " + yaml + "\n")).isEmpty
        }
        var checked = 0
        for spelling in MeasureUnit.spellings {
            let dimension = MeasureUnit.named(spelling)!.dimension
            for variant in Set([spelling, spelling.uppercased(), spelling.lowercased(), spelling.capitalized]) {
                guard let unit = MeasureUnit.named(variant) else { continue }
                for number in ["18", "2.5", "1,000", "2 x 10^3", "3e2"] {
                    let text = "\(number) \(variant)"
                    #expect(Quantity.parse(text) == .quantity(Quantity(value: NumberText.parse(number)!, unit: unit)), "\(text)")
                    #expect(try valid(JSONText.quote(text)) == (dimension == .time), "\(text): dimension \(dimension)")
                    checked += 1
                }
            }
            #expect(try valid("{value: 6, unit: \(JSONText.quote(spelling))}") == (dimension == .time), "{value: 6, unit: \(spelling)}")
        }
        #expect(checked > 200)
        #expect(try valid("18 Years"))
        #expect(try !valid("18"))
        #expect(try !valid("eighteen years"))
        #expect(try !valid("{value: 6}"))
    }

    /// Every shipped example protocol fits the schema (the Python validator checks the same in
    /// CLITests, independently).
    @Test func shippedExamplesFitTheSchema() throws {
        let folder = Self.repository.appendingPathComponent("examples")
        // The jurisdictions' examples (examples/jurisdictions/CC/) too.
        let files = (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 6)
        for file in files {
            let root = try YAMLLoader().loadDocument(path: folder.appendingPathComponent(file).path).root
            let v = Self.shipped.validate(root)
            #expect(v.isEmpty, "\(file): \(v.map { "\($0.location.line):\($0.location.column) \($0.message)" })")
        }
    }

    /// A rule's examples that must pass, be unknown, not apply or ask for review fit the schema:
    /// only `fail` examples may show a value of the wrong type or vocabulary.
    @Test func ruleExamplesOtherThanFailuresFitTheSchema() throws {
        var checked = 0
        for rule in try RuleCatalog.shipped().packs.flatMap(\.rules) {
            for (expected, example) in rule.examples.all where expected != .fail {
                let v = Self.shipped.validate(example)
                checked += 1
                #expect(v.isEmpty, "\(rule.id) \(expected.rawValue) example at \(example.location): \(v.map(\.message))")
            }
        }
        #expect(checked > 300)
    }

    /// Every value a shipped rule compares a documented field with (`equals`, `in`, `contains`,
    /// `gte`, ...) is one the schema allows for that field: a rule cannot expect `phase: 2` as a
    /// number where the schema says `"2"`, or a vocabulary value the schema does not list.
    @Test func shippedRulesCompareFieldsWithValuesTheSchemaAllows() throws {
        let listFields = Set(EmbeddedResources.documentedFieldTable.filter { $0.type.hasPrefix("list<") }.map(\.path))
        let documented = Set(EmbeddedResources.documentedFields)
        var checked = 0
        var problems: [String] = []
        let folder = Self.repository.appendingPathComponent("rules")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yaml") }).sorted() {
            let root = try YAMLLoader().loadDocument(path: folder.appendingPathComponent(file).path).root
            for rule in root["rules"]?.items ?? [] {
                for key in ["when", "check"] {
                    guard let condition = rule[key] else { continue }
                    for (path, value) in Self.comparedValues(condition, prefix: "") {
                        let general = MissingField.wildcarded(path)
                        guard documented.contains(general) else { continue }
                        // `contains` on a list compares with an item.
                        let target = listFields.contains(general) && value.isItem ? general + "[*]" : general
                        let document = try Self.node(Self.document(at: target, value.json))
                        // A bound (`gt: 0`) need not be a value the field may hold: only its type counts.
                        let v = Self.shipped.validate(document).filter { !value.isBound || $0.keyword == .type }
                        checked += 1
                        if !v.isEmpty { problems.append("\(file) \(rule["id"]?.text ?? "?"): \(v.map(\.message))") }
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(checked > 300)
    }

    struct Compared {
        var json: String
        var isItem: Bool
        var isBound = false
    }

    /// (absolute path, value) for every literal operand of a comparison in a condition.
    static func comparedValues(_ condition: YAMLNode, prefix: String) -> [(String, Compared)] {
        var out: [(String, Compared)] = []
        func join(_ path: String) -> String {
            if path.hasPrefix("$.") { return String(path.dropFirst(2)) }
            return prefix.isEmpty ? path : prefix + "." + path
        }
        for key in ["all", "any"] { for c in condition[key]?.items ?? [] { out += comparedValues(c, prefix: prefix) } }
        if let c = condition["not"] { out += comparedValues(c, prefix: prefix) }
        if let list = condition["for_each"]?.string {
            for key in ["where", "check"] { if let c = condition[key] { out += comparedValues(c, prefix: join(list) + "[*]") } }
        }
        guard let path = condition["path"]?.string else { return out }
        for op in ["equals", "not_equals", "gt", "gte", "lt", "lte", "contains"] {
            if let v = condition[op], v["path"] == nil {
                out.append((join(path), Compared(json: v.json(indent: 0), isItem: op == "contains", isBound: op.hasPrefix("g") || op.hasPrefix("l"))))
            }
        }
        for op in ["in", "not_in"] {
            for v in condition[op]?.items ?? [] { out.append((join(path), Compared(json: v.json(indent: 0), isItem: false))) }
        }
        for op in ["min_items", "max_items"] where condition[op] != nil {
            out.append((join(path), Compared(json: "[]", isItem: false)))
        }
        return out
    }

    /// A JSON document holding `value` at `path` (`a.b[*].c` → `{"a": {"b": [{"c": value}]}}`).
    static func document(at path: String, _ value: String) -> String {
        var text = value
        var rest = path
        while !rest.isEmpty {
            if rest.hasSuffix("[*]") {
                text = "[" + text + "]"
                rest.removeLast(3)
            } else {
                let cut = rest.lastIndex(of: ".")
                let key = cut.map { String(rest[rest.index(after: $0)...]) } ?? rest
                text = "{" + JSONText.quote(key) + ": " + text + "}"
                rest = cut.map { String(rest[..<$0]) } ?? ""
            }
        }
        return text
    }

    // MARK: - Generated files

    /// docs/protocol-schema.md's tables and EmbeddedResources.swift are what the scripts generate
    /// from rules/protocol.schema.json (`.ci/run` runs the same check).
    @Test(.enabled(if: Validators.run(["python3", "--version"]).status == 0, "python3 is not installed"))
    func generatedDocsAndTablesAreUpToDate() throws {
        let script = Self.repository.appendingPathComponent("scripts/embed-resources.py").path
        let result = Validators.run(["python3", script, "--check"])
        #expect(result.status == 0, "run scripts/embed-resources.py:\n\(result.output)")
    }
}
