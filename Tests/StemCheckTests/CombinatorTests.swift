import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.1 / 3.2 / 3.5: all, any, not under Kleene logic with errors dominating; for_each with
/// where, min_items, relative and `$.` paths; wildcard paths.
@Suite struct CombinatorTests {
    /// Leaves whose truth is known: true, false, unknown (missing path) and error (a string ordered against a number).
    static let doc = "t: 1\nf: 1\ne: text\n"
    static let leaf: [Truth: String] = [
        .true: "{path: t, equals: 1}",
        .false: "{path: f, equals: 2}",
        .unknown: "{path: missing, equals: 1}",
        .error: "{path: e, gt: 1}",
    ]
    static let values: [Truth] = [.true, .false, .unknown, .error]

    func truth(_ condition: String, _ doc: String = doc, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Truth {
        try EngineFixture.truth(condition, on: doc, sourceLocation: sourceLocation)
    }

    @Test func leavesHaveTheirIntendedTruth() throws {
        for value in Self.values { #expect(try truth(Self.leaf[value]!) == value) }
    }

    @Test func notTable() throws {
        let expected: [Truth: Truth] = [.true: .false, .false: .true, .unknown: .unknown, .error: .error]
        for value in Self.values {
            #expect(try truth("{not: \(Self.leaf[value]!)}") == expected[value], "not \(value)")
        }
        #expect(try truth("{not: {not: \(Self.leaf[.unknown]!)}}") == .unknown)
    }

    /// Kleene AND with error dominating, both orders.
    static func and(_ a: Truth, _ b: Truth) -> Truth {
        if a == .error || b == .error { return .error }
        if a == .false || b == .false { return .false }
        if a == .unknown || b == .unknown { return .unknown }
        return .true
    }

    static func or(_ a: Truth, _ b: Truth) -> Truth {
        if a == .error || b == .error { return .error }
        if a == .true || b == .true { return .true }
        if a == .unknown || b == .unknown { return .unknown }
        return .false
    }

    @Test func allTable() throws {
        for a in Self.values {
            for b in Self.values {
                let got = try truth("{all: [\(Self.leaf[a]!), \(Self.leaf[b]!)]}")
                #expect(got == Self.and(a, b), "all [\(a), \(b)]")
            }
        }
        // Spelled out, the rows SPEC 3.2 and 3.5 decide:
        #expect(Self.and(.false, .unknown) == .false)
        #expect(Self.and(.true, .unknown) == .unknown)
        #expect(Self.and(.false, .error) == .error)
    }

    @Test func anyTable() throws {
        for a in Self.values {
            for b in Self.values {
                let got = try truth("{any: [\(Self.leaf[a]!), \(Self.leaf[b]!)]}")
                #expect(got == Self.or(a, b), "any [\(a), \(b)]")
            }
        }
        #expect(Self.or(.true, .unknown) == .true)
        #expect(Self.or(.false, .unknown) == .unknown)
        #expect(Self.or(.true, .error) == .error)
    }

    @Test func singleElementCombinators() throws {
        for value in Self.values {
            #expect(try truth("{all: [\(Self.leaf[value]!)]}") == value)
            #expect(try truth("{any: [\(Self.leaf[value]!)]}") == value)
        }
    }

    @Test func errorsDominateWhateverTheOrder() throws {
        // SPEC 3.5: every part is evaluated, so a false first part does not hide a later error.
        let e = Self.leaf[.error]!, f = Self.leaf[.false]!, t = Self.leaf[.true]!
        #expect(try truth("{all: [\(f), \(e)]}") == .error)
        #expect(try truth("{all: [\(e), \(f)]}") == .error)
        #expect(try truth("{any: [\(t), \(e)]}") == .error)
        #expect(try truth("{any: [\(e), \(t)]}") == .error)
        #expect(try truth("{all: [\(t), {any: [\(t), {not: \(e)}]}]}") == .error)
    }

    @Test func statusesFromTruth() throws {
        let expected: [Truth: Status] = [.true: .pass, .false: .fail, .unknown: .unknown, .error: .error]
        for value in Self.values {
            #expect(try EngineFixture.result(check: Self.leaf[value]!, on: Self.doc).status == expected[value])
        }
    }

    @Test func notOfAMissingValueDoesNotPassSilently() throws {
        // SPEC 3.2's motivating case.
        let r = try EngineFixture.result(check: "{not: {path: x, equals: y}}", on: Self.doc)
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: x is not stated")
    }

    @Test func whyListsTheDecidingLeaves() throws {
        // all [true, false, unknown] is false: only the false leaf decided it.
        let r = try EngineFixture.result(check: "{all: [\(Self.leaf[.true]!), \(Self.leaf[.false]!), \(Self.leaf[.unknown]!)]}", on: Self.doc)
        #expect(r.status == .fail)
        #expect(r.why.map(\.path) == ["f"])
        #expect(r.why.map(\.outcome) == [.false])
        // any [false, unknown] is unknown: the unknown leaf decided it.
        let u = try EngineFixture.result(check: "{any: [\(Self.leaf[.false]!), \(Self.leaf[.unknown]!)]}", on: Self.doc)
        #expect(u.status == .unknown)
        #expect(u.why.map(\.path) == ["missing"])
        #expect(u.message == "The rule: missing is not stated")
    }

    // MARK: for_each

    static let arms = """
        max_dose: 10
        arms:
          - {name: A, kind: active, dose: 5}
          - {name: B, kind: active, dose: 8}
          - {name: C, kind: placebo}
          - {name: D}
        """

    @Test func forEachChecksEveryItem() throws {
        #expect(try truth("{for_each: arms, check: {path: name, exists: true}}", Self.arms) == .true)
        #expect(try truth("{for_each: arms, check: {path: kind, exists: true}}", Self.arms) == .false)
        // A missing field in one item is unknown for that item.
        #expect(try truth("{for_each: arms, check: {path: kind, in: [active, placebo]}}", Self.arms) == .unknown)
    }

    @Test func forEachWhereFiltersItems() throws {
        let check = "{for_each: arms, where: {path: kind, equals: active}, check: {path: dose, lte: 10}}"
        // SPEC 3.2: an item whose `where` is unknown (D has no kind) is not kept, but leaves the
        // result unknown unless a kept item decides it false.
        #expect(try truth(check, Self.arms) == .unknown)
        let stated = Self.arms.replacingOccurrences(of: "{name: D}", with: "{name: D, kind: placebo}")
        #expect(try truth(check, stated) == .true)
        let placebo = "{for_each: arms, where: {path: kind, not_equals: active}, check: {path: name, equals: C}}"
        #expect(try truth(placebo, Self.arms) == .unknown)
        let tooHigh = "{for_each: arms, where: {path: kind, equals: active}, check: {path: dose, lte: 6}}"
        #expect(try truth(tooHigh, Self.arms) == .false)  // B (dose 8) decides it false
        // A `where` that errors makes the whole for_each an error.
        #expect(try truth("{for_each: arms, where: {path: name, gt: 1}, check: {path: name, exists: true}}", Self.arms) == .error)
    }

    @Test func forEachMinItems() throws {
        let two = "{for_each: arms, where: {path: kind, equals: active}, min_items: 2, check: {path: dose, exists: true}}"
        let three = "{for_each: arms, where: {path: kind, equals: active}, min_items: 3, check: {path: dose, exists: true}}"
        #expect(try truth(two, Self.arms) == .unknown)  // D's kind is not stated
        #expect(try truth(two, Self.arms.replacingOccurrences(of: "{name: D}", with: "{name: D, kind: placebo}")) == .true)
        // Two kept, and D (kind not stated) could be the third: unknown; it cannot be the fourth.
        #expect(try truth(three, Self.arms) == .unknown)
        let four = three.replacingOccurrences(of: "min_items: 3", with: "min_items: 4")
        #expect(try truth(four, Self.arms) == .false)
        let r = try EngineFixture.result(check: four, on: Self.arms)
        #expect(r.status == .fail)
        #expect(r.why.map(\.op) == ["min_items"])
        #expect(r.why.first?.expected == "at least 4 items matching 'where'")
        #expect(r.why.first?.actual == .string("2 matching items of 4"))
        #expect(r.message == "The rule: arms: for_each kept 2 of 4 items; expected at least 4 items matching 'where'")
        // An empty list passes vacuously unless min_items asks for items.
        #expect(try truth("{for_each: l, check: {path: x, exists: true}}", "l: []") == .true)
        #expect(try truth("{for_each: l, min_items: 1, check: {path: x, exists: true}}", "l: []") == .false)
        // The min_items trace in the singular and the plural.
        let one = try EngineFixture.result(check: "{for_each: l, min_items: 2, check: {path: x, exists: true}}", on: "l: [{x: 1}]")
        #expect(one.why.first?.expected == "at least 2 items" && one.why.first?.actual == .string("1 matching item of 1"))
        #expect(one.why.first?.detail == "for_each kept 1 of 1 item")
        let none = try EngineFixture.result(check: "{for_each: l, where: {path: x, equals: 2}, min_items: 1, check: {path: x, exists: true}}",
                                            on: "l: [{x: 1}, {x: 3}]")
        #expect(none.why.first?.expected == "at least 1 item matching 'where'" && none.why.first?.actual == .string("0 matching items of 2"))
        #expect(none.why.first?.detail == "for_each kept 0 of 2 items")
    }

    @Test func forEachRelativeAndRootPaths() throws {
        // Inside for_each, `dose` is the item's; `$.max_dose` is the document's.
        #expect(try truth("{for_each: arms, where: {path: dose, exists: true}, check: {path: dose, lte: {path: $.max_dose}}}", Self.arms) == .true)
        #expect(try truth("{for_each: arms, where: {path: dose, exists: true}, check: {path: dose, lt: {path: '$.arms[0].dose'}}}", Self.arms) == .false)
        // Without `$.`, max_dose is looked up in the item, where it is missing.
        #expect(try truth("{for_each: arms, where: {path: dose, exists: true}, check: {path: dose, lte: {path: max_dose}}}", Self.arms) == .unknown)
        #expect(try truth("{for_each: arms, check: {path: $.max_dose, equals: 10}}", Self.arms) == .true)
    }

    @Test func forEachReportsConcretePaths() throws {
        let r = try EngineFixture.result(check: "{for_each: arms, check: {path: dose, lte: 6}}", on: Self.arms)
        #expect(r.status == .fail)
        #expect(r.why.map(\.path) == ["arms[1].dose"])
        #expect(r.why.first?.actual == .int(8))
        let missing = try EngineFixture.result(check: "{for_each: arms, check: {path: kind, exists: true}}", on: Self.arms)
        #expect(missing.why.map(\.path) == ["arms[3].kind"])
    }

    @Test func nestedForEach() throws {
        let doc = """
            sites:
              - {name: S1, staff: [{role: pi, gcp: true}, {role: nurse, gcp: true}]}
              - {name: S2, staff: [{role: pi, gcp: false}]}
            """
        let r = try EngineFixture.result(check: "{for_each: sites, check: {for_each: staff, check: {path: gcp, equals: true}}}", on: doc)
        #expect(r.status == .fail)
        #expect(r.why.map(\.path) == ["sites[1].staff[0].gcp"])
    }

    @Test func forEachOverAWildcardPath() throws {
        let doc = """
            sites:
              - {name: S1, staff: [{role: pi}]}
              - {name: S2}
            """
        // Iterates what the wildcard reaches; an element lacking the rest of the path is unknown (SPEC 3.1).
        #expect(try truth("{for_each: 'sites[*]', check: {path: name, exists: true}}", doc) == .true)
        #expect(try truth("{for_each: 'sites[*].staff', check: {path: '[0].role', exists: true}}", doc) == .unknown)
        let m = try EngineFixture.result(check: "{for_each: 'sites[*].staff', check: {path: '[0].role', exists: true}}", on: doc)
        #expect(m.status == .unknown)
        #expect(m.message == "The rule: sites[1].staff is not stated")
        #expect(try truth("{for_each: 'sites[*].staff', check: {path: '[0].role', equals: nurse}}", doc) == .false)
    }

    @Test func forEachOverMissingOrNullIsUnknown() throws {
        #expect(try truth("{for_each: nothing, check: {path: x, exists: true}}", Self.arms) == .unknown)
        #expect(try truth("{for_each: l, check: {path: x, exists: true}}", "l: null") == .unknown)
        let r = try EngineFixture.result(check: "{for_each: sites, min_items: 1, check: {path: x, exists: true}}", on: Self.arms)
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: sites is not stated")
        #expect(r.why.first?.op == "for_each")
        #expect(r.why.first?.outcome == .unknown)
    }

    @Test func forEachOverANonListIsAnError() throws {
        for value in ["{a: 1}", "text", "5", "true"] {
            let r = try EngineFixture.result(check: "{for_each: l, check: {path: x, exists: true}}", on: "l: \(value)")
            #expect(r.status == .error, "for_each over \(value)")
            #expect(r.why.first?.detail?.hasPrefix("for_each needs a list, found") == true)
        }
    }

    // MARK: wildcard paths

    static let wild = """
        all_have: [{x: 1}, {x: 2}]
        some_lack: [{x: 1}, {y: 2}]
        one_false: [{x: 1}, {x: 9}, {y: 2}]
        none: []
        scalars: [1, 2, 3]
        """

    @Test func wildcardIsAllOverElements() throws {
        #expect(try truth("{path: 'all_have[*].x', lte: 2}", Self.wild) == .true)
        #expect(try truth("{path: 'all_have[*].x', lt: 2}", Self.wild) == .false)
        #expect(try truth("{path: 'scalars[*]', gte: 1}", Self.wild) == .true)
        #expect(try truth("{path: 'scalars[*]', in: [1, 2]}", Self.wild) == .false)
    }

    @Test func wildcardElementLackingThePathIsUnknown() throws {
        #expect(try truth("{path: 'some_lack[*].x', gte: 1}", Self.wild) == .unknown)
        // false dominates unknown (Kleene AND).
        #expect(try truth("{path: 'one_false[*].x', lte: 2}", Self.wild) == .false)
        let r = try EngineFixture.result(check: "{path: 'some_lack[*].x', gte: 1}", on: Self.wild)
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: some_lack[1].x is not stated")
        #expect(r.why.map(\.path) == ["some_lack[1].x"])
        // exists over a wildcard is true/false per element, never unknown.
        #expect(try truth("{path: 'some_lack[*].x', exists: true}", Self.wild) == .false)
    }

    @Test func wildcardReachingNoElementIsMissing() throws {
        #expect(try truth("{path: 'none[*].x', equals: 1}", Self.wild) == .unknown)
        #expect(try truth("{path: 'absent[*].x', equals: 1}", Self.wild) == .unknown)
        let r = try EngineFixture.result(check: "{path: 'none[*].x', equals: 1}", on: Self.wild)
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: none[*].x is not stated")
    }

    @Test func wildcardWithIndexAndQuotedKeys() throws {
        let doc = """
            groups:
              - {"dose.mg": 5, items: [{v: 1}, {v: 2}]}
              - {"dose.mg": 7, items: [{v: 3}]}
            """
        #expect(try truth("{path: 'groups[*][\"dose.mg\"]', gte: 5}", doc) == .true)
        #expect(try truth("{path: 'groups[*].items[*].v', lte: 3}", doc) == .true)
        #expect(try truth("{path: 'groups[*].items[0].v', lte: 1}", doc) == .false)
        #expect(try truth("{path: 'groups[1][\"dose.mg\"]', equals: 7}", doc) == .true)
    }
}
