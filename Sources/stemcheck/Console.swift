#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun

/// Writes to standard output and standard error without buffering surprises.
enum Console {
    /// Writes `text` to standard output as is.
    static func output(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// Writes `text` to standard error as is.
    static func errorRaw(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    private static func write(_ text: String, to descriptor: Int32) {
        FileOutput.write(text, to: descriptor)
    }
}
