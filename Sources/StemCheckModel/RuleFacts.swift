/// What a result says of its rule that is the same on every protocol: its id, pack, title,
/// source and advice (issue 20).
///
/// One immutable object per rule of a run, shared by the rule's results: making and dropping a
/// result then counts one reference instead of one per string. Reference counts are atomic, and
/// were a third of a check run's time (docs/performance-history.md, fourteenth round).
public final class RuleFacts: Sendable, Equatable {
    /// The rule's id.
    public let rule: String
    /// The id of the rule's pack.
    public let pack: String
    /// The rule's title.
    public let title: String
    /// Where the requirement is stated (`citation`).
    public let citation: String?
    /// The source's words that carry the requirement (`source.quote`), verbatim.
    public let quote: String?
    /// Why the source text could not be read (`source.unverified`).
    public let sourceUnverified: String?
    /// How to meet the requirement.
    public let remediation: String?
    /// A link to the source text.
    public let url: String?
    /// The rule's free labels.
    public let tags: [String]

    /// Facts from their values.
    public init(rule: String, pack: String, title: String, citation: String? = nil, quote: String? = nil,
                sourceUnverified: String? = nil, remediation: String? = nil, url: String? = nil, tags: [String] = []) {
        self.rule = rule
        self.pack = pack
        self.title = title
        self.citation = citation
        self.quote = quote
        self.sourceUnverified = sourceUnverified
        self.remediation = remediation
        self.url = url
        self.tags = tags
    }

    /// These facts with one of them changed (the object itself never changes: other results share it).
    package func with<Value>(_ field: WritableKeyPath<Values, Value>, _ value: Value) -> RuleFacts {
        var values = Values(self)
        values[keyPath: field] = value
        return RuleFacts(rule: values.rule, pack: values.pack, title: values.title, citation: values.citation, quote: values.quote,
                         sourceUnverified: values.sourceUnverified, remediation: values.remediation, url: values.url, tags: values.tags)
    }

    /// The facts as a value, to change one of them (`with`).
    package struct Values {
        package var rule: String
        package var pack: String
        package var title: String
        package var citation: String?
        package var quote: String?
        package var sourceUnverified: String?
        package var remediation: String?
        package var url: String?
        package var tags: [String]

        init(_ facts: RuleFacts) {
            rule = facts.rule
            pack = facts.pack
            title = facts.title
            citation = facts.citation
            quote = facts.quote
            sourceUnverified = facts.sourceUnverified
            remediation = facts.remediation
            url = facts.url
            tags = facts.tags
        }
    }

    public static func == (a: RuleFacts, b: RuleFacts) -> Bool {
        a === b || (a.rule == b.rule && a.pack == b.pack && a.title == b.title && a.citation == b.citation && a.quote == b.quote
                    && a.sourceUnverified == b.sourceUnverified && a.remediation == b.remediation && a.url == b.url && a.tags == b.tags)
    }
}
