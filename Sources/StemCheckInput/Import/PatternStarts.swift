/// Registry patterns tried only where a match can start (issue 20).
///
/// A pattern that begins with no word the search can look for first (an HLA score, `4/6` or
/// `at least 5 of 6`; a number of administrations, `three intravenous infusions`; a cell count,
/// `2 × 10^6`) makes Swift's
/// `Regex` start a match at every position of the text: `text.matches(of:)` took about 0.5–0.9 M
/// instructions for a description of 600 characters. Each such pattern is anchored by what its
/// every match holds, a `/`, an `of`, a noun (`infusions`), `single`, a number: a match starts
/// only a few words or digits before it, or where a number starts. `matches` tries the pattern at those positions alone
/// (`Regex.prefixMatch`), in order, resuming after each match as the search does (and trying
/// where a match ended too).
///
/// The positions are found in the text's `TextScreen` bytes (lower-cased ASCII, a stand-in for
/// each character beyond ASCII that no pattern letter, digit or white space matches and that
/// joins no neighbour), so `\d`, `\s` and the letters are ASCII there; a text with another
/// character beyond ASCII is searched whole. A pattern that begins with `\b` is tried only
/// where its boundary is certain (`WordForms.boundary`); a start beside `.:',;`, which may join
/// words, has the text searched whole. `PatternStartsTests` compares both ways on the fixtures
/// and on made texts.
enum PatternStarts {
    /// The matches of `regex` in `text`, as `text.matches(of: regex)` finds them. `starts` gives,
    /// for the screen's bytes, every offset a match can start at (ascending, distinct), or nil
    /// for the whole search.
    static func matches<Output>(of regex: Regex<Output>, in text: String, screen: TextScreen,
                                starts: (UnsafeBufferPointer<UInt8>) -> [Int]?) -> [Regex<Output>.Match] {
        guard let offsets = screen.lowered?.withUnsafeBufferPointer(starts) else { return Array(text.matches(of: regex)) }
        var found: [Regex<Output>.Match] = []
        var resume = text.startIndex
        // Where the last match ended: the search resumes there, and a match may start right at it
        // though no start is listed there (`2 × 10^6122 × 10^6`: the exponent's two digits end
        // the first match inside a run of digits, and the second begins at the run's rest).
        var atResume = false
        let utf8 = text.utf8
        var next = 0
        while true {
            let start: String.Index
            if atResume {
                atResume = false
                start = resume
            } else {
                guard next < offsets.count else { break }
                // (A start, a letter, a digit or a bound, begins a character: it is no CR LF's
                // second half, and the characters with stand-ins join no neighbour.)
                start = utf8.index(utf8.startIndex, offsetBy: offsets[next])
                next += 1
                guard start >= resume else { continue }
            }
            guard let match = try? regex.prefixMatch(in: text[start...]) else { continue }
            found.append(match)
            resume = match.range.isEmpty ? text.index(after: match.range.upperBound) : match.range.upperBound
            atResume = resume < text.endIndex
        }
        return found
    }

    // MARK: HLA scores

    /// `InterventionText.slashScore`: an optional bound (`>=`, `≥`, `at least `), one or two
    /// digits and, after white space only, `/`.
    static func slashScore(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var starts: [Int] = []
        for i in bytes.indices where bytes[i] == UInt8(ascii: "/") {
            addNumber(endingAt: skipSpaces(before: i, in: bytes), in: bytes, to: &starts)
        }
        return distinct(starts)
    }

    /// `InterventionText.wordScore`: as `slashScore`, but white space (at least one) and `of` or
    /// `out of` after the digits.
    static func wordScore(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var starts: [Int] = []
        for i in occurrences(of: "of", in: bytes) {
            let end = skipSpaces(before: i, in: bytes)
            if end < i { addNumber(endingAt: end, in: bytes, to: &starts) }
            // `out` and white space before `of`: the number is before `out`.
            if end < i, spells("out", bytes, at: end - 3) {
                let before = skipSpaces(before: end - 3, in: bytes)
                if before < end - 3 { addNumber(endingAt: before, in: bytes, to: &starts) }
            }
        }
        return distinct(starts)
    }

    /// The starts of a number of one or two digits ending before `end` (its last digit, and the
    /// one before when it is a digit), and of a bound just before each: `>=`, `at least ` and
    /// a three-byte sign (`≥`'s stand-ins; the pattern tells `≥` from `≤`).
    private static func addNumber(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>, to starts: inout [Int]) {
        for first in [end - 1, end - 2] where first >= 0 && (first..<end).allSatisfy({ isDigit(bytes[$0]) }) {
            starts.append(first)
            if first >= 2, bytes[first - 2] == UInt8(ascii: ">"), bytes[first - 1] == UInt8(ascii: "=") { starts.append(first - 2) }
            if first >= 3, bytes[first - 3] == 0x01, bytes[first - 2] == 0x01, bytes[first - 1] == 0x01 { starts.append(first - 3) }
            let k = skipSpaces(before: first, in: bytes)
            guard k < first, spells("least", bytes, at: k - 5) else { continue }
            let a = skipSpaces(before: k - 5, in: bytes)
            if a < k - 5, spells("at", bytes, at: a - 2) { starts.append(a - 2) }
        }
    }

    // MARK: Cell doses

    /// `InterventionText.power` (`2 × 10^6`, `5e7`, `3 million`): its number, `\d+` with
    /// perhaps a decimal part, starts where a run of digits starts. (Inside a run the number
    /// reaches the run's end as from its start, and what must follow it is the same.)
    static func powerOfTen(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var starts: [Int] = []
        for i in bytes.indices where isDigit(bytes[i]) && (i == 0 || !isDigit(bytes[i - 1])) { starts.append(i) }
        return starts
    }

    // MARK: Numbers of administrations

    /// `InterventionText.single`: `\b` then `a `, or `single`.
    static func singleAdministration(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var starts: [Int] = []
        for i in occurrences(of: "single", in: bytes) {
            starts.append(i)
            let end = skipSpaces(before: i, in: bytes)
            if end < i, spells("a", bytes, at: end - 1) { starts.append(end - 1) }
        }
        return bounded(distinct(starts), in: bytes)
    }

    /// `InterventionText.many`: `\b` then a number (one or two digits, or `one` to `twelve`),
    /// white space, at most two words and white space, and a plural noun: so a number ends one of
    /// the three words before the noun.
    static func manyAdministrations(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var starts: [Int] = []
        for noun in ["infusions", "doses", "injections", "administrations", "transplantations"] as [StaticString] {
            for i in occurrences(of: noun, in: bytes) {
                var end = i
                for _ in 0..<3 {
                    let wordEnd = skipSpaces(before: end, in: bytes)
                    guard wordEnd < end, wordEnd > 0 else { break }
                    var wordStart = wordEnd
                    while wordStart > 0, !ImportText.isASCIIWhitespace(bytes[wordStart - 1]) { wordStart -= 1 }
                    // The number ends the word: its last one or two digits, or a number's name.
                    if isDigit(bytes[wordEnd - 1]) {
                        starts.append(wordEnd - 1)
                        if wordEnd - 2 >= wordStart, isDigit(bytes[wordEnd - 2]) { starts.append(wordEnd - 2) }
                    }
                    for name in numberNames where spells(name, bytes, at: wordEnd - name.utf8CodeUnitCount) {
                        starts.append(wordEnd - name.utf8CodeUnitCount)
                    }
                    end = wordStart
                }
            }
        }
        return bounded(distinct(starts), in: bytes)
    }

    /// `one` to `twelve`, as `many` names them.
    private static let numberNames: [StaticString] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                                      "eleven", "twelve"]

    /// The starts a pattern beginning with `\b` can take: those beside which the boundary is
    /// certain; nil (search the whole text) when one is beside `.:',;`, where only Swift's own
    /// `\b` can tell, unless it is a digit after `.`, `,`, `;` or `'` after a digit (`1.5`:
    /// one number, no boundary inside; UAX #29 WB11, WB12).
    private static func bounded(_ starts: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var kept: [Int] = []
        kept.reserveCapacity(starts.count)
        for start in starts where WordForms.isWordByte(bytes[start]) {
            switch WordForms.boundary(beside: start > 0 ? bytes[start - 1] : nil) {
            case true?: kept.append(start)
            case false?: continue
            case nil:
                let joiner = bytes[start - 1]
                if isDigit(bytes[start]), start >= 2, isDigit(bytes[start - 2]), joiner != UInt8(ascii: ":") { continue }
                return nil
            }
        }
        return kept
    }

    // MARK: Bytes

    /// The offsets where `word` (lower-case ASCII) occurs in `bytes`.
    private static func occurrences(of word: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var found: [Int] = []
        let count = word.utf8CodeUnitCount
        guard count <= bytes.count else { return found }
        for i in 0...(bytes.count - count) where spells(word, bytes, at: i) { found.append(i) }
        return found
    }

    /// Whether `bytes` at `at` spell `word` (lower-case ASCII; the screen's bytes are lower case).
    private static func spells(_ word: StaticString, _ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at >= 0, at + count <= bytes.count else { return false }
        let w = word.utf8Start
        for n in 0..<count where bytes[at + n] != w[n] { return false }
        return true
    }

    /// The offset after the white space that ends before `end`.
    private static func skipSpaces(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var k = end
        while k > 0, ImportText.isASCIIWhitespace(bytes[k - 1]) { k -= 1 }
        return k
    }

    /// `starts` ascending, each once.
    private static func distinct(_ starts: [Int]) -> [Int] { Array(Set(starts)).sorted() }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
