import Testing
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14: `any_stated: [C, ...]` ignores parts that are unknown when another part is decided.
@Suite struct AnyStatedTests {
    static let values: [Truth] = [.true, .false, .unknown, .error]

    /// The table of issue 14: error dominates; true if any is true; false if any is false; else unknown.
    static func expected(_ parts: [Truth]) -> Truth {
        if parts.contains(.error) { return .error }
        if parts.contains(.true) { return .true }
        if parts.contains(.false) { return .false }
        return .unknown
    }

    @Test func truthTable() throws {
        for a in Self.values {
            for b in Self.values {
                let got = try EngineFixture.truth("{any_stated: [\(CombinatorTests.leaf[a]!), \(CombinatorTests.leaf[b]!)]}", on: CombinatorTests.doc)
                #expect(got == Self.expected([a, b]), "any_stated [\(a), \(b)]")
            }
        }
        // Where it differs from any: false beside unknown.
        #expect(try EngineFixture.truth("{any_stated: [\(CombinatorTests.leaf[.false]!), \(CombinatorTests.leaf[.unknown]!)]}", on: CombinatorTests.doc) == .false)
        #expect(try EngineFixture.truth("{any: [\(CombinatorTests.leaf[.false]!), \(CombinatorTests.leaf[.unknown]!)]}", on: CombinatorTests.doc) == .unknown)
    }

    static let when = "{any_stated: [{path: source, equals: allogeneic}, {path: donor_relation, in: [sibling, unrelated, related]}]}"

    func result(_ doc: String) throws -> RuleResult {
        try EngineFixture.result(check: "{path: donor_screening.completed, equals: true}", when: Self.when, on: doc)
    }

    @Test func applicabilityFromWhicheverFieldIsStated() throws {
        let na = try result("donor_relation: self\n")
        #expect(na.status == .notApplicable)
        #expect(na.message == "not applicable: donor_relation is \"self\"; expected in one of sibling, unrelated, related")
        #expect(try result("source: autologous\n").status == .notApplicable)
        #expect(try result("donor_relation: sibling\ndonor_screening: {completed: true}\n").status == .pass)
        #expect(try result("source: allogeneic\ndonor_relation: self\ndonor_screening: {completed: false}\n").status == .fail)
        let unknown = try result("donor_screening: {completed: false}\n")
        #expect(unknown.status == .unknown)
        #expect(unknown.missing == [MissingField(path: "source", reason: .applicability), MissingField(path: "donor_relation", reason: .applicability)])
        // An error in any part dominates, even beside a true part.
        let error = try EngineFixture.result(check: "{path: x, exists: true}", when: "{any_stated: [{path: a, equals: 1}, {path: b, gt: 1}]}", on: "a: 1\nb: text\n")
        #expect(error.status == .error)
    }

    @Test func loadsRendersAndReads() throws {
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{any_stated: []}"))
                == ["p.yaml:6:25: error: 'any_stated' needs at least one condition; the list is empty"])
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{any_stated: [{path: a, exists: true}], path: b}"))
                == ["p.yaml:6:12: error: 'check' of rule R mixes any_stated and path; a condition has exactly one of all, any, any_stated, not, for_each, path or value"])
        let catalog = try EngineFixture.catalog(EngineFixture.pack(check: "{path: x, exists: true}", when: Self.when))
        let when = try #require(catalog.packs[0].rules[0].when)
        #expect(ConditionText.render(when) == "{any_stated: [{path: source, equals: \"allogeneic\"}, {path: donor_relation, in: [\"sibling\", \"unrelated\", \"related\"]}]}")
        #expect(when.readPaths().map { Path.render($0.segments) } == ["source", "donor_relation"])
    }
}
