/// A word pattern spelt out as the forms it matches, found in a text's lower-cased ASCII bytes
/// (`TextScreen`) without running its `Regex` (issue 20: registry records).
///
/// The route patterns are whole words in any case (`\bintravenous(?:ly)?\b`,
/// `\bintrathecal(?:ly)?\b|\blumbar\s+puncture\b`). A Swift `Regex` tests its leading `\b`, a
/// Unicode (UAX #29) word boundary, at every position of the text: about 90 ns a character. The
/// same first match is found here by comparing bytes, when the text is all ASCII and every word
/// boundary the match depends on is one whose answer does not depend on the rules between
/// letters and `.`, `:`, `'`, `,` or `;`. Anything else is `undecided`, and the caller runs the
/// `Regex`: the answer is the pattern's, never a guess. `WordFormsTests` compares the two on the
/// registry fixtures, on examples and on generated texts, and checks the boundary rules below
/// against Swift's own `\b`.
struct WordForms {
    /// A part of a form: letters and digits (and `-`) to compare, or a run of white space (`\s+`).
    enum Token: Equatable {
        case bytes([UInt8])
        case whitespace
    }

    /// The first match, as byte offsets into the text; or no match; or a text or match this
    /// cannot decide (the caller runs the pattern's `Regex`).
    enum Outcome: Equatable {
        case found(Range<Int>)
        case none
        case undecided
    }

    /// The forms in the order the pattern tries them at one position (its alternatives in order;
    /// an optional suffix, being greedy, with it before without it).
    let forms: [[Token]]
    /// Whether a form may begin with a byte, by byte.
    private let starts: [Bool]

    /// Forms written in lower case, `\s+` standing for a run of white space: `["intrathecally",
    /// "intrathecal", #"lumbar\s+puncture"#]`. Each must begin and end with a letter or digit,
    /// which the boundary rules rely on.
    init(_ forms: [String]) {
        self.forms = forms.map { form in
            var tokens: [Token] = []
            for (n, part) in form.split(separator: #"\s+"#, omittingEmptySubsequences: false).enumerated() {
                if n > 0 { tokens.append(.whitespace) }
                tokens.append(.bytes(Array(part.utf8)))
            }
            return tokens
        }
        var starts = [Bool](repeating: false, count: 256)
        for (form, written) in zip(self.forms, forms) {
            guard case .bytes(let first)? = form.first, let a = first.first, case .bytes(let last)? = form.last, let z = last.last,
                  Self.isLowerOrDigit(a), Self.isLowerOrDigit(z),
                  written.utf8.allSatisfy({ $0 < 0x80 && $0 &- UInt8(ascii: "A") >= 26 }) else {
                preconditionFailure("WordForms: \(written) — a form is lower case and begins and ends with a letter or a digit")
            }
            starts[Int(a)] = true
        }
        self.starts = starts
    }

    /// The first match of `\b(?:form|form|...)\b` in the text `screen` was made of, with the
    /// forms tried in order at each position, as the pattern's `Regex` finds it.
    func firstMatch(in screen: TextScreen) -> Outcome {
        guard let text = screen.lowered else { return .undecided }
        return text.withUnsafeBufferPointer { text in
            var p = 0
            while p < text.count {
                defer { p += 1 }
                guard starts[Int(text[p])] else { continue }
                for form in forms {
                    guard let matched = Self.match(form, in: text, at: p) else { continue }
                    guard let end = matched else { return .undecided }
                    // `\b` before the position is tested first: without it no form matches here.
                    guard let before = Self.boundary(beside: p > 0 ? text[p - 1] : nil) else { return .undecided }
                    guard before else { break }
                    // A form followed by no boundary fails; the pattern tries the next one.
                    guard let after = Self.boundary(beside: end < text.count ? text[end] : nil) else { return .undecided }
                    if after { return .found(p..<end) }
                }
            }
            return .none
        }
    }

    /// Where `form` ends when it matches at `p`; nil (the outer optional) when it does not; an
    /// end of nil when a run of white space holds a carriage return (`\r\n` is one character to
    /// a `Regex`; left undecided).
    private static func match(_ form: [Token], in text: UnsafeBufferPointer<UInt8>, at p: Int) -> Int?? {
        var i = p
        for token in form {
            switch token {
            case .bytes(let bytes):
                guard text.count - i >= bytes.count else { return nil }
                for (k, byte) in bytes.enumerated() where text[i + k] != byte { return nil }
                i += bytes.count
            case .whitespace:
                let start = i
                while i < text.count, ImportText.isASCIIWhitespace(text[i]) {
                    if text[i] == 0x0D { return .some(nil) }
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        return i
    }

    /// Whether there is a word boundary between a match's first or last byte (a letter or digit)
    /// and `byte` beside it (nil: the text's start or end). True at either end of the text and
    /// beside anything but a letter, a digit, `_` and `.:',;`; false beside a letter, a digit or
    /// `_` (UAX #29 WB5, WB8–WB10, WB13a–b); nil beside `.:',;`, which may join letters or digits
    /// into one word (WB6, WB7, WB11, WB12).
    static func boundary(beside byte: UInt8?) -> Bool? {
        guard let byte else { return true }
        if isWordByte(byte) { return false }
        if isJoiner(byte) { return nil }
        return true
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    /// Letters, digits and `_`: no word boundary between two of them (UAX #29 WB5, WB8–WB10, WB13a–b).
    static func isWordByte(_ byte: UInt8) -> Bool {
        ImportText.isAlphanumeric(byte) || byte == UInt8(ascii: "_")
    }

    /// `.` `:` `'` `,` `;`: between letters or digits they may not break a word.
    static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
    }
}
