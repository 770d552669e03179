import Testing
@testable import YAMLSource

/// Documents built in memory: nodes read like loaded ones, each knows its own file, copies keep
/// their positions and sharing, and the depth limit holds.
@Suite struct DocumentBuilderTests {
    private func at(_ file: String, _ line: Int, _ column: Int) -> YAMLSource.SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    @Test func aNodeRecordStaysThirtyTwoBytes() {
        // The per-node file index sits in what was padding: loading stores no more than before.
        #expect(MemoryLayout<NodeRecord>.stride == 32)
    }

    @Test func builtNodesReadLikeLoadedOnes() throws {
        var b = YAMLDocumentBuilder(file: "p.json")
        let pairs = [
            (b.string("s", at: at("p.json", 2, 3)), b.string("a: b", style: .doubleQuoted, at: at("p.json", 2, 8))),
            (b.string("i", at: at("p.json", 3, 3)), b.scalar(.int(18), text: "18", at: at("p.json", 3, 8))),
            (b.string("f", at: at("p.json", 4, 3)), b.scalar(.float(0.5), text: "0.5", at: at("p.json", 4, 8))),
            (b.string("t", at: at("p.json", 5, 3)), b.scalar(.bool(true), text: "true", at: at("p.json", 5, 8))),
            (b.string("n", at: at("p.json", 6, 3)), b.scalar(.null, text: "null", at: at("p.json", 6, 8))),
            (b.string("l", at: at("p.json", 7, 3)), try b.sequence([b.string("x", at: at("p.json", 7, 9))], at: at("p.json", 7, 8))),
            (b.string("e", at: at("p.json", 8, 3)), try b.mapping([], at: at("p.json", 8, 8))),
        ]
        let root = try b.mapping(pairs, at: at("p.json", 1, 1))
        let document = b.document(root: root)
        let node = document.root
        #expect(document.file == "p.json")
        #expect(document.files == ["p.json"])
        #expect(node.kind == .mapping && node.count == 7)
        #expect(node["s"]?.string == "a: b" && node["s"]?.style == .doubleQuoted && node["s"]?.textEquals("a: b") == true)
        #expect(node["i"]?.int == 18 && node["i"]?.number == 18 && node["i"]?.text == "18")
        #expect(node["f"]?.float == 0.5 && node["f"]?.kind == .float)
        #expect(node["t"]?.bool == true)
        #expect(node["n"]?.isNull == true)
        #expect(node["l"]?.items.map(\.string) == ["x"] && node["l"]?.item(0)?.mark == Mark(line: 7, column: 9))
        #expect(node["e"]?.kind == .mapping && node["e"]?.count == 0)
        #expect(node.pairs.map { $0.key.text } == ["s", "i", "f", "t", "n", "l", "e"])
        #expect(node.pair(forKey: "i")?.key.location == at("p.json", 3, 3))
        #expect(node["f"]?.location == at("p.json", 4, 8))
        #expect(node.json(indent: 0) == #"{"s":"a: b","i":18,"f":0.5,"t":true,"n":null,"l":["x"],"e":{}}"#)
        var keys: [String] = []
        node.forEachPair { key, _ in keys.append(key.text ?? "") }
        #expect(keys.count == 7)
    }

    @Test func eachNodeKnowsItsOwnFile() throws {
        let loaded = try YAMLLoader().loadDocument(bytes: Array("a: 1\nb: &x [2, 3]\nc: *x\n".utf8), file: "p.yaml")
        var b = YAMLDocumentBuilder(file: "p.yaml")
        var pairs: [(key: YAMLDocumentBuilder.Node, value: YAMLDocumentBuilder.Node)] = []
        loaded.root.forEachPair { key, value in pairs.append((b.copy(key), b.copy(value))) }
        let record = try b.mapping([(b.string("id", at: at("r.json", 4, 5)), b.string("NCT1", at: at("r.json", 4, 11)))],
                                   at: at("r.json", 1, 1))
        pairs.append((b.string("record", at: at("r.json", 1, 1)), record))
        let root = try b.mapping(pairs, at: loaded.root.location)
        let document = b.document(root: root)
        #expect(document.files == ["p.yaml", "r.json"])
        let node = document.root
        #expect(node.file == "p.yaml")
        #expect(node["a"]?.location == at("p.yaml", 1, 4))
        #expect(node.pair(forKey: "b")?.key.location == at("p.yaml", 2, 1))
        #expect(node["record"]?["id"]?.location == at("r.json", 4, 11))
        #expect(node["record"]?["id"]?.file == "r.json")
        #expect(node.pair(forKey: "record")?.key.file == "r.json")
        // Copied aliases stay shared, as in the source.
        #expect(node["b"]?.index == node["c"]?.index)
        #expect(node.json(indent: 0) == #"{"a":1,"b":[2,3],"c":[2,3],"record":{"id":"NCT1"}}"#)
        // The loaded document is unchanged: one file.
        #expect(loaded.files == ["p.yaml"] && loaded.root["a"]?.file == "p.yaml")
    }

    @Test func copiesOfBuiltDocumentsKeepTheirFiles() throws {
        var first = YAMLDocumentBuilder(file: "a.json")
        let inner = try first.sequence([first.string("x", at: at("b.json", 2, 2))], at: at("a.json", 1, 1))
        let built = first.document(root: inner)
        var second = YAMLDocumentBuilder(file: "c.yaml")
        let copy = second.copy(built.root)
        let root = try second.mapping([(second.string("k", at: at("c.yaml", 1, 1)), copy)], at: at("c.yaml", 1, 1))
        let node = second.document(root: root).root
        #expect(node["k"]?.file == "a.json")
        #expect(node["k"]?.item(0)?.location == at("b.json", 2, 2))
    }

    @Test func collectionsDeeperThanTheLimitAreRefused() throws {
        var b = YAMLDocumentBuilder(file: "d.json", limits: YAMLLimits(maxDepth: 2))
        let leaf = b.string("x", at: at("d.json", 3, 3))
        let two = try b.sequence([try b.sequence([leaf], at: at("d.json", 2, 2))], at: at("d.json", 1, 1))
        let error = try #require(throws: YAMLError.self) { try b.mapping([(b.string("k", at: at("d.json", 9, 1)), two)], at: at("d.json", 9, 1)) }
        #expect(error.reason == .nestingTooDeep(limit: 2))
        #expect(error.location == at("d.json", 9, 1))
        // A copied document counts with its depth too.
        let loaded = try YAMLLoader().loadDocument(bytes: Array("[[1]]".utf8), file: "l.yaml")
        var c = YAMLDocumentBuilder(file: "d.json", limits: YAMLLimits(maxDepth: 2))
        let copied = c.copy(loaded.root)
        #expect(throws: YAMLError.self) { try c.sequence([copied], at: at("d.json", 1, 1)) }
    }
}
