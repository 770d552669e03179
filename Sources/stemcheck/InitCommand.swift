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

/// `stemcheck init [--profile NAME] [--output FILE]`
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a protocol template holding every field the selected packs read.",
        discussion: "Without --output the template goes to standard output.")

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("A profile name or file: only its packs' fields.", valueName: "NAME|FILE"))
    var profile: String?

    @Option(help: ArgumentHelp("The file to write.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Flag(name: .customLong("fill-examples"), help: "Fill fields with the documented example values instead of ~.")
    var fillExamples = false

    func run() throws {
        let catalog = try rules.catalog()
        let selected = try catalog.select(profile: try resolveProfile(profile, catalog: catalog))
        let text = ProtocolTemplate.render(rules: selected, fillExamples: fillExamples)
        guard let output else {
            Console.output(text)
            return
        }
        if !force, access(output, F_OK) == 0 {
            throw Failure("\(output):1:1: error: the file exists; init does not overwrite it\n  hint: choose another --output, or add --force")
        }
        try AtomicFiles.write(text, to: output)
        Console.errorRaw("wrote \(output)\n")
    }
}
