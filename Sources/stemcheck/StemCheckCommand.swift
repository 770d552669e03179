import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun

@main
struct StemCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stemcheck",
        abstract: "Check stem-cell clinical protocols against regulatory rule packs.",
        discussion: "Exit status: 0 no gating failure; 1 a fail, error or unknown (not stated) at or above --fail-on; 2 usage or input error.",
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, InitCommand.self, ImportCommand.self, MigrateCommand.self, ShowCommand.self,
                      SchemaCommand.self]
    )

    /// Runs the command. Every error ends here: a `Failure` (or a library error about the input)
    /// prints its message and exits 2; usage errors exit 2 (SPEC 5) rather than ArgumentParser's 64.
    static func main() {
        do {
            var command = try parse(Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch {
            if let failure = Failure(reporting: error) {
                Console.error(failure.description)
                exit(withError: Failure.exitCode)
            }
            let code = exitCode(for: error)
            if code == .validationFailure {
                Console.error(fullMessage(for: error))
                Console.error("Run `stemcheck --help` for usage.")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }

    /// Parses the command line (after the program's name). The long runs of paths of `check` and
    /// `migrate` (the commands that take many files, and whose options each take at most one
    /// value) are folded before ArgumentParser sees them and unfolded after (`PathArgumentRuns`:
    /// the parser takes time quadratic in their number). `check` is validated again with its
    /// paths; `migrate`'s validation counts a folded run as several files while it is parsed.
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        guard let name = arguments.first,
              name == CheckCommand.configuration.commandName || name == MigrateCommand.configuration.commandName else {
            return try parseAsRoot(arguments)
        }
        let (folded, runs) = PathArgumentRuns.fold(arguments)
        guard !runs.runs.isEmpty else { return try parseAsRoot(arguments) }
        switch try parseAsRoot(folded) {
        case var check as CheckCommand:
            check.paths = runs.unfold(check.paths)
            // (Its checks of paths look only at `-`, which is never folded; run again should that change.)
            try check.validate()
            return check
        case var migrate as MigrateCommand:
            // (Its validation counted a folded run as several files, as it is, while it was parsed.)
            migrate.files = runs.unfold(migrate.files)
            return migrate
        default:
            return try parseAsRoot(arguments)
        }
    }
}
