import Testing
@testable import YAMLSource

/// `JSONText.quote` tests eight bytes at a time for bytes that need an escape; these tests hold
/// it to a quoting written scalar by scalar, on strings with every special byte at every offset.
@Suite struct JSONQuoteTests {
    /// JSON quoting as the specification words it, one scalar at a time (plus U+2028 and U+2029,
    /// which JSONText escapes for JavaScript readers).
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Pieces that stop the fast scan or look like they might: every escaped byte, U+2028/9,
    /// other characters whose UTF-8 starts with 0xE2 (`—`, `“`, `€`), bytes just above and below
    /// the thresholds, and characters of two and four bytes.
    static let pieces: [String] = ["a", "Z", " ", "!", "#", "[", "]", "~", "\u{7F}", "\"", "\\", "\n", "\r", "\t", "\u{08}",
                                   "\u{0C}", "\u{00}", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{2014}", "\u{201C}",
                                   "\u{20AC}", "\u{2027}", "\u{202A}", "é", "\u{00A0}", "😀", "\u{E2}", "\u{1E2}"]

    @Test func quotingMatchesTheReferenceAtEveryOffset() {
        // Each piece alone, and at every offset 0...20 in a run of plain letters, with and without
        // plain text after it (so that it falls in an eight-byte word and in the tail).
        for piece in Self.pieces {
            for offset in 0...20 {
                for after in [0, 1, 7, 8, 9, 17] {
                    let text = String(repeating: "x", count: offset) + piece + String(repeating: "y", count: after)
                    #expect(JSONText.quote(text) == Self.reference(text), "\(Array(text.utf8))")
                }
            }
        }
    }

    @Test func quotingMatchesTheReferenceOnRandomText() {
        var random = JSONDifferentialTests.Generator(state: 20_261_206)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 48) {
                // Mostly plain ASCII, as reports are, with special pieces among it.
                if random.next() % 4 == 0 {
                    text += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
                } else {
                    text.unicodeScalars.append(Unicode.Scalar(UInt8(0x20 + random.next() % 0x5F)))
                }
            }
            #expect(JSONText.quote(text) == Self.reference(text), "\(Array(text.utf8))")
            var bytes: [UInt8] = []
            JSONText.appendQuoted(text, to: &bytes)
            var sink = ByteSink(capacity: 4)
            JSONText.appendQuoted(text, to: &sink)
            #expect(bytes == Array(Self.reference(text).utf8) && sink.bytes == bytes)
        }
    }

    @Test func plainRunStopsAtTheFirstByteThatNeedsAttention() {
        var random = JSONDifferentialTests.Generator(state: 7)
        let special: [UInt8] = [0x00, 0x1F, 0x22, 0x5C, 0xE2]
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xE1, 0xE3, 0xFF, 0x41]
        for _ in 0..<5_000 {
            let count = Int(random.next() % 40)
            let bytes: [UInt8] = (0..<count).map { _ in
                random.next() % 9 == 0 ? special[Int(random.next() % 5)] : plain[Int(random.next() % UInt64(plain.count))]
            }
            let start = count == 0 ? 0 : Int(random.next() % UInt64(count + 1))
            let expected = bytes[start...].firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 } ?? count
            bytes.withUnsafeBufferPointer { #expect(JSONText.plainRun($0, from: start) == expected, "\(bytes) from \(start)") }
        }
    }
}
