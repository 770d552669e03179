import Testing
@testable import StemCheckReports

/// `TextBuffer.hasControl` (issue 20) looks for control characters eight bytes at a time; it must
/// answer as a byte-by-byte search does, for every byte at every offset of short and long lines.
@Suite struct TextLineTests {
    static func reference(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x7F } }

    static func hasControl(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { TextBuffer.hasControl($0) } }

    @Test func everyByteAtEveryOffset() {
        let plain = Array("The Protocol: products[0].dose ~ 5 mL é".utf8)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 23, plain.count] {
            let line = Array(plain.prefix(length))
            #expect(Self.hasControl(line) == false, "\(line)")
            for byte in UInt8(0)...UInt8(255) {
                for offset in 0..<length {
                    var changed = line
                    changed[offset] = byte
                    #expect(Self.hasControl(changed) == Self.reference(changed), "byte \(byte) at \(offset) of \(length)")
                }
            }
        }
    }

    /// A line with a control character is written with spaces in its place, as `oneLine` gives it.
    @Test func controlsBecomeSpaces() {
        for text in ["a\tb", "line one\nline two and more text", "x\u{7F}", "plain words only, no control at all here", "é\u{1B}[31m"] {
            var buffer = TextBuffer(paint: Paint(enabled: false))
            buffer.appendLine(text)
            #expect(String(decoding: buffer.finish(), as: UTF8.self) == TextReporter.oneLine(text))
        }
    }
}
