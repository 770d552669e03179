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

    /// When a `check` without `--profile` chooses this profile by itself (`auto:`).
    public struct Auto: Sendable {
        /// Jurisdiction codes of the protocol that call for the profile (any one of them).
        public var jurisdictions: [String]
        /// What the protocol must also say (a condition in the rule language), if anything.
        public var when: Condition?
        /// A profile for protocols no jurisdiction's profile fits (or that name no jurisdiction).
        public var fallback: Bool
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
    /// When it is chosen without `--profile`; nil for a profile only named by hand.
    public var auto: Auto? = nil
    /// Local rule files and folders the profile loads beside the others (`extends:`), as paths
    /// from the working folder, each with where it is written.
    public var extends: [(path: String, location: SourceLocation)] = []
}
