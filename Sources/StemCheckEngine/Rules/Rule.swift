import YAMLSource
import StemCheckModel

/// Whether a rule is evaluated by the engine or needs a person.
public enum RuleKind: String, Sendable {
    /// Evaluated from the protocol's data.
    case check
    /// Needs human judgement; passes only when the protocol attests it.
    case review
}

/// Inline example protocols of a rule, verified by `stemcheck rules test`.
public struct RuleExamples: Sendable {
    /// Protocols the rule must pass.
    public var pass: [YAMLNode] = []
    /// Protocols the rule must fail (stated values that violate it).
    public var fail: [YAMLNode] = []
    /// Protocols that do not state what the rule needs (status unknown).
    public var unknown: [YAMLNode] = []
    /// Protocols to which the rule must not apply.
    public var notApplicable: [YAMLNode] = []
    /// Protocols on which a review rule must ask for review.
    public var review: [YAMLNode] = []

    /// Every example with the status it must produce.
    public var all: [(expected: Status, protocol: YAMLNode)] {
        pass.map { (.pass, $0) } + fail.map { (.fail, $0) } + unknown.map { (.unknown, $0) }
            + notApplicable.map { (.notApplicable, $0) } + review.map { (.review, $0) }
    }
}

/// One requirement in a rule pack.
public struct Rule: Sendable, Identifiable {
    /// Unique across all loaded packs (`ISSCR-PEER-REVIEW`).
    public var id: String
    /// The pack the rule belongs to.
    public var packID: String
    /// One line saying what is required.
    public var title: String
    /// How much a failure matters.
    public var severity: Severity
    /// check or review.
    public var kind: RuleKind
    /// Document and section the rule enforces.
    public var citation: String?
    /// The source's own words that carry the requirement (`source.quote`), verbatim.
    public var quote: String? = nil
    /// Why the source text could not be read (`source.unverified`): the rule then rests on its
    /// citation alone, and lint keeps it at warning or below.
    public var unverified: String? = nil
    /// The list the rule is checked on item by item (`each: products`): `when` and `check` then
    /// read paths relative to each item (`$.` from the root), each item gets its own status, and
    /// the rule's status is the worst of them (SPEC 3.1 extension; docs/rule-language.md).
    public var each: Path? = nil
    /// Applicability; absent means always.
    public var when: Condition?
    /// The requirement itself (kind check only).
    public var check: Condition?
    /// The `fail` message: a template with `{value}` and `{path}` of the stated value that violates the rule.
    public var message: String?
    /// The `unknown` message, with `{path}` for the paths not stated; generated when absent.
    public var messageUnknown: String?
    /// What to add or change.
    public var remediation: String?
    /// Why the requirement exists (shown by `explain`).
    public var rationale: String?
    /// A link to the source text.
    public var url: String?
    /// Free labels.
    public var tags: [String]
    /// False when no waiver may excuse a failure.
    public var waivable: Bool
    /// Inline example protocols.
    public var examples: RuleExamples
    /// Where the rule starts in its file.
    public var location: SourceLocation
}

/// Where a pack's text came from.
public struct PackSource: Sendable {
    public var title: String?
    public var url: String?
    public var published: String?
}

/// A rule pack: one YAML file of rules with an id and version.
public struct RulePack: Sendable {
    /// `[a-z0-9][a-z0-9-]*`
    public var id: String
    /// Human title.
    public var title: String?
    /// The pack's version (a string).
    public var version: String
    /// The text the pack encodes.
    public var source: PackSource?
    /// The rules, in file order.
    public var rules: [Rule]
    /// The file it was loaded from.
    public var file: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
}
