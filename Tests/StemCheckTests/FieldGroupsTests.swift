import Testing
import StemCheckModel
@testable import StemCheckReports

/// `FieldGroups` (issue 20) finds the "not stated" group of a missing field without making a
/// string per field; it must group exactly as a dictionary of wildcarded strings does (the outline
/// before the change), canonical equivalence included.
@Suite struct FieldGroupsTests {
    /// The reference: groups numbered in first-seen order by `MissingField.wildcarded`, compared as strings.
    static func reference(_ paths: [String]) -> [Int] {
        var index: [String: Int] = [:]
        return paths.map { path in
            let key = MissingField.wildcarded(path)
            if let n = index[key] { return n }
            index[key] = index.count
            return index.count - 1
        }
    }

    static func grouped(_ paths: [String], capacity: Int) -> [Int] {
        var groups = FieldGroups(capacity: capacity)
        var seen = 0
        return paths.map { path in
            let (n, isNew) = groups.group(of: path)
            #expect(isNew == (n == seen), "\(path): new \(isNew), group \(n) of \(seen)")
            if isNew { seen += 1 }
            return n
        }
    }

    /// Random paths over a small alphabet of keys, indexes and odd brackets; fewer and more groups
    /// than the table was made for (it grows).
    @Test func groupsAsWildcardedStringsDo() {
        var random = SplitMix(seed: 20)
        let parts = ["a", "b", "products", ".", ".", "[0]", "[1]", "[12]", "[*]", "[]", "[x]", "[1", "[[0]", "[\"k.1\"]", "]", "_x"]
        for round in 0..<200 {
            let paths = (0..<Int(random.next() % 120)).map { _ in
                (0..<Int(1 + random.next() % 7)).map { _ in parts[Int(random.next() % UInt64(parts.count))] }.joined()
            }
            let capacity = round % 2 == 0 ? paths.count : 1
            #expect(Self.grouped(paths, capacity: capacity) == Self.reference(paths), "round \(round): \(paths)")
        }
    }

    /// `MissingField.wildcarded` copies runs between brackets; it must give what reading the path
    /// byte by byte gives (the transform before the change, kept here as the reference).
    static func wildcardedByteByByte(_ path: String) -> String {
        let bytes = Array(path.utf8)
        var out: [UInt8] = []
        var digits = 0, start = 0, inBracket = false
        for n in 0..<bytes.count {
            let byte = bytes[n]
            if inBracket {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1; continue }
                if byte == UInt8(ascii: "]") && digits > 0 { out.append(UInt8(ascii: "*")) } else { out += bytes[start..<n] }
                out.append(byte)
                inBracket = false
                digits = 0
                continue
            }
            out.append(byte)
            if byte == UInt8(ascii: "[") { inBracket = true; start = n + 1 }
        }
        if inBracket { out += bytes[start...] }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func wildcardedAsByteByByte() {
        var random = SplitMix(seed: 21)
        let parts = ["a", ".b", "[", "]", "0", "12", "[3]", "[[", "]]", "[x", "\"", "é", "*", "[*]"]
        for _ in 0..<5000 {
            let path = (0..<Int(random.next() % 10)).map { _ in parts[Int(random.next() % UInt64(parts.count))] }.joined()
            #expect(MissingField.wildcarded(path) == Self.wildcardedByteByByte(path), "\(path)")
        }
        for path in ["", "[", "[0", "[0]", "a[]", "a[[0]]", "a[0][1].b[22]", "a[\"k.1\"].b", "[1]]", "x[01a]"] {
            #expect(MissingField.wildcarded(path) == Self.wildcardedByteByByte(path), "\(path)")
        }
    }

    /// Keys spelled in canonically equivalent ways share a group, as equal strings: a precomposed
    /// and a combining accent, and the Kelvin sign with an ASCII K, whichever comes first.
    @Test func canonicallyEquivalentKeysShareAGroup() {
        let cases: [[String]] = [
            ["a[0].caf\u{E9}", "a[1].cafe\u{301}", "a[2].x", "a[3].caf\u{E9}"],
            ["k[0].K", "k[1].\u{212A}", "k[2].K"],
            ["k[0].\u{212A}", "k[1].K", "b", "b[0]"],
            ["x[0].y", "x[1].y", "z[0].\u{E9}", "x[2].y", "z[1].e\u{301}", "w"],
        ]
        for paths in cases {
            #expect(Self.grouped(paths, capacity: paths.count) == Self.reference(paths), "\(paths)")
        }
        #expect(Self.reference(["k[0].K", "k[1].\u{212A}"]) == [0, 0])
    }
}
