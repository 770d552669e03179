/// Tests on eight bytes at once, read as one 64-bit word: the classic "has a zero byte" test and
/// its relatives. Each gives a mask whose high bits are set only if some byte qualifies: exact
/// about whether one does (not about which). Writers pass over plain text with them a word at a
/// time and look byte by byte only at words that hold something to escape.
public enum ByteWord {
    @inlinable static var ones: UInt64 { 0x0101_0101_0101_0101 }

    /// The word at byte `offset` of `base` (any alignment).
    @inlinable
    public static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    }

    /// Nonzero high bits if some byte of `word` is `byte`.
    @inlinable
    public static func matching(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x
    }

    /// Nonzero high bits if some byte of `word` is below `limit` (at most 0x80).
    @inlinable
    public static func below(_ limit: UInt8, in word: UInt64) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word
    }

    /// Whether a mask made of the tests above (joined with `|`) found a byte.
    @inlinable
    public static func found(_ mask: UInt64) -> Bool { mask & (ones &* 0x80) != 0 }
}
