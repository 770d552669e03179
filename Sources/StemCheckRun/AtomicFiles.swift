#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckEngine
import StemCheckInput
import StemCheckModel
import StemCheckReports

/// Writes whole files atomically (reports, imported protocols, `init` templates): a temporary
/// file in the same folder, then `rename`.
public enum AtomicFiles {
    /// Why a file could not be written. `description` says "report", the common case (`init`
    /// shows it for a template too); it is kept as it is because scripts and tests match it.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): error: cannot write report: \(reason)" }
    }

    /// Makes sure `directory` exists and is a writable folder (creating it and its parents if missing).
    public static func prepare(directory: String) throws(WriteError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw WriteError(path: directory, reason: "it exists and is not a directory; choose another --output")
            }
            guard access(directory, W_OK) == 0 else {
                throw WriteError(path: directory, reason: "the directory is not writable")
            }
            return
        }
        var built = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            built += (built.isEmpty || built.hasSuffix("/") ? "" : "/") + part
            if stat(built, &info) == 0 { continue }
            if mkdir(built, 0o755) != 0 && errno != EEXIST {
                throw WriteError(path: built, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes `text` to `path` atomically; on any failure the temporary file is removed and
    /// whatever was at `path` before is left untouched.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try writeAll([(text, path)])
    }

    /// Writes several files as one step: every temporary file is written first, and only when all
    /// of them succeeded are they renamed into place. On failure nothing at the target paths changes.
    public static func writeAll(_ files: [(text: String, path: String)]) throws(WriteError) {
        try writeAll(files.map { (Array($0.text.utf8), $0.path) })
    }

    /// `writeAll` for texts already encoded as UTF-8.
    public static func writeAll(_ files: [(bytes: [UInt8], path: String)]) throws(WriteError) {
        // Chunks of any size: each file's bytes go to it as they are, without a copy.
        try writeAll(streaming: files.map { file in (file.path, { (out: DocumentWriter) -> String? in out.write(file.bytes); return nil }) },
                     chunkSize: 0)
    }

    /// `writeAll` for documents written piece by piece: each `write` gets a writer into the
    /// temporary file beside its path (the document is never whole in memory) and returns why
    /// the document is incomplete, or nil; an incomplete document is not renamed into place.
    /// Bytes reach each file in chunks of about `chunkSize` (0: as they are written).
    public static func writeAll(streaming files: [(path: String, write: (DocumentWriter) -> String?)],
                                chunkSize: Int = 1 << 16) throws(WriteError) {
        var temporaries: [String] = []
        for (path, write) in files {
            do {
                temporaries.append(try writeTemporary(beside: path, chunkSize: chunkSize, write))
            } catch {
                for t in temporaries { unlink(t) }
                throw error
            }
        }
        for (n, (path, _)) in files.enumerated() where rename(temporaries[n], path) != 0 {
            let reason = String(cString: strerror(errno))
            for t in temporaries[n...] { unlink(t) }
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Appends to a file others write too (the GitHub job summary), creating it if missing.
    public static func append(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure = FileOutput.write(bytes, to: fd).map { String(cString: strerror($0)) }
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw WriteError(path: path, reason: failure) }
    }

    private static func writeTemporary(beside path: String, chunkSize: Int,
                                       _ write: (DocumentWriter) -> String?) throws(WriteError) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty && slash == nil ? "" : directory + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failed: Int32?
        let out = DocumentWriter(chunkSize: chunkSize) { bytes in
            if failed == nil { failed = FileOutput.write(bytes, to: fd) }
        }
        let incomplete = write(out)
        out.flush()
        var failure = failed.map { String(cString: strerror($0)) } ?? incomplete
        if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        return temporary
    }
}
