import ArgumentParser
import StemCheckModel
import StemCheckRun
import YAMLSource

/// Why a command stops with exit status 2 (SPEC 5: a usage or input error), as the text for
/// standard error.
///
/// Commands throw a `Failure` with their own message, or let the library's located errors
/// (`InputError`, `YAMLError`, `AtomicFiles.WriteError`) propagate; `StemCheckCommand.main`
/// turns either into the message and the exit status. That is the one place where an error that
/// stops a run becomes output; commands print only what does not stop them (a skipped file).
struct Failure: Error, CustomStringConvertible {
    /// What is printed on standard error, in `FILE:LINE:COL: error: MESSAGE` form when the
    /// problem is in a file.
    var description: String

    /// The exit status.
    static let exitCode = ExitCode(2)

    /// A failure with its own message.
    init(_ message: String) { description = message }

    /// The failure an error stands for when it is about the user's input, printed as the library
    /// words it; nil for other errors (ArgumentParser's own, `ExitCode`), which ArgumentParser
    /// reports.
    init?(reporting error: any Error) {
        switch error {
        case let failure as Failure: self = failure
        case let error as InputError: self.init(error.description)
        case let error as YAMLError: self.init(error.description)
        case let error as AtomicFiles.WriteError: self.init(error.description)
        default: return nil
        }
    }
}
