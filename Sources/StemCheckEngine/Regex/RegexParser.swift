import StemCheckModel
/// A parsed regular expression (see `Pattern`).
indirect enum RegexNode {
    case empty
    case set(CharClass)
    case start, end
    case wordBoundary(Bool)
    case concat([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?)
}

/// Parses the common subset of Swift Regex / ICU syntax into `RegexNode`s.
struct RegexParser {
    let chars: [Unicode.Scalar]
    var i = 0
    var ignoreCase: Bool

    init(_ chars: [Unicode.Scalar], ignoreCase: Bool) {
        self.chars = chars
        self.ignoreCase = ignoreCase
    }

    typealias Failure = Pattern.SyntaxError

    func fail(_ message: String, at offset: Int? = nil) -> Failure { Failure(message: message, offset: offset ?? i) }

    mutating func parseAll() throws(Failure) -> RegexNode {
        let node = try parseAlternation()
        if i < chars.count { throw fail(chars[i] == ")" ? "unbalanced ')'" : "unexpected '\(chars[i])'") }
        return node
    }

    private var atEnd: Bool { i >= chars.count }

    mutating func parseAlternation() throws(Failure) -> RegexNode {
        var branches = [try parseConcat()]
        while !atEnd, chars[i] == "|" {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcat() throws(Failure) -> RegexNode {
        var items: [RegexNode] = []
        while !atEnd, chars[i] != "|", chars[i] != ")" {
            let atomStart = i
            guard let atom = try parseAtom() else { continue }
            items.append(try parseQuantifiers(atom, atomStart: atomStart))
        }
        return items.count == 1 ? items[0] : .concat(items)
    }

    mutating func parseQuantifiers(_ atom: RegexNode, atomStart: Int) throws(Failure) -> RegexNode {
        var node = atom
        while !atEnd {
            let c = chars[i]
            var range: (Int, Int?)?
            if c == "*" { range = (0, nil); i += 1 } else if c == "+" { range = (1, nil); i += 1 } else if c == "?" { range = (0, 1); i += 1 } else if c == "{", let r = try parseBraces() { range = r } else { break }
            guard let (lo, hi) = range else { break }
            switch node {
            case .start, .end, .wordBoundary:
                throw fail("a quantifier needs something to repeat", at: atomStart)
            default: break
            }
            if !atEnd, chars[i] == "?" { i += 1 }  // lazy: same set of matches
            else if !atEnd, chars[i] == "+" { throw fail("possessive quantifiers are not supported") }
            node = .repetition(node, min: lo, max: hi)
        }
        return node
    }

    /// `{m}`, `{m,}`, `{m,n}`; nil (and no input consumed) when the brace is a literal.
    mutating func parseBraces() throws(Failure) -> (Int, Int?)? {
        let save = i
        i += 1
        func number(_ p: inout RegexParser) -> Int? {
            var v = 0, digits = 0
            while !p.atEnd, p.chars[p.i] >= "0", p.chars[p.i] <= "9", digits < 6 {
                v = v * 10 + Int(p.chars[p.i].value - 48)
                digits += 1
                p.i += 1
            }
            return digits > 0 ? v : nil
        }
        guard let lo = number(&self) else { i = save; return nil }
        var hi: Int? = lo
        if !atEnd, chars[i] == "," {
            i += 1
            hi = number(&self)
        }
        guard !atEnd, chars[i] == "}" else { i = save; return nil }
        i += 1
        if let hi, hi < lo { throw fail("{\(lo),\(hi)}: the maximum is below the minimum", at: save) }
        if lo > 1000 || (hi ?? 0) > 1000 { throw fail("repetition counts above 1000 are not supported", at: save) }
        return (lo, hi)
    }

    mutating func parseAtom() throws(Failure) -> RegexNode? {
        let c = chars[i]
        switch c {
        case "(":
            i += 1
            if !atEnd, chars[i] == "?" {
                i += 1
                guard !atEnd else { throw fail("unfinished group") }
                switch chars[i] {
                case ":": i += 1
                case "i":
                    // (?i) or (?i:...)
                    i += 1
                    guard !atEnd else { throw fail("unfinished group") }
                    if chars[i] == ")" {
                        i += 1
                        ignoreCase = true
                        return nil
                    }
                    guard chars[i] == ":" else { throw fail("only the (?i) flag is supported") }
                    i += 1
                    let saved = ignoreCase
                    ignoreCase = true
                    let inner = try parseAlternation()
                    ignoreCase = saved
                    guard !atEnd, chars[i] == ")" else { throw fail("missing ')'") }
                    i += 1
                    return inner
                case "<":
                    if i + 1 < chars.count, chars[i + 1] == "=" || chars[i + 1] == "!" {
                        throw fail("lookbehind is not supported")
                    }
                    i += 1
                    while !atEnd, chars[i] != ">" { i += 1 }
                    guard !atEnd else { throw fail("unfinished group name") }
                    i += 1
                case "P":
                    i += 1
                    guard !atEnd, chars[i] == "<" else { throw fail("unsupported group syntax") }
                    while !atEnd, chars[i] != ">" { i += 1 }
                    guard !atEnd else { throw fail("unfinished group name") }
                    i += 1
                case "=", "!":
                    throw fail("lookahead is not supported")
                default:
                    throw fail("unsupported group syntax '(?\(chars[i])'")
                }
            }
            let inner = try parseAlternation()
            guard !atEnd, chars[i] == ")" else { throw fail("missing ')'") }
            i += 1
            return inner
        case ")":
            throw fail("unbalanced ')'")
        case "*", "+", "?":
            throw fail("'\(c)' has nothing to repeat")
        case "^":
            i += 1
            return .start
        case "$":
            i += 1
            return .end
        case ".":
            i += 1
            return .set(CharClass(items: [.any]))
        case "[":
            return .set(try parseClass())
        case "\\":
            return try parseEscape()
        default:
            i += 1
            return literal(c)
        }
    }

    func literal(_ c: Unicode.Scalar) -> RegexNode {
        .set(CharClass(items: [.scalar(c)], foldCase: ignoreCase))
    }

    mutating func parseEscape() throws(Failure) -> RegexNode {
        let start = i
        i += 1
        guard !atEnd else { throw fail("the pattern ends with '\\'", at: start) }
        let c = chars[i]
        i += 1
        switch c {
        case "b": return .wordBoundary(true)
        case "B": return .wordBoundary(false)
        case "A": return .start
        case "z", "Z": return .end
        case "1"..."9": throw fail("backreferences are not supported", at: start)
        case "k": throw fail("backreferences are not supported", at: start)
        default:
            i = start
            let item = try parseClassEscape()
            return .set(CharClass(items: [item], foldCase: ignoreCase))
        }
    }

    /// An escape usable inside and outside classes: `\d \w \s \D \W \S`, control escapes, `\xHH`, `\u{H}`, `\uHHHH`, punctuation.
    mutating func parseClassEscape() throws(Failure) -> CharClass.Item {
        let start = i
        i += 1
        guard !atEnd else { throw fail("the pattern ends with '\\'", at: start) }
        let c = chars[i]
        i += 1
        switch c {
        case "d": return .digit(true)
        case "D": return .digit(false)
        case "w": return .word(true)
        case "W": return .word(false)
        case "s": return .space(true)
        case "S": return .space(false)
        case "n": return .scalar("\n")
        case "t": return .scalar("\t")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "0": return .scalar("\0")
        case "x", "u":
            var digits = ""
            if !atEnd, chars[i] == "{" {
                i += 1
                while !atEnd, chars[i] != "}" { digits.unicodeScalars.append(chars[i]); i += 1 }
                guard !atEnd else { throw fail("missing '}'", at: start) }
                i += 1
            } else {
                let n = c == "x" ? 2 : 4
                for _ in 0..<n where !atEnd { digits.unicodeScalars.append(chars[i]); i += 1 }
            }
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw fail("invalid \\\(c) escape", at: start)
            }
            return .scalar(scalar)
        default:
            if c.properties.isAlphabetic || (c >= "0" && c <= "9") {
                throw fail("unsupported escape '\\\(c)'", at: start)
            }
            return .scalar(c)
        }
    }

    mutating func parseClass() throws(Failure) -> CharClass {
        let start = i
        i += 1
        var negated = false
        if !atEnd, chars[i] == "^" { negated = true; i += 1 }
        var items: [CharClass.Item] = []
        var first = true
        while true {
            guard !atEnd else { throw fail("missing ']'", at: start) }
            let c = chars[i]
            if c == "]" && !first { i += 1; break }
            first = false
            if c == "[", i + 1 < chars.count, chars[i + 1] == ":" {
                throw fail("POSIX classes like [:alpha:] are not supported; use \\w, \\d, \\s or ranges")
            }
            var low: CharClass.Item
            if c == "\\" { low = try parseClassEscape() } else { low = .scalar(c); i += 1 }
            if case .scalar(let a) = low, i + 1 < chars.count, chars[i] == "-", chars[i + 1] != "]" {
                i += 1
                var high: CharClass.Item
                if chars[i] == "\\" { high = try parseClassEscape() } else { high = .scalar(chars[i]); i += 1 }
                guard case .scalar(let b) = high else { throw fail("a range must end with a character") }
                guard a <= b else { throw fail("range \(a)-\(b) is out of order") }
                low = .range(a, b)
            }
            items.append(low)
        }
        return CharClass(items: items, negated: negated, foldCase: ignoreCase)
    }
}

/// Compiles `RegexNode`s into `Instruction`s.
struct RegexCompiler {
    var program: [Instruction] = []

    mutating func emit(_ node: RegexNode) throws(Pattern.SyntaxError) {
        if program.count > Pattern.maxProgramSize {
            throw Pattern.SyntaxError(message: "the pattern is too large once its repetitions are expanded", offset: 0)
        }
        switch node {
        case .empty: break
        case .set(let c): program.append(.consume(c))
        case .start: program.append(.assertStart)
        case .end: program.append(.assertEnd)
        case .wordBoundary(let b): program.append(.assertWordBoundary(b))
        case .concat(let items): for item in items { try emit(item) }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (n, branch) in branches.enumerated() {
                if n < branches.count - 1 {
                    let split = program.count
                    program.append(.split(0, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let inner, let lo, let hi):
            for _ in 0..<lo { try emit(inner) }
            if let hi {
                // (inner (inner (...)?)?)? for the optional part
                var splits: [Int] = []
                for _ in lo..<hi {
                    splits.append(program.count)
                    program.append(.split(0, 0))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(0, 0))
                try emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
