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
///
/// A value with copy-on-write storage: checking a protocol passes every rule through the
/// evaluation, and a copy is one reference, not twenty fields (issue 20).
public struct Rule: Sendable, Identifiable {
    /// The fields, shared between copies until one of them changes.
    private struct Fields: Sendable {
        /// Id, pack, title, source, advice and tags: one object the rule's results share.
        var facts: RuleFacts
        var severity: Severity
        var kind: RuleKind
        var each: Path?
        var when: Condition?
        var check: Condition?
        var message: String?
        var messageUnknown: String?
        var rationale: String?
        var waivable: Bool
        var examples: RuleExamples
        var location: SourceLocation
        /// Whether `when` / `check` are conditions `AbsentLeaves` explains (kept with them).
        var whenExplainsAbsence = false
        var checkExplainsAbsence = false
    }

    private var storage: CopyOnWrite<Fields>

    /// Unique across all loaded packs (`ISSCR-PEER-REVIEW`).
    public var id: String {
        get { storage.fields.facts.rule }
        set { storage.fields.facts = storage.fields.facts.with(\.rule, newValue) }
    }
    /// The pack the rule belongs to.
    public var packID: String {
        get { storage.fields.facts.pack }
        set { storage.fields.facts = storage.fields.facts.with(\.pack, newValue) }
    }
    /// One line saying what is required.
    public var title: String {
        get { storage.fields.facts.title }
        set { storage.fields.facts = storage.fields.facts.with(\.title, newValue) }
    }
    /// How much a failure matters.
    public var severity: Severity {
        get { storage.fields.severity }
        set { storage.fields.severity = newValue }
        _modify { yield &storage.fields.severity }
    }
    /// check or review.
    public var kind: RuleKind {
        get { storage.fields.kind }
        set { storage.fields.kind = newValue }
        _modify { yield &storage.fields.kind }
    }
    /// Document and section the rule enforces.
    public var citation: String? {
        get { storage.fields.facts.citation }
        set { storage.fields.facts = storage.fields.facts.with(\.citation, newValue) }
    }
    /// The source's own words that carry the requirement (`source.quote`), verbatim.
    public var quote: String? {
        get { storage.fields.facts.quote }
        set { storage.fields.facts = storage.fields.facts.with(\.quote, newValue) }
    }
    /// Why the source text could not be read (`source.unverified`): the rule then rests on its
    /// citation alone, and lint keeps it at warning or below.
    public var unverified: String? {
        get { storage.fields.facts.sourceUnverified }
        set { storage.fields.facts = storage.fields.facts.with(\.sourceUnverified, newValue) }
    }
    /// The list the rule is checked on item by item (`each: products`): `when` and `check` then
    /// read paths relative to each item (`$.` from the root), each item gets its own status, and
    /// the rule's status is the worst of them (SPEC 3.1 extension; docs/rule-language.md).
    public var each: Path? {
        get { storage.fields.each }
        set { storage.fields.each = newValue }
        _modify { yield &storage.fields.each }
    }
    /// Applicability; absent means always.
    public var when: Condition? {
        get { storage.fields.when }
        set {
            storage.fields.when = newValue
            storage.fields.whenExplainsAbsence = newValue.map(AbsentLeaves.explains) ?? false
        }
    }
    /// The requirement itself (kind check only).
    public var check: Condition? {
        get { storage.fields.check }
        set {
            storage.fields.check = newValue
            storage.fields.checkExplainsAbsence = newValue.map(AbsentLeaves.explains) ?? false
        }
    }
    /// Whether `AbsentLeaves` can find what `when` rests on (no `for_each`, `[*]` or computed value).
    var whenExplainsAbsence: Bool { storage.fields.whenExplainsAbsence }
    /// Whether `AbsentLeaves` can find what `check` rests on.
    var checkExplainsAbsence: Bool { storage.fields.checkExplainsAbsence }
    /// The `fail` message: a template with `{value}` and `{path}` of the stated value that violates the rule.
    public var message: String? {
        get { storage.fields.message }
        set { storage.fields.message = newValue }
        _modify { yield &storage.fields.message }
    }
    /// The `unknown` message, with `{path}` for the paths not stated; generated when absent.
    public var messageUnknown: String? {
        get { storage.fields.messageUnknown }
        set { storage.fields.messageUnknown = newValue }
        _modify { yield &storage.fields.messageUnknown }
    }
    /// What to add or change.
    public var remediation: String? {
        get { storage.fields.facts.remediation }
        set { storage.fields.facts = storage.fields.facts.with(\.remediation, newValue) }
    }
    /// Why the requirement exists (shown by `explain`).
    public var rationale: String? {
        get { storage.fields.rationale }
        set { storage.fields.rationale = newValue }
        _modify { yield &storage.fields.rationale }
    }
    /// A link to the source text.
    public var url: String? {
        get { storage.fields.facts.url }
        set { storage.fields.facts = storage.fields.facts.with(\.url, newValue) }
    }
    /// Free labels.
    public var tags: [String] {
        get { storage.fields.facts.tags }
        set { storage.fields.facts = storage.fields.facts.with(\.tags, newValue) }
    }
    /// False when no waiver may excuse a failure.
    public var waivable: Bool {
        get { storage.fields.waivable }
        set { storage.fields.waivable = newValue }
        _modify { yield &storage.fields.waivable }
    }
    /// Inline example protocols.
    public var examples: RuleExamples {
        get { storage.fields.examples }
        set { storage.fields.examples = newValue }
        _modify { yield &storage.fields.examples }
    }
    /// Where the rule starts in its file.
    public var location: SourceLocation {
        get { storage.fields.location }
        set { storage.fields.location = newValue }
        _modify { yield &storage.fields.location }
    }

    /// What its results say of it on every protocol: one object, shared by the rule's copies and
    /// results (changing one of the texts above replaces it for this rule only).
    public var facts: RuleFacts { storage.fields.facts }

    /// Creates a rule.
    public init(id: String, packID: String, title: String, severity: Severity, kind: RuleKind, citation: String?,
                quote: String? = nil, unverified: String? = nil, each: Path? = nil, when: Condition?, check: Condition?,
                message: String?, messageUnknown: String?, remediation: String?, rationale: String?, url: String?,
                tags: [String], waivable: Bool, examples: RuleExamples, location: SourceLocation) {
        let facts = RuleFacts(rule: id, pack: packID, title: title, citation: citation, quote: quote, sourceUnverified: unverified,
                              remediation: remediation, url: url, tags: tags)
        storage = CopyOnWrite(Fields(facts: facts, severity: severity, kind: kind, each: each, when: when, check: check,
                                 message: message, messageUnknown: messageUnknown, rationale: rationale,
                                 waivable: waivable, examples: examples, location: location,
                                 whenExplainsAbsence: when.map(AbsentLeaves.explains) ?? false,
                                 checkExplainsAbsence: check.map(AbsentLeaves.explains) ?? false))
    }
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
    /// The file's text, from which the pack can be compiled again (`RuleCatalog.recompiled`): for
    /// a shipped pack the text built into the binary, which costs no memory to keep.
    var text = ""
}
