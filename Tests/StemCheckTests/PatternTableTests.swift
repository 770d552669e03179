import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine
import Testing

/// The regex matcher answers ASCII characters from a table made when a pattern compiles; the
/// table must give, for every class of every pattern and every ASCII character, the answer the
/// class's items give (issue 20).
@Suite struct PatternTableTests {
    static let patterns: [(String, Bool)] = [
        ("[Ff]low", false), ("cerebral palsy", true), ("^G80", false), ("^[0-9]+/[0-9]+$", false),
        ("(?i)USP\\s*<?\\s*71\\s*>?|Ph\\.?\\s*Eur\\.?\\s*2\\.6\\.(1|27)\\b|BacT\\s*/?\\s*ALERT", false),
        ("(?i)^\\s*(none|no\\b|not (used|planned|given|required))", false), ("[A-Za-z]{3,}", false),
        ("^KCT\\d{7}$", false), ("[0-9]|\\b[Aa]ny\\b", false), ("[^a-z]", true), ("[^\\d\\s]", false),
        ("\\W\\S\\D", false), ("\\w\\s\\d", true), (".", false), ("[^.]", false), ("[\\u{0}-~]", false),
        ("[Z-a]", true), ("[@-`]", true), ("[k]", true), ("[\u{212A}]", true), ("[é-ÿ]", true), ("[ -\u{3000}]", false),
        ("申请中|待定|无", false), ("[^A-Z_]", true),
    ]

    @Test(arguments: patterns)
    func tableAgreesWithTheItems(_ source: String, _ ignoreCase: Bool) throws {
        let pattern = try Pattern(source, ignoreCase: ignoreCase)
        var classes = 0
        for instruction in pattern.program {
            guard case .consume(let c) = instruction else { continue }
            classes += 1
            for value in UInt32(0)..<128 {
                let s = Unicode.Scalar(value)!
                #expect(c.matches(s) == c.matchesUntabled(s), "\(source) class \(classes): U+\(String(value, radix: 16))")
            }
        }
        #expect(classes > 0)
    }

    /// Positions a match cannot start at are skipped by a table of the start classes' ASCII
    /// characters: it must hold exactly the characters some start class matches.
    @Test(arguments: patterns)
    func startTableAgreesWithTheStartClasses(_ source: String, _ ignoreCase: Bool) throws {
        let pattern = try Pattern(source, ignoreCase: ignoreCase)
        guard let starts = pattern.starts else {
            #expect(pattern.startTable == nil)
            return
        }
        let table = try #require(pattern.startTable, "\(source): every start class has a table")
        for value in UInt32(0)..<128 {
            let s = Unicode.Scalar(value)!
            #expect(table.contains(value) == starts.contains { $0.matchesUntabled(s) }, "\(source): U+\(String(value, radix: 16))")
        }
    }

    /// Assertions before a pattern's first character (`\b`, `\B`, `^` in an alternative) narrow
    /// where a match starts; skipping the positions no first character matches must not change
    /// what is found.
    @Test func leadingAssertionsStillDecide() throws {
        let cases: [(String, String, Pattern.SearchResult)] = [
            ("\\bany\\b", "many", .noMatch), ("\\bany\\b", "in any case", .match), ("\\bany\\b", "any", .match),
            ("\\b[0-9]+ mg", "x10 mg", .noMatch), ("\\b[0-9]+ mg", "x 10 mg", .match), ("\\b[0-9]+ mg", "10 mg", .match),
            ("\\Bb", "ab", .match), ("\\Bb", " b", .noMatch), ("\\Bb", "b", .noMatch),
            ("a|^b", "cb", .noMatch), ("a|^b", "bc", .match), ("a|^b", "cab", .match),
            ("$|a", "bbb", .match), ("\\bé", "caf é", .match), ("\\bé", "café", .noMatch),
            ("(\\bno\\b|none)$", "there is none", .match), ("(\\bno\\b|none)$", "no.", .noMatch),
        ]
        for (source, text, expected) in cases {
            #expect(try Pattern(source, ignoreCase: false).search(text) == expected, "\(source) on \(text)")
        }
        #expect(try Pattern("\\bany\\b", ignoreCase: true).search("In ANY case") == .match)
        #expect(try Pattern("\\bany\\b", ignoreCase: false).starts != nil)
        #expect(try Pattern("$|a", ignoreCase: false).starts == nil)
    }

    /// Patterns that are a fixed run of classes are searched without the matcher on ASCII text;
    /// the answer must be the matcher's on every text (ASCII or not, anchored or not, a final
    /// line feed before `$`).
    @Test func fixedRunsAnswerAsTheMatcher() throws {
        let runs: [(String, Bool)] = [
            ("^G80", false), ("[Cc]erebral [Pp]alsy", false), ("cerebral palsy", true), ("TNC", false),
            ("^[A-Z]{2}$", false), ("^KCT\\d{7}$", false), ("ab$", false), ("^a$", true), ("[Ff]low", false),
            ("\\d\\d", false), ("[^a-z]", false), ("é", false),
        ]
        let notRuns = ["a|b", "ab*", "\\bab", "^(NCT[0-9]{8}|KCT\\d{7})$", "[A-Za-z]{3,}", "a?"]
        let texts = ["", "G80", "G80.9", "g80", "xG80", "Cerebral Palsy", "spastic cerebral palsy", "cerebral  palsy",
                     "CEREBRAL PALSY", "US", "US\n", "USA", "us", "KCT0001234", "KCT0001234\n", "KCT00012345",
                     "ab", "ab\n", "ab\n\n", "a", "A", "a\n", "Flow cytometry", "no flow", "TNC count", "tnc",
                     "12", "x1", "café", "é", "Cerebral Palsy é", "G80é", "\n", "ABC", "abc1"]
        var random = SplitMix(seed: 20)
        let alphabet = Array("aAbBcCeEGgflopTUSNK0189 \n\té-")
        var generated = texts
        for _ in 0..<400 {
            generated.append(String((0..<Int(random.next() % 13)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        for (source, ignoreCase) in runs {
            let pattern = try Pattern(source, ignoreCase: ignoreCase)
            #expect(pattern.run != nil || source == "é", "\(source) is a fixed run")
            for text in generated {
                #expect(pattern.search(text) == pattern.searchWithMatcher(text), "\(source) on \(text.debugDescription)")
            }
        }
        for source in notRuns { #expect(try Pattern(source, ignoreCase: false).run == nil, "\(source)") }
        #expect(try Pattern("^G80", ignoreCase: false).search("G80.1") == .match)
        #expect(try Pattern("ab$", ignoreCase: false).search("ab\n") == .match)
        #expect(try Pattern("ab$", ignoreCase: false).search("ab\n\n") == .noMatch)
    }

    /// The matcher starts no thread where no start class matches: it must answer as when it
    /// starts one at every position, for the shipped packs' alternations and repetitions.
    @Test func skippedStartsAnswerAsEveryStart() throws {
        let sources: [(String, Bool)] = Self.patterns + [
            ("(?i)[0-9]\\s*(mg|µg|ug|mcg|g|IU|U|units?|mL|ml)\\b", false), ("[0-9]|\\b[Aa]ny\\b", false),
            ("(?i)/\\s*kg\\b|\\bcells?\\b|\\b(TNC|MNC|CD34\\+?)\\b", false), ("[Nn]o growth|[Nn]egative", false),
            ("(?i)(cannot|can ?not|can.t|unable to)[^.]*assent", false), ("a*b", false), ("x?y$", false), ("\\bno\\b", true),
        ]
        let texts = ["", "5 mg", "5mg/kg", "10 µg", "any", "Any time", "many", "1", "cells/kg", "CD34+ cells", "no growth",
                     "Negative", "cannot give assent", "can't. assent", "aaab", "b", "xy", "y\n", "NO", "no.", "USP <71>",
                     "Ph. Eur. 2.6.27", "BacT/ALERT", "G80", "none", "not used", "abc", "é5 mg"]
        var random = SplitMix(seed: 20)
        let alphabet = Array("aAbBcgGmMnNoOsStUxy0159 /.<>+-\n\tµé")
        var generated = texts
        for _ in 0..<300 {
            generated.append(String((0..<Int(random.next() % 15)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        var skipping = 0
        for (source, ignoreCase) in sources {
            let pattern = try Pattern(source, ignoreCase: ignoreCase)
            if pattern.starts != nil { skipping += 1 }
            for text in generated {
                #expect(pattern.searchWithMatcher(text) == pattern.searchWithMatcher(text, skipsStarts: false),
                        "\(source) on \(text.debugDescription)")
            }
        }
        #expect(skipping > 10)
    }

    /// ASCII text is searched depth first, each (instruction, position) once (`memoSearch`): the
    /// answer must be the matcher's for every `matches` of the shipped packs and every `pattern`
    /// of the protocol schema, on the strings their examples hold and on made ones.
    @Test func memoSearchAnswersAsTheMatcher() throws {
        var sources: [(String, Bool)] = []
        var strings = Set<String>()
        func collect(_ node: YAMLNode, patternKey: String) {
            switch node.kind {
            case .mapping:
                var ignoreCase = false
                node.forEachPair { key, value in if key.string == "ignore_case", value.bool == true { ignoreCase = true } }
                node.forEachPair { key, value in
                    if key.string == patternKey, let source = value.string { sources.append((source, ignoreCase)) }
                    collect(value, patternKey: patternKey)
                }
            case .sequence: for item in node.items { collect(item, patternKey: patternKey) }
            default: if let text = node.string, text.utf8.count < 80 { strings.insert(text) }
            }
        }
        for file in EmbeddedResources.ruleFiles {
            collect(try YAMLLoader().loadDocument(bytes: Array(file.text.utf8), file: file.path).root, patternKey: "matches")
        }
        let rulePatterns = sources.count
        collect(try YAMLLoader().loadDocument(bytes: Array(EmbeddedResources.protocolSchema.utf8), file: "schema.json").root, patternKey: "pattern")
        #expect(rulePatterns > 40 && sources.count > rulePatterns + 5)
        // Anchors inside alternatives, an empty match, a repetition of an alternation.
        sources += [("x|^b", false), ("(^|[ ,])no\\b", true), ("a$|^c", false), ("\\b|z", false), ("(ab|a)*c$", false), ("", false)]
        // A sample of the examples' strings (every one would take minutes in a debug build), a
        // final line feed, and made strings of the characters the patterns look for.
        var random = SplitMix(seed: 21)
        var texts = strings.sorted().enumerated().filter { $0.offset % 9 == 0 }.map(\.element)
        texts += texts.prefix(40).map { $0 + "\n" } + ["", "\n", "4 weeks", "12 months\n", "NCT01234567", "USP <71>", "no growth", "any", "ab", "cb", "a b", "no, no", "ababc"]
        let alphabet = Array("aAbcdeEgGkmMnNoOsStTuUwWxyY0123456789 /.,:<>+-_\n\t")
        for _ in 0..<120 {
            texts.append(String((0..<Int(random.next() % 24)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        var answered = 0
        for (source, ignoreCase) in sources {
            let pattern = try Pattern(source, ignoreCase: ignoreCase)
            for text in texts {
                guard let found = pattern.memoSearch(text) else { continue }
                #expect(found == pattern.searchWithMatcher(text), "\(source) on \(text.debugDescription)")
                answered += 1
            }
        }
        #expect(answered > 10_000)
        // Text that is not ASCII, and text long enough that the matcher could give up, are left to it.
        #expect(try Pattern("a|b", ignoreCase: false).memoSearch("é") == nil)
        #expect(try Pattern("a|b", ignoreCase: false).memoSearch(String(repeating: "x", count: Pattern.stepBudget / 4)) == nil)
    }

    @Test func casesFoldOnlyWhereAsked() throws {
        #expect(try Pattern("cerebral PALSY", ignoreCase: true).search("Spastic Cerebral Palsy") == .match)
        #expect(try Pattern("cerebral PALSY", ignoreCase: false).search("Spastic Cerebral Palsy") == .noMatch)
        #expect(try Pattern("[^a-z]+$", ignoreCase: true).search("abcD") == .noMatch)
        #expect(try Pattern("\\S+\\s\\d", ignoreCase: false).search("phase\t2") == .match)
    }
}
