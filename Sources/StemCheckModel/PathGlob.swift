/// An `--exclude` pattern: a glob over `/`-separated paths (docs/configuration.md, "Excluding files").
///
/// `*` is any run of characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and `[!a]`
/// one character of (or not of) a set, `\x` the character x, and `**` as a whole component any
/// number of components, none included. A pattern is not anchored: it matches a path when it
/// matches a run of the path's whole components, so `drafts` excludes every file or folder named
/// `drafts` (and all below it), `*.draft.yaml` such files at any depth, `old/**/*.yaml` the YAML
/// files anywhere below a folder `old`.
public struct PathGlob: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let components: [Component]

    private enum Component: Sendable, Equatable {
        /// `**`: any number of whole components.
        case anyDepth
        case name([Piece])
    }

    private enum Piece: Sendable, Equatable {
        case character(Unicode.Scalar)
        case anyRun
        case anyOne
        case set(ranges: [ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    /// Why a pattern cannot be used.
    public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong with it.
        public var message: String
        public var description: String { message }
    }

    public var description: String { pattern }

    /// Compiles `pattern`; an empty pattern, an unclosed `[` or a trailing `\` is an error.
    public init(_ pattern: String) throws(PatternError) {
        self.pattern = pattern
        var trimmed = Substring(pattern)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty else { throw PatternError(message: "an empty pattern matches nothing") }
        var out: [Component] = []
        for part in parts {
            if part == "**" {
                if out.last != .anyDepth { out.append(.anyDepth) }
                continue
            }
            out.append(.name(try Self.pieces(part)))
        }
        components = out
    }

    private static func pieces(_ text: Substring) throws(PatternError) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var out: [Piece] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "*":
                if out.last != .anyRun { out.append(.anyRun) }  // `**` inside a name is `*`
                i += 1
            case "?":
                out.append(.anyOne)
                i += 1
            case "\\":
                guard i + 1 < scalars.count else { throw PatternError(message: "the pattern ends in a lone '\\'") }
                out.append(.character(scalars[i + 1]))
                i += 2
            case "[":
                var j = i + 1
                var negated = false
                if j < scalars.count, scalars[j] == "!" || scalars[j] == "^" { negated = true; j += 1 }
                var ranges: [ClosedRange<Unicode.Scalar>] = []
                var first = true
                while j < scalars.count, scalars[j] != "]" || first {
                    first = false
                    let low = scalars[j]
                    if j + 2 < scalars.count, scalars[j + 1] == "-", scalars[j + 2] != "]" {
                        let high = scalars[j + 2]
                        guard low <= high else { throw PatternError(message: "the range '\(low)-\(high)' is backwards") }
                        ranges.append(low...high)
                        j += 3
                    } else {
                        ranges.append(low...low)
                        j += 1
                    }
                }
                guard j < scalars.count else { throw PatternError(message: "'[' is not closed by ']'") }
                out.append(.set(ranges: ranges, negated: negated))
                i = j + 1
            default:
                out.append(.character(c))
                i += 1
            }
        }
        return out
    }

    /// Whether the pattern matches a run of `path`'s whole components (`./` and empty components
    /// ignored).
    public func matches(_ path: String) -> Bool {
        let names = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
            .map { Array($0.unicodeScalars) }
        guard !names.isEmpty else { return false }
        for start in names.indices {
            for end in start..<names.count where Self.match(components[...], names[start...end]) { return true }
        }
        return false
    }

    private static func match(_ pattern: ArraySlice<Component>, _ names: ArraySlice<[Unicode.Scalar]>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        switch first {
        case .anyDepth:
            var rest = names
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .name(let pieces):
            guard let name = names.first, matchName(pieces[...], name[...]) else { return false }
            return match(pattern.dropFirst(), names.dropFirst())
        }
    }

    private static func matchName(_ pieces: ArraySlice<Piece>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let piece = pieces.first else { return name.isEmpty }
        switch piece {
        case .anyRun:
            var rest = name
            while true {
                if matchName(pieces.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case .anyOne:
            return !name.isEmpty && matchName(pieces.dropFirst(), name.dropFirst())
        case .character(let c):
            return name.first == c && matchName(pieces.dropFirst(), name.dropFirst())
        case .set(let ranges, let negated):
            guard let c = name.first else { return false }
            return ranges.contains { $0.contains(c) } != negated && matchName(pieces.dropFirst(), name.dropFirst())
        }
    }
}

extension Array where Element == PathGlob {
    /// Whether any of the patterns matches `path`.
    public func excludes(_ path: String) -> Bool { contains { $0.matches(path) } }
}
