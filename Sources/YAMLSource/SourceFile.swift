#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files safely: regular files only (a FIFO or socket never blocks), bounded size.
public enum SourceFile {
    /// Reads the whole file at `path`, refusing non-regular files and files over `limit` bytes.
    public static func read(path: String, displayName: String, limit: Int) throws(YAMLError) -> [UInt8] {
        try read(cPath: Array(path.utf8CString), displayName: displayName, limit: limit)
    }

    /// Reads a file named by raw path bytes (NUL-terminated), for file names that are not valid UTF-8.
    public static func read(cPath: [CChar], displayName: String, limit: Int) throws(YAMLError) -> [UInt8] {
        let start = SourceLocation(file: displayName, line: 1, column: 1)
        let fd = open(cPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            throw YAMLError(location: start, reason: .unreadable(String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw YAMLError(location: start, reason: .unreadable(String(cString: strerror(errno))))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw YAMLError(location: start, reason: .unreadable("it is a directory"))
        default: throw YAMLError(location: start, reason: .unreadable("not a regular file (a FIFO, socket or device?)"))
        }
        let size = Int(info.st_size)
        if size > limit {
            throw YAMLError(location: start, reason: .fileTooLarge(size: size, limit: limit))
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress! + filled, size - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw YAMLError(location: start, reason: .unreadable(String(cString: strerror(errno))))
            }
            if got == 0 { break }
            filled += got
        }
        if filled < size { bytes.removeSubrange(filled...) }
        return bytes
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
