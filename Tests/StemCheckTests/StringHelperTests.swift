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

    /// `replacingAll` (memchr, memcmp and runs) replaces what a byte-at-a-time scan replaces:
    /// left to right, matches not overlapping.
    @Test func replacingAllSameAsAByteScan() {
        func scan(_ text: String, _ target: String, _ replacement: String) -> String {
            let hay = Array(text.utf8), needle = Array(target.utf8)
            guard !needle.isEmpty else { return text }
            var out: [UInt8] = []
            var i = 0
            while i < hay.count {
                if i + needle.count <= hay.count, Array(hay[i..<(i + needle.count)]) == needle {
                    out += Array(replacement.utf8)
                    i += needle.count
                } else {
                    out.append(hay[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        #expect("a.b.c".replacingAll(".", with: ".<wbr>") == "a.<wbr>b.<wbr>c")
        #expect("aaaa".replacingAll("aa", with: "b") == "bb")
        #expect("aaa".replacingAll("aa", with: "a") == "aa")
        #expect(" id=\"x\" id=\"y\"".replacingAll(" id=\"", with: " id=\"p-") == " id=\"p-x\" id=\"p-y\"")
        #expect("abc".replacingAll("", with: "x") == "abc")
        #expect("".replacingAll("a", with: "x") == "")
        var rng = SplitMix(seed: 33)
        let alphabet = ["a", "b", " ", "é", "名", "\""]
        func word(_ max: UInt64) -> String { (0..<Int(rng.next() % max)).map { _ in alphabet[Int(rng.next() % 6)] }.joined() }
        for _ in 0..<20_000 {
            let hay = word(16), needle = word(4), replacement = word(4)
            #expect(hay.replacingAll(needle, with: replacement) == scan(hay, needle, replacement), "\(needle) in \(hay) by \(replacement)")
        }
    }
}
