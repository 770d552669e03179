#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckReports

/// A whole-run document's parts, kept until the run ends: entries and shared pieces in memory,
/// bodies and items in an unlinked temporary file (in memory only when no temporary file can be
/// made). Parts arrive in input order; `parts()` reads them back one protocol at a time.
final class BatchSpool {
    /// Where the bytes are: an open, already unlinked file, or memory.
    private enum Storage {
        case file(Int32)
        case memory([UInt8])
    }

    private var storage: Storage
    private var length = 0
    private var pending: [UInt8] = []
    private var entries: [BatchEntry] = []
    private var shared: [(key: String, value: [UInt8])] = []
    private var seen = Set<String>()
    /// Per protocol: its body's bytes and its items' bytes (each item behind its length).
    private var places: [(body: Range<Int>, items: Range<Int>)] = []
    /// The first failed write or read (`errno`), if any.
    private(set) var failure: Int32?

    /// A spool in `TMPDIR` (or `/tmp`).
    init() {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/stemcheck-batch-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 {
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            storage = .file(fd)
        } else {
            storage = .memory([])
        }
    }

    deinit {
        if case .file(let fd) = storage { close(fd) }
    }

    /// Keeps one protocol's part.
    func append(_ part: BatchPart) {
        entries.append(part.entry)
        for piece in part.shared where seen.insert(piece.key).inserted { shared.append(piece) }
        let bodyStart = length
        put(part.body)
        let itemsStart = length
        for item in part.items {
            withUnsafeBytes(of: UInt64(item.count).littleEndian) { put(Array($0)) }
            put(item)
        }
        places.append((bodyStart..<itemsStart, itemsStart..<length))
        if pending.count >= 1 << 16 { drain() }
    }

    /// The parts, read back in order.
    func parts() -> BatchParts {
        drain()
        let places = self.places
        let bodies = AnySequence { () -> AnyIterator<[UInt8]> in
            var n = 0
            return AnyIterator {
                guard n < places.count else { return nil }
                defer { n += 1 }
                return self.read(places[n].body)
            }
        }
        let items = AnySequence { () -> AnyIterator<[UInt8]> in
            var n = 0
            var chunk: [UInt8] = []
            var offset = 0
            return AnyIterator {
                while offset >= chunk.count {
                    guard n < places.count else { return nil }
                    chunk = self.read(places[n].items)
                    offset = 0
                    n += 1
                }
                var count: UInt64 = 0
                withUnsafeMutableBytes(of: &count) { $0.copyBytes(from: chunk[offset..<offset + 8]) }
                let start = offset + 8, end = start + Int(UInt64(littleEndian: count))
                offset = end
                return Array(chunk[start..<end])
            }
        }
        return BatchParts(entries: entries, shared: shared, bodies: bodies, items: items)
    }

    /// The protocols' entries so far, in order.
    var summaryEntries: [BatchEntry] { entries }

    private func put(_ bytes: [UInt8]) {
        pending += bytes
        length += bytes.count
    }

    private func drain() {
        guard !pending.isEmpty else { return }
        switch storage {
        case .file(let fd):
            if failure == nil, let error = FileOutput.write(pending, to: fd) { failure = error }
        case .memory(var bytes):
            storage = .memory([])
            bytes += pending
            storage = .memory(bytes)
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func read(_ range: Range<Int>) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        switch storage {
        case .memory(let bytes):
            return Array(bytes[range])
        case .file(let fd):
            var out = [UInt8](repeating: 0, count: range.count)
            var done = 0
            while done < range.count {
                let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    if failure == nil { failure = n < 0 ? errno : EIO }
                    return []
                }
                done += n
            }
            return out
        }
    }
}
