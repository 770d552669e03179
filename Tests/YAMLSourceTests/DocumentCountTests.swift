import Testing
@testable import YAMLSource

/// Streams: zero, one or several documents; `loadDocument` wants exactly one.
@Suite struct DocumentCountTests {
    @Test(arguments: ["", "\n", "# only a comment\n", "   \n\n# a\n  # b\n"])
    func emptyStreamsHoldNoDocument(_ yaml: String) throws {
        #expect(try TestYAML.stream(yaml).isEmpty)
    }

    @Test func explicitEmptyDocumentIsNull() throws {
        let documents = try TestYAML.stream("---\n")
        #expect(documents.count == 1)
        #expect(documents[0].root.isNull)
    }

    @Test func severalDocuments() throws {
        let documents = try TestYAML.stream("a: 1\n---\n- 2\n--- 3\n...\n---\n")
        #expect(documents.map { $0.root.json(indent: 0) } == [#"{"a":1}"#, "[2]", "3", "null"])
        #expect(documents[1].root.mark == Mark(line: 3, column: 1))
        #expect(documents.allSatisfy { $0.file == "t.yaml" })
    }

    /// The builder copies scalars into room made for the input's size and grows it when a value
    /// decodes longer than its source (`\L` is two characters and three bytes) or when a later
    /// document of a stream starts with little room (issue 20): every value reads as written.
    @Test func scalarTextOutgrowsItsRoom() throws {
        let wide = String(repeating: "\\L", count: 40)   // 80 source bytes, 120 decoded
        let long = String(repeating: "abcdefghij", count: 30)
        let yaml = "a: \"\(wide)\"\nb: x\n---\n[\(long), \"\(wide)\", short]\n---\n\"\(wide)\"\n"
        let documents = try TestYAML.stream(yaml)
        let lineSeparators = String(repeating: "\u{2028}", count: 40)
        #expect(documents.count == 3)
        #expect(documents[0].root["a"]?.string == lineSeparators)
        #expect(documents[0].root["b"]?.string == "x")
        #expect(documents[1].root.items.map { $0.string } == [long, lineSeparators, "short"])
        #expect(documents[2].root.string == lineSeparators)
        let one = try TestYAML.document("k: \"\(wide)\"\n")
        #expect(one.root["k"]?.string == lineSeparators)
    }

    @Test func loadDocumentOnTwoDocumentsPointsAtTheSecondStart() throws {
        do {
            _ = try TestYAML.document("a: 1\n---\nb: 2\n")
            Issue.record("two documents loaded as one")
        } catch {
            #expect(error.reason == .multipleDocuments)
            #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 1))
            #expect(error.message == "a second YAML document starts here, but this file must hold exactly one")
        }
    }

    @Test func loadDocumentOnTwoExplicitDocuments() throws {
        do {
            _ = try TestYAML.document("--- 1\n--- 2\n")
            Issue.record("two documents loaded as one")
        } catch {
            #expect(error.reason == .multipleDocuments)
            #expect(error.location.line == 2)
        }
    }

    @Test(arguments: ["", "# nothing here\n"])
    func loadDocumentOnAnEmptyStream(_ yaml: String) throws {
        do {
            _ = try TestYAML.document(yaml)
            Issue.record("an empty stream loaded as a document")
        } catch {
            #expect(error.reason == .noDocument)
            #expect(error.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
            #expect(error.description == """
                t.yaml:1:1: error: the file holds no YAML document (it is empty or only comments)
                  hint: write the document, or remove the file
                """)
        }
    }

    @Test func loadDocumentOnOneDocument() throws {
        let document = try TestYAML.document("---\na: 1\n...\n")
        #expect(document.root["a"]?.int == 1)
        #expect(document.storedNodeCount == 3)
    }

    @Test func loadDocumentFromAFile() throws {
        let path = try TemporaryFile.write(Array("a: [1, 2]\n".utf8), name: "p.yaml")
        defer { TemporaryFile.remove(path) }
        let document = try YAMLLoader().loadDocument(path: path, displayName: "p.yaml")
        #expect(document.file == "p.yaml")
        #expect(document.root["a"]?.location == SourceLocation(file: "p.yaml", line: 1, column: 4))
    }

    @Test func unreadableFiles() throws {
        do {
            _ = try YAMLLoader().loadStream(path: "/nonexistent/stemcheck/x.yaml")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/stemcheck/x.yaml:1:1: error: cannot read file: "))
        }
        do {
            _ = try YAMLLoader().loadStream(path: "/tmp")
            Issue.record("a directory loaded")
        } catch {
            #expect(error.reason == .unreadable("it is a directory"))
        }
    }
}
