import Synchronization
import StemCheckEngine
import StemCheckModel
import YAMLSource

/// `check` without `--profile`: each protocol runs under the profile its jurisdictions and
/// condition call for (`ProfileChooser`), with a note in its report saying which and why. The
/// rule sets are made once per distinct profile and shared by the run's workers.
public final class AutoProfile: Sendable {
    /// The catalog the profiles select from.
    public let catalog: RuleCatalog
    /// Picks the profile for a document.
    public let chooser: ProfileChooser
    /// Settings shared by every checker of the run.
    public let options: CheckOptions
    /// Packs every chosen profile runs with (the registry pack when a record is given).
    public let adding: [String]
    private let checkers = Mutex<[String: Checker]>([:])

    /// Nil when the catalog has no profile with an `auto:` section (user packs only): the run then
    /// checks every loaded pack, as before.
    public init?(catalog: RuleCatalog, options: CheckOptions, adding: [String] = []) {
        let chooser = ProfileChooser(catalog: catalog)
        guard !chooser.isEmpty else { return nil }
        self.catalog = catalog
        self.chooser = chooser
        self.options = options
        self.adding = adding.filter { id in catalog.packs.contains { $0.id == id } }
    }

    /// The same choice with other options (the batch adjusts them to its formats).
    public func with(options: CheckOptions) -> AutoProfile {
        AutoProfile(catalog: catalog, options: options, adding: adding) ?? self
    }

    /// The checker for a document, and the note to add to its report.
    public func checker(for document: ProtocolDocument, fallback: Checker) throws(InputError) -> (Checker, String?) {
        guard var choice = chooser.choose(document.root) else { return (fallback, nil) }
        for pack in adding where !choice.profile.include.contains(pack) {
            choice.profile.include.append(pack)
            choice.profile.includeLocations.append(SourceLocation(file: choice.profile.file, line: 1, column: 1))
        }
        if let cached = checkers.withLock({ $0[choice.profile.id] }) { return (cached, choice.reason) }
        let checker = Checker(rules: try catalog.select(profile: choice.profile), options: options, schema: fallback.schema)
        checkers.withLock { $0[choice.profile.id] = checker }
        return (checker, choice.reason)
    }
}
