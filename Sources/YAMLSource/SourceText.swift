/// Helpers to find lines and columns in raw UTF-8 input, for error messages.
enum SourceText {
    /// The text of 1-based line `number`, without its line break; nil when out of range.
    static func line(_ number: Int, in input: UnsafeBufferPointer<UInt8>) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = 0
        var i = 0
        while i < input.count, current < number {
            if input[i] == 0x0A { current += 1; start = i + 1 }
            i += 1
        }
        if current < number { return nil }
        var end = start
        while end < input.count, input[end] != 0x0A { end += 1 }
        if end > start, input[end - 1] == 0x0D { end -= 1 }
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
            let byte = input[i]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count characters: skip UTF-8 continuation bytes
            }
            i += 1
        }
        return (line, column)
    }
}
