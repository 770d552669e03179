import Testing
@testable import YAMLSource

/// Input bytes: UTF-8 only, a byte order mark is accepted, NUL and invalid UTF-8 are located errors.
@Suite struct EncodingTests {
    @Test func invalidUTF8IsLocated() throws {
        let bytes = Array("a: 1\nb: x".utf8) + [0xFF] + Array("y\n".utf8)
        let error = try #require(TestYAML.error(bytes: bytes))
        #expect(error.reason == .invalidUTF8(byte: 0xFF))
        #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 5))
        #expect(error.message == "invalid UTF-8: byte 0xFF cannot appear here; the file must be UTF-8 text")
    }

    @Test func invalidUTF8AfterNonASCIICountsCharacters() throws {
        // "é" is two bytes but one column.
        let bytes = Array("name: é".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let error = try #require(TestYAML.error(bytes: bytes))
        #expect(error.reason == .invalidUTF8(byte: 0xC3))
        #expect(error.location.line == 1)
        #expect(error.location.column == 8)
    }

    @Test func truncatedSequenceAtTheEnd() throws {
        let error = try #require(TestYAML.error(bytes: Array("a: ".utf8) + [0xE2, 0x82]))
        guard case .invalidUTF8 = error.reason else {
            Issue.record("expected invalid UTF-8, got \(error.reason)")
            return
        }
        #expect(error.location.column == 4)
    }

    @Test func nulByteIsLocated() throws {
        let bytes = Array("a: 1\nb: 2".utf8) + [0x00] + Array("\n".utf8)
        let error = try #require(TestYAML.error(bytes: bytes))
        #expect(error.reason == .nulByte)
        #expect(error.location == SourceLocation(file: "t.yaml", line: 2, column: 5))
        #expect(error.message == "NUL byte in input: this looks like binary data, not a YAML or JSON text file")
    }

    @Test func binaryDataIsRejected() throws {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        #expect(TestYAML.error(bytes: bytes) != nil)
    }

    @Test func controlCharacterIsLocated() throws {
        let error = try #require(TestYAML.error(bytes: Array("a: b".utf8) + [0x07] + Array("\n".utf8)))
        #expect(error.reason == .controlCharacter(7))
        #expect(error.location.column == 5)
        #expect(error.message == "control character U+0007 is not allowed in YAML text")
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)
        let documents = try YAMLLoader().loadStream(bytes: bytes, file: "t.yaml")
        #expect(documents.count == 1)
        #expect(documents[0].root.json(indent: 0) == #"{"a":1}"#)
        #expect(documents[0].root["a"]?.mark == Mark(line: 1, column: 4))
    }

    @Test func byteOrderMarkAloneIsAnEmptyStream() throws {
        #expect(try YAMLLoader().loadStream(bytes: [0xEF, 0xBB, 0xBF], file: "t.yaml").isEmpty)
    }

    @Test func errorsAfterAByteOrderMarkCountFromTheText() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: *x\n".utf8)
        let error = try #require(TestYAML.error(bytes: bytes))
        #expect(error.location.column == 4)
        #expect(error.sourceLine == "a: *x")
    }

    @Test func nonASCIITextLoads() throws {
        let root = try TestYAML.root("título: célula 🧬\n\"clé\": 細胞\n")
        #expect(root["título"]?.string == "célula 🧬")
        #expect(root["clé"]?.string == "細胞")
        #expect(root["clé"]?.mark == Mark(line: 2, column: 8))
    }

    @Test func crlfLineEndings() throws {
        let root = try TestYAML.root("a: 1\r\nb: two\r\n")
        #expect(root.json(indent: 0) == #"{"a":1,"b":"two"}"#)
        #expect(root["b"]?.mark == Mark(line: 2, column: 4))
    }
}
