import Testing
@testable import YAMLSource

/// The byte buffer every report writer writes into.
@Suite struct ByteSinkTests {
    @Test func decimalsAreWhatStringWrites() {
        var values = [0, 1, 9, 10, 11, 99, 100, 101, 999_999, 1_000_000, Int.max, Int.max - 1, Int.min, Int.min + 1, -1, -10, -99]
        var random = JSONDifferentialTests.Generator(state: 11)
        for _ in 0..<2_000 { values.append(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 63)) }
        // A small buffer, so that appending a number also grows it.
        var sink = ByteSink(capacity: 1)
        var expected = ""
        for value in values {
            sink.append(decimal: value)
            sink.append(UInt8(ascii: ","))
            expected += String(value) + ","
        }
        #expect(sink.text == expected)
    }
}
