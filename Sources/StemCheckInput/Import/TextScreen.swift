/// A registry text lower-cased to ASCII bytes once, to tell cheaply that a pattern cannot match
/// it (issue 20: registry records).
///
/// Swift's `Regex` parses a pattern each time one is made (about 40 µs for a short one) and then
/// takes several microseconds to search a short text (about 1,000 instructions a character); the
/// importers ask a few dozen patterns of every intervention and arm text, and most texts hold
/// none of the words those patterns need.
/// A `ScreenedPattern` is made and run only when `mayContain` finds one of its words.
///
/// The screen only ever says "cannot match" for text that is all ASCII: there, a pattern's
/// letters matched case-insensitively are the same letters in lower case. Other text (a `×`, a
/// superscript, a Kelvin sign that case-folds to `k`, whitespace beyond ASCII's) always passes.
struct TextScreen {
    /// The text's bytes, ASCII letters in lower case; nil when the text has other than ASCII.
    private let lowered: [UInt8]?

    init(_ text: some StringProtocol) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else {
                lowered = nil
                return
            }
            bytes.append(byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte)
        }
        lowered = bytes
    }

    /// Whether one of `words` (ASCII, lower case) occurs in the text, or the text is not all ASCII.
    func mayContain(_ words: [String]) -> Bool {
        guard let lowered else { return true }
        return words.contains { word in
            var word = word
            return word.withUTF8 { Self.occurs($0, in: lowered) }
        }
    }

    /// Whether `word` occurs in `text`, byte for byte.
    private static func occurs(_ word: UnsafeBufferPointer<UInt8>, in text: [UInt8]) -> Bool {
        guard let first = word.first else { return true }
        guard text.count >= word.count else { return false }
        return text.withUnsafeBufferPointer { text in
            var i = 0
            let last = text.count - word.count
            while i <= last {
                if text[i] == first {
                    var k = 1
                    while k < word.count, text[i + k] == word[k] { k += 1 }
                    if k == word.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
