/// Facts read from the free text of a registry's intervention and arm descriptions: cell dose,
/// route, HLA match, number of administrations and their interval (docs/import.md).
///
/// Only what the text states is read, each fact with the words it came from; a text that states
/// two different values of one fact (two routes, two doses) gives none, with a remark.
enum InterventionText {
    /// A cell dose as the text states it, written in one of the schema's dose forms.
    struct CellDose: Equatable {
        /// `1–5 × 10^7 TNC/kg`, `> 3 × 10^7 cells/kg`, `up to 10 × 10^7 cells/kg`, `2 × 10^6 cells/kg`.
        var text: String
        /// The counted population named next to the dose (`TNC`, `MNC`, `CD34+`, `viable_MSC`, `viable_cells`).
        var population: String?
        /// The words of the source the dose was read from.
        var source: String
        /// A remark on how the text was read (a superscript the registry flattened).
        var remark: String?
    }

    /// What the text says about one intervention.
    struct Facts {
        var dose: CellDose?
        var doseRemark: String?
        var route: (value: String, source: String, remark: String?)?
        var routeRemark: String?
        var count: (value: Int, source: String)?
        var interval: (value: String, source: String)?
        var timing: (value: String, source: String)?
    }

    // MARK: - Normalising

    /// Registry text as plain words: markdown escapes (`\>`, `\^`) removed, whitespace collapsed.
    static func plain(_ text: String) -> String {
        bytesPlain(text) ?? plainCharacters(text)
    }

    /// The characters a markdown escape (`\`) makes literal: the backslash goes, the character stays.
    private static let escapable = "\\`*_{}[]()<>#+-.!^|~="

    /// `plain` by the text's bytes, for text that is ASCII but for characters with a stand-in
    /// (`ImportText.readsByBytes`), whose bytes are copied as they are; nil for other text.
    /// (Each character of ASCII text is a byte, but for a carriage return and line feed: that
    /// character is not escapable, and after a backslash both ways keep the backslash and its two bytes.)
    static func bytesPlain(_ text: String) -> String? {
        guard ImportText.readsByBytes(text) else { return nil }
        var text = text
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var escaped = false
        text.withUTF8 { bytes in
            for byte in bytes {
                if escaped {
                    if !escapable.utf8.contains(byte) { out.append(UInt8(ascii: "\\")) }
                    out.append(byte)
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else {
                    out.append(byte)
                }
            }
        }
        if escaped { out.append(UInt8(ascii: "\\")) }
        return out.withUnsafeBufferPointer(ImportText.collapsed(bytes:))
    }

    /// `plain`, character by character.
    static func plainCharacters(_ text: String) -> String {
        var out = ""
        var escaped = false
        for ch in text {
            if escaped {
                if !escapable.contains(ch) { out.append("\\") }
                out.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        if escaped { out.append("\\") }
        return ImportText.collapse(out)
    }

    /// The parts of an arm description separated by commas or semicolons outside brackets.
    static func clauses(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            switch ch {
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1)
            default: break
            }
            if depth == 0, ch == "," || ch == ";" {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts.map(ImportText.collapse).filter { !$0.isEmpty }
    }

    /// Lower-case words of at least three letters that tell interventions apart.
    static func significantWords(_ text: String) -> Set<String> {
        let stop: Set<String> = ["the", "and", "for", "with", "from", "infusion", "infusions", "injection", "injections",
                                 "therapy", "treatment", "group", "arm", "dose", "doses", "administration", "then", "only"]
        var words: Set<String> = []
        var word = ""
        for ch in text.lowercased() + " " {
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else {
                if word.count >= 3, !stop.contains(word) { words.insert(word) }
                word = ""
            }
        }
        return words
    }

    // MARK: - Numbers

    private static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12,
    ]

    /// `3` or `three`.
    static func count(_ word: Substring) -> Int? {
        Int(word) ?? numberWords[word.lowercased()]
    }

    private static let superscripts: [Character: Int] = ["⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9]

    // MARK: - Dose

    /// Every cell dose in `text`: a count with a power of ten (or `million`) followed by a cell or
    /// per-kg unit, with a bound (`>`, `≥`, `up to`, `a maximum of`, ...) or range before it.
    static func cellDoses(in text: String) -> [CellDose] {
        struct Token {
            var mantissa: String
            var exponent: Int
            var flattened: Bool
            var range: Range<String.Index>
            var written: String { "\(mantissa) × 10^\(exponent)" }
        }
        // Most texts have no power of ten: the pattern is not even made.
        let screen = TextScreen(text)
        guard let power = Self.power.regex(for: screen) else { return [] }
        var tokens: [Token] = []
        for match in PatternStarts.matches(of: power, in: text, screen: screen, starts: PatternStarts.powerOfTen) {
            let exponent: Int
            var flattened = false
            if let e = match.output.e1, let n = Int(e) { exponent = n }
            else if let e = match.output.e2 { exponent = e.reduce(0) { $0 * 10 + (superscripts[$1] ?? 0) } }
            else if let e = match.output.e3, let n = Int(e) { exponent = n; flattened = true }
            else if let e = match.output.e4, let n = Int(e) { exponent = n }
            else if let e = match.output.e5 { exponent = e.lowercased() == "billion" ? 9 : 6 }
            else { continue }
            guard exponent >= 3 else { continue }
            tokens.append(Token(mantissa: String(match.output.m), exponent: exponent, flattened: flattened, range: match.range))
        }

        // The unit after a number: `/kg` (a cell word may come before it) or a cell word.
        func unit(after index: String.Index) -> (unit: String, population: String?, end: String.Index)? {
            let after = text[index...]
            if let u = after.prefixMatch(of: perKg.regex) {
                let population = ImportText.collapse(String(u.output.pop))
                return (population.uppercased() == "TNC" ? "TNC/kg" : "cells/kg", population, u.range.upperBound)
            }
            if let u = after.prefixMatch(of: total.regex), !after[..<u.range.upperBound].contains("/") {
                return ("cells", String(u.output.pop), u.range.upperBound)
            }
            return nil
        }

        var found: [CellDose] = []
        var n = 0
        while n < tokens.count {
            let token = tokens[n]
            var quantity = token.written
            var start = token.range.lowerBound
            var flattened = token.flattened ? [token] : []
            var measured = unit(after: token.range.upperBound)
            // `1 × 10^7 - 5 × 10^7 cells/kg`: a number without a unit, a dash, a number with one.
            if measured == nil, n + 1 < tokens.count,
               text[token.range.upperBound..<tokens[n + 1].range.lowerBound].wholeMatch(of: rangeDash.regex) != nil,
               let second = unit(after: tokens[n + 1].range.upperBound) {
                quantity = token.written + " - " + tokens[n + 1].written
                if tokens[n + 1].flattened { flattened.append(tokens[n + 1]) }
                measured = second
                n += 1
            }
            n += 1
            guard let measured else { continue }
            // `1–5 × 10^7`: a bare number and a dash before the power shares it.
            let before = text[..<start]
            if let rangeLow = rangeLow.regex(for: TextScreen(before)), let low = before.firstMatch(of: rangeLow),
               before[..<low.range.lowerBound].last.map({ !$0.isNumber && $0 != "." && $0 != "^" }) ?? true {
                quantity = "\(low.output.a)–\(token.mantissa) × 10^\(token.exponent)"
                start = low.range.lowerBound
            }
            // A bound before it.
            var bound: String?
            let prefix = text[..<start]
            let screen = TextScreen(prefix)
            for (pattern, symbol) in bounds {
                if let regex = pattern.regex(for: screen), let b = prefix.firstMatch(of: regex) {
                    bound = symbol
                    start = b.range.lowerBound
                    break
                }
            }
            // The counted population: in the unit, or named just before it within the clause.
            let clauseStart = text[..<start].lastIndex(where: { ",;(".contains($0) }).map { text.index(after: $0) } ?? text.startIndex
            let population = populationName(measured.population ?? "") ?? populationName(String(text[clauseStart..<start]))
            let written = (bound.map { $0 + " " } ?? "") + quantity + " " + measured.unit
            var dose = CellDose(text: written, population: population,
                                source: ImportText.collapse(String(text[start..<measured.end])), remark: nil)
            if !flattened.isEmpty {
                dose.remark = flattened.map { "\"\(text[$0.range])\" read as \($0.written)" }.joined(separator: ", ")
                    + ": the registry text lost the superscript"
            }
            found.append(dose)
        }
        return found
    }

    /// A count with a power of ten (`2 × 10^6`, `3x10^7`, `10x107`, `3e7`, `10 million`): `cellDoses`'
    /// tokens. `×`, `·` and the superscripts are not ASCII, and text with them is never screened out.
    static var power: ScreenedPattern<(Substring, m: Substring, e1: Substring?, e2: Substring?, e3: Substring?, e4: Substring?, e5: Substring?)> {
        ScreenedPattern(["10", "e+", "e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "million", "billion"]) {
            #/(?<m>\d+(?:\.\d+)?)\s*(?:[x×X*·]\s*10\s*(?:\^\s*(?<e1>[+-]?\d{1,2})|(?<e2>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|(?<e3>[1-9])(?![\d.,]))|[eE]\+?(?<e4>\d{1,2})\b|\s+(?<e5>million|billion)\b)/#
        }
    }

    /// The unit after a count: `/kg` (a cell word may come before it).
    static var perKg: ScreenedPattern<(Substring, pop: Substring)> {
        ScreenedPattern([]) {
            #/^\s*(?<pop>(?:TNC|MNC|CD34\+?)?\s*(?:(?:total\s+)?(?:viable\s+|nucleated\s+|mononuclear\s+)?cells?)?)\s*(?:\/|\s+per\s+)\s*(?:kg|kilogram)\b/#.ignoresCase()
        }
    }

    /// The unit after a count: a cell word.
    static var total: ScreenedPattern<(Substring, pop: Substring)> {
        ScreenedPattern([]) { #/^\s*(?:[\w+-]+\s+){0,6}?(?<pop>TNC|MNC|cells?)\b/#.ignoresCase() }
    }

    /// Between two counts of a range.
    static var rangeDash: ScreenedPattern<Substring> { ScreenedPattern([]) { #/\s*(?:–|—|-|to)\s*/# } }

    /// A bare number and a dash before a count (`1–` of `1–5 × 10^7`).
    static let rangeLow = ScreenedPattern<(Substring, a: Substring)>([], clue: { endsWith($0, bytes: [UInt8(ascii: "-"), UInt8(ascii: "o"), standInSign]) }) {
        #/(?<a>\d+(?:\.\d+)?)\s*(?:–|—|-|to)\s*$/#
    }

    /// A bound before a dose, and its symbol, in the order they are tried. Each is anchored at the
    /// end of the text before the dose; its clue is how that text ends (white space aside).
    static let bounds: [(pattern: ScreenedPattern<Substring>, symbol: String)] = [
        (ScreenedPattern([], clue: { endsWith($0, bytes: [UInt8(ascii: "="), UInt8(ascii: ">"), standInSign]) }) { #/(?:>=|≥|=>)\s*$/# }, "≥"),
        (ScreenedPattern([], clue: { endsWith($0, bytes: [UInt8(ascii: "="), UInt8(ascii: "<"), standInSign]) }) { #/(?:<=|≤|=<)\s*$/# }, "≤"),
        (ScreenedPattern([], clue: { endsWith($0, bytes: [UInt8(ascii: ">")]) }) { #/>\s*$/# }, ">"),
        (ScreenedPattern([], clue: { endsWith($0, bytes: [UInt8(ascii: "<")]) }) { #/<\s*$/# }, "<"),
        (ScreenedPattern([], clue: { endsWith($0, word: ["to", "max", "maximum", "of", "than"]) }) {
            #/\b(?:up\s+to|(?:a\s+)?max(?:imum)?(?:\s+of)?|not\s+more\s+than|no\s+more\s+than)\s*$/#.ignoresCase()
        }, "up to"),
        (ScreenedPattern([], clue: { endsWith($0, word: ["least", "min", "minimum", "of", "than"]) }) {
            #/\b(?:at\s+least|(?:a\s+)?min(?:imum)?(?:\s+of)?|not\s+less\s+than|no\s+less\s+than)\s*$/#.ignoresCase()
        }, "at least"),
        (ScreenedPattern([], clue: { endsWith($0, word: ["than", "over", "above"]) }) { #/\b(?:more\s+than|over|above)\s*$/#.ignoresCase() }, ">"),
        (ScreenedPattern([], clue: { endsWith($0, word: ["than", "under", "below"]) }) { #/\b(?:less\s+than|under|below)\s*$/#.ignoresCase() }, "<"),
    ]

    /// The byte `TextScreen` puts for each byte of a sign such as `≥` or `–`.
    private static let standInSign: UInt8 = 0x01

    /// Whether the screened text's last byte but white space is one of `bytes`.
    static func endsWith(_ text: UnsafeBufferPointer<UInt8>, bytes: [UInt8]) -> Bool {
        guard let last = text.lastIndex(where: { !ImportText.isASCIIWhitespace($0) }) else { return false }
        return bytes.contains(text[last])
    }

    /// Whether the screened text's last letters (ASCII, lower case), white space aside, are one of `word`.
    static func endsWith(_ text: UnsafeBufferPointer<UInt8>, word: [String]) -> Bool {
        guard let end = text.lastIndex(where: { !ImportText.isASCIIWhitespace($0) }) else { return false }
        var start = end + 1
        while start > 0, text[start - 1] &- UInt8(ascii: "a") < 26 { start -= 1 }
        guard start <= end else { return false }
        let last = UnsafeBufferPointer(rebasing: text[start...end])
        return word.contains { $0.utf8.elementsEqual(last) }
    }

    /// The dose population a phrase names.
    static func populationName(_ text: String) -> String? {
        let t = text.lowercased()
        if t.contains("tnc") || t.contains("nucleated") { return "TNC" }
        if t.contains("mnc") || t.contains("mononuclear") { return "MNC" }
        if t.contains("cd34") { return "CD34+" }
        if t.contains("viable msc") || t.contains("viable mesenchymal") { return "viable_MSC" }
        if t.contains("viable cell") { return "viable_cells" }
        return nil
    }

    // MARK: - Route

    /// The routes a text names, in order, each with the words it was read from.
    static func routes(in text: String) -> [(value: String, source: String, remark: String?)] {
        let screen = TextScreen(text)
        var hits: [(position: String.Index, value: String, source: String, remark: String?)] = []
        for (pattern, value, remark) in routePatterns where !hits.contains(where: { $0.value == value }) {
            if let range = pattern.firstRange(in: text, screen: screen) {
                hits.append((range.lowerBound, value, String(text[range]), remark))
            }
        }
        return hits.sorted { $0.position < $1.position }.map { ($0.value, $0.source, $0.remark) }
    }

    /// The routes `routes(in:)` looks for, in order, with the schema's value and a remark. Each
    /// is spelt out as its forms too (`WordForms`), greedy optional parts first. Made once.
    static let routePatterns: [(pattern: ScreenedPattern<Substring>, value: String, remark: String?)] = [
        (ScreenedPattern(["intravenous"], forms: ["intravenously", "intravenous"]) { #/\bintravenous(?:ly)?\b/#.ignoresCase() },
         "intravenous", nil),
        (ScreenedPattern(["intrathecal", "lumbar"], forms: ["intrathecally", "intrathecal", #"lumbar\s+puncture"#]) {
            #/\bintrathecal(?:ly)?\b|\blumbar\s+puncture\b/#.ignoresCase()
        }, "intrathecal", nil),
        (ScreenedPattern(["arterial"], forms: ["intra-arterially", "intra-arterial", "intraarterially", "intraarterial"]) {
            #/\bintra-?arterial(?:ly)?\b/#.ignoresCase()
        }, "intra_arterial", nil),
        (ScreenedPattern(["intracerebroventricular"], forms: ["intracerebroventricularly", "intracerebroventricular"]) {
            #/\bintracerebroventricular(?:ly)?\b/#.ignoresCase()
        }, "intracerebroventricular", nil),
        (ScreenedPattern(["intracerebral"], forms: ["intracerebrally", "intracerebral"]) { #/\bintracerebral(?:ly)?\b/#.ignoresCase() },
         "intracerebral", nil),
        (ScreenedPattern(["nasal"], forms: ["intra-nasally", "intra-nasal", "intranasally", "intranasal", "nasally", "nasal"]) {
            #/\bintra-?nasal(?:ly)?\b|\bnasal(?:ly)?\b/#.ignoresCase()
        }, "intranasal", nil),
        (ScreenedPattern(["intramuscular"], forms: ["intramuscularly", "intramuscular"]) { #/\bintramuscular(?:ly)?\b/#.ignoresCase() },
         "intramuscular", nil),
        (ScreenedPattern(["articular"], forms: ["intra-articularly", "intra-articular", "intraarticularly", "intraarticular"]) {
            #/\bintra-?articular(?:ly)?\b/#.ignoresCase()
        }, "intra_articular", nil),
        (ScreenedPattern(["subcutaneous"], forms: ["subcutaneously", "subcutaneous"]) { #/\bsubcutaneous(?:ly)?\b/#.ignoresCase() },
         "subcutaneous", nil),
        (ScreenedPattern(["intravitreal"], forms: ["intravitreally", "intravitreal"]) { #/\bintravitreal(?:ly)?\b/#.ignoresCase() },
         "intravitreal", nil),
        (ScreenedPattern(["subretinal"], forms: ["subretinally", "subretinal"]) { #/\bsubretinal(?:ly)?\b/#.ignoresCase() },
         "subretinal", nil),
        (ScreenedPattern(["intraspinal"], forms: ["intraspinally", "intraspinal"]) { #/\bintraspinal(?:ly)?\b/#.ignoresCase() },
         "intraspinal", nil),
        (ScreenedPattern(["oral", "mouth"], forms: ["orally", "oral", #"by\s+mouth"#]) { #/\b(?:oral(?:ly)?|by\s+mouth)\b/#.ignoresCase() },
         "other", "oral: the schema's route vocabulary has no oral route"),
    ]

    // MARK: - Administrations

    /// The number of administrations a text states (`a single infusion`, `three intravenous infusions`).
    static func administrationCounts(in text: String) -> [(value: Int, source: String)] {
        var out: [(Int, String)] = []
        let screen = TextScreen(text)
        if let single = single.regex(for: screen) {
            for m in PatternStarts.matches(of: single, in: text, screen: screen, starts: PatternStarts.singleAdministration) {
                out.append((1, String(m.output)))
            }
        }
        if let many = many.regex(for: screen) {
            for m in PatternStarts.matches(of: many, in: text, screen: screen, starts: PatternStarts.manyAdministrations) {
                if let n = count(m.output.n), n >= 1 { out.append((n, String(m.output.0))) }
            }
        }
        return out
    }

    /// `a single infusion`.
    static var single: ScreenedPattern<Substring> {
        ScreenedPattern(["single"]) {
            #/\b(?:a\s+)?single(?:[\s-]+[a-z]+){0,2}?\s+(?:infusion|dose|injection|administration|transplant(?:ation)?)\b/#.ignoresCase()
        }
    }

    /// `three intravenous infusions`.
    static var many: ScreenedPattern<(Substring, n: Substring)> {
        ScreenedPattern(["infusions", "doses", "injections", "administrations", "transplantations"]) {
            #/\b(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:[a-z-]+\s+){0,2}?(?:infusions|doses|injections|administrations|transplantations)\b/#.ignoresCase()
        }
    }

    /// The interval between administrations a text states (`every 3 months`, `4 weeks apart`,
    /// `baseline, 3 months and 6 months`), with the schedule as timing when it is a list.
    static func interval(in text: String) -> (interval: (value: String, source: String)?, timing: (value: String, source: String)?) {
        func normalised(_ n: Int, _ u: Substring) -> String {
            let base = u.lowercased().hasSuffix("s") ? String(u.lowercased().dropLast()) : u.lowercased()
            return "\(n) \(base)\(n == 1 ? "" : "s")"
        }
        let screen = TextScreen(text)
        if let every = every.regex(for: screen), let m = text.firstMatch(of: every),
           let n = m.output[1].substring.flatMap(count), let u = m.output[2].substring {
            return ((normalised(n, u), String(m.output[0].substring ?? "")), nil)
        }
        if let apart = apart.regex(for: screen), let m = text.firstMatch(of: apart),
           let n = m.output[1].substring.flatMap(count), let u = m.output[2].substring {
            return ((normalised(n, u), String(m.output[0].substring ?? "")), nil)
        }
        // `baseline, 3 months and 6 months`: equal steps from baseline.
        if let schedule = schedule.regex(for: screen), let m = text.firstMatch(of: schedule),
           let a = m.output[1].substring.flatMap(count), let ua = m.output[2].substring,
           let b = m.output[3].substring.flatMap(count), let ub = m.output[4].substring {
            let source = String(m.output[0].substring ?? "")
            let timing = (value: "baseline, \(normalised(a, ua)) and \(normalised(b, ub))", source: source)
            let sameUnit = normalised(1, ua) == normalised(1, ub)
            return (sameUnit && b == 2 * a ? (normalised(a, ua), source) : nil, timing)
        }
        return (nil, nil)
    }

    /// `interval(in:)`'s number of days, weeks or months, and the unit (a group each).
    private static let number = "(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    private static let unit = "(days?|weeks?|months?)"

    /// `every 3 months`.
    static var every: ScreenedPattern<AnyRegexOutput> {
        ScreenedPattern(["every"]) { try! Regex("\\bevery\\s+\(number)\\s+\(unit)\\b").ignoresCase() }
    }

    /// `4 weeks apart`.
    static var apart: ScreenedPattern<AnyRegexOutput> {
        ScreenedPattern(["apart"]) { try! Regex("\\b\(number)\\s+\(unit)\\s+apart\\b").ignoresCase() }
    }

    /// `baseline, 3 months and 6 months`.
    static var schedule: ScreenedPattern<AnyRegexOutput> {
        ScreenedPattern(["baseline"]) {
            try! Regex("\\bbaseline,?\\s+\(number)\\s+\(unit),?\\s+and\\s+\(number)\\s+\(unit)\\b").ignoresCase()
        }
    }

    // MARK: - One intervention

    /// What `texts` (the arm's words for the intervention first, then the intervention's own
    /// description) say about an intervention; doses only when `cells` is true, routes only when
    /// `routes` is (not for a sham procedure, which imitates one). `readings` keeps what each text
    /// held for the next call (one per record).
    static func facts(_ texts: [String], cells: Bool, routes readRoutes: Bool = true, readings: TextReadings = TextReadings()) -> Facts {
        var facts = Facts()
        let texts = texts.map(plain).filter { !$0.isEmpty }
        if cells {
            for text in texts {
                let doses = readings.cellDoses(in: text)
                let distinct = doses.reduce(into: [CellDose]()) { list, dose in
                    if !list.contains(where: { $0.text == dose.text }) { list.append(dose) }
                }
                if distinct.count == 1 {
                    facts.dose = distinct[0]
                    break
                }
                if distinct.count > 1 {
                    facts.doseRemark = "the text states several doses (" + distinct.map(\.text).joined(separator: "; ") + "); none imported"
                    break
                }
            }
        }
        for text in readRoutes ? texts : [] {
            let found = readings.routes(in: text)
            if found.count == 1 {
                facts.route = found[0]
                break
            }
            if found.count > 1 {
                facts.routeRemark = "the text names several routes (" + found.map(\.source).joined(separator: ", ") + "); none imported"
                break
            }
        }
        for text in texts {
            let counts = readings.administrationCounts(in: text)
            if let first = counts.first, counts.allSatisfy({ $0.value == first.value }) {
                facts.count = first
                break
            }
            if !counts.isEmpty { break }
        }
        for text in texts {
            let (interval, timing) = readings.interval(in: text)
            if interval != nil || timing != nil {
                facts.interval = interval
                facts.timing = timing
                break
            }
        }
        return facts
    }

    // MARK: - HLA

    /// An HLA match a text states.
    struct HLAMatch: Equatable {
        var score: String?
        var matched: Int?
        var of: Int?
        var level: String?
        var haploidentical: Bool?
        /// The words it was read from.
        var source: [String]
        var remark: String?
    }

    /// The HLA match a text states (`4/6 HLA-matched`, `≥3/6 match`, `12/12 HLA matched`,
    /// `haplo-identical`); the lowest score when it states several.
    static func hla(in raw: String) -> HLAMatch? {
        let text = plain(raw)
        // Most texts say nothing of HLA: the screen tells so without lower-casing them.
        let screen = TextScreen(text)
        guard screen.mayContain(["hla", "match", "haplo"]) else { return nil }
        let lower = text.lowercased()
        guard lower.contains("hla") || lower.contains("match") || lower.contains("haplo") else { return nil }
        var result = HLAMatch(source: [])
        var scores: [(matched: Int, of: Int, bound: Bool, source: String)] = []
        func near(_ range: Range<String.Index>) -> Bool {
            let from = text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
            let to = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
            let window = text[from..<to].lowercased()
            return window.contains("hla") || window.contains("match") || window.contains("antigen") || window.contains("allele")
        }
        for m in slashScore.regex(for: screen).map({ PatternStarts.matches(of: $0, in: text, screen: screen, starts: PatternStarts.slashScore) }) ?? [] {
            guard let matched = Int(m.output.m), let of = Int(m.output.o), [6, 8, 10, 12].contains(of), matched <= of,
                  near(m.range) else { continue }
            scores.append((matched, of, m.output.b != nil || m.output.a != nil, String(m.output.0)))
        }
        for m in wordScore.regex(for: screen).map({ PatternStarts.matches(of: $0, in: text, screen: screen, starts: PatternStarts.wordScore) }) ?? [] {
            guard let matched = Int(m.output.m), let of = Int(m.output.o), matched <= of, near(m.range) else { continue }
            scores.append((matched, of, m.output.b != nil || m.output.a != nil, String(m.output.0)))
        }
        if let lowest = scores.min(by: { Double($0.matched) / Double($0.of) < Double($1.matched) / Double($1.of) }) {
            result.score = "\(lowest.matched)/\(lowest.of)"
            result.matched = lowest.matched
            result.of = lowest.of
            result.source.append(lowest.source)
            var remarks: [String] = []
            if lowest.bound { remarks.append("\(lowest.source.trimmingSpaces()): the lowest match the text allows") }
            let distinct = Set(scores.map { "\($0.matched)/\($0.of)" })
            if distinct.count > 1 { remarks.append("the lowest of the scores \(distinct.sorted().joined(separator: ", ")) in the text") }
            if !remarks.isEmpty { result.remark = remarks.joined(separator: "; ") }
        }
        if let haplo = haploidentical.regex(for: screen), let m = text.firstMatch(of: haplo) {
            result.haploidentical = true
            result.source.append(String(m.output))
        }
        if result.score != nil {
            if let allele = alleleLevel.regex(for: screen), let m = text.firstMatch(of: allele) {
                result.level = "allele"
                result.source.append(String(m.output))
            } else if let antigen = antigenLevel.regex(for: screen), let m = text.firstMatch(of: antigen) {
                result.level = "antigen"
                result.source.append(String(m.output))
            }
        }
        return result.score != nil || result.haploidentical != nil ? result : nil
    }

    /// An HLA score as a fraction (`4/6`, `≥3/6`, `4/6 or more`).
    static var slashScore: ScreenedPattern<(Substring, b: Substring?, m: Substring, o: Substring, a: Substring?)> {
        ScreenedPattern(["/"], clue: hasDigitSlashDigit) {
            #/(?<b>≥|>=|at\s+least\s+)?(?<m>\d{1,2})\s*/\s*(?<o>\d{1,2})\b(?<a>\s+or\s+(?:more|better|greater|higher))?/#.ignoresCase()
        }
    }

    /// An HLA score in words (`5 of 6`, `at least 7 out of 8`).
    static var wordScore: ScreenedPattern<(Substring, b: Substring?, m: Substring, o: Substring, a: Substring?)> {
        ScreenedPattern(["of"], clue: hasOfAScore) {
            #/(?<b>≥|>=|at\s+least\s+)?(?<m>\d{1,2})\s+(?:of|out\s+of)\s+(?<o>6|8|10|12)\b(?<a>\s+or\s+(?:more|better|greater|higher))?/#.ignoresCase()
        }
    }

    /// `slashScore`'s clue: a digit, `/` and a digit, white space allowed around the `/`.
    static func hasDigitSlashDigit(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in text.indices where text[i] == UInt8(ascii: "/") {
            var a = i - 1, b = i + 1
            while a >= 0, ImportText.isASCIIWhitespace(text[a]) { a -= 1 }
            while b < text.count, ImportText.isASCIIWhitespace(text[b]) { b += 1 }
            if a >= 0, b < text.count, text[a] &- UInt8(ascii: "0") < 10, text[b] &- UInt8(ascii: "0") < 10 { return true }
        }
        return false
    }

    /// `wordScore`'s clue: `of` between white space, followed by `6`, `8` or `1` (of 10 or 12).
    static func hasOfAScore(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 1
        while i + 2 < text.count {
            defer { i += 1 }
            guard text[i] == UInt8(ascii: "o"), text[i + 1] == UInt8(ascii: "f"), ImportText.isASCIIWhitespace(text[i - 1]),
                  ImportText.isASCIIWhitespace(text[i + 2]) else { continue }
            var b = i + 2
            while b < text.count, ImportText.isASCIIWhitespace(text[b]) { b += 1 }
            if b < text.count, [UInt8(ascii: "6"), UInt8(ascii: "8"), UInt8(ascii: "1")].contains(text[b]) { return true }
        }
        return false
    }

    /// `haplo-identical`, `haploidentical`.
    static var haploidentical: ScreenedPattern<Substring> { ScreenedPattern(["haplo"]) { #/\bhaplo-?\s?identical\b/#.ignoresCase() } }
    /// Typing at allele level (`allele-level`, `high resolution`).
    static var alleleLevel: ScreenedPattern<Substring> {
        ScreenedPattern(["allele", "resolution"]) { #/\ballele(?:-level)?\b|\bhigh[- ]resolution\b/#.ignoresCase() }
    }
    /// Typing at antigen level (`antigen-level`, `low resolution`, `serological`).
    static var antigenLevel: ScreenedPattern<Substring> {
        ScreenedPattern(["antigen", "resolution", "serologic"]) { #/\bantigen(?:-level)?\b|\blow[- ]resolution\b|\bserologic(?:al)?\b/#.ignoresCase() }
    }

    // MARK: - Products and arms

    /// Whether a product text names cells (stem cells, cord blood, MSC, mononuclear cells, CD34+...).
    static func namesCells(_ text: String) -> Bool {
        // "an acellular medium" does not name cells.
        let screen = TextScreen(text)
        guard let acellular = Self.acellular.regex(for: screen) else { return cells.isFound(in: text, screen: screen) }
        return cells.isFound(in: text.replacing(acellular, with: ""))
    }

    /// `acellular`, which does not name cells.
    static var acellular: ScreenedPattern<Substring> { ScreenedPattern(["acellular"]) { #/\bacellular\b/#.ignoresCase() } }

    /// Words that name cells (`stem cells`, `cord blood`, `MSCs`, `CD34+`, `cells`).
    static var cells: ScreenedPattern<Substring> {
        ScreenedPattern(["cell", "cord", "ucb", "msc", "mesenchymal", "stromal", "mononuclear", "mnc", "cd34", "cd133", "progenitor"]) {
            #/\b(?:stem[\s-]cells?|cord[\s-]blood|h?UCB|MSCs?|hCT-MSCs?|mesenchymal|stromal|mononuclear|MNCs?|BMMNCs?|CD34\+?|CD133\+?|progenitor|cells?|cellular|cord[\s-]tissue)\b/#.ignoresCase()
        }
    }

    /// Whether a name says the intervention is a placebo or sham.
    static func namesPlaceboOrSham(_ text: String) -> Bool {
        placeboOrSham.isFound(in: text)
    }

    /// `placebo`, `sham`, `vehicle`, `mock`.
    static var placeboOrSham: ScreenedPattern<Substring> {
        ScreenedPattern(["placebo", "sham", "vehicle", "mock"]) { #/\b(?:placebo|sham|vehicle|mock)\b/#.ignoresCase() }
    }

    /// Whether a text names a sham.
    static func namesSham(_ text: String) -> Bool {
        sham.isFound(in: text)
    }

    /// `comparator`'s words: placebo, sham, natural history, wait-list or delayed treatment.
    static var placebo: ScreenedPattern<Substring> { ScreenedPattern(["placebo"]) { #/\bplacebo\b/#.ignoresCase() } }
    static var sham: ScreenedPattern<Substring> { ScreenedPattern(["sham"]) { #/\bsham\b/#.ignoresCase() } }
    static var naturalHistory: ScreenedPattern<Substring> { ScreenedPattern(["natural"]) { #/\bnatural[ -]history\b/#.ignoresCase() } }
    static var waitlist: ScreenedPattern<Substring> {
        ScreenedPattern(["wait", "delayed"]) { #/\bwait(?:ing)?[ -]?list|\bdelayed (?:treatment|start|infusion)/#.ignoresCase() }
    }

    /// The comparator an arm is, from its registry type and its words.
    static func comparator(armType: String?, text: String) -> (value: String, remark: String?)? {
        let screen = TextScreen(text)
        let placebo = Self.placebo.isFound(in: text, screen: screen)
        let sham = Self.sham.isFound(in: text, screen: screen)
        let naturalHistory = Self.naturalHistory.isFound(in: text, screen: screen)
        let waitlist = Self.waitlist.isFound(in: text, screen: screen)
        switch armType?.uppercased() {
        case "EXPERIMENTAL":
            return ("none", nil)
        case "SHAM_COMPARATOR":
            return ("sham_procedure", nil)
        case "PLACEBO_COMPARATOR":
            return sham ? ("sham_procedure", "a placebo comparator arm whose text names a sham") : ("placebo", nil)
        default:
            if sham { return ("sham_procedure", "from the arm's text (sham)") }
            if placebo { return ("placebo", "from the arm's text (placebo)") }
            if naturalHistory { return ("natural_history", "from the arm's text (natural history)") }
            if waitlist { return ("waitlist", "from the arm's text (wait-list / delayed treatment)") }
            switch armType?.uppercased() {
            case "ACTIVE_COMPARATOR": return ("active", nil)
            case "NO_INTERVENTION": return ("natural_history", "a no-intervention arm: untreated, natural history")
            default: return nil
            }
        }
    }

    /// An id (`^[A-Za-z0-9][A-Za-z0-9_.-]*$`) made from a name: lower-case words joined by `-`, at
    /// most 48 characters, unique among `taken` (`-2`, `-3` ... appended), `fallback` when the name has no letters.
    static func identifier(_ name: String, fallback: String, taken: inout Set<String>) -> String {
        var slug = ""
        var dash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if dash, !slug.isEmpty { slug += "-" }
                dash = false
                slug.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
        }
        if slug.count > 48 {
            let cut = slug.prefix(48)
            slug = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
        }
        if slug.isEmpty { slug = fallback }
        var candidate = slug
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(slug)-\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

extension InterventionText {
    /// Every pattern these readers screen (`ScreenedPattern`), for the test of their words.
    static var screenedPatterns: [PatternCheck] {
        routePatterns.map { $0.pattern.check("routes: \($0.value)") } + [
            power.check("cellDoses: power"), single.check("administrationCounts: single"),
            many.check("administrationCounts: many"), every.check("interval: every"), apart.check("interval: apart"),
            schedule.check("interval: schedule"), acellular.check("namesCells: acellular"), cells.check("namesCells: cells"),
            placeboOrSham.check("namesPlaceboOrSham"), placebo.check("comparator: placebo"), sham.check("comparator: sham"),
            naturalHistory.check("comparator: natural history"), waitlist.check("comparator: wait-list"),
            slashScore.check("hla: n/m"), wordScore.check("hla: n of m"), haploidentical.check("hla: haplo-identical"),
            alleleLevel.check("hla: allele level"), antigenLevel.check("hla: antigen level"),
            rangeLow.check("cellDoses: range"),
        ] + bounds.enumerated().map { n, bound in bound.pattern.check("cellDoses: bound \(n + 1) (\(bound.symbol))") }
    }
}
