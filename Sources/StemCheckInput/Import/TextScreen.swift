/// A registry text lower-cased to ASCII bytes once, to tell cheaply that a pattern cannot match
/// it (issue 20: registry records).
///
/// Swift's `Regex` parses a pattern each time one is made (about 40 µs for a short one) and then
/// takes several microseconds to search a short text (about 1,000 instructions a character); the
/// importers ask a few dozen patterns of every intervention and arm text, and most texts hold
/// none of the words those patterns need.
/// A `ScreenedPattern` is made and run only when `mayContain` finds one of its words.
///
/// The screen only ever says "cannot match" for text that is ASCII but for a few characters that
/// no pattern letter matches in any case (`standIn`): there, a pattern's letters matched
/// case-insensitively are the same letters in lower case. Other text (a Kelvin sign that
/// case-folds to `k`, a combining mark, white space beyond ASCII's) always passes.
struct TextScreen {
    /// The text's bytes, ASCII letters in lower case and each byte of a `standIn` character
    /// replaced by its stand-in (so offsets are the text's UTF-8 offsets); nil when the text has
    /// another character.
    let lowered: [UInt8]?

    init(_ text: some StringProtocol) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else {
                lowered = Self.standingIn(text)
                return
            }
            bytes.append(Self.lowerCased(byte))
        }
        lowered = bytes
    }

    /// An ASCII byte with a capital letter in lower case.
    private static func lowerCased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// `lowered` for text with other than ASCII: nil unless each such character has a stand-in.
    private static func standingIn(_ text: some StringProtocol) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                bytes.append(Self.lowerCased(byte))
            } else if let standIn = standIn(scalar) {
                bytes.append(contentsOf: repeatElement(standIn, count: UTF8.width(scalar)))
            } else {
                return nil
            }
        }
        return bytes
    }

    /// The byte standing for a character beyond ASCII that matches no ASCII letter or white
    /// space in a case-insensitive pattern, begins no character of two or more and extends
    /// none: `_` for a letter (Latin-1 and Latin Extended-A, a word character beside letters
    /// and digits as `_` is), 0x01 for a sign (`× ÷ ± ° ≥ ≤ – — ¼ ½ ¾ ® ©`, beside which a word
    /// ends). Letters that case-map to ASCII or to more than one letter (`ß`, `İ`, `ı`, `ŉ`,
    /// `ſ`) have none. `WordFormsTests` checks every one against Swift's `Regex`.
    static func standIn(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0xD7, 0xF7, 0xB1, 0xB0, 0x2264, 0x2265, 0x2013, 0x2014, 0xBC, 0xBD, 0xBE, 0xAE, 0xA9:
            return 0x01
        case 0xDF, 0x130, 0x131, 0x149, 0x17F:
            return nil
        case 0xB5, 0xC0...0xFF, 0x100...0x17F:
            return UInt8(ascii: "_")
        default:
            return nil
        }
    }
    /// Whether one of `words` (ASCII, lower case) occurs in the text, or the text has a character
    /// without a stand-in.
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
