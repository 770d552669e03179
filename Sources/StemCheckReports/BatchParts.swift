import StemCheckModel

/// The protocols' parts of one whole-run document, in input order, as its writer reads them.
///
/// The run keeps only what a document's head needs in memory (each protocol's `BatchEntry` and
/// the pieces shared between protocols); bodies and items are read back one at a time from
/// wherever the run kept them (a spool file in `stemcheck check`), so a document of 100,000
/// protocols is written with the memory of one.
public struct BatchParts {
    /// How many protocols have parts.
    public var count: Int
    /// Each protocol's line in the run summary, in input order (read lazily).
    public var entries: AnySequence<BatchEntry>
    /// Pieces shared between protocols (SARIF rule descriptors, artifacts), first of each key, in order.
    public var shared: [(key: String, value: [UInt8])]
    /// Each protocol's body, in input order (read lazily).
    public var bodies: AnySequence<[UInt8]>
    /// Every protocol's items, protocol by protocol, in order (read lazily).
    public var items: AnySequence<[UInt8]>

    /// Parts read from wherever the run keeps them.
    public init(count: Int, entries: AnySequence<BatchEntry>, shared: [(key: String, value: [UInt8])],
                bodies: AnySequence<[UInt8]>, items: AnySequence<[UInt8]>) {
        self.count = count
        self.entries = entries
        self.shared = shared
        self.bodies = bodies
        self.items = items
    }

    /// Parts held in memory.
    public init(_ parts: [BatchPart]) {
        var shared: [(key: String, value: [UInt8])] = []
        var seen = Set<String>()
        for part in parts {
            for piece in part.shared where seen.insert(piece.key).inserted { shared.append((piece.key, piece.bytes())) }
        }
        self.init(count: parts.count, entries: AnySequence(parts.lazy.map(\.entry)), shared: shared,
                  bodies: AnySequence(parts.lazy.map(\.body)), items: AnySequence(parts.lazy.flatMap(\.items)))
    }
}

/// Where a whole-run document goes while it is written: bytes are collected into chunks of
/// `chunkSize` and handed to `output` in order (a file, standard output, or memory).
public final class DocumentWriter {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let output: ([UInt8]) -> Void

    /// A writer handing chunks of about `chunkSize` bytes to `output`.
    public init(chunkSize: Int = 1 << 16, output: @escaping ([UInt8]) -> Void) {
        self.chunkSize = chunkSize
        self.output = output
        buffer.reserveCapacity(chunkSize)
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) {
        // A chunk's worth of whole text with nothing buffered goes on as it is, without a copy
        // (a report file written at once).
        if buffer.isEmpty, bytes.count >= chunkSize, Self.characterBoundary(bytes) == bytes.count {
            output(bytes)
            return
        }
        buffer += bytes
        if buffer.count >= chunkSize { handOver(upTo: Self.characterBoundary(buffer)) }
    }

    /// Appends text as UTF-8.
    public func write(_ text: String) { write(Array(text.utf8)) }

    /// Hands over whatever is buffered (at the end of the document).
    public func flush() { handOver(upTo: buffer.count) }

    private func handOver(upTo end: Int) {
        guard end > 0 else { return }
        output(Array(buffer[..<end]))
        buffer.removeSubrange(..<end)
    }

    /// The end of the last whole UTF-8 character in `bytes`: a chunk never splits a character,
    /// so each chunk is text of its own (a reader of standard output that decodes each write never
    /// sees half a character).
    static func characterBoundary(_ bytes: [UInt8]) -> Int {
        var start = bytes.count
        while start > 0, bytes[start - 1] & 0xC0 == 0x80, bytes.count - start < 3 { start -= 1 }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return bytes.count - (start - 1) < length ? start - 1 : bytes.count
    }
}
