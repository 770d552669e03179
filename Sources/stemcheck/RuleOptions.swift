import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource

/// `--rules PATH...`: the rule files to use instead of the shipped packs.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule pack file or directory; repeatable. Replaces the shipped packs.", valueName: "PATH"))
    var paths: [String] = []

    /// Loads the catalog; a failure lists every diagnostic, then how many there are.
    func catalog() throws(Failure) -> RuleCatalog {
        do {
            return paths.isEmpty ? try RuleCatalog.shipped() : try RuleCatalog.load(paths: paths)
        } catch {
            let count = error.diagnostics.count
            throw Failure(error.description + "\n\(count) error\(count == 1 ? "" : "s") in rule files")
        }
    }
}

/// Resolves `--profile NAME|FILE` against the loaded and shipped profiles.
func resolveProfile(_ name: String?, catalog: RuleCatalog) throws -> Profile? {
    guard let name else { return nil }
    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") {
        guard let profile = try RuleCatalog.load(paths: [name]).profiles.first else {
            throw Failure("\(name):1:1: error: this file is not a profile (it needs a top-level 'profile' mapping)")
        }
        return profile
    }
    if let profile = catalog.profile(named: name) { return profile }
    if let shipped = try? RuleCatalog.shipped(), let profile = shipped.profile(named: name) { return profile }
    let known = catalog.profiles.map(\.id) + ((try? RuleCatalog.shipped())?.profiles.map(\.id) ?? [])
    throw Failure("error: unknown profile '\(name)'\(Suggestion.phrase(for: name, in: known))\n  hint: profiles: " +
                  (known.isEmpty ? "(none loaded)" : Array(Set(known)).sorted().joined(separator: ", ")) + ", or give a profile file path")
}
