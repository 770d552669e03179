import YAMLSource
import StemCheckModel

/// A value a rule names instead of stating it (issue 14): another field of the protocol
/// (`{path: OTHER}`), a date (`{date: 2026-01-01}`) or a value computed from the protocol
/// (`{min: registrations[*].first_submitted}`), optionally moved by a date offset
/// (`plus: "21 days"`, `minus: "6 months"`).
///
/// It is the operand of `gt`/`gte`/`lt`/`lte`, `equals`/`not_equals`, `in`/`not_in` and `within`'s
/// `of` when written as such a mapping, and the subject of a leaf written `value: ...` instead of
/// `path: ...`. Compiled by `Reference.compile` (Operators/ReferenceOperand.swift), resolved by
/// `Evaluator.resolve` (Evaluate/Computation.swift).
public struct Reference: Sendable {
    /// What is referred to before the offset.
    public enum Base: Sendable {
        /// A field; never a wildcard path (a reference names one value).
        case path(Path)
        /// A date written in the rule.
        case date(ISODate)
        /// A computed value.
        case expression(Expression)
    }

    /// What is referred to.
    public let base: Base
    /// The date offset applied to it, if any.
    public let offset: DateOffset?
    /// Where it is written in the rule file.
    public let location: SourceLocation

    /// Creates a reference.
    public init(base: Base, offset: DateOffset?, location: SourceLocation) {
        self.base = base
        self.offset = offset
        self.location = location
    }

    /// The path of a plain `{path: P}` (no offset), for the messages `{path: OTHER}` always had.
    public var plainPath: Path? {
        if offset == nil, case .path(let p) = base { return p }
        return nil
    }

    /// In words, relative paths under `prefix` (a `for_each` item): `consent.date + 21 days`,
    /// `min(registrations[*].first_submitted)`, `2026-01-01`.
    public func text(prefix: [Path.Segment] = []) -> String {
        let core: String
        switch base {
        case .path(let p): core = Self.render(p, prefix: prefix)
        case .date(let d): core = d.text
        case .expression(let e): core = e.text(prefix: prefix)
        }
        return offset.map { core + " " + $0.description } ?? core
    }

    /// The YAML flow form rule authors write: `{path: consent.date, plus: "21 days"}`.
    public var yaml: String {
        let offsetText = offset.map { ", \($0.key): \"\($0.amountText)\"" } ?? ""
        switch base {
        case .path(let p): return "{path: \(p.text)\(offsetText)}"
        case .date(let d): return "{date: \(d.text)\(offsetText)}"
        case .expression(let e):
            let inner = e.yaml
            return offsetText.isEmpty ? inner : String(inner.dropLast()) + offsetText + "}"
        }
    }

    /// A path as reported: relative ones under `prefix`.
    static func render(_ path: Path, prefix: [Path.Segment]) -> String {
        Path.render(path.segments(under: prefix))
    }

    /// The protocol paths it reads, relative ones under `prefix`.
    func readPaths(prefix: [Path.Segment]) -> [Condition.ReadPath] {
        switch base {
        case .path(let p): return [Condition.ReadPath(segments: p.segments(under: prefix), isLeaf: true)]
        case .date: return []
        case .expression(let e): return e.readPaths(prefix: prefix)
        }
    }
}

/// A value computed from the protocol (issue 14): `{count: P, where: C}`, `{min: P}`, `{max: P}`,
/// `{sum: P}`, `{duration: {from: A, to: B}}`, `{product: [A, B]}`. The leaf's operator then tests
/// the computed value as it would test a stated one.
public final class Expression: Sendable {
    /// The kinds of computation.
    public enum Kind: Sendable {
        /// How many elements the path reaches (a list's items, or a wildcard's targets), optionally
        /// only those for which `filter` holds.
        case count(Path, filter: Condition?)
        /// The smallest, largest or total of the values a path reaches.
        case aggregate(Aggregate, Path)
        /// The time from one date to another: days, or calendar months when `calendarMonths`.
        case duration(from: Reference, to: Reference, calendarMonths: Bool)
        /// A number or quantity multiplied by numbers.
        case product([Factor])
    }

    /// `min`, `max`, `sum`.
    public enum Aggregate: String, Sendable {
        case min, max, sum
    }

    /// One factor of a `product`.
    public enum Factor: Sendable {
        case number(Double)
        case reference(Reference)
    }

    /// The keys that start an expression mapping.
    public static let keys = ["count", "min", "max", "sum", "duration", "product", "times"]

    /// What is computed.
    public let kind: Kind
    /// Where it is written in the rule file.
    public let location: SourceLocation

    /// Creates an expression.
    public init(_ kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// Whether the value depends on the document only, not on the scope it is evaluated in: a
    /// `count`, `min`, `max` or `sum` of a `$.` path (a `where` reads each counted element). Such
    /// a value is the same for every item of an `each` rule (`RootValues`).
    var dependsOnDocumentOnly: Bool {
        switch kind {
        case .count(let path, _), .aggregate(_, let path): return path.isRooted
        case .duration, .product: return false
        }
    }

    /// In words, relative paths under `prefix`: `count(design.arms where {path: type, equals:
    /// experimental})`, `min(registrations[*].first_submitted)`, `duration(a.start to a.end)`,
    /// `product(administration.dose_per_kg, count(administrations))`.
    public func text(prefix: [Path.Segment] = []) -> String {
        switch kind {
        case .count(let path, let filter):
            return "count(" + Reference.render(path, prefix: prefix) + (filter.map { " where " + ConditionText.render($0) } ?? "") + ")"
        case .aggregate(let aggregate, let path):
            return aggregate.rawValue + "(" + Reference.render(path, prefix: prefix) + ")"
        case .duration(let from, let to, let months):
            return "duration(" + from.text(prefix: prefix) + " to " + to.text(prefix: prefix) + (months ? ", in calendar months" : "") + ")"
        case .product(let factors):
            return "product(" + factors.map { factor in
                switch factor {
                case .number(let n): return NumberText.format(n)
                case .reference(let r): return r.text(prefix: prefix)
                }
            }.joined(separator: ", ") + ")"
        }
    }

    /// The YAML flow form: `{count: design.arms, where: {...}}`, `{min: a[*].b}`, ...
    public var yaml: String {
        func operand(_ r: Reference) -> String {
            if r.offset == nil, case .path(let p) = r.base { return p.text }
            if r.offset == nil, case .date(let d) = r.base { return d.text }
            return r.yaml
        }
        switch kind {
        case .count(let path, let filter):
            return "{count: \(path.text)" + (filter.map { ", where: " + ConditionText.render($0) } ?? "") + "}"
        case .aggregate(let aggregate, let path):
            return "{\(aggregate.rawValue): \(path.text)}"
        case .duration(let from, let to, _):
            return "{duration: {from: \(operand(from)), to: \(operand(to))}}"
        case .product(let factors):
            return "{product: [" + factors.map { factor in
                switch factor {
                case .number(let n): return NumberText.format(n)
                case .reference(let r): return operand(r)
                }
            }.joined(separator: ", ") + "]}"
        }
    }

    /// The protocol paths it reads, relative ones under `prefix`: the list counted or aggregated,
    /// what a `where` reads in each element, the operands of `duration` and `product`.
    func readPaths(prefix: [Path.Segment]) -> [Condition.ReadPath] {
        switch kind {
        case .count(let path, let filter):
            let base = path.segments(under: prefix)
            guard let filter else { return [Condition.ReadPath(segments: base, isLeaf: true)] }
            let element = path.hasWildcard ? base : base + [.wildcard]
            // The list itself (a wildcard path's last `[*]` names its elements, not a field).
            let list = base.last == .wildcard ? Array(base.dropLast()) : base
            return [Condition.ReadPath(segments: list, isLeaf: false)] + filter.readPaths(prefix: element)
        case .aggregate(_, let path):
            return [Condition.ReadPath(segments: path.segments(under: prefix), isLeaf: true)]
        case .duration(let from, let to, _):
            return from.readPaths(prefix: prefix) + to.readPaths(prefix: prefix)
        case .product(let factors):
            return factors.flatMap { factor -> [Condition.ReadPath] in
                if case .reference(let r) = factor { return r.readPaths(prefix: prefix) }
                return []
            }
        }
    }
}
