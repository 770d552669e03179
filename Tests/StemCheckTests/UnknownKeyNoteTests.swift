import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 20: the notes for unknown keys are written as bytes and their did-you-mean phrases kept
/// per level of the trie of known fields (`FieldTrie.Node.phrase(for:)`); the notes must read as
/// they did when each was made by string interpolation with a fresh suggestion.
@Suite struct UnknownKeyNoteTests {
    /// The note as it was written before (interpolation, the suggestion measured each time).
    static func reference(_ path: [Path.Segment], _ name: String, known: [String], at mark: Mark) -> String {
        let phrase = Suggestion.phrase(for: name, in: known.sorted())
        return "unknown key '\(Path.render(path + [.key(name)]))'\(phrase) at \(mark.line):\(mark.column): no rule or documented field reads it"
    }

    @Test func notesReadAsBeforeAcrossManyProtocols() throws {
        // A rule reading two fields of `site` and of each arm: a level with known keys beside the unknown ones.
        let rules = EngineFixture.pack(check: "{all: [{path: site.name, exists: true}, {path: site.country, exists: true}, {path: \"arms[*].type\", exists: true}]}")
        // Unknown keys: close to a known one, far from all, needing quotes, non-ASCII, under a list item.
        let names = ["nmae", "countyr", "zzzz", "a b", "x.y", "na\"me", "näme", "typ"]
        // The same protocol twice (the second reads the phrases kept), then one with 300 more
        // unknown keys at one level (past the 256 kept).
        var protocols: [String] = []
        let one = "site:\n  name: a\n  country: b\n" + names.map { "  \(JSONText.quote($0)): 1\n" }.joined()
            + "arms:\n  - {type: x, tpye: y, \"typ e\": z}\n"
        protocols.append(one)
        protocols.append(one)
        protocols.append("site:\n  name: a\n" + (0..<300).map { "  k\($0)ey: 1\n" }.joined() + "  nmae: 2\n")
        for text in protocols {
            let notes = try EngineFixture.report(rules: rules, protocol: text).notes.filter { $0.hasPrefix("unknown key") }
            let document = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "p.yaml")
            var expected: [String] = []
            let site = document.root["site"]!
            site.forEachPair { key, _ in
                guard let name = key.text, !["name", "country"].contains(name) else { return }
                expected.append(Self.reference([.key("site")], name, known: ["country", "name"], at: key.mark))
            }
            if let arm = document.root["arms"]?.item(0) {
                arm.forEachPair { key, _ in
                    guard let name = key.text, name != "type" else { return }
                    expected.append(Self.reference([.key("arms"), .index(0)], name, known: ["type"], at: key.mark))
                }
            }
            #expect(notes.count == expected.count)
            #expect(Set(notes) == Set(expected))
        }
    }

    /// `Path.appendDecimal` (list offsets in paths, lines and columns in notes) writes what
    /// `String(n)` does.
    @Test func decimalsAreWrittenAsStringWritesThem() {
        var values = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65_535, 1_000_000, Int.max, Int.min, -1, -10, -123_456]
        var power = 1
        for _ in 0..<18 { power *= 10; values += [power - 1, power, power + 1, -power] }
        for n in values {
            var out: [UInt8] = Array("x".utf8)
            Path.appendDecimal(n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "x" + String(n))
        }
    }

    @Test func keptPhrasesAgreeWithFreshOnes() {
        let node = FieldTrie.Node()
        for name in ["follow_up", "consent", "languages", "products", "design"] { _ = node.add(name) }
        let words = (0..<400).map { "w\($0)" } + ["folow_up", "consnet", "languges", "Products", "design", "desgin", "x"]
        // Twice: the second pass reads what the first kept (and measures what it could not keep).
        for _ in 0..<2 {
            for word in words {
                #expect(node.phrase(for: word) == Suggestion.phrase(for: word, in: ["consent", "design", "follow_up", "languages", "products"]))
            }
        }
    }
}
