import Testing
import YAMLSource

@Test func loadsAMappingWithPositions() throws {
    let document = try YAMLLoader().loadDocument(bytes: Array("a:\n  b: NO\n".utf8), file: "t.yaml")
    let value = try #require(document.root["a"]?["b"])
    #expect(value.string == "NO")
    #expect(value.mark == Mark(line: 2, column: 6))
}
