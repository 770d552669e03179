import ArgumentParser
import Dispatch
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource
#if canImport(Glibc)
import Glibc
#endif

/// `stemcheck check PATH...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check protocol files against rule packs and write reports.",
        discussion: """
            Directories are searched for *.yaml, *.yml and *.json files (sorted). text and github \
            go to standard output; json, junit, sarif, markdown and html are written into --output \
            as STEM.json, STEM.junit.xml, STEM.sarif, STEM.md, STEM.html.
            Settings come from a .stemcheck.yaml found from the working folder upward (up to the \
            folder holding .git), or from --config; options given here override it (see docs/configuration.md).
            Exit status: 0 no gating failure; 1 a fail, error or unknown (not stated) at or above --fail-on; 2 usage or input error.
            """
    )

    @Argument(help: ArgumentHelp("Protocol files or directories.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var rules: RuleOptions

    @OptionGroup var config: ConfigOptions

    @Option(help: ArgumentHelp("A profile name (see `stemcheck rules list`), a profile file, or `all` (every loaded pack, unadjusted). Without it each protocol runs under the profile its jurisdictions and condition call for, and its report says which.", valueName: "NAME|FILE|all"))
    var profile: String?

    @Option(help: ArgumentHelp("A file of waivers (a `waivers:` list).", valueName: "FILE"))
    var waivers: String?

    @Option(name: .customLong("format"), help: ArgumentHelp("\(ReportFormat.choices), optionally =FILE or =- (standard output): one document for the whole run (one SARIF run, one JUnit testsuites, one JSON with a reports array, one Markdown or HTML page); repeatable.", valueName: "FORMAT[=DEST]"),
            completion: .list(ReportFormat.allValueStrings), transform: OutputRequest.choice)
    var formats: [OutputRequest] = []

    @Option(help: ArgumentHelp("Folder for the per-protocol report files of formats given without =DEST.", valueName: "DIR"))
    var output = "reports"

    @Option(name: .customLong("source-root"), help: ArgumentHelp("The folder SARIF locations are relative to (%SRCROOT%; default: the working folder).", valueName: "DIR"))
    var sourceRoot: String?

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("The name a protocol read from standard input (path -) has in messages and reports; a name ending in .json reads strict JSON.", valueName: "NAME"))
    var stdinFilename = "stdin.yaml"

    // Parsed by `transform:` (for the did-you-mean), which shows no default in help: it is in the text.
    // Optional, so that the config's fail_on applies when the option is not given.
    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Lowest severity whose fail, error or unknown sets exit status 1: \(FailOn.choices). (default: \(FailOn.error))", valueName: "SEVERITY"),
            completion: .list(FailOn.allValueStrings), transform: FailOn.choice)
    var failOn: FailOn?

    // `.unconditional`: a negative number is the value (then refused by `validate`), not an unknown option.
    @Option(parsing: .unconditional, help: ArgumentHelp("How many files are checked at once, and rule files read at once at start (default: number of cores).", valueName: "N"))
    var jobs: Int?

    @Option(name: .customLong("registry-record"), help: ArgumentHelp("The protocol's ClinicalTrials.gov record (API v2 JSON), grafted in as registry_record for the registry pack; with --profile, the registry pack is added to the profile's packs.", valueName: "FILE.json"))
    var registryRecord: String?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out files and folders whose path matches this glob (*, ?, [a-z], ** for any folders; see docs/configuration.md); repeatable, added to the config's exclude.", valueName: "GLOB"),
            transform: { try PathGlob($0) })
    var exclude: [PathGlob] = []

    @Flag(help: "Print only each protocol's verdict line (text format) and errors.")
    var quiet = false

    @Option(help: ArgumentHelp("Colour the text output: \(ColorMode.choices); auto colours a terminal unless NO_COLOR is set or TERM is dumb. (default: auto)", valueName: "WHEN"),
            completion: .list(ColorMode.allValueStrings), transform: ColorMode.choice)
    var color: ColorMode?

    @Option(help: ArgumentHelp("How much JSON reports say of each result: essential (passed and not-applicable results only as rule and status; each rule's texts once) or full (every field of every result). (default: essential)", valueName: "LEVEL"),
            completion: .list(ReportDetail.allValueStrings), transform: ReportDetail.choice)
    var detail = ReportDetail.essential

    @Option(help: ArgumentHelp("An earlier JSON report (of one protocol or a whole run): results it already has, for the same protocol, rule, status and field, are not reported; the gate counts only what is new or changed.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write this run's findings (all of them, whatever --baseline leaves out) as one JSON document, to give to --baseline later.", valueName: "FILE"))
    var writeBaseline: String?

    @Flag(help: "Print the HTML report's appendix too (every passed and not-applicable requirement, and the evidence tables); by default paper gets the summary, the findings and the decision block.")
    var appendix = false

    /// The pack `--registry-record` adds to a profile's selection.
    static let registryPack = "registry"

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if output == "-" { throw ValidationError("--output is a folder for per-protocol reports; to write a format to standard output use --format FORMAT=- (e.g. --format sarif=-)") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
        try Self.checkStandardOutput(formats)
    }

    /// At most one format may write a whole-run document to standard output, and then nothing else
    /// may print there.
    static func checkStandardOutput(_ requests: [OutputRequest]) throws {
        let whole = requests.filter { $0.destination == .standardOutput }
        let others = requests.filter { $0.writesStandardOutput && $0.destination != .standardOutput }
        if whole.count > 1 || (!whole.isEmpty && !others.isEmpty) {
            let names = (whole + others).map(\.description).joined(separator: ", ")
            throw ValidationError("\(names) would all write to standard output; send all but one to a file (FORMAT=FILE)")
        }
        var files = Set<String>()
        for r in requests { if case .file(let path) = r.destination, !files.insert(path).inserted {
            throw ValidationError("two formats write to \(path); give each its own file")
        } }
    }

    func run() throws {
        let config = try self.config.load(quiet: quiet)
        // Options given override the config; --add-rules and --exclude add to its extends and exclude.
        let profile = self.profile ?? config?.profile
        let waivers = self.waivers ?? config?.waivers
        let failOn = self.failOn ?? config?.failOn.flatMap(FailOn.init(rawValue:)) ?? .error
        let jobs = self.jobs ?? config?.jobs
        let formats = self.formats.isEmpty ? try configFormats(config) : self.formats
        let exclude = (config?.exclude ?? []) + self.exclude
        // The run's cores also read the rule files, and compile the protocol schema beside them.
        let cores = jobs ?? Environment.cores
        if cores > 1 { DispatchQueue.global().async { _ = ProtocolSchema.shipped } }
        var (catalog, addedPacks) = try rules.load(config: config, parallelism: cores)
        // No --profile: each protocol gets the profile its jurisdictions and condition call for;
        // --profile all: every loaded pack, unadjusted.
        var chosen = profile == "all" ? nil : try resolveProfile(profile, catalog: catalog)
        // A profile file's `extends` loads its packs beside the others (a profile in the catalog
        // had them loaded with it).
        if let p = chosen, !p.extends.isEmpty, catalog.profile(named: p.id)?.file != p.file {
            (catalog, addedPacks) = try rules.load(config: config, extra: p.extends.map(\.path), parallelism: cores)
        }
        // A profile lists its packs; packs added with --add-rules or the config's extends run beside
        // them, and the record is given to be compared, so its pack runs too.
        var adding = addedPacks
        if registryRecord != nil, catalog.packs.contains(where: { $0.id == Self.registryPack }) { adding.append(Self.registryPack) }
        if var p = chosen {
            for pack in adding where !p.include.contains(pack) {
                p.include.append(pack)
                p.includeLocations.append(SourceLocation(file: p.file, line: 1, column: 1))
            }
            chosen = p
        }
        let selected = try catalog.select(profile: chosen)
        let clock = RunClock(environment: Environment.all)
        let extraWaivers = try waivers.map { try WaiverFile.load(path: $0) } ?? []
        let record = try registryRecord.map { try RegistryRecord.load(path: $0) }
        var requests = uniqued(formats)
        if requests.isEmpty { requests = [OutputRequest(format: .text)] }
        try Self.checkStandardOutput(requests)
        let fromStandardInput = paths.contains("-")
        var (files, problems) = FileDiscovery.collect(RawArguments.bytes(for: paths.filter { $0 != "-" }), extensions: ["yaml", "yml", "json"], excluding: exclude)
        // What this run writes, and the baseline it reads, are never protocols: a destination that
        // is one of the protocols is refused (it would overwrite it), and the report folder and the
        // baseline are left out of a walk that finds them.
        let destinations = Self.documentPaths(requests, writeBaseline: writeBaseline)
        let destinationPaths = Set(destinations.compactMap { InputFile($0).canonicalPath })
        let baselinePath = baseline.flatMap { InputFile($0).canonicalPath }
        let outputFolder = InputFile(output).canonicalPath.map { $0 + "/" }
        // One pass over the files, each decided as it comes: a run of many files keeps neither
        // their canonical paths (2.2 MB at 10,000 files, issue 20) nor a second list to remove.
        // A file's canonical path is resolved only when a destination, the baseline or the report
        // folder exists to be matched (its folder once for all its files). A destination found
        // among the protocols is an earlier report of this kind of run (left out) or a protocol
        // (refused); earlier stemcheck JSON reports are left out and named; the rest of the report
        // folder and the baseline are left out.
        let matchesOwnFiles = !destinationPaths.isEmpty || baselinePath != nil || outputFolder != nil
        var resolver = CanonicalPaths()
        var reports: [InputFile] = []
        try files.removeAll { file in
            let path = matchesOwnFiles ? resolver.path(of: file) : nil
            if let path, destinationPaths.contains(path) {
                guard Self.isReport(file) else {
                    throw Failure("\(file.display):1:1: error: \(file.display) is a protocol being checked and also where a report would be written\n  hint: write the report elsewhere (e.g. --format json=reports/all.json)")
                }
                return true
            }
            if file.display.hasSuffix(".json"), file.contents == nil, Self.isReport(file) {
                reports.append(file)
                return true
            }
            guard let path else { return false }
            return path == baselinePath || (outputFolder.map { path.hasPrefix($0) } ?? false)
        }
        if !reports.isEmpty, !quiet {
            Console.errorRaw("skipped \(reports.count) stemcheck \(reports.count == 1 ? "report" : "reports") among the protocols (\(reports.prefix(3).map(\.display).joined(separator: ", "))\(reports.count > 3 ? ", …" : ""))\n")
        }
        if files.isEmpty && !fromStandardInput && problems.isEmpty && !exclude.isEmpty {
            throw Failure("error: no protocol files are left to check: --exclude (or the config's exclude) leaves out every file found\n  hint: check the patterns; docs/configuration.md describes the glob syntax")
        }
        if fromStandardInput {
            files.insert(InputFile(standardInput: Console.readStandardInput(), display: stdinFilename), at: paths.firstIndex(of: "-").map { min($0, files.count) } ?? 0)
        }
        if record != nil, files.count > 1 {
            throw Failure("error: --registry-record is one study's record, but \(files.count) protocols were given\n  hint: check the protocol with its record one at a time")
        }
        for problem in problems {
            Console.error(RuleCatalog.describe(problem, kind: "protocol (.yaml, .yml or .json)"))
        }
        if requests.contains(where: { $0.destination == .perProtocol && !$0.format.isStreamed && !$0.isWholeRun }), !files.isEmpty {
            try AtomicFiles.prepare(directory: output)
        }
        // A whole-run document's folder is made as --output is.
        for path in destinations {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try AtomicFiles.prepare(directory: String(path[..<slash]))
            }
        }
        let workingDirectory = Environment.workingDirectory
        let root = sourceRoot.map { $0.hasPrefix("/") ? $0 : workingDirectory + "/" + $0 } ?? workingDirectory
        let checker = Checker(rules: selected, options: CheckOptions(
            failOn: failOn.severity, today: clock.today,
            generatedAt: clock.timestamp, waivers: extraWaivers))
        let color = (color ?? .auto).enabled(isTerminal: Console.isTerminal(STDOUT_FILENO), environment: Environment.all)
        let batch = BatchCheck(reader: ProtocolReader(registryRecord: record, for: selected), checker: checker, requests: requests, outputDirectory: output,
                               jobs: cores,
                               options: {
                                   var o = RenderOptions(color: color, appendix: appendix, quiet: quiet,
                                                         sourceRoot: root, workingDirectory: workingDirectory)
                                   o.detail = detail
                                   return o
                               }(),
                               autoProfile: profile == nil ? AutoProfile(catalog: catalog, options: checker.options,
                                                                          adding: adding) : nil,
                               stepSummary: Environment.all["GITHUB_STEP_SUMMARY"].flatMap { $0.isEmpty ? nil : $0 },
                               baseline: try baseline.map { try Baseline.load(path: $0) }, writeBaseline: writeBaseline,
                               ruleOrigin: RuleOrigin(catalog: catalog, profile: chosen))
        let showProgress = !quiet && files.count > 20 && Console.isTerminal(STDERR_FILENO)
        let progress: (@Sendable (Int, Int) -> Void)? = showProgress ? Self.showProgress : nil
        let outcome = batch.run(files: files, emit: { bytes in Console.output(bytes) },
                                diagnose: { text in Console.errorRaw(text) }, progress: progress)
        var code = outcome.exitCode
        if !problems.isEmpty { code = 2 }
        // Nothing on standard output: say where the reports went.
        if !quiet, !files.isEmpty, !requests.contains(where: \.writesStandardOutput) {
            // A whole-run document that could not be written was reported above, and is not claimed here.
            let written = requests.compactMap { r -> String? in
                if case .file(let path) = r.destination { return outcome.documentsFailed ? nil : "\(r.format.rawValue) to \(path)" }
                return "\(r.format.rawValue) per protocol into \(output)/"
            }
            if !written.isEmpty { Console.errorRaw("wrote " + written.joined(separator: ", ") + "\n") }
        }
        if files.count > 1, !quiet {
            let failed = outcome.outcomes.filter { if case .failed = $0 { return true } else { return false } }.count
            let gated = outcome.outcomes.filter { if case .checked(true) = $0 { return true } else { return false } }.count
            Console.errorRaw("checked \(files.count - failed) of \(files.count) files: \(gated) failed the gate, \(failed) could not be checked\n")
        }
        // Every report is written (standard output and error unbuffered, files closed): the process
        // ends here, and the rule set, its checkers and the outcomes go with it instead of being
        // released object by object on the way out (the shipped packs' 414 rules: about 19 M
        // instructions, 5 % of a run on one protocol).
        Glibc.exit(Int32(code))
    }

    /// The config's `formats`, parsed as `--format` values are; a bad one is located in the config.
    private func configFormats(_ config: ConfigFile?) throws -> [OutputRequest] {
        guard let config else { return [] }
        return try config.formats.map { format in
            do {
                var request = try OutputRequest.choice(format.text)
                // A destination in the config is relative to the config's folder, like its other paths.
                if case .file(let path) = request.destination {
                    request.destination = .file(WrittenPath.resolve(path, from: InputFile(config.file).directory))
                }
                return request
            } catch {
                throw Failure("\(format.location): error: unknown format '\(format.text)' in formats: \(error)\n" +
                              "  hint: formats takes --format values, e.g. formats: [text, sarif]")
            }
        }
    }

    /// The files a run writes whole: each `FORMAT=FILE` and the `--write-baseline` file.
    static func documentPaths(_ requests: [OutputRequest], writeBaseline: String?) -> [String] {
        requests.compactMap { r -> String? in if case .file(let p) = r.destination { return p } else { return nil } }
            + (writeBaseline.map { [$0] } ?? [])
    }

    /// Whether a file is a stemcheck report (its first bytes name `report_version`).
    static func isReport(_ file: InputFile) -> Bool {
        guard let handle = fopen(file.cPath, "rb") else { return false }
        defer { fclose(handle) }
        var head = [UInt8](repeating: 0, count: 256)
        let n = fread(&head, 1, head.count, handle)
        return String(decoding: head[..<n], as: UTF8.self).contains("\"report_version\"")
    }

    @Sendable private static func showProgress(done: Int, total: Int) {
        Console.errorRaw(done == total ? "\r\u{1B}[K" : "\rchecked \(done)/\(total)")
    }

    private func uniqued(_ list: [OutputRequest]) -> [OutputRequest] {
        var seen = Set<OutputRequest>()
        return list.filter { seen.insert($0).inserted }
    }
}
