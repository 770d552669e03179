import ArgumentParser
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
            Exit status: 0 no gating failure; 1 a fail, error or unknown (not stated) at or above --fail-on; 2 usage or input error.
            """
    )

    @Argument(help: ArgumentHelp("Protocol files or directories.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("A profile name (see `stemcheck rules list`), a profile file, or `all` (every loaded pack, unadjusted). Without it each protocol runs under the profile its jurisdictions and condition call for, and its report says which.", valueName: "NAME|FILE|all"))
    var profile: String?

    @Option(help: ArgumentHelp("A file of waivers (a `waivers:` list).", valueName: "FILE"))
    var waivers: String?

    @Option(name: .customLong("format"), help: ArgumentHelp("\(ReportFormat.choices); repeatable.", valueName: "FORMAT"),
            completion: .list(ReportFormat.allValueStrings), transform: ReportFormat.choice)
    var formats: [ReportFormat] = []

    @Option(help: ArgumentHelp("Folder for report files.", valueName: "DIR"))
    var output = "reports"

    // Parsed by `transform:` (for the did-you-mean), which shows no default in help: it is in the text.
    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Lowest severity whose fail, error or unknown sets exit status 1: \(FailOn.choices). (default: \(FailOn.error))", valueName: "SEVERITY"),
            completion: .list(FailOn.allValueStrings), transform: FailOn.choice)
    var failOn = FailOn.error

    // `.unconditional`: a negative number is the value (then refused by `validate`), not an unknown option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Files checked in parallel (default: number of cores).", valueName: "N"))
    var jobs: Int?

    @Option(name: .customLong("registry-record"), help: ArgumentHelp("The protocol's ClinicalTrials.gov record (API v2 JSON), grafted in as registry_record for the registry pack; with --profile, the registry pack is added to the profile's packs.", valueName: "FILE.json"))
    var registryRecord: String?

    @Flag(help: "Print the HTML report's appendix too (every passed and not-applicable requirement, and the evidence tables); by default paper gets the summary, the findings and the decision block.")
    var appendix = false

    /// The pack `--registry-record` adds to a profile's selection.
    static let registryPack = "registry"

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let catalog = try rules.catalog()
        // No --profile: each protocol gets the profile its jurisdictions and condition call for;
        // --profile all: every loaded pack, unadjusted.
        var chosen = profile == "all" ? nil : try resolveProfile(profile, catalog: catalog)
        // A profile lists its packs; the record is given to be compared, so its pack runs too.
        if registryRecord != nil, var p = chosen, !p.include.contains(Self.registryPack),
           catalog.packs.contains(where: { $0.id == Self.registryPack }) {
            p.include.append(Self.registryPack)
            p.includeLocations.append(SourceLocation(file: p.file, line: 1, column: 1))
            chosen = p
        }
        let selected = try catalog.select(profile: chosen)
        let clock = RunClock(environment: Environment.all)
        let extraWaivers = try waivers.map { try WaiverFile.load(path: $0) } ?? []
        let record = try registryRecord.map { try RegistryRecord.load(path: $0) }
        let formatList = formats.isEmpty ? [ReportFormat.text] : uniqued(formats)
        let (files, problems) = FileDiscovery.collect(RawArguments.bytes(for: paths), extensions: ["yaml", "yml", "json"])
        if record != nil, files.count > 1 {
            throw Failure("error: --registry-record is one study's record, but \(files.count) protocols were given\n  hint: check the protocol with its record one at a time")
        }
        for problem in problems {
            Console.error(RuleCatalog.describe(problem, kind: "protocol (.yaml, .yml or .json)"))
        }
        if formatList.contains(where: { !$0.isStreamed }), !files.isEmpty {
            try AtomicFiles.prepare(directory: output)
        }
        let checker = Checker(rules: selected, options: CheckOptions(
            failOn: failOn.severity, today: clock.today,
            generatedAt: clock.timestamp, waivers: extraWaivers))
        let color = Console.isTerminal(STDOUT_FILENO) && (Environment.all["NO_COLOR"] ?? "").isEmpty
        let batch = BatchCheck(reader: ProtocolReader(registryRecord: record, for: selected), checker: checker, formats: formatList, outputDirectory: output,
                               jobs: jobs ?? Environment.cores,
                               options: RenderOptions(color: color, appendix: appendix),
                               autoProfile: profile == nil ? AutoProfile(catalog: catalog, options: checker.options,
                                                                          adding: registryRecord != nil ? [Self.registryPack] : []) : nil)
        let showProgress = files.count > 20 && Console.isTerminal(STDERR_FILENO)
        let progress: (@Sendable (Int, Int) -> Void)? = showProgress ? Self.showProgress : nil
        let outcome = batch.run(files: files, emit: { text in Console.output(text) },
                                diagnose: { text in Console.errorRaw(text) }, progress: progress)
        var code = outcome.exitCode
        if !problems.isEmpty { code = 2 }
        if files.count > 1 {
            let failed = outcome.outcomes.filter { if case .failed = $0 { return true } else { return false } }.count
            let gated = outcome.outcomes.filter { if case .checked(true) = $0 { return true } else { return false } }.count
            Console.errorRaw("checked \(files.count - failed) of \(files.count) files: \(gated) failed the gate, \(failed) could not be checked\n")
        }
        if code != 0 { throw ExitCode(code) }
    }

    @Sendable private static func showProgress(done: Int, total: Int) {
        Console.errorRaw(done == total ? "\r\u{1B}[K" : "\rchecked \(done)/\(total)")
    }

    private func uniqued(_ list: [ReportFormat]) -> [ReportFormat] {
        var seen = Set<ReportFormat>()
        return list.filter { seen.insert($0).inserted }
    }
}
