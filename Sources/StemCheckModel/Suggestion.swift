import YAMLSource

/// "Did you mean ...?" suggestions by edit distance.
public enum Suggestion {
    /// Candidate names prepared once for many lookups (each name lowercased into scalars), in the
    /// order given: the first of equally close names is suggested.
    public struct Candidates: Sendable {
        let entries: [(name: String, scalars: [Unicode.Scalar])]

        /// Prepares `names`.
        public init(_ names: some Sequence<String>) {
            entries = names.map { ($0, Suggestion.lowercasedScalars($0)) }
        }
    }

    /// The candidate closest to `word`, if close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        closest(to: word, in: Candidates(candidates))
    }

    /// The candidate closest to `word`, if close enough to be a plausible typo: at most a third of
    /// the word's length in edits (one to three); a name equal to `word` but for case is suggested.
    ///
    /// Only names whose length differs from the word's by no more than that are measured (the
    /// distance is at least the difference in length, so the others cannot be suggested), and a
    /// measurement stops once the name can no longer be suggested.
    public static func closest(to word: String, in candidates: Candidates) -> String? {
        let target = lowercasedScalars(word)
        let allowed = max(1, min(3, target.count / 3))
        var best: (name: String, distance: Int)?
        var rows = DistanceRows()
        for entry in candidates.entries where abs(entry.scalars.count - target.count) <= allowed {
            // A later name must be strictly closer than the best so far (the first of equals wins).
            let limit = min(allowed, (best?.distance ?? Int.max) - 1)
            guard let distance = rows.distance(target, entry.scalars, limit: limit) else { continue }
            best = (entry.name, distance)
            if distance == 0 { break }
        }
        guard let (name, distance) = best else { return nil }
        return distance == 0 && name == word ? nil : name
    }

    /// `text` lowercased, as scalars; ASCII without the Unicode tables (the same result).
    static func lowercasedScalars(_ text: String) -> [Unicode.Scalar] {
        let ascii: [Unicode.Scalar]? = text.withUTF8Bytes { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.map { Unicode.Scalar($0.asciiLowercased) }
        }
        return ascii ?? Array(text.lowercased().unicodeScalars)
    }

    /// ` (did you mean 'x'?)` or the empty string.
    public static func phrase(for word: String, in candidates: some Sequence<String>) -> String {
        phrase(for: word, in: Candidates(candidates))
    }

    /// ` (did you mean 'x'?)` or the empty string, from prepared candidates.
    public static func phrase(for word: String, in candidates: Candidates) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit; when the lengths
    /// differ by more than three, that difference (a lower bound: no suggestion is that far).
    package static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if abs(a.count - b.count) > 3 { return abs(a.count - b.count) }
        var rows = DistanceRows()
        return rows.distance(a, b, limit: Int.max)!
    }

    /// The three rows of the distance table, kept between the candidates of one lookup.
    private struct DistanceRows {
        var cells: [Int] = []

        /// The distance from `a` to `b` if it is at most `limit`, else nil (found out as soon as
        /// two rows in a row exceed the limit: a row's cells are at least the smaller of the
        /// row above's and the one above that's plus one, so every later row exceeds it too).
        mutating func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
            if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
            let width = b.count + 1
            if cells.count < 3 * width { cells = [Int](repeating: 0, count: 3 * width) }
            return cells.withUnsafeMutableBufferPointer { cells in
                // Rows rotate through the three slices: previous2, previous, current.
                var previous2 = cells.baseAddress!, previous = previous2 + width, current = previous + width
                for j in 0..<width { previous[j] = j }
                var previousMin = 0
                for i in 1...a.count {
                    current[0] = i
                    var rowMin = i
                    for j in 1...b.count {
                        let cost = a[i - 1] == b[j - 1] ? 0 : 1
                        var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, previous2[j - 2] + 1) }
                        current[j] = d
                        rowMin = min(rowMin, d)
                    }
                    if rowMin > limit, previousMin > limit { return nil }
                    previousMin = rowMin
                    (previous2, previous, current) = (previous, current, previous2)
                }
                return previous[b.count] <= limit ? previous[b.count] : nil
            }
        }
    }
}
