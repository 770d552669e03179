import YAMLSource
import StemCheckModel

/// A selection of packs with per-rule adjustments (SPEC 3.6).
public struct Profile: Sendable {
    /// One adjustment to a rule.
    public struct Override: Sendable {
        /// The rule adjusted.
        public var rule: String
        /// New severity, if given.
        public var severity: Severity?
        /// True to drop the rule from the run.
        public var disabled: Bool
        /// Why it was disabled.
        public var reason: String?
        /// Where it is written.
        public var location: SourceLocation
    }

    /// The profile's id.
    public var id: String
    /// Human title.
    public var title: String?
    /// Pack ids, in the order results are reported.
    public var include: [String]
    /// Rule adjustments.
    public var overrides: [Override]
    /// The file it came from.
    public var file: String
    /// Where `include` is written, for errors about unknown packs.
    public var includeLocations: [SourceLocation]
}
