#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckModel

/// A file to read: its name for messages and its exact path bytes (names need not be UTF-8).
public struct InputFile: Sendable, Hashable {
    /// The path as shown to users (invalid UTF-8 replaced by U+FFFD).
    public var display: String
    /// The exact path bytes when `display` does not spell them (a name that is not UTF-8); nil
    /// when it does, the usual case: a run keeps every file of a folder, and these were
    /// 128 bytes a file more (issue 20).
    private var exactPath: [CChar]?
    /// The file's bytes when they were read already (standard input, `-`); nil reads `cPath`.
    public var contents: [UInt8]? = nil

    /// The exact path, NUL-terminated.
    public var cPath: [CChar] { exactPath ?? Array(display.utf8CString) }

    /// A file named by a UTF-8 path.
    public init(_ path: String) {
        display = path
    }

    /// Bytes read from standard input, named `display` in messages and reports.
    public init(standardInput bytes: [UInt8], display: String) {
        self.display = display
        contents = bytes
    }

    /// A file named by exact path bytes.
    public init(cPath: [CChar]) {
        display = String(decoding: cPath.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        exactPath = display.utf8CString.elementsEqual(cPath) ? nil : cPath
    }

    /// The file name without directory and extension (the report STEM).
    public var stem: String {
        let name = display.split(separator: "/").last.map(String.init) ?? display
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The file's canonical absolute path (symlinks and `..` resolved), nil when it cannot be
    /// resolved; the same file reached by two paths has one.
    public var canonicalPath: String? {
        guard let resolved = realpath(cPath, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory part of the path (`.` when none).
    public var directory: String {
        guard let slash = display.lastIndex(of: "/") else { return "." }
        return slash == display.startIndex ? "/" : String(display[..<slash])
    }
}

/// Paths written inside a file (a config's `rules`, a profile's `extends`).
public enum WrittenPath {
    /// `written` taken relative to `directory` (the folder of the file it is written in), unless
    /// it is absolute.
    public static func resolve(_ written: String, from directory: String) -> String {
        if written.hasPrefix("/") || directory == "." || directory.isEmpty { return written }
        return directory.hasSuffix("/") ? directory + written : directory + "/" + written
    }
}
