import ArgumentParser
import StemCheck

@main
struct StemCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stemcheck",
        abstract: "Check stem-cell clinical protocols against regulatory rule packs.",
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, ShowCommand.self]
    )
}
