import Dispatch
import Synchronization
import YAMLSource
import StemCheckModel

/// Everything found in rule files: packs, profiles and fixture tests, validated together.
public struct RuleCatalog: Sendable {
    /// Packs in load order (files sorted by path within a directory).
    public var packs: [RulePack]
    /// Profiles available to `--profile`.
    public var profiles: [Profile]
    /// Fixture tests for `rules test`.
    public var fixtures: [FixtureTest]

    /// One rule file's name, bytes, and the directory its relative references resolve from.
    public struct Source: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var directory: String
        /// The file's canonical path, when it was read from disk: a file reached twice (given
        /// and named by a profile's `extends`) is loaded once.
        public var canonicalPath: String?
        /// The SHA-256 of `bytes` (hex), when it is known already (the shipped packs'); nil has it
        /// computed when the file is loaded.
        public var sha256: String?
        /// `bytes` as text built into the binary (the shipped packs'), which a pack keeps at no
        /// cost; a pack read from a file keeps a copy of its bytes.
        public var text: String?

        public init(name: String, bytes: [UInt8], directory: String, canonicalPath: String? = nil, sha256: String? = nil, text: String? = nil) {
            self.name = name
            self.bytes = bytes
            self.directory = directory
            self.canonicalPath = canonicalPath
            self.sha256 = sha256
            self.text = text
        }
    }

    /// Loads rule files and directories given on the command line: `--rules` alone, or
    /// (`addingToShipped`) `--add-rules` and `extends:` beside the shipped packs.
    /// `parallelism`: how many files are read at once (see `load(sources:)`).
    public static func load(paths: [String], addingToShipped: Bool = false, loader: YAMLLoader = YAMLLoader(),
                            parallelism: Int = 1) throws(InputError) -> RuleCatalog {
        var diagnostics: [Diagnostic] = []
        let sources = readSources(paths, loader: loader, diagnostics: &diagnostics)
        return try load(sources: (addingToShipped ? shippedSources : []) + sources, loader: loader, earlier: diagnostics,
                        parallelism: parallelism)
    }

    /// Reads the rule files at and below `paths` (each real file once, sorted within a folder).
    static func readSources(_ paths: [String], loader: YAMLLoader, diagnostics: inout [Diagnostic],
                            problemAt location: SourceLocation? = nil) -> [Source] {
        let (files, problems) = FileDiscovery.collect(paths, extensions: ["yaml", "yml"])
        for problem in problems {
            var d = Self.diagnostic(problem)
            if let location {  // a path written in a file: the error points at where it is written
                d = Diagnostic(location, "'\(d.location.file)': \(d.message)",
                               hint: "paths in a file are relative to that file's folder")
            }
            diagnostics.append(d)
        }
        var sources: [Source] = []
        for file in files {
            do {
                let bytes = try SourceFile.read(cPath: file.cPath, displayName: file.display, limit: loader.limits.maxFileSize)
                sources.append(Source(name: file.display, bytes: bytes, directory: file.directory, canonicalPath: file.canonicalPath))
            } catch {
                diagnostics.append(Diagnostic(error))
            }
        }
        return sources
    }

    /// The packs and profiles shipped inside the binary; `parallelism` files are read at once.
    public static func shipped(loader: YAMLLoader = YAMLLoader(), parallelism: Int = 1) throws(InputError) -> RuleCatalog {
        try load(sources: shippedSources, loader: loader, earlier: [], parallelism: parallelism)
    }

    /// The shipped rule files (embedded in the binary) as sources, named `rules/…`.
    public static var shippedSources: [Source] {
        EmbeddedResources.ruleFiles.map { Source(name: "rules/" + $0.path, bytes: Array($0.text.utf8), directory: "rules", sha256: $0.sha256, text: $0.text) }
    }

    /// A discovery problem as a printable diagnostic; `kind` names the files looked for.
    public static func describe(_ problem: FileDiscovery.Problem, kind: String) -> String {
        var d = diagnostic(problem)
        if case .noMatchingFiles = problem { d.message = "the directory holds no \(kind) files" }
        return d.description
    }

    static func diagnostic(_ problem: FileDiscovery.Problem) -> Diagnostic {
        let start = { (path: String) in SourceLocation(file: path, line: 1, column: 1) }
        switch problem {
        case .notFound(let path):
            return Diagnostic(start(path), "no such file or directory", hint: "check the path")
        case .unreadable(let path, let why):
            return Diagnostic(start(path), "cannot read: \(why)")
        case .unreadableDirectory(let path, let why):
            return Diagnostic(start(path), "cannot read directory: \(why)")
        case .noMatchingFiles(let path):
            return Diagnostic(start(path), "the directory holds no .yaml or .yml files")
        }
    }

    /// What one rule file holds, read on its own: files are read (in parallel when asked), then
    /// merged in their order.
    private struct Read: Sendable {
        var pack: RulePack?
        var profile: Profile?
        var fixtures: [FixtureTest] = []
        /// The file's problems (or the reason it could not be loaded).
        var diagnostics: [Diagnostic] = []
        var declaredRuleIDs: [(id: String, location: SourceLocation)] = []
    }

    /// Loads and reads one rule file: a pack, a profile or fixture tests.
    private static func read(_ source: Source, loader: YAMLLoader) -> Read {
        var read = Read()
        let document: YAMLDocument
        do {
            document = try loader.loadDocument(bytes: source.bytes, file: source.name)
        } catch {
            read.diagnostics = [Diagnostic(error)]
            return read
        }
        var reader = NodeReader(bytes: source.bytes)
        let root = document.root
        if root["pack"] != nil || root["rules"] != nil {
            read.pack = reader.pack(root, file: source.name, sha256: source.sha256 ?? Digest.sha256(source.bytes))
            read.pack?.text = source.text ?? String(decoding: source.bytes, as: UTF8.self)
        } else if root["profile"] != nil {
            read.profile = reader.profile(root, file: source.name, directory: source.directory)
        } else if root["tests"] != nil {
            read.fixtures = reader.fixtures(root, directory: source.directory, loader: loader)
        } else {
            reader.fail(root, "this is not a rule pack (pack + rules), a profile (profile) or a fixture file (tests)",
                        hint: "see docs/rule-language.md for the shapes of rule files")
        }
        read.diagnostics = reader.diagnostics
        read.declaredRuleIDs = reader.declaredRuleIDs.map { ($0.id, $0.location) }
        return read
    }

    /// Reads `sources`, `parallelism` files at a time; the reads in the sources' order.
    private static func read(_ sources: [Source], loader: YAMLLoader, parallelism: Int) -> [Read] {
        guard parallelism > 1, sources.count > 1 else { return sources.map { read($0, loader: loader) } }
        let reads = Mutex<[Read?]>(Array(repeating: nil, count: sources.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(parallelism, sources.count)) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= sources.count { return }
                let read = read(sources[index], loader: loader)
                reads.withLock { $0[index] = read }
            }
        }
        return reads.withLock { $0.map { $0! } }
    }

    /// Loads already-read files; all problems in all files are reported together. `parallelism`
    /// files are read at once (the catalog is the same whatever it is).
    public static func load(sources: [Source], loader: YAMLLoader, earlier: [Diagnostic] = [], parallelism: Int = 1) throws(InputError) -> RuleCatalog {
        var diagnostics = earlier
        var packs: [RulePack] = []
        var profiles: [Profile] = []
        var fixtures: [FixtureTest] = []
        var declaredRuleIDs: [(id: String, location: SourceLocation, source: Int)] = []
        let reads = read(sources, loader: loader, parallelism: parallelism)
        // A profile's `extends` adds files to the queue; each file on disk is loaded once.
        var queue = sources
        var seen = Set(sources.compactMap(\.canonicalPath))
        var next = 0
        while next < queue.count {
            let read = next < reads.count ? reads[next] : Self.read(queue[next], loader: loader)
            next += 1
            if let pack = read.pack { packs.append(pack) }
            if let profile = read.profile {
                profiles.append(profile)
                for (path, location) in profile.extends {
                    for added in readSources([path], loader: loader, diagnostics: &diagnostics, problemAt: location) {
                        if let canonical = added.canonicalPath, !seen.insert(canonical).inserted { continue }
                        queue.append(added)
                    }
                }
            }
            fixtures += read.fixtures
            diagnostics += read.diagnostics
            declaredRuleIDs += read.declaredRuleIDs.map { ($0.id, $0.location, next - 1) }
        }
        // Ids must be unique across everything loaded.
        var packIDs: [String: RulePack] = [:]
        for pack in packs {
            if let other = packIDs[pack.id] {
                diagnostics.append(Diagnostic(SourceLocation(file: pack.file, line: 1, column: 1),
                                              "pack id '\(pack.id)' is also used by \(other.file)", hint: "give each pack its own id"))
            }
            packIDs[pack.id] = pack
        }
        // Rule ids as declared, so a duplicate is found even when one of its rules (or packs) has other errors.
        var ruleIDs: [String: SourceLocation] = [:]
        for declared in declaredRuleIDs {
            if let first = ruleIDs[declared.id] {
                diagnostics.append(Diagnostic(declared.location, "rule id '\(declared.id)' is already used at \(first)",
                                              hint: "rule ids must be unique across all loaded packs",
                                              sourceLine: SourceText.line(declared.location.line, in: queue[declared.source].bytes)))
            } else {
                ruleIDs[declared.id] = declared.location
            }
        }
        var profileIDs: [String: Profile] = [:]
        for profile in profiles {
            if let other = profileIDs[profile.id] {
                diagnostics.append(Diagnostic(SourceLocation(file: profile.file, line: 1, column: 1),
                                              "profile id '\(profile.id)' is also used by \(other.file)"))
            }
            profileIDs[profile.id] = profile
        }
        guard diagnostics.isEmpty else { throw InputError(diagnostics.sorted { $0.location < $1.location }) }
        return RuleCatalog(packs: packs, profiles: profiles, fixtures: fixtures)
    }

    /// The profile named `id`, if loaded.
    public func profile(named id: String) -> Profile? { profiles.first { $0.id == id } }

    /// The packs and rules a run uses: all packs, or a profile's selection with its overrides applied.
    public func select(profile: Profile?) throws(InputError) -> RuleSet {
        guard let profile else {
            return RuleSet(packs: packs, profile: nil, disabled: [])
        }
        var diagnostics: [Diagnostic] = []
        var selected: [RulePack] = []
        for (n, id) in profile.include.enumerated() {
            if let pack = packs.first(where: { $0.id == id }) {
                selected.append(pack)
            } else {
                let location = n < profile.includeLocations.count ? profile.includeLocations[n] : SourceLocation(file: profile.file, line: 1, column: 1)
                diagnostics.append(Diagnostic(location, "profile \(profile.id) includes pack '\(id)', which is not loaded\(Suggestion.phrase(for: id, in: packs.map(\.id)))",
                                              hint: "loaded packs: " + packs.map(\.id).joined(separator: ", ")))
            }
        }
        var disabled: [(rule: String, reason: String)] = []
        for override in profile.overrides {
            guard let p = selected.firstIndex(where: { $0.rules.contains { $0.id == override.rule } }) else {
                if let owner = packs.first(where: { $0.rules.contains { $0.id == override.rule } }) {
                    diagnostics.append(Diagnostic(override.location, "override names rule '\(override.rule)' of pack '\(owner.id)', which the profile does not include",
                                                  hint: "add \(owner.id) to 'include', or remove the override"))
                    continue
                }
                let all = selected.flatMap { $0.rules.map(\.id) }
                diagnostics.append(Diagnostic(override.location, "override names rule '\(override.rule)', which is not in the included packs\(Suggestion.phrase(for: override.rule, in: all))"))
                continue
            }
            let r = selected[p].rules.firstIndex { $0.id == override.rule }!
            if override.disabled {
                disabled.append((override.rule, override.reason ?? ""))
                selected[p].rules.remove(at: r)
            } else if let severity = override.severity {
                selected[p].rules[r].severity = severity
            }
        }
        guard diagnostics.isEmpty else { throw InputError(diagnostics) }
        return RuleSet(packs: selected, profile: profile, disabled: disabled)
    }
}

/// The rules of one run, compiled once and shared by every protocol checked.
public struct RuleSet: Sendable {
    /// Packs in report order, with profile overrides applied and disabled rules removed.
    public let packs: [RulePack]
    /// The profile in force.
    public let profile: Profile?
    /// Rules the profile disabled, with the reason.
    public let disabled: [(rule: String, reason: String)]
    /// Known protocol fields, for unknown-key notes: built when first needed (a rule set made
    /// only as the fallback of a run whose protocols all get a profile checks nothing).
    private let knownFields: KnownFields
    var fields: FieldTrie { knownFields.trie }

    init(packs: [RulePack], profile: Profile?, disabled: [(rule: String, reason: String)]) {
        self.packs = packs
        self.profile = profile
        self.disabled = disabled
        knownFields = KnownFields(packs)
    }

    /// Every rule, in report order.
    public var rules: [Rule] { packs.flatMap(\.rules) }

    /// How many rules run.
    public var ruleCount: Int { packs.reduce(0) { $0 + $1.rules.count } }

    /// The rule with this id.
    public func rule(_ id: String) -> Rule? {
        for pack in packs { if let rule = pack.rules.first(where: { $0.id == id }) { return rule } }
        return nil
    }
}
