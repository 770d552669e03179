import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource

/// `--rules PATH...` (rule files instead of the shipped packs) and `--add-rules PATH...` (rule
/// files beside them).
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule pack or profile file, or a directory of them; repeatable. Replaces the shipped packs.", valueName: "PATH"))
    var paths: [String] = []

    @Option(name: .customLong("add-rules"), help: ArgumentHelp("A rule pack or profile file, or a directory of them, loaded beside the shipped packs (or beside --rules); repeatable.", valueName: "PATH"))
    var addedPaths: [String] = []

    /// Loads the catalog: `--rules` (else the config's `rules`, else the shipped packs), plus
    /// the config's `extends`, `--add-rules` and `extra` (a profile file's `extends`). A failure
    /// lists every diagnostic, then how many there are.
    func catalog(config: ConfigFile? = nil, extra: [String] = []) throws(Failure) -> RuleCatalog {
        try load(config: config, extra: extra).catalog
    }

    /// The catalog, and the ids of the packs loaded from the config's `extends` and `--add-rules`:
    /// they run beside whatever profile is chosen.
    /// `parallelism`: how many rule files are read at once.
    func load(config: ConfigFile? = nil, extra: [String] = [], parallelism: Int = 1) throws(Failure) -> (catalog: RuleCatalog, added: [String]) {
        let replacing = paths.isEmpty ? (config?.rules ?? []) : paths
        let added = (config?.extends ?? []) + addedPaths
        let adding = added + extra
        let catalog: RuleCatalog
        do {
            if replacing.isEmpty {
                catalog = adding.isEmpty ? try RuleCatalog.shipped(parallelism: parallelism)
                    : try RuleCatalog.load(paths: adding, addingToShipped: true, parallelism: parallelism)
            } else {
                catalog = try RuleCatalog.load(paths: replacing + adding, parallelism: parallelism)
            }
        } catch {
            let count = error.diagnostics.count
            throw Failure(error.description + "\n\(count) error\(count == 1 ? "" : "s") in rule files")
        }
        let addedFiles = Set(FileDiscovery.collect(added, extensions: ["yaml", "yml"]).files.map(\.display))
        return (catalog, catalog.packs.filter { addedFiles.contains($0.file) }.map(\.id))
    }
}

/// `--config FILE` and `--no-config`: which `.stemcheck.yaml` applies (docs/configuration.md).
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("A config file to use instead of the .stemcheck.yaml found from the working folder upward.", valueName: "FILE"))
    var path: String?

    @Flag(name: .customLong("no-config"), help: "Use no config file, even if one is found.")
    var ignore = false

    func validate() throws {
        if path != nil, ignore { throw ValidationError("--config and --no-config cannot be used together") }
    }

    /// The config in force (nil with `--no-config` or when none is found); unless `quiet`, says
    /// on standard error which file it is.
    func load(quiet: Bool = false) throws -> ConfigFile? {
        if ignore { return nil }
        guard let file = path ?? ConfigFile.discover() else { return nil }
        let config = try ConfigFile.load(path: file)
        if !quiet { Console.error("using config \(config.canonicalPath)") }
        return config
    }
}

/// Whether `--profile` names a file rather than a profile id.
func isProfileFile(_ name: String) -> Bool {
    name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/")
}

/// Resolves `--profile NAME|FILE` against the loaded and shipped profiles.
func resolveProfile(_ name: String?, catalog: RuleCatalog) throws -> Profile? {
    guard let name else { return nil }
    if isProfileFile(name) {
        guard let profile = try RuleCatalog.load(paths: [name]).profiles.first(where: { $0.file == InputFile(name).display }) else {
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
