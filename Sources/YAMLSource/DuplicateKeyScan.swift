#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds duplicate keys in a large mapping without making a String per key: the keys' text
/// spans are sorted by their bytes and neighbours compared. Shared by the YAML and JSON loaders.
enum DuplicateKeyScan {
    /// Among `positions` (ordered by where the keys stand in the mapping), the pair with the
    /// earliest second occurrence of a key and the first occurrence of that key; nil when all
    /// differ. `record(p)` is the node record of the key at position `p`.
    static func earliestPair(_ positions: [Int], text: [UInt8], record: (Int) -> NodeRecord) -> (first: Int, second: Int)? {
        var positions = positions
        return text.withUnsafeBufferPointer { bytes in
            func order(_ a: Int, _ b: Int) -> Int32 {
                let ra = record(a), rb = record(b)
                if ra.count != rb.count { return ra.count < rb.count ? -1 : 1 }
                if ra.count == 0 { return 0 }
                return memcmp(bytes.baseAddress! + Int(ra.start), bytes.baseAddress! + Int(rb.start), Int(ra.count))
            }
            // Equal keys end up next to each other, in source order (ties broken by position).
            positions.sort { a, b in
                let c = order(a, b)
                return c != 0 ? c < 0 : a < b
            }
            // In each run of equal keys the first two positions are the first and second occurrence.
            var best: (first: Int, second: Int)?
            var start = 0
            while start + 1 < positions.count {
                var end = start + 1
                while end < positions.count, order(positions[start], positions[end]) == 0 { end += 1 }
                if end - start > 1, best == nil || positions[start + 1] < best!.second {
                    best = (positions[start], positions[start + 1])
                }
                start = end
            }
            return best
        }
    }
}
