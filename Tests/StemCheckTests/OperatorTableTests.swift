import Foundation
import Testing
import YAMLSource
@testable import StemCheckEngine
@testable import StemCheckModel

/// The operator table is the one definition of every leaf operator: each one is documented, each
/// compiles a good operand and refuses a bad one with a located error, and each has a sample here,
/// so a new operator cannot land untested or undocumented.
@Suite struct OperatorTableTests {
    /// name → (a valid operand, a value it holds for, a value it does not hold for, an invalid operand).
    static let samples: [String: (operand: String, holds: String, fails: String, invalid: String)] = [
        "exists": ("true", "1", "~", "maybe"),
        "equals": ("3", "3", "4", "~"),
        "not_equals": ("3", "4", "3", "~"),
        "in": ("[a, b]", "a", "c", "[]"),
        "not_in": ("[a, b]", "c", "a", "x"),
        "matches": ("'^ab+$'", "abb", "ba", "'(a'"),
        "gt": ("'12 months'", "2 years", "6 months", "'12 parsecs'"),
        "gte": ("2026-01-31", "2026-01-31", "2026-01-30", "2026-02-31"),
        "lt": ("10", "9", "10", "[1]"),
        "lte": ("10", "10", "11", "{value: 1}"),
        "within": ("{period: '7 days', of: 2026-01-10}", "2026-01-03", "2026-01-18", "{of: 2026-01-10}"),
        "contains": ("x", "[x, y]", "[y]", "~"),
        "min_items": ("2", "[1, 2]", "[1]", "-1"),
        "max_items": ("1", "[1]", "[1, 2]", "one"),
        "min_length": ("3", "abc", "ab", "1.5"),
        "max_length": ("3", "abc", "abcd", "-2"),
        "specific": ("true", "'double data entry'", "TBD.", "false"),
        "type": ("integer", "3", "3.5", "integr"),
    ]

    static func node(_ yaml: String) -> YAMLNode {
        try! YAMLLoader().loadDocument(bytes: Array("v: \(yaml)\n".utf8), file: "t.yaml").root["v"]!
    }

    @Test func namesAreUniqueAndEveryOperatorHasASample() {
        #expect(Set(OperatorTable.names).count == OperatorTable.all.count)
        #expect(Set(OperatorTable.names) == Set(Self.samples.keys))
    }

    @Test(arguments: OperatorTable.all.map(\.name))
    func compilesEvaluatesAndRefuses(_ name: String) throws {
        let definition = try #require(OperatorTable.named[name])
        let sample = try #require(Self.samples[name])
        let op = try definition.compile(Self.node(sample.operand), CompileContext())
        let root = Self.node("{}")
        let context = OperatorContext(root: root, scope: root)
        #expect(op.test(Self.node(sample.holds), in: context).truth == .true, "\(name) \(sample.operand) on \(sample.holds)")
        let failing = Self.node(sample.fails)
        let outcome = failing.isNull ? LeafOutcome(op.whenAbsent) : op.test(failing, in: context)
        #expect(outcome.truth == .false, "\(name) \(sample.operand) on \(sample.fails)")
        #expect(!op.expected.isEmpty && !op.operandText.isEmpty)
        do {
            _ = try definition.compile(Self.node(sample.invalid), CompileContext())
            Issue.record("\(name): the operand \(sample.invalid) was accepted")
        } catch {
            #expect(error.location.file == "t.yaml" && error.location.line == 1 && !error.message.isEmpty)
        }
    }

    /// docs/rule-language.md's operator table names every operator, and no other.
    @Test func everyOperatorIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rule-language.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        guard let start = text.range(of: "| `exists` |") else {
            Issue.record("docs/rule-language.md has no operator table starting with `exists`")
            return
        }
        let rows = text[start.lowerBound...].split(separator: "\n").prefix { $0.hasPrefix("|") }
        let documented = rows.flatMap { row -> [String] in
            let first = row.split(separator: "|").first ?? ""
            return first.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        }
        #expect(documented.sorted() == OperatorTable.names.sorted())
    }

    @Test func ignoreCaseOnlyWhereItFolds() {
        let folding = OperatorTable.all.filter(\.foldsCase).map(\.name)
        #expect(Set(folding) == ["equals", "not_equals", "in", "not_in", "contains", "matches"])
    }

    @Test func ignoreWhitespaceOnlyWhereEqualityIsTested() {
        let normalising = OperatorTable.all.filter(\.ignoresWhitespace).map(\.name)
        #expect(Set(normalising) == ["equals", "not_equals", "in", "not_in"])
    }
}
