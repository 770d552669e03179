#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The canonical paths of many files (`InputFile.canonicalPath`), found with few system calls.
///
/// `realpath` looks at every component of a path, and of the working directory for a relative
/// one: about a dozen system calls a file. The files of a run mostly share a few folders, so each
/// folder is resolved once; a file that is not a symbolic link (one `lstat`) is its folder's
/// canonical path and its own name. A symbolic link, or a file whose folder or kind cannot be
/// told, is resolved whole, as `InputFile.canonicalPath` does.
public struct CanonicalPaths {
    /// Each folder's canonical path, by the folder as written (nil when it cannot be resolved).
    private var folders: [[CChar]: String?] = [:]

    /// An empty cache.
    public init() {}

    /// The canonical path of `file`: what `file.canonicalPath` says.
    public mutating func path(of file: InputFile) -> String? {
        let path = file.cPath
        // The name after the last `/` (the path is NUL-terminated).
        let end = path.count - 1
        var slash = end - 1
        while slash >= 0 && path[slash] != 47 { slash -= 1 }
        let name = path[(slash + 1)..<end]
        var info = stat()
        guard !name.isEmpty, name.elementsEqual([46]) == false, name.elementsEqual([46, 46]) == false,
              lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return file.canonicalPath }
        // The folder as written: `.` for a bare name, `/` for a file at the root.
        let folder: [CChar] = slash < 0 ? [46, 0] : slash == 0 ? [47, 0] : Array(path[..<slash]) + [0]
        let resolved: String?
        if let known = folders[folder] {
            resolved = known
        } else {
            resolved = InputFile(cPath: folder).canonicalPath
            folders[folder] = .some(resolved)
        }
        guard let resolved else { return file.canonicalPath }
        let base = String(decoding: name.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return resolved.hasSuffix("/") ? resolved + base : resolved + "/" + base
    }
}
