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

/// `stemcheck import usdm|ctgov FILE.json [--output FILE.yaml] [--force]`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a USDM v4 or ClinicalTrials.gov JSON file into a protocol in stemcheck's schema.",
        discussion: """
            Every imported value carries its source field (a JSON path) as a YAML comment; a closing \
            comment lists what the source cannot say. See docs/import.md.
            Exit status: 0 written; 2 usage or input error (unreadable, malformed or foreign JSON, \
            or --output exists without --force).
            """,
        subcommands: [USDM.self, CTGov.self]
    )

    struct USDM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "usdm", abstract: "Import a CDISC USDM v4 JSON protocol (study.versions[0]).")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.usdm) }
    }

    struct CTGov: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ctgov", abstract: "Import a ClinicalTrials.gov API v2 study record (protocolSection).")
        @OptionGroup var options: ImportOptions
        func run() throws { try options.run(.ctgov) }
    }
}

/// What both import subcommands take.
struct ImportOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The JSON file to import.", valueName: "FILE.json"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the protocol here instead of standard output.", valueName: "FILE.yaml"))
    var output: String?

    @Flag(help: "Replace --output when it exists.")
    var force = false

    func run(_ format: ImportFormat) throws {
        if let output, !force, access(output, F_OK) == 0 {
            throw Failure("\(output): error: the output file exists; nothing was written\n  hint: add --force to replace it, or choose another --output")
        }
        let imported = try format.importFile(path: file)
        guard let output else {
            Console.output(imported.yaml)
            return
        }
        do {
            try AtomicFiles.write(imported.yaml, to: output)
        } catch {
            throw Failure("\(output): error: cannot write the protocol: \(error.reason)")
        }
    }
}
