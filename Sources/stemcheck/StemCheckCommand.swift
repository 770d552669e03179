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
            var command = try parseAsRoot()
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
}
