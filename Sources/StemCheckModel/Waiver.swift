import YAMLSource

/// An approved exception to one rule, valid through the end of its `expires` day (UTC).
public struct Waiver: Sendable {
    /// The rule excused.
    public var rule: String
    /// Why the exception is acceptable.
    public var justification: String
    /// Who approved it (a person or a committee decision).
    public var approvedBy: String
    /// Last valid day, `YYYY-MM-DD`.
    public var expires: String
    /// Day number of `expires` (days since 1970-01-01).
    public var expiresDay: Int
    /// `protocol` or the waiver file's path.
    public var source: String
    /// Where it is written.
    public var location: SourceLocation

    /// Whether the waiver is still valid on `today` (a day number).
    public func isValid(on today: Int) -> Bool { today <= expiresDay }

    /// Creates a value from all its fields.
    public init(rule: String, justification: String, approvedBy: String, expires: String, expiresDay: Int, source: String, location: SourceLocation) {
        self.rule = rule
        self.justification = justification
        self.approvedBy = approvedBy
        self.expires = expires
        self.expiresDay = expiresDay
        self.source = source
        self.location = location
    }
}

/// A person's statement that a review rule is satisfied.
public struct Attestation: Sendable {
    /// The rule attested.
    public var rule: String
    /// Who attests.
    public var by: String
    /// When, `YYYY-MM-DD`.
    public var date: String
    /// What they attest, if given.
    public var statement: String?
    /// Where it is written.
    public var location: SourceLocation

    /// Creates a value from all its fields.
    public init(rule: String, by: String, date: String, statement: String? = nil, location: SourceLocation) {
        self.rule = rule
        self.by = by
        self.date = date
        self.statement = statement
        self.location = location
    }
}
