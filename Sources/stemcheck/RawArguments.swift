#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact bytes of command-line arguments. Swift's `CommandLine.arguments` replaces invalid
/// UTF-8 with U+FFFD, which names a different file; a path argument must be opened by its bytes.
enum RawArguments {
    /// `paths` as NUL-terminated bytes: each one that came from an argument that is not valid
    /// UTF-8 is given back as that argument's original bytes.
    static func bytes(for paths: [String]) -> [[CChar]] {
        var raw: [String: [CChar]] = [:]
        for n in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[n] else { continue }
            let length = strlen(pointer)
            let bytes = UnsafeBufferPointer(start: pointer, count: length + 1)
            let text = String(decoding: UnsafeRawBufferPointer(bytes).prefix(length), as: UTF8.self)
            if Array(text.utf8) != Array(UnsafeRawBufferPointer(bytes).prefix(length)) { raw[text] = Array(bytes) }
        }
        return paths.map { raw[$0] ?? Array($0.utf8CString) }
    }
}
