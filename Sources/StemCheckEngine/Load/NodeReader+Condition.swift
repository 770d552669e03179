import YAMLSource
import StemCheckModel

/// Compiles condition mappings (SPEC 3.1), validating every operand at load time.
extension NodeReader {
    static let combinatorKeys = ["all", "any", "not", "for_each"]
    static let forEachKeys = ["for_each", "check", "where", "min_items"]
    static let leafKeys = ["path", "ignore_case"] + Operator.names

    /// Parses a condition; nil when it is malformed (the problems are in `diagnostics`).
    mutating func condition(_ node: YAMLNode, what: String) -> Condition? {
        guard node.kind == .mapping else {
            fail(node, "\(what) must be a condition mapping (all, any, not, for_each or path + operator), found \(describe(node))")
            return nil
        }
        let keys = node.pairs.compactMap { $0.key.text }
        let shapes = keys.filter { Self.combinatorKeys.contains($0) || $0 == "path" }
        if shapes.count != 1 {
            if shapes.isEmpty {
                let unknown = keys.first { !Self.leafKeys.contains($0) && !Self.forEachKeys.contains($0) }
                let hint = unknown.map { Suggestion.phrase(for: $0, in: Self.combinatorKeys + Self.leafKeys) } ?? ""
                fail(node, "\(what) has none of all, any, not, for_each or path\(hint)",
                     hint: "a leaf is {path: a.b, OPERATOR: value}; combine leaves with all/any/not")
            } else {
                fail(node, "\(what) mixes \(shapes.joined(separator: " and ")); a condition has exactly one of all, any, not, for_each or path",
                     hint: "wrap several conditions in all: [...] or any: [...]")
            }
            return nil
        }
        let location = node.location
        switch shapes[0] {
        case "all", "any":
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
            return name == "all" ? .all(parts, at: location) : .any(parts, at: location)
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
        guard let text = node.string else {
            fail(node, "'\(key)' must be a path string like a.b[0].c, found \(describe(node))")
            return nil
        }
        do {
            return try Path.parse(text)
        } catch {
            var location = node.location
            if node.style == .plain {
                location.column += error.offset
            } else if node.style == .singleQuoted || node.style == .doubleQuoted,
                      let source = line(location.line).map({ Array($0.unicodeScalars) }), location.column >= 1,
                      source.count >= location.column + text.unicodeScalars.count,
                      String(String.UnicodeScalarView(source[location.column..<(location.column + text.unicodeScalars.count)])) == text {
                // The quoted text appears verbatim after its quote (no escapes): point at the character.
                location.column += 1 + error.offset
            }
            fail(at: location, "invalid path '\(text)': \(error.message)")
            return nil
        }
    }

    private mutating func leaf(_ node: YAMLNode) -> Condition? {
        checkKeys(node, allowed: Self.leafKeys, in: "a condition")
        let operators = node.pairs.filter { Operator.names.contains($0.key.text ?? "") }
        guard operators.count == 1 else {
            if operators.isEmpty {
                fail(node, "the condition on '\(node["path"]?.text ?? "?")' has no operator",
                     hint: "add one of: " + Operator.names.joined(separator: ", "))
            } else {
                fail(operators[1].key, "a condition takes exactly one operator; found " +
                     operators.compactMap { $0.key.text }.joined(separator: " and "),
                     hint: "combine several tests with all: [...]")
            }
            return nil
        }
        let pathNode = node["path"]!
        let path = pathValue(pathNode, key: "path")
        let ignoreCase = bool(node, "ignore_case", in: "a condition") ?? false
        let (keyNode, value) = operators[0]
        let name = keyNode.text!
        guard let op = operatorValue(name, value, ignoreCase: ignoreCase) else { return nil }
        if ignoreCase, !["equals", "not_equals", "in", "not_in", "contains", "matches"].contains(name) {
            fail(node["ignore_case"]!, "ignore_case has no effect on '\(name)'",
                 hint: "use ignore_case with equals, not_equals, in, not_in, contains or matches")
            return nil
        }
        guard let path else { return nil }
        return .leaf(Leaf(path: path, op: op, ignoreCase: ignoreCase, location: node.location))
    }

    private mutating func operatorValue(_ name: String, _ value: YAMLNode, ignoreCase: Bool) -> Operator? {
        switch name {
        case "exists":
            guard let b = value.bool else {
                fail(value, "'exists' takes true or false, found \(describe(value))")
                return nil
            }
            return .exists(b)
        case "equals", "not_equals", "contains":
            if value.isNull {
                fail(value, "'\(name)' needs a value; null never matches (a missing or null field is unknown)",
                     hint: "to require absence use exists: false")
                return nil
            }
            let v = RuleValue(value)
            return name == "equals" ? .equals(v) : name == "not_equals" ? .notEquals(v) : .contains(v)
        case "in", "not_in":
            guard value.kind == .sequence, value.count > 0 else {
                fail(value, "'\(name)' takes a non-empty list of values, found \(describe(value))")
                return nil
            }
            let vs = value.items.map(RuleValue.init)
            return name == "in" ? .in(vs) : .notIn(vs)
        case "matches":
            guard let source = value.string else {
                fail(value, "'matches' takes a regular expression string, found \(describe(value))")
                return nil
            }
            do {
                return .matches(try Pattern(source, ignoreCase: ignoreCase))
            } catch {
                var location = value.location
                if value.style == .plain || value.style == .singleQuoted || value.style == .doubleQuoted {
                    location.column += error.offset + (value.style == .plain ? 0 : 1)
                }
                fail(at: location, "invalid regular expression '\(source)': \(error.message)",
                     hint: "stemcheck supports the common subset of Swift Regex / ICU syntax, without backreferences or lookaround (see docs/rule-language.md)")
                return nil
            }
        case "gt", "gte", "lt", "lte":
            guard let operand = operand(value, name) else { return nil }
            switch name {
            case "gt": return .gt(operand)
            case "gte": return .gte(operand)
            case "lt": return .lt(operand)
            default: return .lte(operand)
            }
        case "min_items", "max_items", "min_length", "max_length":
            guard let n = nonNegativeInt(value, name) else { return nil }
            switch name {
            case "min_items": return .minItems(n)
            case "max_items": return .maxItems(n)
            case "min_length": return .minLength(n)
            default: return .maxLength(n)
            }
        case "type":
            guard let text = value.string, let type = ValueType(rawValue: text) else {
                let names = ValueType.allCases.map(\.rawValue)
                fail(value, "'type' must be one of \(names.joined(separator: ", "))" +
                     (value.string.map { Suggestion.phrase(for: $0, in: names) } ?? ", found \(describe(value))"))
                return nil
            }
            return .type(type)
        default:
            return nil
        }
    }

    private mutating func operand(_ value: YAMLNode, _ name: String) -> Operand? {
        switch value.kind {
        case .int, .float:
            return .number(value.number!)
        case .mapping:
            if value.count == 1, let pathNode = value["path"] {
                guard let path = pathValue(pathNode, key: "path") else { return nil }
                if path.hasWildcard {
                    // A comparison needs one value on the other side; a wildcard reaches many.
                    fail(pathNode, "the compared path '\(path.text)' of '\(name)' cannot contain [*]; it must name one value",
                         hint: "compare each element with for_each, or index one element: a.items[0].x")
                    return nil
                }
                return .path(path)
            }
            if value["value"] != nil || value["unit"] != nil {
                return quantityMap(value, name)
            }
            fail(value, "'\(name)' takes a number, a quantity, a date or {path: OTHER}; this mapping is none of them")
            return nil
        case .string:
            let text = value.string!
            if ISODate.looksLikeDate(text) {
                if let date = ISODate.parse(text) { return .date(date) }
                fail(value, "'\(text)' is not a valid date", hint: "write an ISO 8601 date such as 2026-01-31")
                return nil
            }
            switch Quantity.parse(text) {
            case .quantity(let q): return .quantity(q)
            case .unknownUnit(let unit):
                fail(value, "unknown unit '\(unit)'\(Suggestion.phrase(for: unit, in: MeasureUnit.spellings))",
                     hint: "known units: " + MeasureUnit.symbols.joined(separator: " ") + " (plural and short forms too; see docs/rule-language.md)")
                return nil
            case .notQuantity:
                if let n = NumberText.parse(text) { return .number(n) }
                fail(value, "'\(name)' takes a number, a quantity like \"12 months\", a date like 2026-01-31 or {path: OTHER}; found \(describe(value))")
                return nil
            }
        default:
            fail(value, "'\(name)' takes a number, a quantity like \"12 months\", a date like 2026-01-31 or {path: OTHER}; found \(describe(value))")
            return nil
        }
    }

    private mutating func quantityMap(_ node: YAMLNode, _ name: String) -> Operand? {
        checkKeys(node, allowed: ["value", "unit"], in: "a quantity")
        guard let number = node["value"]?.number ?? node["value"]?.string.flatMap(NumberText.parse) else {
            fail(node, "a quantity needs a numeric 'value'")
            return nil
        }
        guard let unitText = node["unit"]?.string else {
            fail(node, "a quantity needs a 'unit'")
            return nil
        }
        guard let unit = MeasureUnit.named(unitText) else {
            fail(node["unit"]!, "unknown unit '\(unitText)'\(Suggestion.phrase(for: unitText, in: MeasureUnit.spellings))")
            return nil
        }
        return .quantity(Quantity(value: number, unit: unit))
    }
}
