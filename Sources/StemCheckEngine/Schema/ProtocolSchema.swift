#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSource
import StemCheckModel

/// The protocol schema (`rules/protocol.schema.json`, SPEC 4), compiled once to validate protocols
/// before the rules run (`SchemaValidator`).
///
/// stemcheck validates with its own code, over the loaded node tree, the subset of JSON Schema
/// draft 2020-12 that the schema uses: `type`, `enum`, `const`, `format: date`, `pattern`, `minimum`,
/// `maximum`, `properties`, `items`, `additionalProperties` (a schema), `required`, `oneOf`, `anyOf`
/// and `$ref` into `$defs`. Any other assertion keyword is refused when the schema compiles, so the
/// schema cannot say something `check` would silently ignore. Annotations (`title`, `description`,
/// `examples`, `x-…`) are kept where messages use them. Objects stay open: keys the schema does not
/// list are not validated here (an unknown key is a warning with a did-you-mean, SPEC 4).
public struct ProtocolSchema: Sendable {
    /// The schema's `x-version`.
    public let version: String
    /// SHA-256 of the schema file's bytes, lowercase hex (the report names the schema it used).
    public let sha256: String
    /// The schema's `title`.
    public let title: String
    /// The file name used in messages about the schema itself.
    public let file: String
    let root: SchemaNode

    /// The schema shipped in the binary (`stemcheck schema` prints it).
    public static let shipped: ProtocolSchema = {
        do {
            return try ProtocolSchema(text: EmbeddedResources.protocolSchema, file: "rules/protocol.schema.json",
                                      sha256: EmbeddedResources.protocolSchemaSHA256)
        } catch {
            fatalError("the embedded protocol schema does not compile (run swift test): \(error)")
        }
    }()

    /// Compiles a schema given as JSON text. Problems (an unsupported keyword, a bad pattern, a
    /// `$ref` that does not resolve) are located input errors.
    /// `sha256`, when given, is the digest of `text`'s UTF-8 bytes computed beforehand (the shipped
    /// schema's, at build time); otherwise it is computed here.
    public init(text: String, file: String, sha256: String? = nil) throws(InputError) {
        let bytes = Array(text.utf8)
        let document: YAMLDocument
        do {
            // A `.json` schema (the shipped one) is read with the JSON loader, four times faster
            // than libyaml on the same text.
            document = try YAMLLoader().loadDocument(bytes: bytes, file: file, syntax: SourceSyntax(fileName: file))
        } catch {
            throw InputError([Diagnostic(error)])
        }
        var compiler = SchemaCompiler(root: document.root)
        let root = compiler.compile(document.root, pointer: "#")
        guard compiler.diagnostics.isEmpty else { throw InputError(compiler.diagnostics) }
        self.root = root
        self.file = file
        self.sha256 = sha256 ?? Digest.sha256(bytes)
        self.version = document.root["x-version"]?.text ?? "unversioned"
        self.title = document.root["title"]?.string ?? "protocol schema"
    }
}

/// One compiled (sub)schema. Immutable once compiled; `$defs` are compiled once and shared.
final class SchemaNode: Sendable {
    /// The JSON types a `type` keyword allows.
    struct Types: OptionSet, Sendable {
        let rawValue: UInt8
        static let null = Types(rawValue: 1), boolean = Types(rawValue: 2), integer = Types(rawValue: 4),
                   number = Types(rawValue: 8), string = Types(rawValue: 16), array = Types(rawValue: 32),
                   object = Types(rawValue: 64)
    }

    /// An `enum` (or `const`) value.
    enum Constant: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String, bytes: [UInt8])

        /// The value as written in a protocol (strings bare, numbers short).
        var text: String {
            switch self {
            case .null: return "null"
            case .bool(let b): return b ? "true" : "false"
            case .number(let n): return NumberText.format(n)
            case .string(let s, _): return s
            }
        }
    }

    /// Where the node sits in the schema, as a JSON pointer (`#/properties/protocol`).
    let pointer: String
    let title: String?
    /// The first of `examples`, written as YAML (flow style).
    let example: String?
    /// `x-unit`: what a plain number counts (`months`, `cells/kg`).
    let unit: String?
    /// `x-dimension` of a quantity (`time`).
    let dimension: String?
    /// `#anchor` in docs/protocol-schema.md of a controlled vocabulary (from its `description`).
    let vocabularyAnchor: String?

    let types: Types?
    let enumValues: [Constant]?
    let format: Format?
    /// Whether the value is a date (full or partial).
    var formatDate: Bool { format == .date || format == .partialDate }

    /// The `format` values stemcheck checks.
    enum Format: String, CaseIterable {
        /// An ISO 8601 date or date-time.
        case date
        /// A date, or a partial date (`2015`, `2015-11`) read as the period it names.
        case partialDate = "partial-date"
        /// A quantity, a range or a bound as SPEC 3.3 and docs/rule-language.md read them (`1–5 × 10^7 cells/kg`).
        case quantity

        /// What a value in this format looks like, for messages.
        var expected: String {
            switch self {
            case .date: return "a date (YYYY-MM-DD)"
            case .partialDate: return "a date (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known)"
            case .quantity: return "a quantity with its unit (\"2 × 10^7 cells/kg\"), a range (\"1–5 × 10^7 cells/kg\") or a bound (\"> 3 × 10^7 cells/kg\")"
            }
        }
    }
    let pattern: Pattern?
    let minimum: Double?
    let maximum: Double?
    let properties: [(name: String, node: SchemaNode)]
    /// The property names' UTF-8 bytes one after another, with each name's end, for a lookup by a
    /// key's bytes that touches no reference-counted value until it finds the name.
    private let nameBytes: [UInt8]
    private let nameEnds: [Int]
    let additionalProperties: SchemaNode?
    let items: SchemaNode?
    let required: [String]
    let oneOf: [SchemaNode]
    let anyOf: [SchemaNode]
    /// The `$ref` target, validated alongside the node's own keywords.
    let ref: SchemaNode?

    // What the walk needs to know about the node, as plain flags: it runs over every value of
    // every protocol, and a flag is read without touching the reference-counted fields.
    let hasTitle: Bool
    let hasRef: Bool
    let hasEnum: Bool
    /// `format: date` or a `pattern`: the value's text is needed.
    let checksText: Bool
    let hasBounds: Bool
    let hasAlternatives: Bool
    /// `properties`, `additionalProperties` or `required`: a mapping's keys are visited.
    let checksKeys: Bool
    /// Only a `type`: most fields. A scalar of an accepted kind is settled without a call.
    let typeOnly: Bool

    init(pointer: String, title: String?, example: String?, unit: String?, dimension: String?, vocabularyAnchor: String?,
         types: Types?, enumValues: [Constant]?, format: Format?, pattern: Pattern?, minimum: Double?, maximum: Double?,
         properties: [(name: String, node: SchemaNode)], additionalProperties: SchemaNode?, items: SchemaNode?,
         required: [String], oneOf: [SchemaNode], anyOf: [SchemaNode], ref: SchemaNode?) {
        self.pointer = pointer
        self.title = title
        self.example = example
        self.unit = unit
        self.dimension = dimension
        self.vocabularyAnchor = vocabularyAnchor
        self.types = types
        self.enumValues = enumValues
        self.format = format
        self.pattern = pattern
        self.minimum = minimum
        self.maximum = maximum
        self.properties = properties
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for (name, _) in properties {
            bytes += Array(name.utf8)
            ends.append(bytes.count)
        }
        self.nameBytes = bytes
        self.nameEnds = ends
        hasTitle = title != nil
        hasRef = ref != nil
        hasEnum = enumValues != nil
        checksText = format != nil || pattern != nil
        hasBounds = minimum != nil || maximum != nil
        hasAlternatives = !oneOf.isEmpty || !anyOf.isEmpty
        checksKeys = !properties.isEmpty || additionalProperties != nil || !required.isEmpty
        typeOnly = types != nil && ref == nil && enumValues == nil && format == nil && pattern == nil && minimum == nil
            && maximum == nil && oneOf.isEmpty && anyOf.isEmpty && items == nil && properties.isEmpty
            && additionalProperties == nil && required.isEmpty
        self.additionalProperties = additionalProperties
        self.items = items
        self.required = required
        self.oneOf = oneOf
        self.anyOf = anyOf
        self.ref = ref
    }

    /// Whether a scalar of this kind is valid against a `typeOnly` node, decided without a walk.
    @inline(__always) func acceptsScalar(_ kind: NodeKind) -> Bool {
        guard typeOnly, let types else { return false }
        switch kind {
        case .string: return types.contains(.string)
        case .int: return !types.isDisjoint(with: [.integer, .number, .string])
        case .bool: return types.contains(.boolean)
        case .null: return types.contains(.null)
        case .float, .sequence, .mapping: return false  // an integral float, a collection: the full check
        }
    }

    /// The property schema for a key given as UTF-8 bytes (a linear scan: a level has a few dozen keys).
    func property(_ key: UnsafeBufferPointer<UInt8>) -> SchemaNode? {
        let found: Int? = nameBytes.withUnsafeBufferPointer { names in
            nameEnds.withUnsafeBufferPointer { ends in
                var start = 0
                for k in 0..<ends.count {
                    let end = ends[k]
                    if end - start == key.count, key.count == 0 || memcmp(names.baseAddress! + start, key.baseAddress!, key.count) == 0 {
                        return k
                    }
                    start = end
                }
                return nil
            }
        }
        return found.map { properties[$0].node }
    }

    /// Whether the node or its `$ref` chain has a `title`, a unit, ... : the first one found.
    func first<T>(_ property: (SchemaNode) -> T?) -> T? {
        var node: SchemaNode? = self
        while let current = node {
            if let value = property(current) { return value }
            node = current.ref
        }
        return nil
    }
}

/// Turns the schema's JSON into `SchemaNode`s, collecting every problem with its location.
struct SchemaCompiler {
    let root: YAMLNode
    var diagnostics: [Diagnostic] = []
    private var definitions: [String: SchemaNode] = [:]
    private var compiling: Set<String> = []

    /// Keywords that only annotate; the validator reads a few of them for its messages.
    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default", "deprecated",
        "readOnly", "writeOnly",
    ]
    static let assertions: [String] = [
        "type", "enum", "const", "format", "pattern", "minimum", "maximum", "properties", "additionalProperties",
        "items", "required", "oneOf", "anyOf", "$ref",
    ]

    init(root: YAMLNode) { self.root = root }

    mutating func fail(_ node: YAMLNode, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(node.location, message, hint: hint))
    }

    mutating func compile(_ node: YAMLNode, pointer: String) -> SchemaNode {
        guard node.kind == .mapping else {
            fail(node, "a schema must be an object, found \(describe(node)) at \(pointer)",
                 hint: "boolean schemas (true/false) are not supported")
            return Self.empty(pointer)
        }
        for (key, _) in node.pairs {
            guard let name = key.text else { continue }
            if name.hasPrefix("x-") || Self.annotations.contains(name) || Self.assertions.contains(name) { continue }
            fail(key, "the keyword '\(name)' (at \(pointer)) is not supported by stemcheck's schema validator",
                 hint: "supported: " + Self.assertions.joined(separator: ", ") + "; annotations and x-… keywords are kept")
        }
        var types: SchemaNode.Types?
        if let value = node["type"] {
            types = []
            let names = value.kind == .sequence ? value.items : [value]
            for item in names {
                switch item.string {
                case "null": types!.insert(.null)
                case "boolean": types!.insert(.boolean)
                case "integer": types!.insert(.integer)
                case "number": types!.insert(.number)
                case "string": types!.insert(.string)
                case "array": types!.insert(.array)
                case "object": types!.insert(.object)
                default: fail(item, "unknown type \(describe(item)) at \(pointer)")
                }
            }
        }
        var enumValues: [SchemaNode.Constant]?
        if let value = node["enum"] {
            if value.kind == .sequence, value.count > 0 {
                enumValues = value.items.compactMap { constant($0, pointer: pointer) }
            } else {
                fail(value, "'enum' must be a non-empty array at \(pointer)")
            }
        }
        if let value = node["const"], let c = constant(value, pointer: pointer) {
            enumValues = (enumValues ?? []) + [c]
        }
        var format: SchemaNode.Format?
        if let value = node["format"] {
            if let f = value.string.flatMap(SchemaNode.Format.init(rawValue:)) { format = f } else {
                fail(value, "format \(describe(value)) is not supported at \(pointer)",
                     hint: "stemcheck checks the formats " + SchemaNode.Format.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        var pattern: Pattern?
        if let value = node["pattern"] {
            if let source = value.string {
                do {
                    pattern = try Pattern(source, ignoreCase: false)
                } catch {
                    fail(value, "the pattern at \(pointer) does not compile: \(error)",
                         hint: "use the common subset of ECMA-262 and stemcheck's regex syntax (docs/rule-language.md)")
                }
            } else {
                fail(value, "'pattern' must be a string at \(pointer)")
            }
        }
        func number(_ key: String) -> Double? {
            guard let value = node[key] else { return nil }
            if let n = value.number { return n }
            fail(value, "'\(key)' must be a number at \(pointer)")
            return nil
        }
        let minimum = number("minimum"), maximum = number("maximum")
        var properties: [(name: String, node: SchemaNode)] = []
        if let value = node["properties"] {
            if value.kind == .mapping {
                for (key, child) in value.pairs {
                    let name = key.text ?? ""
                    properties.append((name, compile(child, pointer: pointer + "/properties/" + name)))
                }
            } else {
                fail(value, "'properties' must be an object at \(pointer)")
            }
        }
        var additional: SchemaNode?
        if let value = node["additionalProperties"] {
            if value.kind == .bool {
                fail(value, "additionalProperties: \(value.bool! ? "true" : "false") at \(pointer): the protocol schema leaves objects open and gives additionalProperties only as a schema",
                     hint: "unknown keys are reported as warnings by check, not by the schema (SPEC 4)")
            } else {
                additional = compile(value, pointer: pointer + "/additionalProperties")
            }
        }
        let items = node["items"].map { compile($0, pointer: pointer + "/items") }
        var required: [String] = []
        if let value = node["required"] {
            required = value.items.compactMap(\.string)
            if value.kind != .sequence || required.count != value.count { fail(value, "'required' must be an array of strings at \(pointer)") }
        }
        func list(_ key: String) -> [SchemaNode] {
            guard let value = node[key] else { return [] }
            guard value.kind == .sequence, value.count > 0 else {
                fail(value, "'\(key)' must be a non-empty array at \(pointer)")
                return []
            }
            return value.items.enumerated().map { compile($1, pointer: pointer + "/\(key)/\($0)") }
        }
        let oneOf = list("oneOf"), anyOf = list("anyOf")
        var ref: SchemaNode?
        if let value = node["$ref"] {
            ref = resolve(value, pointer: pointer)
        }
        let description = node["description"]?.string ?? ""
        var anchor: String?
        // The bytes first (cheap, and most descriptions have no link); the string search, which
        // does not match where a combining mark joins the `#`, decides.
        if description.utf8Range(of: "docs/protocol-schema.md#") != nil, let range = description.range(of: "docs/protocol-schema.md#") {
            anchor = String(description[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        return SchemaNode(
            pointer: pointer, title: node["title"]?.string, example: node["examples"]?.item(0).map(Self.yaml),
            unit: node["x-unit"]?.string, dimension: node["x-dimension"]?.string, vocabularyAnchor: anchor,
            types: types, enumValues: enumValues, format: format, pattern: pattern, minimum: minimum, maximum: maximum,
            properties: properties, additionalProperties: additional, items: items, required: required,
            oneOf: oneOf, anyOf: anyOf, ref: ref)
    }

    /// A `$ref` to `#/$defs/NAME`, compiled once; cycles and other references are refused.
    private mutating func resolve(_ value: YAMLNode, pointer: String) -> SchemaNode? {
        let prefix = "#/$defs/"
        guard let text = value.string, text.hasPrefix(prefix) else {
            fail(value, "only references to #/$defs/NAME are supported, found \(describe(value)) at \(pointer)")
            return nil
        }
        let name = String(text.dropFirst(prefix.count))
        if let done = definitions[name] { return done }
        guard let target = root["$defs"]?[name] else {
            fail(value, "\(text) (at \(pointer)) names no definition in $defs")
            return nil
        }
        guard !compiling.contains(name) else {
            fail(value, "\(text) refers to itself (at \(pointer)); recursive schemas are not supported")
            return nil
        }
        compiling.insert(name)
        let node = compile(target, pointer: text)
        compiling.remove(name)
        definitions[name] = node
        return node
    }

    private mutating func constant(_ node: YAMLNode, pointer: String) -> SchemaNode.Constant? {
        switch node.kind {
        case .null: return .null
        case .bool: return .bool(node.bool!)
        case .int, .float: return .number(node.number!)
        case .string: return .string(node.string!, bytes: Array(node.string!.utf8))
        default:
            fail(node, "enum values must be scalars at \(pointer)")
            return nil
        }
    }

    static func empty(_ pointer: String) -> SchemaNode {
        SchemaNode(pointer: pointer, title: nil, example: nil, unit: nil, dimension: nil, vocabularyAnchor: nil,
                   types: nil, enumValues: nil, format: nil, pattern: nil, minimum: nil, maximum: nil,
                   properties: [], additionalProperties: nil, items: nil, required: [], oneOf: [], anyOf: [], ref: nil)
    }

    /// A JSON value written as YAML in flow style, as a person writes it in a protocol.
    static func yaml(_ node: YAMLNode) -> String {
        switch node.kind {
        case .sequence: return "[" + node.items.map(yaml).joined(separator: ", ") + "]"
        case .mapping: return "{" + node.pairs.map { ($0.key.text ?? "") + ": " + yaml($0.value) }.joined(separator: ", ") + "}"
        case .null: return "~"
        case .string:
            let text = node.string!
            // Plain when it reads back as the same string (YAML 1.2 core schema) and holds nothing that
            // YAML would take as syntax in a flow collection.
            let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { !":#[]{},\"'\n\t".unicodeScalars.contains($0) }
                && text.unicodeScalars.first.map { $0.properties.isAlphabetic || $0 == "_" } == true
                && text.unicodeScalars.last != " " && CoreSchema.resolvePlain(text) == .string
            return plain || ISODate.looksLikeDate(text) && text.utf8.count == 10 ? text : JSONText.quote(text)
        default: return node.text ?? ""
        }
    }
}
