import Testing
import YAMLSource
@testable import StemCheckEngine

/// `PlainSteps` (issue 20) resolves a path without `[*]` over the document's buffers by index; it
/// must find the same node and point at the same place as `PathResolver` (the walk by node
/// values every path used before, kept for paths with wildcards and traced evaluations).
@Suite struct PlainStepsTests {
    /// Documents with every shape a step can meet: nested mappings and lists, scalar and
    /// collection items, null values, empty and non-ASCII keys, a key that is a collection, and
    /// keys that share a length or a first byte.
    static let documents = [
        """
        a:
          b: 1
          bb: [1, {c: 2}, [3, 4], null, {}]
          "": empty key
          "é": accent
          n: null
          m: {}
        b: [[{x: 1}], {y: [2, {z: null}]}]
        ab: ~
        ? [a, b]
        : collection key
        c:
          - {d: {e: [1, 2, {f: g}]}}
          - null
          - [~]
        """,
        """
        - {a: 1}
        - [b, {c: d}]
        - null
        """,
        "just a scalar",
        "~",
    ]

    /// Every step that can occur: the keys above, near misses, and item positions in and out of range.
    static let steps: [Path.Segment] = [
        .key("a"), .key("b"), .key("bb"), .key("ab"), .key(""), .key("é"), .key("e\u{301}"), .key("n"), .key("m"),
        .key("c"), .key("d"), .key("e"), .key("f"), .key("x"), .key("y"), .key("z"), .key("ba"), .key("[a, b]"),
        .index(0), .index(1), .index(2), .index(3), .index(4), .index(5), .index(1_000_000),
    ]

    @Test func findsWhatPathResolverFinds() throws {
        var random = SplitMix(seed: 14)
        for (n, text) in Self.documents.enumerated() {
            let document = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "doc\(n).yaml")
            // Start from every node of the document, as `each` items and `for_each` scopes do.
            var starts = [document.root]
            var k = 0
            while k < starts.count {
                let node = starts[k]
                node.forEachPair { _, value in starts.append(value) }
                starts.append(contentsOf: node.items)
                k += 1
            }
            for _ in 0..<3_000 {
                let start = starts[Int(random.next() % UInt64(starts.count))]
                let segments = (0..<Int(random.next() % 5)).map { _ in Self.steps[Int(random.next() % UInt64(Self.steps.count))] }
                let plain = try #require(PlainSteps(segments))
                let expected = PathResolver.one(segments, from: start)
                let found = plain.resolve(from: start)
                #expect(found.node?.index == expected.node?.index, "\(segments) from node \(start.index) of document \(n)")
                #expect(found.anchor.index == expected.anchor.index, "\(segments) from node \(start.index) of document \(n): anchor")
                #expect(plain.node(from: start)?.index == PathResolver.single(segments, from: start)?.index,
                        "\(segments) from node \(start.index) of document \(n): single")
            }
        }
    }

    @Test func pathsWithWildcardsAreNotPlain() {
        #expect(PlainSteps([.key("arms"), .wildcard, .key("dose")]) == nil)
        #expect(PlainSteps([.wildcard]) == nil)
        #expect(PlainSteps([]) != nil)
    }

    /// A negative position can only come from a path built in code; it finds no item, as `YAMLNode.item` does.
    @Test func negativePositionFindsNothing() throws {
        let document = try YAMLLoader().loadDocument(bytes: Array("[1, 2]".utf8), file: "list.yaml")
        let plain = try #require(PlainSteps([.index(-1)]))
        #expect(plain.node(from: document.root) == nil)
        #expect(plain.resolve(from: document.root).anchor.index == document.root.index)
    }
}
