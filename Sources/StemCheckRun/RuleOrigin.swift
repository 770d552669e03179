import StemCheckEngine

/// Where a run's rule set was selected from: the catalog and the profile (nil for every pack).
/// A batch's further workers compile rules of their own from it (`BatchCheck.Lane`).
public struct RuleOrigin: Sendable {
    public var catalog: RuleCatalog
    public var profile: Profile?

    /// Creates a value from all its fields.
    public init(catalog: RuleCatalog, profile: Profile?) {
        self.catalog = catalog
        self.profile = profile
    }
}
