#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// Expands command-line paths into files: directories are walked (sorted, symlink loops skipped).
public enum FileDiscovery {
    /// The outcome of expanding one path.
    public enum Problem: Sendable, Equatable {
        case notFound(String)
        /// The path exists in some form but cannot be looked at (a symlink loop, no permission).
        case unreadable(String, String)
        case unreadableDirectory(String, String)
        case noMatchingFiles(String)
    }

    /// Files below `paths` whose names end in one of `extensions`; explicit file arguments are kept whatever
    /// their extension. Each real file appears once, the first time it is reached.
    public static func collect(_ paths: [String], extensions: [String]) -> (files: [InputFile], problems: [Problem]) {
        collect(paths.map { Array($0.utf8CString) }, extensions: extensions)
    }

    /// `collect` for paths given as raw NUL-terminated bytes (command-line arguments that are not UTF-8).
    public static func collect(_ cPaths: [[CChar]], extensions: [String]) -> (files: [InputFile], problems: [Problem]) {
        var files: [InputFile] = []
        var problems: [Problem] = []
        var seen = Set<FileID>()
        for cPath in cPaths {
            let path = InputFile(cPath: cPath).display
            var info = stat()
            guard stat(cPath, &info) == 0 else {
                problems.append(errno == ENOENT || errno == ENOTDIR ? .notFound(path)
                                : .unreadable(path, String(cString: strerror(errno))))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var found: [InputFile] = []
                var visited = Set<FileID>()
                walk(cPath, extensions: extensions, visited: &visited, into: &found, problems: &problems)
                var added = 0
                for file in found {
                    var fileInfo = stat()
                    if stat(file.cPath, &fileInfo) == 0 {
                        let id = FileID(info: fileInfo)
                        if seen.contains(id) { continue }
                        seen.insert(id)
                    }
                    files.append(file)
                    added += 1
                }
                if found.isEmpty { problems.append(.noMatchingFiles(path)) }
            } else {
                let id = FileID(info: info)
                if seen.contains(id) { continue }
                seen.insert(id)
                files.append(InputFile(cPath: cPath))
            }
        }
        return (files, problems)
    }

    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private static func walk(_ directory: [CChar], extensions: [String], visited: inout Set<FileID>,
                             into files: inout [InputFile], problems: inout [Problem]) {
        var info = stat()
        guard stat(directory, &info) == 0 else { return }
        let id = FileID(info: info)
        if visited.contains(id) { return }  // a symlink loop, or the same directory twice
        visited.insert(id)
        guard let handle = opendir(directory) else {
            problems.append(.unreadableDirectory(InputFile(cPath: directory).display, String(cString: strerror(errno))))
            return
        }
        var names: [[CChar]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 })
            }
            if name == [46] || name == [46, 46] { continue }
            if name.first == 46 { continue }  // hidden files and folders (.git, .build)
            names.append(name)
        }
        closedir(handle)
        names.sort { $0.lexicographicallyPrecedes($1) { UInt8(bitPattern: $0) < UInt8(bitPattern: $1) } }
        var base = Array(directory.prefix { $0 != 0 })
        if base.last != 47 { base.append(47) }
        for name in names {
            let child = base + name + [0]
            var childInfo = stat()
            guard stat(child, &childInfo) == 0 else { continue }  // dangling symlink
            if (childInfo.st_mode & S_IFMT) == S_IFDIR {
                walk(child, extensions: extensions, visited: &visited, into: &files, problems: &problems)
            } else {
                let file = InputFile(cPath: child)
                let lower = file.display.lowercased()
                if extensions.contains(where: { lower.hasSuffix("." + $0) }) { files.append(file) }
            }
        }
    }
}
