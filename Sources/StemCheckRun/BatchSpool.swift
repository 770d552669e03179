#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckModel
import StemCheckReports

/// A whole-run document's parts, kept until the run ends: the pieces shared between protocols in
/// memory; each protocol's entry, body and items in an unlinked temporary file (in memory only
/// when no temporary file can be made). Parts arrive in input order; `parts()` reads them back
/// one protocol at a time, so memory does not grow with the number of protocols (but for the
/// shared pieces and 40 bytes of offsets per protocol).
final class BatchSpool {
    /// Where the bytes are: an open, already unlinked file, or memory.
    private enum Storage {
        case file(Int32)
        case memory([UInt8])
    }

    private var storage: Storage
    private var length = 0
    private var pending: [UInt8] = []
    private var shared: [(key: String, value: [UInt8])] = []
    private var seen = Set<String>()
    /// Per protocol: its entry's, its body's and its items' bytes (each item behind its length).
    private var places: [(entry: Int, body: Int, items: Int, end: Int)] = []

    /// How many protocols' parts are kept.
    var count: Int { places.count }
    /// The first failed write or read (`errno`), if any.
    private(set) var failure: Int32?

    /// Why a document written from this spool is incomplete (a failed write or read), or nil.
    var problem: String? {
        failure.map { "the protocols' parts could not be kept in or read back from a temporary file in TMPDIR: "
            + String(cString: strerror($0)) + " (set TMPDIR to a folder with room)" }
    }

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
        for piece in part.shared where seen.insert(piece.key).inserted { shared.append((piece.key, piece.bytes())) }
        let entryStart = length
        put(Self.encode(part.entry))
        let bodyStart = length
        put(part.body)
        let itemsStart = length
        for item in part.items {
            withUnsafeBytes(of: UInt64(item.count).littleEndian) { put(Array($0)) }
            put(item)
        }
        places.append((entryStart, bodyStart, itemsStart, length))
        if pending.count >= 1 << 16 { drain() }
    }

    /// The parts, read back in order.
    func parts() -> BatchParts {
        drain()
        let places = self.places
        let entries = AnySequence { () -> AnyIterator<BatchEntry> in
            var n = 0
            return AnyIterator {
                guard n < places.count else { return nil }
                defer { n += 1 }
                // A failed read ends the entries (the spool's `problem` says why).
                let bytes = self.read(places[n].entry..<places[n].body)
                return bytes.isEmpty ? nil : Self.decode(bytes)
            }
        }
        let bodies = AnySequence { () -> AnyIterator<[UInt8]> in
            var n = 0
            return AnyIterator {
                guard n < places.count else { return nil }
                defer { n += 1 }
                return self.read(places[n].body..<places[n].items)
            }
        }
        let items = AnySequence { () -> AnyIterator<[UInt8]> in
            var n = 0
            var chunk: [UInt8] = []
            var offset = 0
            return AnyIterator {
                while offset >= chunk.count {
                    guard n < places.count else { return nil }
                    chunk = self.read(places[n].items..<places[n].end)
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
        return BatchParts(count: places.count, entries: entries, shared: shared, bodies: bodies, items: items)
    }

    // MARK: Entries as bytes

    /// An entry as bytes: path, title, profile, anchor (each behind its length; -1 for none),
    /// then the summary's counts, verdict and gate. The anchor is kept as it is: it names the
    /// protocol's place in the input, which is not its place in the spool when an earlier file
    /// could not be checked.
    static func encode(_ entry: BatchEntry) -> [UInt8] {
        var out: [UInt8] = []
        func int(_ n: Int) { withUnsafeBytes(of: Int64(n).littleEndian) { out += $0 } }
        func text(_ s: String?) {
            guard let s else { return int(-1) }
            int(s.utf8.count)
            out += s.utf8
        }
        text(entry.path)
        text(entry.title)
        text(entry.profile)
        text(entry.anchor)
        let s = entry.summary
        for n in [s.pass, s.fail, s.unknown, s.notApplicable, s.review, s.waived, s.error] { int(n) }
        int(Verdict.allCases.firstIndex(of: s.verdict)!)
        int(s.gatePassed ? 1 : 0)
        return out
    }

    /// The entry `encode` wrote.
    static func decode(_ bytes: [UInt8]) -> BatchEntry {
        var at = 0
        func int() -> Int {
            guard at + 8 <= bytes.count else { return 0 }
            var value: Int64 = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[at..<at + 8]) }
            at += 8
            return Int(Int64(littleEndian: value))
        }
        func text() -> String? {
            let n = int()
            guard n >= 0, at + n <= bytes.count else { return nil }
            defer { at += n }
            return String(decoding: bytes[at..<at + n], as: UTF8.self)
        }
        let path = text() ?? "", title = text(), profile = text(), anchor = text() ?? ""
        var s = Summary()
        (s.pass, s.fail, s.unknown, s.notApplicable, s.review, s.waived, s.error) = (int(), int(), int(), int(), int(), int(), int())
        let verdict = int()
        s.verdict = Verdict.allCases.indices.contains(verdict) ? Verdict.allCases[verdict] : .fail
        s.gatePassed = int() == 1
        var entry = BatchEntry(path: path, title: title, profile: profile, summary: s, index: 0)
        entry.anchor = anchor
        return entry
    }

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
