import Foundation
import Testing
@testable import YAMLSource

/// Random mutations of valid JSON, read by `JSONLoader` and by Foundation's `JSONSerialization`
/// (an independent RFC 8259 parser): both accept or both refuse, and what both accept has the same
/// value. Where the two differ by design only `JSONLoader`'s side is checked: duplicate keys
/// (Foundation lets the last one win), numbers beyond a double, and trailing commas, which
/// Foundation's parser on Linux accepts although RFC 8259 does not. Deterministic: a fixed seed.
@Suite struct JSONDifferentialTests {
    /// SplitMix64: small, fast, the same sequence everywhere.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [String] = [
        #"{"id": "P-1", "phase": 2, "dose": 2.5e7, "blinded": false, "notes": null, "arms": [{"name": "low", "n": 10}, {"name": "high", "n": -3}]}"#,
        #"["a\"b", "c\\d", "\u00e9\ud83d\ude00", "\/\b\f\n\r\t", 0, -0.5, 1E-3, 12345678901234, true, [], {}]"#,
        "{\n  \"名前\": \"値\",\n  \"list\": [\n    1,\n    2\n  ]\n}\n",
    ]

    /// Bytes a mutation inserts: JSON's punctuation and the characters of its mistakes.
    static let alphabet: [UInt8] = Array(#"{}[],:"\ 0123456789.eE+-truefalsn/*'#xu"#.utf8) + [0x09, 0x0A, 0x0D, 0x00, 0x01, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]

    static func mutate(_ bytes: [UInt8], _ rng: inout Generator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !out.isEmpty: out.remove(at: at)
            case 1: out.insert(alphabet.randomElement(using: &rng)!, at: at)
            case 2 where !out.isEmpty: out[at] = alphabet.randomElement(using: &rng)!
            default:
                let length = min(Int.random(in: 1...8, using: &rng), out.count - at)
                out.insert(contentsOf: out[at..<(at + length)], at: at)
            }
        }
        return out
    }

    @Test func agreesWithFoundationOnMutatedJSON() throws {
        var rng = Generator(state: 20_261_202)
        var agreedAccept = 0, agreedRefuse = 0
        var disagreements: [String] = []
        for round in 0..<30_000 {
            let bytes = Self.mutate(Array(Self.seeds[round % Self.seeds.count].utf8), &rng)
            let ours: Result<YAMLDocument, YAMLError> = Result { () throws(YAMLError) in
                try JSONLoader().loadDocument(bytes: bytes, file: "m.json")
            }
            // Foundation takes a BOM-less UTF-8 text; a NUL is refused by both.
            let theirs = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            switch ours {
            case .success(let document):
                if let theirs {
                    agreedAccept += 1
                    if JSONValue(document.root) != JSONValue(foundation: theirs) {
                        disagreements.append("values differ: \(String(decoding: bytes, as: UTF8.self))")
                    }
                } else {
                    disagreements.append("only JSONLoader accepts: \(String(reflecting: String(decoding: bytes, as: UTF8.self)))")
                }
            case .failure(let error):
                // Every refusal is located inside the text and carries a hint.
                #expect(error.location.line >= 1 && error.location.column >= 1)
                #expect(error.hint != nil)
                switch error.reason {
                case .duplicateKey, .numberOutOfRange, .json(.trailingComma):
                    continue
                default:
                    break
                }
                if theirs == nil {
                    agreedRefuse += 1
                } else {
                    disagreements.append("only Foundation accepts (\(error.message)): \(String(reflecting: String(decoding: bytes, as: UTF8.self)))")
                }
            }
        }
        #expect(disagreements.isEmpty, Comment(rawValue: disagreements.prefix(15).joined(separator: "\n")))
        #expect(agreedAccept > 1_000 && agreedRefuse > 10_000, "accepted \(agreedAccept), refused \(agreedRefuse)")
    }
}
