import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource

/// `stemcheck show FILE`: prints a YAML/JSON file as stemcheck reads it, as JSON.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a YAML or JSON file as stemcheck reads it, as JSON (one value per document).",
        discussion: """
            Plain scalars resolve by the YAML 1.2 core schema, so `yes`, `no`, `on` and `NO` stay \
            strings; aliases and merge keys are applied. A `.json` file is read as strict JSON \
            (RFC 8259), as `check` reads it: trailing commas, comments and the like are errors. \
            Exit status 2 with a located error when the file cannot be loaded.
            """
    )

    @Argument(help: "The YAML or JSON file to show.")
    var file: String

    func run() throws {
        var out = ""
        switch SourceSyntax(fileName: file) {
        case .json:
            out = try JSONLoader().loadDocument(path: file).root.json() + "\n"
        case .yaml:
            for document in try YAMLLoader().loadStream(path: file) {
                out += document.root.json() + "\n"
            }
        }
        Console.output(out)
    }
}
