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

    /// Loads the catalog, printing every diagnostic and exiting 2 on failure.
    func catalog() throws -> RuleCatalog {
        do {
            return paths.isEmpty ? try RuleCatalog.shipped() : try RuleCatalog.load(paths: paths)
        } catch {
            Console.error(error.description)
            let count = error.diagnostics.count
            Console.error("\(count) error\(count == 1 ? "" : "s") in rule files")
            throw ExitCode(2)
        }
    }
}

/// Resolves `--profile NAME|FILE` against the loaded and shipped profiles.
func resolveProfile(_ name: String?, catalog: RuleCatalog) throws -> Profile? {
    guard let name else { return nil }
    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") {
        do {
            let loaded = try RuleCatalog.load(paths: [name])
            if let profile = loaded.profiles.first { return profile }
            Console.error("\(name):1:1: error: this file is not a profile (it needs a top-level 'profile' mapping)")
        } catch {
            Console.error(error.description)
        }
        throw ExitCode(2)
    }
    if let profile = catalog.profile(named: name) { return profile }
    if let shipped = try? RuleCatalog.shipped(), let profile = shipped.profile(named: name) { return profile }
    let known = catalog.profiles.map(\.id) + ((try? RuleCatalog.shipped())?.profiles.map(\.id) ?? [])
    Console.error("error: unknown profile '\(name)'\(Suggestion.phrase(for: name, in: known))\n  hint: profiles: " +
                  (known.isEmpty ? "(none loaded)" : Array(Set(known)).sorted().joined(separator: ", ")) + ", or give a profile file path")
    throw ExitCode(2)
}
