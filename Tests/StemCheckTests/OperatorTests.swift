import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.1 / 3.2 / 3.5: every leaf operator on a true, false, missing, null and wrong-typed value.
///
/// Missing and null make a leaf unknown (except `exists`), so a `check` is `unknown`; an operator applied
/// to the wrong type is an evaluation error (status `error`, with a detail in `why`).
@Suite struct OperatorTests {
    /// The protocol every operator test reads.
    static let doc = """
        s: Spastic
        n: 5
        f: 2.5
        b: true
        l: [a, B, 3]
        m: {x: 1}
        empty_list: []
        nul: null
        words: "Hello World"
        """

    func status(_ check: String) throws -> Status { try EngineFixture.status(check, on: Self.doc) }

    /// Asserts status error and that `why` carries an error outcome with a detail containing `detail`.
    func expectError(_ check: String, detail: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let r = try EngineFixture.result(check: check, on: Self.doc)
        #expect(r.status == .error, sourceLocation: sourceLocation)
        let trace = r.why.first { $0.outcome == .error }
        #expect(trace != nil, sourceLocation: sourceLocation)
        #expect(trace?.detail?.contains(detail) == true, "detail was \(trace?.detail ?? "nil")", sourceLocation: sourceLocation)
        #expect(r.message.hasPrefix("cannot evaluate: "), sourceLocation: sourceLocation)
    }

    /// Asserts a check on a missing and on a null path is unknown ("not stated"), naming the path.
    func expectUnknown(_ op: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for path in ["absent", "nul"] {
            let r = try EngineFixture.result(check: "{path: \(path), \(op)}", on: Self.doc)
            #expect(r.status == .unknown, "\(op) on \(path)", sourceLocation: sourceLocation)
            #expect(r.why.count == 1 && r.why[0].outcome == .unknown && r.why[0].path == path, sourceLocation: sourceLocation)
            #expect(r.missing == [MissingField(path: path, reason: .absent)], sourceLocation: sourceLocation)
            #expect(r.message.contains("\(path) is not stated"), "message: \(r.message)", sourceLocation: sourceLocation)
        }
    }

    // MARK: exists

    @Test func existsTrue() throws {
        #expect(try status("{path: s, exists: true}") == .pass)
        #expect(try status("{path: m, exists: true}") == .pass)
        #expect(try status("{path: empty_list, exists: true}") == .pass)
        // Absent is not stated, not a violation (SPEC 3.2): exists is false, the result unknown.
        #expect(try status("{path: absent, exists: true}") == .unknown)
        #expect(try status("{path: nul, exists: true}") == .unknown)
    }

    @Test func existsFalse() throws {
        #expect(try status("{path: absent, exists: false}") == .pass)
        #expect(try status("{path: nul, exists: false}") == .pass)
        #expect(try status("{path: s, exists: false}") == .fail)
    }

    @Test func existsIsNeverUnknown() throws {
        // SPEC 3.2: exists is always true or false; but a check false only because a value is
        // absent does not state a violation, so the result is unknown ("not stated").
        let r = try EngineFixture.result(check: "{path: a.b.c, exists: true}", on: Self.doc)
        #expect(r.status == .unknown)
        #expect(r.why.map(\.outcome) == [.false])
        #expect(r.missing == [MissingField(path: "a.b.c", reason: .absent)])
        #expect(r.message == "The rule: a.b.c is not stated")
        #expect(try EngineFixture.truth("{not: {path: a.b.c, exists: true}}", on: Self.doc) == .true)
    }

    // MARK: equals / not_equals

    @Test func equals() throws {
        #expect(try status("{path: s, equals: Spastic}") == .pass)
        #expect(try status("{path: s, equals: spastic}") == .fail)
        #expect(try status("{path: n, equals: 5}") == .pass)
        #expect(try status("{path: n, equals: 5.0}") == .pass)
        #expect(try status("{path: f, equals: 2.5}") == .pass)
        #expect(try status("{path: b, equals: true}") == .pass)
        #expect(try status("{path: l, equals: [a, B, 3]}") == .pass)
        #expect(try status("{path: l, equals: [a, B]}") == .fail)
        #expect(try status("{path: m, equals: {x: 1}}") == .pass)
        #expect(try status("{path: m, equals: {x: 2}}") == .fail)
        try expectUnknown("equals: x")
    }

    @Test func equalsWithAnotherTypeIsUnequalNotAnError() throws {
        // Structural equality (SPEC 3.1) is defined between any two values: a string is not the
        // boolean true (YAML 1.2: `yes` is a string), so the check fails with the actual value shown.
        #expect(try status("{path: s, equals: true}") == .fail)
        #expect(try status("{path: b, equals: \"true\"}") == .fail)
        #expect(try status("{path: m, equals: [x]}") == .fail)
        let r = try EngineFixture.result(check: "{path: b, equals: yes}", on: Self.doc)
        #expect(r.status == .fail)
        #expect(r.actual == .bool(true))
    }

    @Test func equalsIgnoreCase() throws {
        #expect(try status("{path: s, equals: SPASTIC, ignore_case: true}") == .pass)
        #expect(try status("{path: l, equals: [A, b, 3], ignore_case: true}") == .pass)
        #expect(try status("{path: s, equals: spasti, ignore_case: true}") == .fail)
    }

    @Test func notEquals() throws {
        #expect(try status("{path: s, not_equals: Other}") == .pass)
        #expect(try status("{path: s, not_equals: Spastic}") == .fail)
        #expect(try status("{path: s, not_equals: spastic}") == .pass)
        #expect(try status("{path: s, not_equals: SPASTIC, ignore_case: true}") == .fail)
        #expect(try status("{path: n, not_equals: \"x\"}") == .pass)
        // SPEC 3.2: not_equals on a missing value must not pass silently.
        try expectUnknown("not_equals: x")
    }

    // MARK: in / not_in

    @Test func inList() throws {
        #expect(try status("{path: s, in: [Ataxic, Spastic]}") == .pass)
        #expect(try status("{path: s, in: [Ataxic, spastic]}") == .fail)
        #expect(try status("{path: s, in: [ataxic, spastic], ignore_case: true}") == .pass)
        #expect(try status("{path: n, in: [4, 5]}") == .pass)
        #expect(try status("{path: n, in: [\"5\"]}") == .pass)  // a number-form string compares as a number (SPEC 3.5)
        #expect(try status("{path: m, in: [a, b]}") == .fail)
        try expectUnknown("in: [x]")
    }

    @Test func notInList() throws {
        #expect(try status("{path: s, not_in: [Ataxic]}") == .pass)
        #expect(try status("{path: s, not_in: [Ataxic, Spastic]}") == .fail)
        #expect(try status("{path: s, not_in: [SPASTIC]}") == .pass)
        #expect(try status("{path: s, not_in: [SPASTIC], ignore_case: true}") == .fail)
        try expectUnknown("not_in: [x]")
    }

    // MARK: matches

    @Test func matches() throws {
        #expect(try status("{path: s, matches: 'past'}") == .pass)  // a search, not anchored
        #expect(try status("{path: s, matches: '^past'}") == .fail)
        #expect(try status("{path: s, matches: '^Spastic$'}") == .pass)
        #expect(try status("{path: s, matches: '^spastic$'}") == .fail)
        #expect(try status("{path: s, matches: '^spastic$', ignore_case: true}") == .pass)
        #expect(try status("{path: s, matches: '(?i)^SPASTIC$'}") == .pass)
        try expectUnknown("matches: x")
    }

    @Test func matchesOnWrongTypeIsAnError() throws {
        try expectError("{path: n, matches: '5'}", detail: "matches needs a string, found the number 5")
        try expectError("{path: l, matches: 'a'}", detail: "matches needs a string, found a list")
        try expectError("{path: b, matches: 'true'}", detail: "found the boolean true")
    }

    // MARK: ordered comparisons

    @Test func orderedComparisons() throws {
        #expect(try status("{path: n, gt: 4}") == .pass)
        #expect(try status("{path: n, gt: 5}") == .fail)
        #expect(try status("{path: n, gte: 5}") == .pass)
        #expect(try status("{path: n, gte: 5.5}") == .fail)
        #expect(try status("{path: n, lt: 6}") == .pass)
        #expect(try status("{path: n, lt: 5}") == .fail)
        #expect(try status("{path: n, lte: 5}") == .pass)
        #expect(try status("{path: f, lte: 2.4}") == .fail)
        for op in ["gt", "gte", "lt", "lte"] { try expectUnknown("\(op): 1") }
    }

    @Test func orderedComparisonOnWrongTypeIsAnError() throws {
        try expectError("{path: b, gt: 1}", detail: "the boolean true is not a number, quantity or date")
        try expectError("{path: l, gte: 1}", detail: "a list is not a number, quantity or date")
        try expectError("{path: s, lt: 1}", detail: "the string \"Spastic\" is not a number, quantity or date")
        try expectError("{path: m, lte: 1}", detail: "a mapping is not a number, quantity or date")
    }

    // MARK: contains

    @Test func containsOnList() throws {
        #expect(try status("{path: l, contains: a}") == .pass)
        #expect(try status("{path: l, contains: 3}") == .pass)
        #expect(try status("{path: l, contains: b}") == .fail)
        #expect(try status("{path: l, contains: b, ignore_case: true}") == .pass)
        #expect(try status("{path: empty_list, contains: a}") == .fail)
    }

    @Test func containsOnString() throws {
        #expect(try status("{path: words, contains: World}") == .pass)
        #expect(try status("{path: words, contains: world}") == .fail)
        #expect(try status("{path: words, contains: WORLD, ignore_case: true}") == .pass)
        try expectUnknown("contains: x")
    }

    @Test func containsOnWrongTypeIsAnError() throws {
        try expectError("{path: n, contains: 5}", detail: "contains needs a list or a string, found the number 5")
        try expectError("{path: m, contains: x}", detail: "found a mapping")
        try expectError("{path: words, contains: 5}", detail: "contains on a string needs a string to look for")
    }

    // MARK: item and length bounds

    @Test func itemBounds() throws {
        #expect(try status("{path: l, min_items: 3}") == .pass)
        #expect(try status("{path: l, min_items: 4}") == .fail)
        #expect(try status("{path: l, max_items: 3}") == .pass)
        #expect(try status("{path: l, max_items: 2}") == .fail)
        #expect(try status("{path: empty_list, min_items: 1}") == .fail)
        #expect(try status("{path: empty_list, max_items: 0}") == .pass)
        try expectUnknown("min_items: 1")
        try expectUnknown("max_items: 1")
        try expectError("{path: s, min_items: 1}", detail: "min_items needs a list, found the string \"Spastic\"")
        try expectError("{path: m, max_items: 1}", detail: "max_items needs a list, found a mapping")
    }

    @Test func lengthBounds() throws {
        #expect(try status("{path: s, min_length: 7}") == .pass)
        #expect(try status("{path: s, min_length: 8}") == .fail)
        #expect(try status("{path: s, max_length: 7}") == .pass)
        #expect(try status("{path: s, max_length: 6}") == .fail)
        try expectUnknown("min_length: 1")
        try expectUnknown("max_length: 1")
        try expectError("{path: n, min_length: 1}", detail: "min_length needs a string, found the number 5")
        try expectError("{path: l, max_length: 1}", detail: "max_length needs a string, found a list")
    }

    @Test func lengthsCountUnicodeScalars() throws {
        // SPEC 3.5: "é" written as e + combining acute is two code points, one grapheme.
        let doc = "name: \"Ame\u{301}lie\"\nemoji: \"👍🏽\"\n"
        #expect(try EngineFixture.status("{path: name, min_length: 7}", on: doc) == .pass)
        #expect(try EngineFixture.status("{path: name, max_length: 6}", on: doc) == .fail)
        #expect(try EngineFixture.status("{path: emoji, min_length: 2}", on: doc) == .pass)
    }

    // MARK: type

    @Test(arguments: [
        ("string", "s", true), ("string", "n", false), ("string", "d", true),
        ("number", "n", true), ("number", "f", true), ("number", "s", false), ("number", "ns", false),
        ("integer", "n", true), ("integer", "f", false), ("integer", "ns", false),
        ("boolean", "b", true), ("boolean", "yes", false),
        ("list", "l", true), ("list", "empty_list", true), ("list", "m", false),
        ("map", "m", true), ("map", "l", false),
        ("date", "d", true), ("date", "dt", true), ("date", "bad_date", false), ("date", "s", false),
        ("quantity", "q", true), ("quantity", "qm", true), ("quantity", "ns", false), ("quantity", "n", false),
    ])
    func typeOperator(_ type: String, _ path: String, _ holds: Bool) throws {
        let doc = """
            s: Spastic
            n: 5
            ns: "5"
            f: 2.5
            b: true
            yes: yes
            l: [a]
            empty_list: []
            m: {x: 1}
            d: 2026-01-31
            dt: 2026-01-31T10:00:00Z
            bad_date: 2026-13-45
            q: "2.5 x 10^7 cells/kg"
            qm: {value: 12, unit: months}
            """
        #expect(try EngineFixture.status("{path: \(path), type: \(type)}", on: doc) == (holds ? .pass : .fail))
    }

    @Test func typeOnMissingOrNullIsUnknown() throws {
        try expectUnknown("type: string")
    }

    // MARK: ignore_case is only for string comparisons

    @Test func ignoreCaseOnAnOrderedOperatorIsALoadError() {
        let errors = EngineFixture.loadErrors(EngineFixture.pack(check: "{path: n, gt: 1, ignore_case: true}"))
        #expect(errors == ["p.yaml:6:42: error: ignore_case has no effect on 'gt'"])
    }
}
