@testable import StemCheckEngine
import Testing

/// `specific: true` answers ASCII text from its bytes (issue 20): the answer must be the one the
/// scalar path gives, for every placeholder written in any case, padded and punctuated, and for
/// generated texts near them.
@Suite struct PlaceholderTests {
    /// The texts both paths are asked about.
    static var texts: [String] {
        var texts: [String] = ["", " ", "\t", ".", "...", ". .", "TBD. .", " TBD . ", "tbd!;", "TBD\n", "n/a.",
                               "N.A.", "yes, per SOP", "double data entry", "To Be Determined", "pending:",
                               "\u{0B}na\u{0C}", "x" + String(repeating: " ", count: 40) + ".", "TBD x"]
        for p in Specific.placeholders {
            texts += [p, p.uppercased(), " " + p + " ", p + ".", p + " .", p + ". ", "\t" + p.capitalized + ";!",
                      p + "x", "x" + p, p + p]
        }
        var random = SplitMix(seed: 20)
        let alphabet = Array("aAnN/. ,;:!?-tTbBdDeEsxX\t\n")
        for _ in 0..<3000 {
            let length = Int(random.next() % 14)
            texts.append(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        return texts
    }

    @Test func asciiPathAnswersAsTheScalarPath() {
        var placeholders = 0
        for text in Self.texts {
            var bytes = text
            let fast = bytes.withUTF8 { Specific.isASCIIPlaceholder($0) }
            #expect(fast == Specific.isPlaceholderByScalars(text), "\(text.debugDescription)")
            #expect(Specific.isPlaceholder(text) == Specific.isPlaceholderByScalars(text))
            if fast == true { placeholders += 1 }
        }
        // Every placeholder in several spellings, and some generated ones.
        #expect(placeholders > Specific.placeholders.count * 5)
    }

    @Test func otherThanASCIIIsLeftToTheScalarPath() {
        var text = "n/a\u{00A0}"
        #expect(text.withUTF8 { Specific.isASCIIPlaceholder($0) } == nil)
        #expect(Specific.isPlaceholder(text))
        text = "ＴＢＤ"
        #expect(text.withUTF8 { Specific.isASCIIPlaceholder($0) } == nil)
    }
}
