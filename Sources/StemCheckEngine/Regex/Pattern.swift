import StemCheckModel
/// A compiled rule regex (`matches:`): searched, not anchored, unless the pattern anchors itself.
///
/// stemcheck runs its own matcher, a Thompson-NFA simulation (Pike VM without captures), so a
/// search takes time linear in the text for a given pattern: a catastrophic pattern such as
/// `(a+)+$` cannot hang a check. The syntax is the common subset of Swift Regex and ICU (see
/// docs/rule-language.md); backreferences and lookaround, which need backtracking, are rejected
/// when the pack loads.
public struct Pattern: Sendable {
    /// The pattern as written.
    public let source: String
    let program: [Instruction]
    let anchoredAtStart: Bool
    /// The classes a match can start with, when every match starts by consuming a character (no
    /// empty match; assertions before the first character only narrow where it may start):
    /// positions no class matches are skipped without starting a thread there (so they take no
    /// steps of `stepBudget`). Nil when that cannot be said.
    let starts: [CharClass]?
    /// The ASCII characters any of `starts` matches, when every one of them has a table.
    let startTable: ASCIISet?
    /// When the pattern is a fixed run of classes (`^G80`, `[Cc]erebral [Pp]alsy`), ASCII text is
    /// searched by trying the run at each position instead of running the matcher.
    let run: FixedRun?

    /// Most matcher steps one search may take before it gives up with `tooExpensive`. A step is
    /// one live thread at one position; a thread is not started where it would die at once.
    public static let stepBudget = 50_000_000
    /// Largest compiled program (after expanding `{m,n}`).
    public static let maxProgramSize = 20_000

    /// The outcome of a search.
    public enum SearchResult: Sendable, Equatable {
        case match, noMatch
        /// The search was stopped because it would take too long.
        case tooExpensive(String)
    }

    /// A pattern that cannot be compiled; `offset` is the character position of the problem.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at position \(offset + 1)" }
    }

    /// Compiles `source`; `ignoreCase` folds case (as does a leading `(?i)`).
    public init(_ source: String, ignoreCase: Bool) throws(SyntaxError) {
        var parser = RegexParser(Array(source.unicodeScalars), ignoreCase: ignoreCase)
        let tree = try parser.parseAll()
        var compiler = RegexCompiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        if compiler.program.count > Self.maxProgramSize {
            throw SyntaxError(message: "the pattern is too large once its repetitions are expanded", offset: 0)
        }
        self.source = source
        // Each class answers ASCII characters from a table made now (`CharClass.withASCIITable`).
        self.program = compiler.program.map { instruction in
            if case .consume(let c) = instruction { return .consume(c.withASCIITable()) }
            return instruction
        }
        if case .assertStart = program.first { anchoredAtStart = true } else { anchoredAtStart = false }
        starts = anchoredAtStart ? nil : Self.startClasses(program)
        run = FixedRun(program)
        startTable = starts.flatMap { classes in
            classes.reduce(ASCIISet?.some(ASCIISet())) { union, c in
                guard var union, let table = c.ascii else { return nil }
                union.formUnion(table)
                return union
            }
        }
    }

    /// Whether a match can start with `scalar` (`starts` is the pattern's start classes).
    @inline(__always)
    func canStart(_ scalar: Unicode.Scalar, _ starts: [CharClass]) -> Bool {
        if let startTable, scalar.value < 128 { return startTable.contains(scalar.value) }
        return starts.contains { $0.matches(scalar) }
    }

    /// The classes of the `consume` instructions reachable from the start without consuming, or
    /// nil when the match is reachable so (an empty match may be found anywhere). Assertions
    /// (`^`, `$`, `\b`) consume nothing and are passed through: they can only reject a start.
    static func startClasses(_ program: [Instruction]) -> [CharClass]? {
        var seen = Set<Int>()
        var stack = [0]
        var classes: [CharClass] = []
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .consume(let c): classes.append(c)
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .assertStart, .assertEnd, .assertWordBoundary: stack.append(pc + 1)
            case .match: return nil
            }
        }
        return classes
    }

    /// Searches `text` for the pattern: a fixed run by its tables, other ASCII text by
    /// `memoSearch`, the rest by the matcher.
    public func search(_ text: String) -> SearchResult {
        if let run, let found = run.search(text, programSize: program.count) { return found }
        if let found = memoSearch(text) { return found }
        return searchWithMatcher(text)
    }

    /// Searches `text` with the matcher, whatever the pattern's shape (`search` does when it
    /// cannot take the fixed run's way; a test compares the two).
    ///
    /// While threads are alive, no thread is started at a position where no start class
    /// matches: it would die at once. `skipsStarts` false starts one there anyway (a test compares
    /// the answers; only the steps counted against `stepBudget` differ).
    func searchWithMatcher(_ text: String, skipsStarts: Bool = true) -> SearchResult {
        let input = Array(text.unicodeScalars)
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        stack.reserveCapacity(program.count)
        var steps = 0
        var position = 0
        while true {
            // Whether a thread started here could consume the next character.
            var startable = true
            if let starts {
                if current.isEmpty {
                    // No thread alive: jump to the next character a match can start with.
                    while position < input.count, !canStart(input[position], starts) { position += 1 }
                    if position >= input.count { return .noMatch }
                } else if skipsStarts {
                    // A thread started where no start class matches dies at once, and the match
                    // is not reachable without consuming (`starts` says so): none is started.
                    startable = position < input.count && canStart(input[position], starts)
                }
            }
            if startable, position == 0 || !anchoredAtStart {
                if addThread(&current, 0, input, position, &stack) { return .match }
            }
            if current.isEmpty && (anchoredAtStart || position >= input.count) { return .noMatch }
            if position >= input.count { return .noMatch }
            let scalar = input[position]
            steps += current.count
            if steps > Self.stepBudget {
                return .tooExpensive("the regular expression '\(source)' needs more than \(Self.stepBudget) steps on a \(input.count)-character value; simplify the pattern or shorten the value")
            }
            next.clear()
            for k in 0..<current.count {
                let pc = current.pcs[k]
                if case .consume(let matcher) = program[pc], matcher.matches(scalar) {
                    if addThread(&next, pc + 1, input, position + 1, &stack) { return .match }
                }
            }
            swap(&current, &next)
            position += 1
        }
    }

    /// Adds `pc` and everything reachable from it without consuming input; true when `match` is reached.
    /// `stack` is scratch space, passed in so a search allocates it once.
    private func addThread(_ list: inout ThreadList, _ start: Int, _ input: [Unicode.Scalar], _ position: Int,
                           _ stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            if list.contains(pc) { continue }
            list.insert(pc)
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertStart:
                if position == 0 { stack.append(pc + 1) }
            case .assertEnd:
                if Instruction.endHolds(at: position, count: input.count, lineFeedAt: { input[$0] == "\n" }) { stack.append(pc + 1) }
            case .assertWordBoundary(let wanted):
                let before = position > 0 && CharClass.isWord(input[position - 1])
                let after = position < input.count && CharClass.isWord(input[position])
                if (before != after) == wanted { stack.append(pc + 1) }
            case .consume:
                break
            }
        }
        return false
    }
}

/// A pattern that is a fixed run of classes, each with an ASCII table, perhaps anchored by `^`
/// before it and `$` after it: on ASCII text a match is the run's tables holding at consecutive
/// characters, which is tried at each position directly (what the matcher would find, without
/// its thread lists or a copy of the text as scalars).
struct FixedRun: Sendable {
    let tables: [ASCIISet]
    let anchoredAtStart: Bool
    let anchoredAtEnd: Bool

    /// The run of `program`, or nil when the program is anything else (alternatives,
    /// repetitions, `\b`, a class without a table, no class at all).
    init?(_ program: [Instruction]) {
        var pc = 0
        var start = false, end = false
        if case .assertStart = program.first { start = true; pc = 1 }
        var tables: [ASCIISet] = []
        while pc < program.count, case .consume(let c) = program[pc] {
            guard let table = c.ascii else { return nil }
            tables.append(table)
            pc += 1
        }
        if pc < program.count, case .assertEnd = program[pc] { end = true; pc += 1 }
        guard !tables.isEmpty, pc == program.count - 1, case .match = program[pc] else { return nil }
        self.tables = tables
        anchoredAtStart = start
        anchoredAtEnd = end
    }

    /// The matcher's answer on `text`, or nil when the text is not ASCII (non-ASCII characters
    /// are answered by the classes' items) or so long that the matcher could run out of steps
    /// (it would then say `tooExpensive`).
    func search(_ text: String, programSize: Int) -> Pattern.SearchResult? {
        // Nil from `withContiguousStorageIfAvailable`: the text's bytes are not in one piece.
        text.utf8.withContiguousStorageIfAvailable { search(bytes: $0, programSize: programSize) } ?? nil
    }

    /// `search` on the text's UTF-8 bytes.
    private func search(bytes: UnsafeBufferPointer<UInt8>, programSize: Int) -> Pattern.SearchResult? {
        let n = bytes.count, m = tables.count
        guard n < Pattern.stepBudget / (programSize + 2) else { return nil }
        for byte in bytes where byte >= 128 { return nil }
        guard m <= n else { return .noMatch }
        let last = anchoredAtStart ? 0 : n - m
        for p in 0...last {
            var k = 0
            while k < m, tables[k].contains(UInt32(bytes[p + k])) { k += 1 }
            guard k == m else { continue }
            // `$` holds at the end or before a final line feed, as in the matcher.
            if !anchoredAtEnd || Instruction.endHolds(at: p + m, count: n, lineFeedAt: { bytes[$0] == 0x0A }) { return .match }
        }
        return .noMatch
    }
}

/// A set of program counters with O(1) insert, membership and clear (a sparse set).
struct ThreadList {
    var pcs: [Int]
    var count = 0
    var sparse: [Int]

    init(capacity: Int) {
        pcs = Array(repeating: 0, count: capacity)
        sparse = Array(repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }

    func contains(_ pc: Int) -> Bool {
        let s = sparse[pc]
        return s < count && pcs[s] == pc
    }

    mutating func insert(_ pc: Int) {
        sparse[pc] = count
        pcs[count] = pc
        count += 1
    }

    mutating func clear() { count = 0 }
}

/// One instruction of the matcher's program.
enum Instruction: Sendable {
    case consume(CharClass)
    case split(Int, Int)
    case jump(Int)
    case assertStart, assertEnd
    case assertWordBoundary(Bool)
    case match

    /// Whether `$` holds at `position` of a text of `count` characters (`lineFeedAt`: whether the
    /// character at an offset is a line feed): at the end, or before a final line feed. (The
    /// matcher, `FixedRun` and `MemoSearch` all ask it.)
    @inline(__always)
    static func endHolds(at position: Int, count: Int, lineFeedAt: (Int) -> Bool) -> Bool {
        position == count || (position == count - 1 && lineFeedAt(position))
    }
}

/// A set of characters: literals, ranges and the `\d \w \s` classes, possibly negated and case-folded.
struct CharClass: Sendable {
    enum Item: Sendable {
        case scalar(Unicode.Scalar)
        case range(Unicode.Scalar, Unicode.Scalar)
        case digit(Bool), word(Bool), space(Bool)
        case any  // `.`: anything but a newline
    }
    var items: [Item]
    var negated = false
    var foldCase = false
    /// Whether each ASCII character matches (bit `c` of `ASCIISet`), made by `withASCIITable`
    /// from the items by the same rules as `matchesUntabled`.
    private(set) var ascii: ASCIISet?

    init(items: [Item], negated: Bool = false, foldCase: Bool = false) {
        self.items = items
        self.negated = negated
        self.foldCase = foldCase
    }

    /// The class with its ASCII answers tabled. An ASCII character's answer depends only on the
    /// items' ASCII members: its case variants are ASCII too, and no other item can hold it.
    func withASCIITable() -> CharClass {
        var raw = ASCIISet()
        for item in items {
            switch item {
            case .scalar(let c): if c.value < 128 { raw.insert(c.value) }
            case .range(let a, let b):
                if a.value < 128, a.value <= b.value { for v in a.value...min(b.value, 127) { raw.insert(v) } }
            case .digit(let positive): raw.formUnion(positive ? ASCIISet.digits : ASCIISet.digits.inverted)
            case .word(let positive): raw.formUnion(positive ? ASCIISet.words : ASCIISet.words.inverted)
            case .space(let positive): raw.formUnion(positive ? ASCIISet.spaces : ASCIISet.spaces.inverted)
            case .any: raw.formUnion(ASCIISet.newline.inverted)
            }
        }
        var hit = raw
        if foldCase {
            // A–Z, whose lower case is v + 32.
            for v in UInt32(65)...UInt32(90) where raw.contains(v) || raw.contains(v + 32) {
                hit.insert(v)
                hit.insert(v + 32)
            }
        }
        var tabled = self
        tabled.ascii = negated ? hit.inverted : hit
        return tabled
    }

    func matches(_ s: Unicode.Scalar) -> Bool {
        if let ascii, s.value < 128 { return ascii.contains(s.value) }
        return matchesUntabled(s)
    }

    func matchesUntabled(_ s: Unicode.Scalar) -> Bool {
        var hit = rawMatches(s)
        if !hit, foldCase {
            let lower = CharClass.lower(s), upper = CharClass.upper(s)
            hit = (lower != s && rawMatches(lower)) || (upper != s && rawMatches(upper))
        }
        return hit != negated
    }

    private func rawMatches(_ s: Unicode.Scalar) -> Bool {
        for item in items {
            switch item {
            case .scalar(let c): if c == s { return true }
            case .range(let a, let b): if s >= a && s <= b { return true }
            case .digit(let positive): if CharClass.isDigit(s) == positive { return true }
            case .word(let positive): if CharClass.isWord(s) == positive { return true }
            case .space(let positive): if s.properties.isWhitespace == positive { return true }
            case .any: if s != "\n" { return true }
            }
        }
        return false
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s >= "0" && s <= "9" }
        return s.properties.numericType == .decimal
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_"
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII { return s >= "A" && s <= "Z" ? Unicode.Scalar(s.value + 32)! : s }
        return s.properties.lowercaseMapping.unicodeScalars.count == 1 ? s.properties.lowercaseMapping.unicodeScalars.first! : s
    }

    static func upper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII { return s >= "a" && s <= "z" ? Unicode.Scalar(s.value - 32)! : s }
        return s.properties.uppercaseMapping.unicodeScalars.count == 1 ? s.properties.uppercaseMapping.unicodeScalars.first! : s
    }
}

/// A set of ASCII characters as 128 bits.
struct ASCIISet: Sendable {
    private var low: UInt64 = 0, high: UInt64 = 0

    func contains(_ value: UInt32) -> Bool {
        value < 64 ? low & (1 << UInt64(value)) != 0 : high & (1 << UInt64(value - 64)) != 0
    }

    mutating func insert(_ value: UInt32) {
        if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
    }

    mutating func formUnion(_ other: ASCIISet) {
        low |= other.low
        high |= other.high
    }

    var inverted: ASCIISet { ASCIISet(low: ~low, high: ~high) }

    /// The ASCII characters `predicate` holds for.
    static func of(_ predicate: (Unicode.Scalar) -> Bool) -> ASCIISet {
        var set = ASCIISet()
        for value in UInt32(0)..<128 where predicate(Unicode.Scalar(value)!) { set.insert(value) }
        return set
    }

    static let digits = of(CharClass.isDigit)
    static let words = of(CharClass.isWord)
    static let spaces = of { $0.properties.isWhitespace }
    static let newline = of { $0 == "\n" }
}
