import Testing
@testable import StemCheckModel

/// `utf8Range(of:)`: the first occurrence by bytes, as a range of the string's indexes.
@Suite struct StringHelperTests {
    @Test func findsTheFirstOccurrenceByBytes() {
        let text = "see docs/protocol-schema.md#units and docs/protocol-schema.md#other"
        let range = text.utf8Range(of: "docs/protocol-schema.md#")
        #expect(range.map { String(text[$0.upperBound...]) } == "units and docs/protocol-schema.md#other")
        #expect("a  b".utf8Range(of: "  ").map { text in "a  b"[text] } == "  ")
        #expect("名前  値".utf8Range(of: "  ").map { String("名前  値"[..<$0.lowerBound]) } == "名前")
        #expect("a b".utf8Range(of: "  ") == nil)
        #expect("ab".utf8Range(of: "abc") == nil)
        #expect("ab".utf8Range(of: "") == nil)
        #expect("".utf8Range(of: "a") == nil)
        #expect("abab".utf8Range(of: "ab").map { "abab".utf8.distance(from: "abab".startIndex, to: $0.lowerBound) } == 0)
        #expect("xabab".utf8Range(of: "bab").map { "xabab".utf8.distance(from: "xabab".startIndex, to: $0.lowerBound) } == 2)
    }

    @Test func sameAsANaiveSearch() {
        var rng = SplitMix(seed: 7)
        let alphabet = ["a", "b", " ", "é", "名"]
        func word(_ max: UInt64) -> String { (0..<Int(rng.next() % max)).map { _ in alphabet[Int(rng.next() % 5)] }.joined() }
        for _ in 0..<20_000 {
            let hay = word(12), needle = word(4)
            let h = Array(hay.utf8), n = Array(needle.utf8)
            let naive = n.isEmpty || n.count > h.count ? nil : (0...(h.count - n.count)).first { Array(h[$0..<($0 + n.count)]) == n }
            let found = hay.utf8Range(of: needle).map { hay.utf8.distance(from: hay.startIndex, to: $0.lowerBound) }
            #expect(found == naive, "\(needle) in \(hay)")
            if let r = hay.utf8Range(of: needle) { #expect(Array(hay.utf8[r]) == n) }
        }
    }
}
