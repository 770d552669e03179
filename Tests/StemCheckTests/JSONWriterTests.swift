import Testing
@testable import StemCheckModel

/// `JSONWriter.fragment` places a value another writer wrote (whole-run documents are assembled
/// from protocols' parts this way): the result must be what one writer would have written.
@Suite struct JSONWriterTests {
    /// Values of several shapes, each written by `body` into a writer.
    static let values: [(String, @Sendable (inout JSONWriter) -> Void)] = [
        ("scalar", { $0.string("a \"quoted\"\nline") }),
        ("empty object", { $0.object { _ in } }),
        ("empty array", { $0.array([Int]()) { json, n in json.int(n) } }),
        ("object", { json in
            json.object { json in
                json.member("id", "R-1")
                json.member("n", 3)
                json.key("list"); json.array([1, 2]) { json, n in json.int(n) }
                json.object("inner") { json in
                    json.member("text", "x\u{2028}y")
                    json.key("deeper"); json.objects(["p", "q"]) { json, s in json.member("s", s) }
                }
            }
        }),
    ]

    @Test(arguments: [JSONWriter.Layout.indented, .inline, .compact])
    func fragmentIsWhatOneWriterWrites(layout: JSONWriter.Layout) {
        for (name, body) in Self.values {
            // At depth 0, 1 and 3: the top, an array element, a member deep in objects.
            let direct = Self.nest(layout) { json in body(&json) }
            let placed = Self.nest(layout) { json in
                var part = JSONWriter(layout: layout)
                body(&part)
                json.fragment(part.fileBytes())
            }
            #expect(placed == direct, "\(name), \(layout)")
        }
    }

    /// `value` written at three depths in one document.
    static func nest(_ layout: JSONWriter.Layout, _ value: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter(layout: layout)
        json.object { json in
            json.key("top"); value(&json)
            json.key("list"); json.array([0, 1]) { json, _ in value(&json) }
            json.object("a") { json in json.object("b") { json in json.key("c"); value(&json) } }
        }
        return json.text
    }
}
