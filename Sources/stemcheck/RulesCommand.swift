import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stemcheck rules list|lint|test`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, lint, test and export rule packs.",
        subcommands: [List.self, Lint.self, Test.self, Export.self]
    )

    struct List: ParsableCommand {
        // Names given, not derived from the type's name (which reflects on it at every start).
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List packs, their rules and the profiles.")
        @OptionGroup var rules: RuleOptions
        @OptionGroup var config: ConfigOptions

        func run() throws {
            let catalog = try rules.catalog(config: config.load())
            var out = ""
            for pack in catalog.packs {
                out += "\(pack.id) \(pack.version)  \(pack.title ?? "")  (\(pack.rules.count) \(pack.rules.count == 1 ? "rule" : "rules"), \(pack.file))\n"
                for rule in pack.rules {
                    let kind = rule.kind == .review ? "review" : "check "
                    out += "  \(rule.id.padding(30)) \(rule.severity.rawValue.padding(7)) \(kind) \(rule.title)\n"
                }
            }
            if !catalog.profiles.isEmpty {
                out += "profiles:\n"
                for profile in catalog.profiles {
                    out += "  \(profile.id.padding(22)) \(profile.title ?? "")  [\(profile.include.joined(separator: ", "))]\n"
                    if let auto = profile.auto {
                        let jurisdictions = auto.jurisdictions.count > 6
                            ? auto.jurisdictions.prefix(6).joined(separator: ", ") + ", … (\(auto.jurisdictions.count))"
                            : auto.jurisdictions.joined(separator: ", ")
                        let when = auto.when.map { " when " + ConditionText.render($0) } ?? ""
                        out += "  \("".padding(22)) chosen without --profile " + (auto.fallback ? "as a fallback" : "for [\(jurisdictions)]") + when + "\n"
                    }
                }
            }
            let total = catalog.packs.reduce(0) { $0 + $1.rules.count }
            out += "\(catalog.packs.count) packs, \(total) rules, \(catalog.profiles.count) profiles\n"
            Console.output(out)
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check rule files: every malformed rule is an error with FILE:LINE:COL (exit 2); missing citations, remediation or examples are warnings.")
        @OptionGroup var rules: RuleOptions
        @OptionGroup var config: ConfigOptions
        @Flag(help: "Exit 1 when there are warnings.") var strict = false

        func run() throws {
            let catalog = try rules.catalog(config: config.load())
            let warnings = RuleLint.warnings(catalog)
            for warning in warnings { Console.error(warning) }
            let total = catalog.packs.reduce(0) { $0 + $1.rules.count }
            Console.output("\(catalog.packs.count) packs, \(total) rules, \(catalog.profiles.count) profiles: 0 errors, \(warnings.count) warnings\n")
            if strict && !warnings.isEmpty { throw ExitCode(1) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "test", abstract: "Run every rule's examples and every fixture test; ends with `N passed, N failed`.")
        @OptionGroup var rules: RuleOptions
        @OptionGroup var config: ConfigOptions

        func run() throws {
            let catalog = try rules.catalog(config: config.load())
            let clock = RunClock(environment: Environment.all)
            let outcome = RuleTests.run(catalog: catalog, today: clock.today)
            for failure in outcome.failures { Console.output(failure.description + "\n") }
            Console.output(outcome.summary + "\n")
            if !outcome.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

extension RulesCommand {
    /// `stemcheck rules export DIR`: the shipped packs, profiles and protocol schema as files.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the shipped rule packs, profiles (profiles/) and protocol.schema.json into a folder.",
            discussion: """
                The files are the ones built into this binary, byte for byte: read them, copy a pack or a profile, \
                change it and load it with --rules DIR (instead of the shipped packs) or --add-rules FILE (beside them). \
                Existing files are left alone unless --force is given.
                """)

        @Argument(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "DIR"))
        var directory: String

        @Flag(help: "Overwrite files that already exist.")
        var force = false

        func run() throws {
            let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            let files = EmbeddedResources.ruleFiles.map { (text: $0.text, path: base + "/" + $0.path) }
                + [(text: EmbeddedResources.protocolSchema, path: base + "/protocol.schema.json")]
            if !force {
                let existing = files.map(\.path).filter { access($0, F_OK) == 0 }
                if !existing.isEmpty {
                    throw Failure(existing.map { "\($0): error: the file exists; nothing was written" }.joined(separator: "\n") +
                                  "\n  hint: add --force to overwrite \(existing.count == 1 ? "it" : "them"), or export into another folder")
                }
            }
            for folder in Set(files.map { InputFile($0.path).directory }).sorted() {
                try AtomicFiles.prepare(directory: folder)
            }
            try AtomicFiles.writeAll(files)
            Console.output("wrote \(files.count) files into \(base)/\n")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
