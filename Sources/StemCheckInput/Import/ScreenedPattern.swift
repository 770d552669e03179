/// A Swift `Regex` with the words it cannot match without, made only for text that holds one of
/// them (`TextScreen`), and then only once per thread (`PatternCache`): a `Regex` costs tens of
/// microseconds to make.
///
/// `words` are ASCII and lower case, and every text the pattern matches holds one of them in some
/// case: each alternative of the pattern spells one out. A pattern without words is made for any
/// text. `ScreenedPatternTests` runs every pattern the importers screen (`PatternCheck`) over
/// registry texts and checks its words.
struct ScreenedPattern<Output>: Sendable {
    /// Every match holds one of these (ASCII, lower case; the text's case aside); none: any text
    /// may hold a match.
    let words: [String]
    /// Makes the pattern.
    private let make: @Sendable () -> Regex<Output>
    /// Where the pattern is written (file, line and column), which names it in the cache.
    private let key: PatternCache.Key
    /// The pattern spelt out as whole-word forms, found without the `Regex` where they can be
    /// (`firstRange(in:screen:)`); nil for patterns that are not just words.
    let forms: WordForms?
    /// A test of the text's screened bytes (`TextScreen.lowered`) that every text the pattern
    /// matches passes, finer than its words (`4/6`: a digit, `/`, a digit); nil: the words only.
    let clue: Clue?

    /// A test of a text's screened bytes.
    typealias Clue = @Sendable (UnsafeBufferPointer<UInt8>) -> Bool

    /// A pattern and its words; where it is written names it in the cache. `forms`, when given,
    /// spell out the same pattern (`WordForms`: `\b(?:form|...)\b`, the forms in the order the
    /// pattern tries them); `WordFormsTests` checks that they find what the pattern finds.
    /// `clue`, when given, is a test every text the pattern matches passes (checked by
    /// `ScreenedPatternTests` as the words are).
    init(_ words: [String], forms: [String]? = nil, clue: Clue? = nil,
         file: StaticString = #fileID, line: UInt = #line, column: UInt = #column,
         _ make: @escaping @Sendable () -> Regex<Output>) {
        self.words = words
        self.make = make
        self.forms = forms.map(WordForms.init)
        self.clue = clue
        key = PatternCache.Key(file: Int(bitPattern: file.utf8Start), line: line, column: column)
    }

    /// The pattern, or nil when `screen`'s text cannot hold a match.
    func regex(for screen: TextScreen) -> Regex<Output>? {
        passes(screen) ? PatternCache.current.regex(key, make) : nil
    }

    /// Whether the text `screen` was made of may hold a match: one of the words, and the clue.
    func passes(_ screen: TextScreen) -> Bool {
        guard words.isEmpty || screen.mayContain(words) else { return false }
        guard let clue, let lowered = screen.lowered else { return true }
        return lowered.withUnsafeBufferPointer(clue)
    }

    /// The pattern, for any text.
    var regex: Regex<Output> { PatternCache.current.regex(key, make) }

    /// Where the pattern first matches in `text`, whose screen is `screen`: found by its forms
    /// when they decide it, else by the `Regex`.
    func firstRange(in text: String, screen: TextScreen) -> Range<String.Index>? {
        if let forms {
            switch forms.firstMatch(in: screen) {
            case .none:
                return nil
            case .found(let bytes):
                // The text is ASCII: a byte offset is a character's.
                let utf8 = text.utf8
                return utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
            case .undecided:
                return text.firstMatch(of: regex)?.range
            }
        }
        guard let regex = regex(for: screen) else { return nil }
        return text.firstMatch(of: regex)?.range
    }

    /// Whether the pattern matches somewhere in `text`, whose screen is `screen`.
    func isFound(in text: String, screen: TextScreen) -> Bool {
        guard let regex = regex(for: screen) else { return false }
        return text.firstMatch(of: regex) != nil
    }

    /// Whether the pattern matches somewhere in `text`.
    func isFound(in text: String) -> Bool { isFound(in: text, screen: TextScreen(text)) }

    /// This pattern as a `PatternCheck`: searched for anywhere in a text, or (`whole`) matched
    /// against all of it.
    func check(_ name: String, whole: Bool = false) -> PatternCheck {
        let pattern = self
        return PatternCheck(name: name, words: words, passes: { pattern.passes($0) }, matches: { text in
            whole ? text.wholeMatch(of: pattern.regex) != nil : text.firstMatch(of: pattern.regex) != nil
        })
    }
}

/// A screened pattern and its words, whatever its output, for the test of the words
/// (`InterventionText.screenedPatterns`, `RegistryVocabulary.screenedPatterns`).
struct PatternCheck {
    /// Where the pattern is used (`routes: intravenous`).
    let name: String
    let words: [String]
    /// Whether the pattern may match the text a screen was made of (its words and clue).
    let passes: (TextScreen) -> Bool
    /// Whether the pattern matches a text.
    let matches: (String) -> Bool
}
