/// Helpers to find lines and columns in raw UTF-8 input, for error messages.
///
/// Line breaks are counted as libyaml counts them in its marks: LF, CR, CR LF, and also NEL,
/// LINE SEPARATOR and PARAGRAPH SEPARATOR, so the line shown is the line libyaml means.
package enum SourceText {
    /// The byte length of the line break starting at `i`, or 0 when there is none.
    static func breakLength(at i: Int, in input: UnsafeBufferPointer<UInt8>) -> Int {
        switch input[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < input.count && input[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < input.count && input[i + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The text of 1-based line `number` of `bytes`, for the source line under a diagnostic.
    package static func line(_ number: Int, in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { line(number, in: $0) }
    }

    /// The text of 1-based line `number`, without its line break; nil when out of range.
    static func line(_ number: Int, in input: UnsafeBufferPointer<UInt8>) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var i = 0
        while i < input.count, current < number {
            let length = breakLength(at: i, in: input)
            if length > 0 {
                current += 1
                i += length
                start = i
            } else {
                i += 1
            }
        }
        if current < number { return nil }
        var end = start
        while end < input.count, breakLength(at: end, in: input) == 0 { end += 1 }
        // Cap very long lines so a 1 MB key does not flood the terminal.
        let capped = min(end, start + 400)
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<capped]), as: UTF8.self)
        // Control characters would garble the terminal; show them as U+FFFD, one character each.
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F ? "\u{FFFD}" : $0
        }))
    }

    /// 1-based line and character column of a byte offset.
    static func lineAndColumn(ofByte offset: Int, in input: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, input.count)
        while i < end {
            let length = breakLength(at: i, in: input)
            if length > 0 {
                line += 1
                column = 1
                i += length
                continue
            }
            if input[i] & 0xC0 != 0x80 {
                column += 1  // count characters: skip UTF-8 continuation bytes
            }
            i += 1
        }
        return (line, column)
    }
}
