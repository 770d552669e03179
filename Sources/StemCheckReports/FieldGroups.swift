import StemCheckModel
import YAMLSource

/// The groups of `ReportOutline.notStated`: one per missing field, found by the field's
/// wildcarded path (`MissingField.wildcarded`), whichever list items it is missing in.
///
/// While every path is ASCII the wildcarded paths are kept in one byte buffer and found through
/// an open-addressing table of their hashes, so no string is made per field. Paths compare as
/// Swift strings do (by canonical equivalence: `café` with `é` equals `cafe` and a combining
/// accent, and `K` equals the Kelvin sign), which bytes cannot tell; from the first path with
/// other than ASCII text the groups are found by their wildcarded strings instead.
struct FieldGroups {
    /// The groups' wildcarded paths, one after another (ASCII groups).
    private var text: [UInt8] = []
    /// Per group: where its wildcarded path is in `text`, and its hash.
    private var keys: [(start: Int, count: Int, hash: UInt64)] = []
    /// Group index + 1 per slot, 0 for a free one; a power of two, at least twice the groups.
    private var slots: [Int32]
    /// Every group by its wildcarded path, once a path with other than ASCII text was seen.
    private var byString: [String: Int]?

    /// A table with room for `capacity` groups.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        keys.reserveCapacity(capacity)
    }

    /// How many groups there are.
    var count: Int { keys.count }

    /// The group of `path`: an existing one, or a new one numbered `count`.
    mutating func group(of path: String) -> (index: Int, isNew: Bool) {
        if byString == nil {
            let found: (index: Int, isNew: Bool)? = path.withUTF8Bytes { bytes in
                var any: UInt8 = 0
                for byte in bytes { any |= byte }
                guard any < 0x80 else { return nil }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { buffer in
                    find(UnsafeBufferPointer(rebasing: buffer[..<MissingField.wildcard(bytes, into: buffer.baseAddress!)]))
                }
            }
            if let found { return found }
        }
        if byString == nil {
            // From now on every path is found by its string: the groups so far go in first.
            var table: [String: Int] = [:]
            table.reserveCapacity(slots.count / 2)
            for (n, key) in keys.enumerated() { table[String(decoding: text[key.start..<key.start + key.count], as: UTF8.self)] = n }
            byString = table
        }
        let next = keys.count
        let index = ReportOutline.slot(&byString![MissingField.wildcarded(path), default: next])
        guard index == next else { return (index, false) }
        keys.append((0, 0, 0))  // counted; its key lives in `byString`
        return (index, true)
    }

    /// The group of a wildcarded ASCII path, made when new.
    private mutating func find(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
        // FNV-1a.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[slot] != 0 {
            let n = Int(slots[slot]) - 1
            let k = keys[n]
            if k.hash == hash, k.count == key.count, Self.equal(text, from: k.start, key) { return (n, false) }
            slot = (slot + 1) & mask
        }
        let n = keys.count
        keys.append((text.count, key.count, hash))
        text.append(contentsOf: key)
        slots[slot] = Int32(n + 1)
        if 2 * keys.count > slots.count { grow() }
        return (n, true)
    }

    /// Whether `text` holds `key`'s bytes from `start`.
    private static func equal(_ text: [UInt8], from start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        text.withUnsafeBufferPointer { text in
            for n in 0..<key.count where text[start + n] != key[n] { return false }
            return true
        }
    }

    /// Doubles the slots and places every group again.
    private mutating func grow() {
        slots = Array(repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for (n, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: key.hash ^ (key.hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n + 1)
        }
    }
}
