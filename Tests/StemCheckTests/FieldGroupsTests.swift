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
