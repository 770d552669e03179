/// Tells whether a key is new among the keys of a list being built in first-seen order: a scan
/// of the list while it holds a few, a set of its keys from the ninth on. A scan per element
/// grew with the square of the list: the rules of a field that 130 `each` rules read, the paths
/// of a field missing in thousands of list items (issue 20, sixteenth round). Inlinable, so the
/// modules that use it specialize it (unspecialized across modules it cost every result more).
public struct DistinctKeys<Key: Hashable> {
    @usableFromInline var seen: Set<Key>?

    /// An empty record.
    @inlinable public init() {}

    /// Starts another list. (Emptied only when used: a new optional per list cost a release each.)
    @inlinable public mutating func reset() {
        if seen != nil { seen = nil }
    }

    /// Whether `key` is not among `keys`, the list's keys so far (the caller appends it when it
    /// is new); remembered once there are more than eight. Keys compare with `==` either way.
    @inlinable public mutating func isNew(_ key: Key, among keys: some Collection<Key>) -> Bool {
        if seen != nil { return seen!.insert(key).inserted }
        guard !keys.contains(key) else { return false }
        if keys.count >= 8 {
            seen = Set(keys)
            seen!.insert(key)
        }
        return true
    }
}
