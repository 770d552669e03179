import YAMLSource

/// A YAML text as lines of Unicode scalars (node columns count scalars), with the few scans the
/// text migration needs: indentation, comments, the colon after a key.
struct SourceLines {
    typealias Line = [Unicode.Scalar]

    /// The lines, without their breaks; `lines[0]` is line 1.
    let lines: [Line]
    /// `\n` or `\r\n`.
    let lineBreak: String
    /// Whether the text starts with a byte order mark (libyaml skips it; so does the column count).
    let hasBOM: Bool
    /// Whether the last line ends with a line break.
    let endsWithBreak: Bool

    /// Splits `bytes`; nil when the text is not UTF-8 or has line breaks that libyaml counts but a
    /// `\n` split does not (a lone CR, NEL, LINE or PARAGRAPH SEPARATOR), or mixes `\n` and `\r\n`:
    /// node marks would not be these lines.
    init?(bytes: [UInt8]) {
        var body = bytes[...]
        hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else { return nil }
        var lines: [Line] = []
        var current: Line = []
        var crlf = 0
        var lf = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if previousCR { crlf += 1; current.removeLast() } else { lf += 1 }
                lines.append(current)
                current = []
            case "\u{85}", "\u{2028}", "\u{2029}":
                return nil
            default:
                if previousCR { return nil }  // a CR not followed by LF
                current.append(scalar)
            }
            previousCR = scalar == "\r"
        }
        if previousCR || (crlf > 0 && lf > 0) { return nil }
        endsWithBreak = current.isEmpty && !lines.isEmpty
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        self.lines = lines
        lineBreak = crlf > 0 ? "\r\n" : "\n"
    }

    /// Number of lines.
    var count: Int { lines.count }

    /// Line `number` (1-based).
    subscript(number: Int) -> Line { lines[number - 1] }

    /// The scalar at 1-based line and column, nil outside the text.
    func scalar(line: Int, column: Int) -> Unicode.Scalar? {
        guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count else { return nil }
        return lines[line - 1][column - 1]
    }

    // MARK: Scans of one line

    /// Leading spaces.
    static func indent(_ line: Line) -> Int {
        line.firstIndex { $0 != " " } ?? line.count
    }

    /// Only spaces and tabs.
    static func isBlank(_ line: Line) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// A comment line: `#` after the indentation.
    static func isComment(_ line: Line) -> Bool {
        line.first { $0 != " " && $0 != "\t" } == "#"
    }

    /// Blank or a comment.
    static func isBlankOrComment(_ line: Line) -> Bool { isBlank(line) || isComment(line) }

    /// The index of the `#` that starts a comment at or after `from` (0-based): a `#` after a space,
    /// a tab or the line start, outside quoted scalars. Nil when there is none, or when a quoted
    /// scalar goes on past the line (what follows is inside it).
    static func commentStart(_ line: Line, from: Int) -> Int? {
        var i = max(0, from)
        while i < line.count {
            let c = line[i]
            if c == "#", i == 0 || line[i - 1] == " " || line[i - 1] == "\t" { return i }
            if c == "'" || c == "\"", i == from || " \t[{,:-?".unicodeScalars.contains(line[i - 1]) {
                guard let close = closingQuote(line, from: i) else { return nil }
                i = close + 1
                continue
            }
            i += 1
        }
        return nil
    }

    /// The index of the quote that closes the quoted scalar opening at `open`; nil when it goes on past the line.
    static func closingQuote(_ line: Line, from open: Int) -> Int? {
        let quote = line[open]
        var j = open + 1
        while j < line.count {
            if quote == "\"", line[j] == "\\" {
                j += 2
                continue
            }
            if line[j] == quote {
                if quote == "'", j + 1 < line.count, line[j + 1] == "'" {
                    j += 2
                    continue
                }
                return j
            }
            j += 1
        }
        return nil
    }

    /// The comment at the end of the line from `from` on, with the spaces before it (`"   # why"`);
    /// empty when there is none.
    static func commentSuffix(_ line: Line, from: Int) -> String {
        guard let start = commentStart(line, from: from) else { return "" }
        var w = start
        while w > from, line[w - 1] == " " || line[w - 1] == "\t" { w -= 1 }
        if w == start { return " " + text(line[start...]) }
        return text(line[w...])
    }

    /// The index of the `:` that ends the key starting at `start` (0-based): after a quoted key's
    /// closing quote, or the first `:` followed by a space or the line end of a plain key.
    static func keyColon(_ line: Line, keyAt start: Int) -> Int? {
        guard start < line.count else { return nil }
        var i = start
        if line[i] == "'" || line[i] == "\"" {
            guard let close = closingQuote(line, from: i) else { return nil }
            i = close + 1
            while i < line.count, line[i] == " " { i += 1 }
            return i < line.count && line[i] == ":" ? i : nil
        }
        while i < line.count {
            if line[i] == ":", i + 1 == line.count || line[i + 1] == " " || line[i + 1] == "\t" { return i }
            if line[i] == "#", i > start, line[i - 1] == " " { return nil }
            i += 1
        }
        return nil
    }

    /// The line with its indentation changed by `delta` spaces (never below none). An empty line
    /// stays empty.
    static func shifted(_ line: Line, by delta: Int) -> String {
        if line.isEmpty || delta == 0 { return text(line[...]) }
        if delta > 0 { return String(repeating: " ", count: delta) + text(line[...]) }
        return text(line[min(-delta, indent(line))...])
    }

    /// The line as a comment: `# ` after its indentation (blank and comment lines stay as they are).
    static func commentedOut(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        if isBlankOrComment(scalars) { return text }
        let n = indent(scalars)
        return String(repeating: " ", count: n) + "# " + Self.text(scalars[n...])
    }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        return s
    }

    // MARK: Comments in a whole text

    /// The lines that hold a comment (what writing the document anew loses): comment lines and lines
    /// ending in a comment, leaving out block scalars' contents.
    func commentLines() -> [Int] {
        var found: [Int] = []
        var blockScalarIndent: Int?  // inside a block scalar whose header line has this indent
        for (n, line) in lines.enumerated() {
            let indent = Self.indent(line)
            if let outer = blockScalarIndent {
                if Self.isBlank(line) || indent > outer { continue }
                blockScalarIndent = nil
            }
            guard let start = Self.commentStart(line, from: 0) else {
                if Self.opensBlockScalar(line[...]) { blockScalarIndent = indent }
                continue
            }
            found.append(n + 1)
            if Self.opensBlockScalar(line[..<start]) { blockScalarIndent = indent }
        }
        return found
    }

    /// Whether the text ends with a block scalar header (`key: |`, `- >-`, `|2+`).
    static func opensBlockScalar(_ part: ArraySlice<Unicode.Scalar>) -> Bool {
        var end = part.endIndex
        while end > part.startIndex, part[end - 1] == " " || part[end - 1] == "\t" { end -= 1 }
        var i = end
        while i > part.startIndex, "+-0123456789".unicodeScalars.contains(part[i - 1]) { i -= 1 }
        guard i > part.startIndex, part[i - 1] == "|" || part[i - 1] == ">" else { return false }
        let before = i - 1
        return before == part.startIndex || part[before - 1] == " " || part[before - 1] == ":" || part[before - 1] == "-"
    }
}
