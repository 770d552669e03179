import Foundation
import Testing

/// Something that can be written as a test file's contents: text or raw bytes.
protocol FileBytes: Sendable {
    var fileBytes: [UInt8] { get }
}

extension String: FileBytes {
    var fileBytes: [UInt8] { Array(utf8) }
}

extension Array: FileBytes where Element == UInt8 {
    var fileBytes: [UInt8] { self }
}

/// Runs the built `stemcheck` executable in a fresh temporary folder holding `files`.
enum Stemcheck {
    typealias Result = CLI.Result

    /// Writes `files` into a new scratch folder, runs `stemcheck ARGUMENTS` there (see `CLI.run`),
    /// and removes the folder.
    static func run(_ arguments: [String], files: [String: any FileBytes]) throws -> Result {
        let scratch = try Scratch()
        for (name, contents) in files {
            try Data(contents.fileBytes).write(to: scratch.url.appendingPathComponent(name))
        }
        return try CLI.run(arguments, in: scratch.url)
    }
}
