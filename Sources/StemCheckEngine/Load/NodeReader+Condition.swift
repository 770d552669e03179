import YAMLSource
import StemCheckModel

/// Compiles condition mappings (SPEC 3.1), validating every operand at load time.
extension NodeReader {
    static let combinatorKeys = ["all", "any", "any_stated", "not", "for_each"]
    static let forEachKeys = ["for_each", "check", "where", "min_items"]
    static let subjectKeys = ["path", "value"]
    static let leafKeys = subjectKeys + ["ignore_case", "ignore_whitespace"] + OperatorTable.names
    static let shapesText = "all, any, any_stated, not, for_each, or path/value + operator"

    /// Parses a condition; nil when it is malformed (the problems are in `diagnostics`).
    mutating func condition(_ node: YAMLNode, what: String) -> Condition? {
        guard node.kind == .mapping else {
            fail(node, "\(what) must be a condition mapping (\(Self.shapesText)), found \(describe(node))")
            return nil
        }
        let keys = node.pairs.compactMap { $0.key.text }
        var shapes = keys.filter { Self.combinatorKeys.contains($0) || Self.subjectKeys.contains($0) }
        if shapes.contains("path"), shapes.contains("value"), let valueKey = keyNode(node, "value") {
            fail(valueKey, "'value' cannot stand beside 'path': a leaf tests either a field (path: P) or a computed value (value: {count: P}, {min: P}, ...)",
                 hint: "drop one of them; to compare a field with a computed value write {path: P, gte: {min: OTHER}}")
            shapes.removeAll { $0 == "value" }
            if shapes.count == 1 { return nil }
        }
        if shapes.count != 1 {
            if shapes.isEmpty {
                let unknown = keys.first { !Self.leafKeys.contains($0) && !Self.forEachKeys.contains($0) }
                let hint = unknown.map { Suggestion.phrase(for: $0, in: Self.combinatorKeys + Self.leafKeys) } ?? ""
                fail(node, "\(what) has none of all, any, any_stated, not, for_each, path or value\(hint)",
                     hint: "a leaf is {path: a.b, OPERATOR: value}; combine leaves with all/any/not")
            } else {
                fail(node, "\(what) mixes \(shapes.joined(separator: " and ")); a condition has exactly one of all, any, any_stated, not, for_each, path or value",
                     hint: "wrap several conditions in all: [...] or any: [...]")
            }
            return nil
        }
        let location = node.location
        switch shapes[0] {
        case "all", "any", "any_stated":
            let name = shapes[0]
            checkKeys(node, allowed: [name], in: "an '\(name)' condition")
            let list = node[name]!
            guard list.kind == .sequence else {
                fail(list, "'\(name)' takes a list of conditions, found \(describe(list))")
                return nil
            }
            guard list.count > 0 else {
                fail(list, "'\(name)' needs at least one condition; the list is empty")
                return nil
            }
            var parts: [Condition] = []
            var ok = true
            for item in list.items {
                if let c = condition(item, what: "an item of '\(name)'") { parts.append(c) } else { ok = false }
            }
            guard ok else { return nil }
            switch name {
            case "all": return .all(parts, at: location)
            case "any": return .any(parts, at: location)
            default: return .anyStated(parts, at: location)
            }
        case "not":
            checkKeys(node, allowed: ["not"], in: "a 'not' condition")
            guard let inner = condition(node["not"]!, what: "the operand of 'not'") else { return nil }
            return .not(inner, at: location)
        case "for_each":
            return forEach(node)
        default:
            return leaf(node)
        }
    }

    private mutating func forEach(_ node: YAMLNode) -> Condition? {
        checkKeys(node, allowed: Self.forEachKeys, in: "a 'for_each' condition")
        var ok = true
        let path = pathValue(node["for_each"]!, key: "for_each")
        if path == nil { ok = false }
        var check: Condition?
        if let checkNode = node["check"] {
            check = condition(checkNode, what: "the 'check' of 'for_each'")
            if check == nil { ok = false }
        } else {
            fail(node, "'for_each' needs a 'check' condition to test on each item",
                 hint: "for_each: list.path\ncheck: {path: field, exists: true}")
            ok = false
        }
        var filter: Condition?
        if let whereNode = node["where"] {
            filter = condition(whereNode, what: "the 'where' of 'for_each'")
            if filter == nil { ok = false }
        }
        var minItems = 0
        if let m = node["min_items"] {
            if let n = nonNegativeInt(m, "min_items") { minItems = n } else { ok = false }
        }
        guard ok, let path, let check else { return nil }
        return .forEach(ForEach(path: path, filter: filter, check: check, minItems: minItems, location: node.location))
    }

    mutating func pathValue(_ node: YAMLNode, key: String) -> Path? {
        do {
            return try Operand.path(node, key: key, sourceLine: line)
        } catch {
            fail(at: error.location, error.message, hint: error.hint)
            return nil
        }
    }

    private mutating func leaf(_ node: YAMLNode) -> Condition? {
        checkKeys(node, allowed: Self.leafKeys, in: "a condition")
        let subjectKey = node["path"] != nil ? "path" : "value"
        let operators = node.pairs.filter { OperatorTable.named[$0.key.text ?? ""] != nil }
        guard operators.count == 1 else {
            if operators.isEmpty {
                let subject = subjectKey == "path" ? node["path"]?.text ?? "?" : "value"
                fail(node, "the condition on '\(subject)' has no operator",
                     hint: "add one of: " + OperatorTable.names.joined(separator: ", "))
            } else {
                fail(operators[1].key, "a condition takes exactly one operator; found " +
                     operators.compactMap { $0.key.text }.joined(separator: " and "),
                     hint: "combine several tests with all: [...]")
            }
            return nil
        }
        let ignoreCase = bool(node, "ignore_case", in: "a condition") ?? false
        let ignoreWhitespace = bool(node, "ignore_whitespace", in: "a condition") ?? false
        let (keyNode, value) = operators[0]
        let definition = OperatorTable.named[keyNode.text!]!
        // Conditions nested in operands and computed values (`{count: P, where: C}`) report their
        // own problems here, with the rest of the file's.
        let nested = NestedDiagnostics()
        let bytes = self.bytes, file = self.file
        var context = CompileContext(ignoreCase: ignoreCase, ignoreWhitespace: ignoreWhitespace) { node, what throws(OperandError) in
            var reader = NodeReader(bytes: bytes, file: file)
            let condition = reader.condition(node, what: what)
            nested.diagnostics += reader.diagnostics
            guard let condition else {
                var error = OperandError(node, "\(what) is not a valid condition")
                error.alreadyReported = true
                throw error
            }
            return condition
        }
        defer { diagnostics += nested.diagnostics }
        let op: any LeafOperator
        do {
            op = try definition.compile(value, context)
        } catch {
            if !error.alreadyReported { fail(at: error.location, error.message, hint: error.hint) }
            return nil
        }
        if ignoreCase, !definition.foldsCase {
            let folding = OperatorTable.all.filter(\.foldsCase).map(\.name)
            fail(node["ignore_case"]!, "ignore_case has no effect on '\(definition.name)'",
                 hint: "use ignore_case with " + folding.dropLast().joined(separator: ", ") + " or " + folding.last!)
            return nil
        }
        if ignoreWhitespace, !definition.ignoresWhitespace {
            let normalising = OperatorTable.all.filter(\.ignoresWhitespace).map(\.name)
            fail(node["ignore_whitespace"]!, "ignore_whitespace has no effect on '\(definition.name)'",
                 hint: "use ignore_whitespace with " + normalising.dropLast().joined(separator: ", ") + " or " + normalising.last!)
            return nil
        }
        let subject: Subject
        if subjectKey == "path" {
            guard let path = pathValue(node["path"]!, key: "path") else { return nil }
            subject = .path(path)
        } else {
            let valueNode = node["value"]!
            context.durationInCalendarMonths = op.measuresInCalendarMonths
            do throws(OperandError) {
                guard Reference.isReference(valueNode) else {
                    throw OperandError(valueNode, "'value' takes a computed value such as {count: PATH}, {min: PATH} or {duration: {from: A, to: B}}, found \(describe(valueNode))",
                                       hint: "to test a field write path: P instead of value")
                }
                let reference = try Reference.compile(valueNode, for: "value", in: context)
                if let path = reference.plainPath, let pathKey = self.keyNode(valueNode, "path") {
                    throw OperandError(pathKey, "value: {path: \(path.text)} is the field itself", hint: "write path: \(path.text)")
                }
                subject = .computed(reference)
            } catch {
                if !error.alreadyReported { fail(at: error.location, error.message, hint: error.hint) }
                return nil
            }
        }
        return .leaf(Leaf(subject: subject, definition: definition, op: op, ignoreCase: ignoreCase,
                          ignoreWhitespace: ignoreWhitespace, location: node.location))
    }
}

/// Diagnostics of conditions compiled inside operands, gathered while the operand compiles.
private final class NestedDiagnostics {
    var diagnostics: [Diagnostic] = []
}
