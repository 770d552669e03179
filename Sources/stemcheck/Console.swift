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

    /// Writes UTF-8 text to standard output as is.
    static func output(_ bytes: [UInt8]) {
        FileOutput.write(bytes, to: STDOUT_FILENO)
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

    /// Everything on standard input (a protocol given as `-`).
    static func readStandardInput() -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n > 0 { out += buffer[..<n] } else if n < 0 && errno == EINTR { continue } else { break }
        }
        return out
    }

    private static func write(_ text: String, to descriptor: Int32) {
        FileOutput.write(text, to: descriptor)
    }
}
