import Testing
@testable import StemCheckModel

/// Did-you-mean suggestions: the prepared, length-filtered search suggests exactly what measuring
/// every candidate would.
@Suite struct SuggestionTests {
    /// The reference: every candidate measured, the first closest kept, then the typo bound.
    static func reference(_ word: String, _ candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let b = Array(candidate.lowercased().unicodeScalars)
            let distance = fullDistance(target, b)
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (name, distance) = best else { return nil }
        let allowed = max(1, min(3, target.count / 3))
        if distance == 0 { return name == word ? nil : name }
        return distance <= allowed ? name : nil
    }

    /// Optimal string alignment distance, the whole table, no shortcut.
    static func fullDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func sameAsMeasuringEveryCandidate() {
        // Words over a small alphabet (many near misses, ties and case differences), lengths 0–14.
        var rng = SplitMix(seed: 20261203)
        // `İ` lowercases to two scalars: a name's measured length is its lowercased one.
        let alphabet = Array("abcAB_éİ".unicodeScalars)
        func word() -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 15) { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            return String(s)
        }
        var suggested = 0
        for _ in 0..<4000 {
            let candidates = (0..<Int(rng.next() % 12)).map { _ in word() }
            let prepared = Suggestion.Candidates(candidates)
            for _ in 0..<5 {
                // Half the words are edits of a candidate.
                var w = word()
                if !candidates.isEmpty, rng.next() % 2 == 0 {
                    var scalars = Array(candidates[Int(rng.next() % UInt64(candidates.count))].unicodeScalars)
                    for _ in 0..<Int(rng.next() % 3) where !scalars.isEmpty {
                        let at = Int(rng.next() % UInt64(scalars.count))
                        switch rng.next() % 4 {
                        case 0: scalars.remove(at: at)
                        case 1: scalars.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                        case 2: scalars[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                        default: if at + 1 < scalars.count { scalars.swapAt(at, at + 1) }
                        }
                    }
                    w = String(String.UnicodeScalarView(scalars))
                }
                let expected = Self.reference(w, candidates)
                #expect(Suggestion.closest(to: w, in: prepared) == expected, "\(w) in \(candidates)")
                #expect(Suggestion.closest(to: w, in: candidates) == expected, "\(w) in \(candidates)")
                if expected != nil { suggested += 1 }
            }
        }
        #expect(suggested > 2000)  // the cases exercise suggestions, not only misses
    }

    @Test func examples() {
        #expect(Suggestion.phrase(for: "folow_up", in: ["arms", "follow_up"]) == " (did you mean 'follow_up'?)")
        #expect(Suggestion.phrase(for: "Arms", in: ["arms"]) == " (did you mean 'arms'?)")
        #expect(Suggestion.phrase(for: "arms", in: ["arms"]) == "")
        #expect(Suggestion.phrase(for: "zzz_internal", in: ["arms", "follow_up"]) == "")
        // Ties: the first of equally close names.
        #expect(Suggestion.closest(to: "cat", in: ["bat", "cab"]) == "bat")
        #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Suggestion.editDistance(Array("a".unicodeScalars), Array("abcdef".unicodeScalars)) == 5)
    }
}
