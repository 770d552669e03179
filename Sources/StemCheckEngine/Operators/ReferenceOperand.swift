import StemCheckModel
import YAMLSource

/// Compiling references and expressions (issue 14) from rule YAML; every problem is a located
/// `OperandError` with a hint. The grammar is in docs/rule-language.md ("References and computed
/// values").
extension Reference {
    /// The keys that say what a reference mapping refers to; exactly one must be present.
    static let baseKeys = ["path", "date"] + Expression.keys
    /// Offset keys; at most one.
    static let offsetKeys = ["plus", "minus"]

    /// Whether a mapping operand is a reference rather than a literal mapping: it has one of the
    /// reference keys (`path`, `date`, `count`, `min`, `max`, `sum`, `duration`, `product`, `times`).
    static func isReference(_ node: YAMLNode) -> Bool {
        guard node.kind == .mapping else { return false }
        var found = false
        node.forEachPair { key, _ in
            if let name = key.text, baseKeys.contains(name) { found = true }
        }
        return found
    }

    /// Compiles a reference mapping written as the operand of `name` (or as a leaf's `value`).
    static func compile(_ node: YAMLNode, for name: String, in context: CompileContext) throws(OperandError) -> Reference {
        guard node.kind == .mapping else {
            throw OperandError(node, "'\(name)' needs a reference such as {path: OTHER}, found \(describe(node))")
        }
        let keys = node.pairs.map { (name: $0.key.text ?? "?", key: $0.key, value: $0.value) }
        let bases = keys.filter { baseKeys.contains($0.name) }
        guard let base = bases.first else {
            let unknown = keys.first?.name ?? ""
            throw OperandError(node, "the mapping of '\(name)' names nothing to refer to\(Suggestion.phrase(for: unknown, in: baseKeys))",
                               hint: "write {path: OTHER}, {date: 2026-01-01} or a computed value such as {count: PATH}, optionally with plus or minus")
        }
        if bases.count > 1 {
            throw OperandError(bases[1].key, "a reference names one thing; this one has both '\(base.name)' and '\(bases[1].name)'",
                               hint: "split it into two conditions, or nest one: {product: [dose, {count: administrations}]}")
        }
        let allowed = [base.name] + offsetKeys + (base.name == "count" ? ["where"] : [])
        if let extra = keys.first(where: { !allowed.contains($0.name) }) {
            throw OperandError(extra.key, "unknown key '\(extra.name)' in a '\(base.name)' reference\(Suggestion.phrase(for: extra.name, in: allowed))",
                               hint: "allowed keys: " + allowed.joined(separator: ", "))
        }
        let offsets = keys.filter { offsetKeys.contains($0.name) }
        if offsets.count > 1 {
            throw OperandError(offsets[1].key, "a reference takes 'plus' or 'minus', not both",
                               hint: "write one signed offset: plus: \"21 days\" or minus: \"6 months\"")
        }
        let offset = try offsets.first.map { entry throws(OperandError) in
            DateOffset(amount: try Self.offsetAmount(entry.value, key: entry.name), backwards: entry.name == "minus")
        }
        let compiled: Base
        switch base.name {
        case "path" where (name == "in" || name == "not_in") && offset == nil:
            // `in: {path: "list[*].field"}`: one of the values a wildcard reaches.
            compiled = .path(try Operand.path(base.value, key: "path"))
        case "path":
            compiled = .path(try Self.singlePath(base.value, key: "path", of: name))
        case "date":
            compiled = .date(try Self.date(base.value, key: "date"))
        default:
            compiled = .expression(try Expression.compile(node, key: base.name, in: context))
        }
        return Reference(base: compiled, offset: offset, location: node.location)
    }

    /// A date operand of `duration` or `within`: a date (`2026-01-01`), a path string, or a reference mapping.
    static func dateOperand(_ node: YAMLNode, key: String, of name: String, in context: CompileContext,
                            pathShorthand: Bool) throws(OperandError) -> Reference {
        if node.kind == .mapping { return try compile(node, for: "\(name).\(key)", in: context) }
        if let text = node.string {
            if ISODate.looksLikeDate(text) { return Reference(base: .date(try date(node, key: key)), offset: nil, location: node.location) }
            if pathShorthand { return Reference(base: .path(try singlePath(node, key: key, of: name)), offset: nil, location: node.location) }
        }
        throw OperandError(node, "'\(key)' of '\(name)' must be a date like 2026-01-31 or {path: OTHER}, found \(describe(node))",
                           hint: pathShorthand ? nil : "to name a field write {path: \(node.string ?? "a.b")}")
    }

    /// A path that names one value (no `[*]`).
    static func singlePath(_ node: YAMLNode, key: String, of name: String) throws(OperandError) -> Path {
        let path = try Operand.path(node, key: key)
        if path.hasWildcard {
            // A comparison needs one value on the other side; a wildcard reaches many.
            throw OperandError(node, "the compared path '\(path.text)' of '\(name)' cannot contain [*]; it must name one value",
                               hint: "compare each element with for_each, aggregate them with {min: PATH} / {max: PATH}, or index one element: a.items[0].x")
        }
        return path
    }

    /// A date written in the rule.
    static func date(_ node: YAMLNode, key: String) throws(OperandError) -> ISODate {
        guard let text = node.string, let date = ISODate.parse(text) else {
            throw OperandError(node, "'\(key)' must be a valid ISO 8601 date, found \(describe(node))", hint: "write a date such as 2026-01-31")
        }
        return date
    }

    /// A time quantity usable as an offset or a period: `"21 days"`, `{value: 6, unit: months}`;
    /// months and years whole, never negative.
    static func offsetAmount(_ node: YAMLNode, key: String) throws(OperandError) -> Quantity {
        let hint = "write a time quantity such as \"21 days\", \"6 weeks\" or \"6 months\" (months and years are calendar months, whole)"
        let quantity: Quantity
        if node.kind == .mapping {
            quantity = try Operand.quantityMap(node)
        } else if let text = node.string, case .quantity(let q) = Quantity.parse(text) {
            quantity = q
        } else if let text = node.string, case .unknownUnit(let unit) = Quantity.parse(text) {
            throw OperandError(node, "unknown unit '\(unit)' in '\(key)'\(Suggestion.phrase(for: unit, in: MeasureUnit.spellings))", hint: hint)
        } else {
            throw OperandError(node, "'\(key)' must be a time quantity, found \(describe(node))", hint: hint)
        }
        guard quantity.unit.dimension == .time else {
            throw OperandError(node, "'\(key)' must be a time quantity; \(quantity) is not a time", hint: hint)
        }
        guard quantity.value >= 0 else {
            throw OperandError(node, "'\(key)' must not be negative (\(quantity))", hint: key == "plus" ? "use minus: \"\(NumberText.format(-quantity.value)) \(quantity.unit.symbol)\"" : hint)
        }
        guard DateOffset.isValid(quantity) else {
            throw OperandError(node, "'\(key)' in \(quantity.unit.symbol) must be a whole number (\(quantity)): calendar months have no fractions",
                               hint: "write the period in days or weeks instead")
        }
        return quantity
    }
}

extension Expression {
    /// Compiles the expression `key` of the mapping `node` (`{count: P, where: C}`, `{min: P}`, ...).
    static func compile(_ node: YAMLNode, key: String, in context: CompileContext) throws(OperandError) -> Expression {
        let value = node[key]!
        switch key {
        case "count":
            let path = try Operand.path(value, key: "count")
            let filter = try node["where"].map { whereNode throws(OperandError) in try context.condition(whereNode, "the 'where' of 'count'") }
            return Expression(.count(path, filter: filter), location: node.location)
        case "min", "max", "sum":
            return Expression(.aggregate(Aggregate(rawValue: key)!, try Operand.path(value, key: key)), location: node.location)
        case "duration":
            guard value.kind == .mapping else {
                throw OperandError(value, "'duration' takes {from: DATE_OR_PATH, to: DATE_OR_PATH}, found \(describe(value))",
                                   hint: "duration: {from: treatment.start, to: follow_up.end}")
            }
            for (k, _) in value.pairs where k.text != "from" && k.text != "to" {
                let name = k.text ?? "?"
                throw OperandError(k, "unknown key '\(name)' in 'duration'\(Suggestion.phrase(for: name, in: ["from", "to"]))", hint: "allowed keys: from, to")
            }
            guard let fromNode = value["from"], let toNode = value["to"] else {
                throw OperandError(value, "'duration' needs both 'from' and 'to'", hint: "duration: {from: treatment.start, to: follow_up.end}")
            }
            var inner = context
            inner.durationInCalendarMonths = false
            let from = try Reference.dateOperand(fromNode, key: "from", of: "duration", in: inner, pathShorthand: true)
            let to = try Reference.dateOperand(toNode, key: "to", of: "duration", in: inner, pathShorthand: true)
            return Expression(.duration(from: from, to: to, calendarMonths: context.durationInCalendarMonths), location: node.location)
        default:  // product, times
            guard value.kind == .sequence, value.count >= 2 else {
                throw OperandError(value, "'\(key)' takes a list of at least two factors, found \(describe(value))",
                                   hint: "\(key): [administration.dose_per_kg, {count: administrations}]")
            }
            var inner = context
            inner.durationInCalendarMonths = false
            var factors: [Factor] = []
            for item in value.items {
                switch item.kind {
                case .int, .float:
                    factors.append(.number(item.number!))
                case .string:
                    factors.append(.reference(Reference(base: .path(try Reference.singlePath(item, key: key, of: key)), offset: nil, location: item.location)))
                case .mapping:
                    factors.append(.reference(try Reference.compile(item, for: key, in: inner)))
                default:
                    throw OperandError(item, "a factor of '\(key)' is a number, a path or a computed value such as {count: PATH}, found \(describe(item))")
                }
            }
            return Expression(.product(factors), location: node.location)
        }
    }
}
