import Testing
import YAMLSource

@Test func loadsAMappingWithPositions() throws {
    let document = try YAMLLoader().loadDocument(bytes: Array("a:\n  b: NO\n".utf8), file: "t.yaml")
    let value = try #require(document.root["a"]?["b"])
    #expect(value.string == "NO")
    #expect(value.mark == Mark(line: 2, column: 6))
}

/// A mapping's pairs, all at once and one by one, agree; a position outside them, a sequence and
/// a scalar give none.
@Test func pairsByPositionAgreeWithAllPairs() throws {
    let document = try YAMLLoader().loadDocument(bytes: Array("a: 1\nb: [x, y]\nc: {d: 2}\n".utf8), file: "t.yaml")
    let root = document.root
    let all = root.pairs
    #expect(all.map { $0.key.text } == ["a", "b", "c"])
    for (n, pair) in all.enumerated() {
        let one = try #require(root.pair(at: n))
        #expect(one.key.index == pair.key.index && one.value.index == pair.value.index)
    }
    #expect(root.pair(at: 3) == nil)
    #expect(root.pair(at: -1) == nil)
    #expect(root["b"]?.pair(at: 0) == nil)
    #expect(root["a"]?.pair(at: 0) == nil)
    #expect(root["b"]?.pairs.isEmpty == true)
    #expect(root["c"]?.pair(at: 0)?.value.int == 2)
}
