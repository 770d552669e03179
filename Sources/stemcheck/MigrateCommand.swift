import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckRun
import YAMLSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `stemcheck migrate FILE... [--in-place | -o OUT [--force]]`
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Rewrite protocols from schema v1 to schema v2.",
        discussion: """
            Writes the schema v2 document, with schema_version: 2 as its first key, to standard \
            output, to -o OUT, or back into each FILE (--in-place, atomically). A YAML file is \
            edited line by line, so comments stay with what they describe; where that cannot be \
            done (flow style or anchors in what moves) it is written anew and standard error says \
            which comment lines were lost. JSON gives JSON. A file that declares schema_version: 2 \
            is left as it is. See docs/protocol-schema.md#schema-versions.
            Exit status: 0 migrated or already v2; 2 usage or input error (that file is not written).
            """
    )

    @Argument(help: ArgumentHelp("Protocol files (YAML, or JSON when the name ends in .json).", valueName: "FILE"))
    var files: [String]

    @Flag(name: .customLong("in-place"), help: "Rewrite each FILE (a temporary file, then rename).")
    var inPlace = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the v2 document to this file (one FILE only).", valueName: "OUT"))
    var output: String?

    @Flag(help: "Replace -o OUT when it exists.")
    var force = false

    func validate() throws {
        if inPlace, output != nil { throw ValidationError("--in-place and -o cannot be used together") }
        // A folded run of paths (`PathArgumentRuns`) is several files, counted before it is unfolded.
        if files.count > 1 || files.contains(where: PathArgumentRuns.isPlaceholder), !inPlace {
            throw ValidationError("several files need --in-place (standard output and -o take one file)")
        }
    }

    /// Migrates every file; one that fails is reported and the others still run (exit status 2 at the end).
    func run() throws {
        var failed = false
        for file in files {
            do {
                try migrate(file)
            } catch {
                guard let failure = Failure(reporting: error), files.count > 1 else { throw error }
                Console.error(failure.description)
                failed = true
            }
        }
        if failed { throw Failure.exitCode }
    }

    private func migrate(_ file: String) throws {
        let loader = YAMLLoader()
        let bytes = try SourceFile.read(path: file, displayName: file, limit: loader.limits.maxFileSize)
        let result = try SchemaMigration.migrateText(bytes: bytes, name: file, loader: loader)
        let isJSON = SourceSyntax(fileName: file) == .json
        switch result.outcome {
        case .alreadyV2:
            Console.error("\(file): declares schema_version: 2 already; left unchanged")
        case .declared:
            Console.error("\(file): uses no schema v1 field; schema_version: 2 added")
        case .migrated:
            Console.error("\(file): migrated to schema v2: \(result.moves.joined(separator: "; "))")
        }
        for field in result.dropped {
            Console.error("\(field.location): note: \(field.path) is left out in schema v2: \(field.reason)"
                          + (isJSON ? "" : "; it stays as a comment"))
        }
        if let lost = result.lostComments {
            let shown = lost.lines.prefix(20).map(String.init).joined(separator: ", ") + (lost.lines.count > 20 ? ", ..." : "")
            Console.error("\(file): warning: comments not kept: \(lost.reason); the document was written anew and "
                          + "\(lost.lines.count) comment line\(lost.lines.count == 1 ? "" : "s") dropped (line\(lost.lines.count == 1 ? "" : "s") \(shown))")
        }
        if inPlace {
            guard result.outcome != .alreadyV2 else { return }
            try write(result.text, to: file, keepingModeOf: file)
        } else if let output {
            if !force, access(output, F_OK) == 0 {
                throw Failure("\(output): error: the file exists; nothing was written\n  hint: add --force to replace it, or choose another -o")
            }
            try write(result.text, to: output, keepingModeOf: nil)
        } else {
            Console.output(result.text)
        }
    }

    /// Writes atomically; an in-place rewrite goes to the file a symbolic link names and keeps the file's permissions.
    private func write(_ text: String, to path: String, keepingModeOf original: String?) throws {
        var target = path
        var mode: mode_t?
        if let original {
            if let resolved = realpath(original, nil) {
                target = String(cString: resolved)
                free(resolved)
            }
            var info = stat()
            if stat(target, &info) == 0 { mode = info.st_mode & 0o7777 }
        }
        do {
            try AtomicFiles.write(text, to: target)
        } catch {
            throw Failure("\(path): error: cannot write the migrated protocol: \(error.reason)")
        }
        if let mode { chmod(target, mode) }
    }
}
