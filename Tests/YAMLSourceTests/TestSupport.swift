import Foundation
import Testing
@testable import YAMLSource

/// Shared helpers for the YAMLSource tests.
enum TestYAML {
    /// Loads every document of `text`, named `t.yaml` in messages.
    static func stream(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> [YAMLDocument] {
        try YAMLLoader(limits: limits).loadStream(bytes: Array(text.utf8), file: "t.yaml")
    }

    /// Loads the single document of `text`.
    static func document(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLError) -> YAMLDocument {
        try YAMLLoader(limits: limits).loadDocument(bytes: Array(text.utf8), file: "t.yaml")
    }

    /// The root of the single document of `text`.
    static func root(_ text: String) throws(YAMLError) -> YAMLNode {
        try document(text).root
    }

    /// The compact JSON of the single document of `text`.
    static func json(_ text: String) throws(YAMLError) -> String {
        try document(text).root.json(indent: 0)
    }

    /// The error that loading `text` (as a stream) throws, or nil when it loads.
    static func error(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
        error(bytes: Array(text.utf8), limits: limits)
    }

    /// The error that loading `bytes` (as a stream) throws, or nil when it loads.
    static func error(bytes: [UInt8], limits: YAMLLimits = YAMLLimits()) -> YAMLError? {
        do {
            _ = try YAMLLoader(limits: limits).loadStream(bytes: bytes, file: "t.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// The reason and 1-based line:column of the error `text` throws, or nil when it loads.
    static func failure(_ text: String, limits: YAMLLimits = YAMLLimits()) -> (reason: YAMLError.Reason, line: Int, column: Int)? {
        guard let error = error(text, limits: limits) else { return nil }
        return (error.reason, error.location.line, error.location.column)
    }
}

/// A JSON value for comparing loaded YAML with expected JSON: numbers compare numerically,
/// objects without regard to order.
indirect enum JSONValue: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let value): return JSONText.quote(value)
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { JSONText.quote($0) + ": " + members[$0]!.description }
                .joined(separator: ", ") + "}"
        }
    }

    /// The value of a loaded node; keys that are not strings become their JSON text, as `show` writes them.
    init(_ node: YAMLNode) {
        switch node.kind {
        case .null: self = .null
        case .bool: self = .bool(node.bool!)
        case .int: self = .number(Double(node.int!))
        case .float: self = .number(node.float!)
        case .string: self = .string(node.string!)
        case .sequence: self = .array(node.items.map(JSONValue.init))
        case .mapping:
            var members: [String: JSONValue] = [:]
            for pair in node.pairs {
                let key = pair.key.kind == .string ? pair.key.string! : pair.key.jsonScalarText
                members[key] = JSONValue(pair.value)
            }
            self = .object(members)
        }
    }

    /// The value of an object produced by `JSONSerialization`.
    init(foundation value: Any) {
        switch value {
        case is NSNull:
            self = .null
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            if JSONValue.isBoolean(number) {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let items as [Any]:
            self = .array(items.map { JSONValue(foundation: $0) })
        case let members as [String: Any]:
            self = .object(members.mapValues { JSONValue(foundation: $0) })
        default:
            self = .string("<unexpected \(type(of: value))>")
        }
    }

    /// Whether an `NSNumber` from `JSONSerialization` stands for `true`/`false` rather than a number.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        #if canImport(Darwin)
        return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
        return String(cString: number.objCType) == "c"  // JSON booleans; JSONSerialization never makes an Int8
        #endif
    }

    /// Parses a text holding zero or more JSON values one after another (one per YAML document).
    static func parseSequence(_ text: String) throws -> [JSONValue] {
        try splitTopLevel(text).map { piece in
            let object = try JSONSerialization.jsonObject(with: Data(piece.utf8), options: [.fragmentsAllowed])
            return JSONValue(foundation: object)
        }
    }

    /// Splits concatenated JSON values at the top level, honouring strings and nesting.
    static func splitTopLevel(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var pieces: [String] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            if i >= bytes.count { break }
            let start = i
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                var inString = false
                while i < bytes.count {
                    let b = bytes[i]
                    i += 1
                    if inString {
                        if b == backslash { i += 1 } else if b == quote { inString = false }
                    } else if b == quote {
                        inString = true
                    } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                        depth += 1
                    } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                }
            case quote:
                i += 1
                while i < bytes.count {
                    let b = bytes[i]
                    i += 1
                    if b == backslash { i += 1 } else if b == quote { break }
                }
            default:
                while i < bytes.count, !isSpace(bytes[i]) { i += 1 }
            }
            pieces.append(String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self))
        }
        return pieces
    }
}

/// Temporary files for tests that load from a path.
enum TemporaryFile {
    /// Writes `bytes` to a fresh file named `name` in a new temporary folder; returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("stemcheck-yaml-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Removes a file made by `write` and its folder.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }
}
