/// A growable byte buffer for writing large outputs: appends are a capacity check and a copy,
/// with none of `Array`'s copy-on-write or a class's exclusivity checks. Not copyable: one
/// owner writes it, then takes the bytes.
public struct ByteSink: ~Copyable {
    /// Bytes written so far.
    public var count: Int { used }
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int
    @usableFromInline var base: UnsafeMutablePointer<UInt8>

    /// Creates an empty buffer with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Appends one byte.
    @inlinable
    public mutating func append(_ byte: UInt8) {
        if used == capacity { grow(1) }
        base[used] = byte
        used += 1
    }

    /// Appends a run of bytes.
    @inlinable
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if used + n > capacity { grow(n) }
        (base + used).update(from: bytes.baseAddress!, count: n)
        used += n
    }

    /// Appends a literal's UTF-8 bytes.
    @inlinable
    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 bytes.
    @inlinable
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends `byte` `times` times.
    @inlinable
    public mutating func append(repeating byte: UInt8, count times: Int) {
        guard times > 0 else { return }
        if used + times > capacity { grow(times) }
        (base + used).update(repeating: byte, count: times)
        used += times
    }

    /// Appends a whole number's decimal digits (and `-` when negative), without making a string:
    /// the digits are counted, then written from the last one back.
    @inlinable
    public mutating func append(decimal value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var count = 1
        var probe = rest
        while probe >= 10 {
            probe /= 10
            count += 1
        }
        if used + count > capacity { grow(count) }
        var at = used + count
        repeat {
            at -= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        used += count
    }

    /// Forgets everything written, keeping the room.
    public mutating func removeAll() { used = 0 }

    /// Calls `body` with everything written, without a copy.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// A copy of everything written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: used)) }

    /// Everything written, decoded as UTF-8 (one copy).
    public var text: String { String(decoding: UnsafeBufferPointer(start: base, count: used), as: UTF8.self) }

    @usableFromInline
    mutating func grow(_ needed: Int) {
        let newCapacity = max(capacity * 2, used + needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: used)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
