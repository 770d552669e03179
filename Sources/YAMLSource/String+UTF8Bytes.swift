extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place for a native string, so no copy is
    /// made and no reference is counted, else through a contiguous copy.
    ///
    /// `var copy = text; copy.withUTF8 { ... }` copies the string first (a retain and a release,
    /// atomic, on every call for a string longer than 15 bytes): on the paths a check run takes for
    /// every protocol, those were a measurable share of the run (docs/performance-history.md, fifteenth round).
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
