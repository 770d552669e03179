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
    /// their extension. Each real file appears once, the first time it is reached. A file or folder
    /// whose path (as shown) matches one of `excluding` is left out, given or found.
    public static func collect(_ paths: [String], extensions: [String], excluding: [PathGlob] = []) -> (files: [InputFile], problems: [Problem]) {
        collect(paths.map { Array($0.utf8CString) }, extensions: extensions, excluding: excluding)
    }

    /// `collect` for paths given as raw NUL-terminated bytes (command-line arguments that are not UTF-8).
    public static func collect(_ cPaths: [[CChar]], extensions: [String], excluding: [PathGlob] = []) -> (files: [InputFile], problems: [Problem]) {
        var files: [InputFile] = []
        var problems: [Problem] = []
        var seen = Set<FileID>()
        for cPath in cPaths {
            let path = InputFile(cPath: cPath).display
            if excluding.excludes(path) { continue }
            var info = stat()
            guard stat(cPath, &info) == 0 else {
                problems.append(errno == ENOENT || errno == ENOTDIR ? .notFound(path)
                                : .unreadable(path, String(cString: strerror(errno))))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                var found: [(file: InputFile, id: FileID)] = []
                var visited = Set<FileID>()
                var excluded = 0
                walk(cPath, extensions: extensions, excluding: excluding, excluded: &excluded, visited: &visited,
                     into: &found, problems: &problems)
                // Each file's identity is the one the walk found it by (a second `stat` per file
                // cost a system call each: issue 20).
                for (file, id) in found where seen.insert(id).inserted {
                    files.append(file)
                }
                // A folder whose files were all excluded on purpose is not a mistake.
                if found.isEmpty, excluded == 0 { problems.append(.noMatchingFiles(path)) }
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

    private static func walk(_ directory: [CChar], extensions: [String], excluding: [PathGlob], excluded: inout Int,
                             visited: inout Set<FileID>, into files: inout [(file: InputFile, id: FileID)], problems: inout [Problem]) {
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
            if !excluding.isEmpty, excluding.excludes(InputFile(cPath: child).display) {
                excluded += 1
                continue
            }
            if (childInfo.st_mode & S_IFMT) == S_IFDIR {
                walk(child, extensions: extensions, excluding: excluding, excluded: &excluded, visited: &visited,
                     into: &files, problems: &problems)
            } else {
                let file = InputFile(cPath: child)
                let lower = file.display.lowercased()
                if extensions.contains(where: { lower.hasSuffix("." + $0) }) { files.append((file, FileID(info: childInfo))) }
            }
        }
    }
}
