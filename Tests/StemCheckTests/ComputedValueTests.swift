import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14: leaves on computed values, `value: {count|min|max|sum|duration|product: ...}`, and
/// computed values as operands.
@Suite struct ComputedValueTests {
    static let doc = """
        design:
          arms:
            - {type: experimental, sites: [a, b]}
            - {type: experimental, sites: [c]}
            - {type: control, sites: []}
          empty: []
          word: text
        registrations:
          - {first_submitted: 2015-11-01}
          - {first_submitted: 2016-03-01}
        doses: ["1e8 cells", "150,000,000 cells"]
        volumes: [500 mL, 0.4 L]
        mixed: [500 mL, 3 g]
        numbers: [1, 2.5, "3"]
        treatment: {first_dose: 2025-01-15}
        follow_up: {end: 2027-01-15, short: 2027-01-14}
        administration: {dose: "2.5 x 10^7 cells/kg", schedule: [d1, d90, d180, d270], per_day: 2}
        """

    func truth(_ condition: String, _ doc: String = doc, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Truth {
        try EngineFixture.truth(condition, on: doc, sourceLocation: sourceLocation)
    }

    // MARK: count

    @Test func count() throws {
        #expect(try truth("{value: {count: design.arms}, equals: 3}") == .true)
        #expect(try truth("{value: {count: design.arms, where: {path: type, equals: experimental}}, equals: 2}") == .true)
        #expect(try truth("{value: {count: design.arms, where: {path: type, equals: experimental}}, gte: 3}") == .false)
        #expect(try truth("{value: {count: \"design.arms[*].sites[*]\"}, equals: 3}") == .true)
        #expect(try truth("{value: {count: design.empty}, equals: 0}") == .true)
        #expect(try truth("{value: {count: design.none}, gte: 0}") == .unknown)
        #expect(try truth("{value: {count: design.word}, gte: 0}") == .error)
    }

    @Test func countWithUnstatedElementsIsDecidedWhenTheRangeDecides() throws {
        let doc = "arms:\n  - {type: experimental}\n  - {type: experimental}\n  - {type: experimental}\n  - {}\n"
        let count = "{count: arms, where: {path: type, equals: experimental}}"
        #expect(try truth("{value: \(count), gte: 3}", doc) == .true)   // 3 or 4
        #expect(try truth("{value: \(count), gt: 4}", doc) == .false)
        #expect(try truth("{value: \(count), gte: 4}", doc) == .unknown)
        #expect(try truth("{value: \(count), equals: 3}", doc) == .unknown)  // not monotone: no range decision
        let r = try EngineFixture.result(check: "{value: \(count), gte: 4}", on: doc)
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "arms[3].type", reason: .absent)])
        #expect(r.message == "The rule: arms[3].type is not stated")
        #expect(r.why.count == 1)
        #expect(r.why[0].path == "count(arms where {path: type, equals: \"experimental\"})")
        #expect(r.why[0].actual == .string("between 3 and 4"))
        // A count that fails at both ends of its range still names the elements whose `where` is
        // undecided (the traced evaluation records only the traces of the result's truth, but
        // the filter's unknown ones are what the detail names).
        let failing = try EngineFixture.result(check: "{value: \(count), gt: 4}", on: doc)
        #expect(failing.status == .fail)
        #expect(failing.why.count == 1)
        #expect(failing.why[0].detail == "3 of 4 elements match 'where'; not stated for arms[3].type", "\(failing.why)")
        #expect(failing.message.hasSuffix("(3 of 4 elements match 'where'; not stated for arms[3].type)"), "\(failing.message)")
        // A whole list not stated below a wildcard leaves no upper end.
        let sites = "arms:\n  - {sites: [a, b, c, d, e]}\n  - {}\n"
        #expect(try truth("{value: {count: \"arms[*].sites[*]\"}, lte: 4}", sites) == .false)
        #expect(try truth("{value: {count: \"arms[*].sites[*]\"}, gte: 6}", sites) == .unknown)
    }

    @Test func countWhereThatErrorsIsAnError() throws {
        let doc = "arms:\n  - {n: 1}\n  - {n: text}\n"
        let r = try EngineFixture.result(check: "{value: {count: arms, where: {path: n, gt: 0}}, gte: 1}", on: doc)
        #expect(r.status == .error)
        #expect(r.message.hasPrefix("cannot evaluate: the 'where' of count cannot be evaluated on arms[1]: "), "\(r.message)")
    }

    // MARK: min / max / sum

    @Test func minAndMax() throws {
        #expect(try truth("{value: {min: \"registrations[*].first_submitted\"}, lte: 2016-01-01}") == .true)
        #expect(try truth("{value: {max: \"registrations[*].first_submitted\"}, lte: 2016-01-01}") == .false)
        #expect(try truth("{value: {max: doses}, lte: \"2e8 cells\"}") == .true)
        #expect(try truth("{value: {max: doses}, lte: \"1.2e8 cells\"}") == .false)
        #expect(try truth("{value: {min: numbers}, equals: 1}") == .true)
        #expect(try truth("{value: {max: numbers}, equals: \"3\"}") == .true)  // the element itself: the string "3"
        #expect(try truth("{value: {min: mixed}, gte: \"1 mL\"}") == .error)
        #expect(try truth("{value: {min: design.empty}, gte: 0}") == .unknown)
        #expect(try truth("{value: {min: design.none}, gte: 0}") == .unknown)
    }

    @Test func minWithAnUnstatedElementIsABound() throws {
        let doc = "registrations:\n  - {first_submitted: 2015-11-01}\n  - {}\nfirst: 2016-01-01\n"
        let min = "{min: \"registrations[*].first_submitted\"}"
        // The minimum is at most 2015-11-01, whatever the unstated date is.
        #expect(try truth("{value: \(min), lte: {path: first}}", doc) == .true)
        #expect(try truth("{value: \(min), gt: {path: first}}", doc) == .false)
        #expect(try truth("{value: \(min), gte: 2015-01-01}", doc) == .unknown)
        #expect(try truth("{value: \(min), equals: 2015-11-01}", doc) == .unknown)
        let r = try EngineFixture.result(check: "{value: \(min), gte: 2015-01-01}", on: doc)
        #expect(r.missing == [MissingField(path: "registrations[1].first_submitted", reason: .absent)])
        #expect(r.why[0].path == "min(registrations[*].first_submitted)")
        #expect(r.why[0].actual == .string("at most 2015-11-01"))
        #expect(r.why[0].location?.line == 2)
        // max is at least the largest stated value.
        #expect(try truth("{value: {max: \"registrations[*].first_submitted\"}, gte: 2015-06-01}", doc) == .true)
        #expect(try truth("{value: {max: \"registrations[*].first_submitted\"}, lte: 2015-12-01}", doc) == .unknown)
    }

    @Test func sum() throws {
        #expect(try truth("{value: {sum: volumes}, equals: \"900 mL\"}") == .true)
        #expect(try truth("{value: {sum: volumes}, lte: \"1 L\"}") == .true)
        #expect(try truth("{value: {sum: volumes}, lt: \"0.9 L\"}") == .false)
        #expect(try truth("{value: {sum: numbers}, equals: 6.5}") == .true)
        #expect(try truth("{value: {sum: doses}, equals: \"250000000 cells\"}") == .true)
        #expect(try truth("{value: {sum: \"registrations[*].first_submitted\"}, gte: 0}") == .error)
        #expect(try truth("{value: {sum: design.none}, gte: 0}") == .unknown)
        let mixed = try EngineFixture.result(check: "{value: {sum: mixed}, gte: \"1 mL\"}", on: Self.doc)
        #expect(mixed.status == .error)
        #expect(mixed.message == "cannot evaluate: sum cannot add 3 g (mixed[1]) to mL: they measure different things")
        let withNull = "v: [1 mL, ~, 2 mL]\n"
        let r = try EngineFixture.result(check: "{value: {sum: v}, lte: \"5 mL\"}", on: withNull)
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "v[1]", reason: .absent)])
    }

    // MARK: duration

    @Test func durationInCalendarMonthsWhenComparedWithMonths() throws {
        let months = "{value: {duration: {from: treatment.first_dose, to: follow_up.end}}, gte: \"24 months\"}"
        #expect(try truth(months) == .true)
        #expect(try truth("{value: {duration: {from: treatment.first_dose, to: follow_up.short}}, gte: \"24 months\"}") == .false)
        #expect(try truth("{value: {duration: {from: treatment.first_dose, to: follow_up.end}}, gte: \"2 years\"}") == .true)
        let r = try EngineFixture.result(check: "{value: {duration: {from: treatment.first_dose, to: follow_up.short}}, gte: \"24 months\"}", on: Self.doc)
        #expect(r.status == .fail)
        #expect(r.why[0].path == "duration(treatment.first_dose to follow_up.short, in calendar months)")
        #expect(r.why[0].actual == .string("23 months 30 days"))
        #expect(r.why[0].detail == "from 2025-01-15 (treatment.first_dose) to 2027-01-14 (follow_up.short): 729 days")
    }

    @Test func durationInDaysOtherwise() throws {
        #expect(try truth("{value: {duration: {from: treatment.first_dose, to: follow_up.end}}, equals: \"730 days\"}") == .true)
        #expect(try truth("{value: {duration: {from: treatment.first_dose, to: follow_up.end}}, gte: \"104 weeks\"}") == .true)
        #expect(try truth("{value: {duration: {from: treatment.first_dose, to: 2025-02-15}}, lt: \"32 days\"}") == .true)
        #expect(try truth("{value: {duration: {from: follow_up.end, to: treatment.first_dose}}, lt: \"0 days\"}") == .true)
        #expect(try truth("{value: {duration: {from: {path: treatment.first_dose, plus: \"1 week\"}, to: 2025-01-29}}, equals: \"7 days\"}") == .true)
        let missing = try EngineFixture.result(check: "{value: {duration: {from: treatment.none, to: follow_up.end}}, gte: \"1 day\"}", on: Self.doc)
        #expect(missing.status == .unknown)
        #expect(missing.missing == [MissingField(path: "treatment.none", reason: .absent)])
        let wrong = try EngineFixture.result(check: "{value: {duration: {from: design.word, to: follow_up.end}}, gte: \"1 day\"}", on: Self.doc)
        #expect(wrong.status == .error)
        #expect(wrong.message == "cannot evaluate: duration needs dates; 'from' (design.word) is the string \"text\"")
    }

    // MARK: product

    @Test func product() throws {
        let total = "{product: [administration.dose, {count: administration.schedule}]}"
        #expect(try truth("{value: \(total), equals: \"100000000 cells/kg\"}") == .true)  // equals compares the text
        #expect(try truth("{value: \(total), equals: \"1e8 cells/kg\"}") == .false)
        #expect(try truth("{value: \(total), gte: \"1e8 cells/kg\"}") == .true)
        #expect(try truth("{value: \(total), lte: \"9e7 cells/kg\"}") == .false)
        #expect(try truth("{value: {times: [administration.per_day, 7]}, equals: 14}") == .true)
        #expect(try truth("{value: {product: [administration.dose, administration.missing]}, gte: \"1 cells/kg\"}") == .unknown)
        #expect(try truth("{value: {product: [administration.dose, administration.dose]}, gte: \"1 cells/kg\"}") == .error)
        #expect(try truth("{value: {product: [administration.dose, treatment.first_dose]}, gte: \"1 cells/kg\"}") == .error)
        let r = try EngineFixture.result(check: "{value: \(total), lte: \"9e7 cells/kg\"}", on: Self.doc)
        #expect(r.why[0].path == "product(administration.dose, count(administration.schedule))")
        #expect(r.why[0].actual == .string("100000000 cells/kg"))
        #expect(r.why[0].detail == "25000000 cells/kg × 4")
        #expect(r.message == "The rule: product(administration.dose, count(administration.schedule)) is \"100000000 cells/kg\"; expected lte 90000000 cells/kg (25000000 cells/kg × 4)")
    }

    // MARK: as operands, inside for_each, exists

    @Test func computedOperands() throws {
        let doc = "approvals: [{date: 2026-01-10}, {date: 2026-02-01}]\nfirst: 2026-02-03\nearly: 2026-01-20\n"
        #expect(try truth("{path: first, gte: {max: \"approvals[*].date\"}}", doc) == .true)
        #expect(try truth("{path: early, gte: {max: \"approvals[*].date\"}}", doc) == .false)
        #expect(try truth("{path: first, lte: {max: \"approvals[*].date\", plus: \"3 days\"}}", doc) == .true)
        #expect(try truth("{path: first, equals: {count: approvals}}", "approvals: [a, b]\nfirst: 2\n") == .true)
        let bound = "approvals: [{date: 2026-01-10}, {}]\nfirst: 2026-02-03\n"
        let r = try EngineFixture.result(check: "{path: first, gte: {max: \"approvals[*].date\"}}", on: bound)
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "approvals[1].date", reason: .absent)])
        #expect(r.why[0].detail == "the compared value max(approvals[*].date) is not stated")
    }

    /// How a value was computed is worded only when tracing (issue 20): the traces of results
    /// that do not pass still say it.
    @Test func tracesSayHowAValueWasComputed() throws {
        let doc = "approvals: [{date: 2026-01-10}, {date: 2026-02-01}, {}]\nfirst: 2026-01-05\nlist: [a, b]\nx: c\n"
        func why(_ check: String) throws -> LeafTrace {
            let r = try EngineFixture.result(check: check, on: doc)
            #expect(r.status != .pass, "\(check)")
            return try #require(r.why.first, "\(check)")
        }
        #expect(try why("{value: {max: \"approvals[*].date\"}, lte: 2026-01-20}").detail
                == "the largest of 2 stated values, at approvals[1].date; not stated: approvals[2].date")
        #expect(try why("{path: first, gte: {path: \"approvals[0].date\", plus: \"3 days\"}}").detail
                == "compared with 2026-01-13 = approvals[0].date 2026-01-10 + 3 days")
        #expect(try why("{path: x, in: {path: list}}").detail == "looked in list (2 items)")
        #expect(try why("{path: x, equals: {path: \"list[0]\"}}").detail == "compared with list[0] = \"a\"")
        #expect(try why("{path: first, within: {period: \"2 days\", of: {path: \"approvals[0].date\"}}}").detail
                == "5 days before approvals[0].date 2026-01-10; allowed: 2026-01-08 to 2026-01-12")
        #expect(try why("{path: first, gte: {path: nowhere}}").detail == "the compared path nowhere is missing")
    }

    @Test func relativeToTheForEachItem() throws {
        let doc = "arms:\n  - {doses: [1, 2]}\n  - {doses: [5, 9]}\n"
        let r = try EngineFixture.result(check: "{for_each: arms, check: {value: {sum: doses}, lte: 10}}", on: doc)
        #expect(r.status == .fail)
        #expect(r.why.count == 1)
        #expect(r.why[0].path == "sum(arms[1].doses)")
        #expect(r.why[0].actual == .int(14))
    }

    @Test func existsOnAComputedValue() throws {
        #expect(try truth("{value: {min: numbers}, exists: true}") == .true)
        let r = try EngineFixture.result(check: "{value: {min: none}, exists: true}", on: Self.doc)
        #expect(r.status == .unknown)  // not stated is not a violation
        #expect(r.missing == [MissingField(path: "none", reason: .absent)])
    }

    // MARK: Loading, rendering, paths read

    @Test func malformedExpressionsAreLoadErrors() {
        func errors(_ check: String) -> [String] { EngineFixture.loadErrors(EngineFixture.pack(check: check)) }
        #expect(errors("{path: a, value: {count: b}, gte: 1}")
                == ["p.yaml:6:22: error: 'value' cannot stand beside 'path': a leaf tests either a field (path: P) or a computed value (value: {count: P}, {min: P}, ...)"])
        #expect(errors("{value: {path: b}, gte: 1}") == ["p.yaml:6:21: error: value: {path: b} is the field itself"])
        #expect(errors("{value: 3, gte: 1}")
                == ["p.yaml:6:20: error: 'value' takes a computed value such as {count: PATH}, {min: PATH} or {duration: {from: A, to: B}}, found the number 3"])
        #expect(errors("{value: {cout: b}, gte: 1}")
                == ["p.yaml:6:20: error: 'value' takes a computed value such as {count: PATH}, {min: PATH} or {duration: {from: A, to: B}}, found a mapping"])
        #expect(errors("{value: {count: b, min: c}, gte: 1}")
                == ["p.yaml:6:31: error: a reference names one thing; this one has both 'count' and 'min'"])
        #expect(errors("{value: {min: b, where: {path: c, exists: true}}, gte: 1}")
                == ["p.yaml:6:29: error: unknown key 'where' in a 'min' reference"])
        #expect(errors("{value: {product: [b]}, gte: 1}")
                == ["p.yaml:6:30: error: 'product' takes a list of at least two factors, found a list"])
        #expect(errors("{value: {duration: {from: b}}, gte: \"1 day\"}")
                == ["p.yaml:6:31: error: 'duration' needs both 'from' and 'to'"])
        #expect(errors("{value: {duration: {from: b, too: c}}, gte: \"1 day\"}")
                == ["p.yaml:6:41: error: unknown key 'too' in 'duration' (did you mean 'to'?)"])
        // A condition nested in a count reports its own problems, located.
        #expect(errors("{value: {count: b, where: {path: c, exist: true}}, gte: 1}") == [
            "p.yaml:6:38: error: the condition on 'c' has no operator",
            "p.yaml:6:48: error: unknown key 'exist' in a condition (did you mean 'exists'?)",
        ])
    }

    @Test func rendersBack() throws {
        for check in [
            "{value: {count: design.arms, where: {path: type, equals: \"experimental\"}}, gte: 2}",
            "{value: {min: registrations[*].first_submitted}, lte: {path: first}}",
            "{value: {duration: {from: a.start, to: 2027-01-01}}, gte: \"24 months\"}",
            "{value: {product: [dose, {count: administrations}, 2]}, lte: \"100000000 cells/kg\"}",
            "{value: {max: a[*].d, plus: \"3 days\"}, lte: \"2026-01-01\"}",
            "{path: a, gte: {min: b[*].c, minus: \"1 month\"}}",
        ] {
            let yaml = check.replacingAll("registrations[*].first_submitted", with: "\"registrations[*].first_submitted\"")
                .replacingAll("a[*].d", with: "\"a[*].d\"").replacingAll("b[*].c", with: "\"b[*].c\"")
            let catalog = try EngineFixture.catalog(EngineFixture.pack(check: yaml))
            #expect(ConditionText.render(catalog.packs[0].rules[0].check!) == check)
        }
    }

    @Test func pathsReadIncludeTheExpressions() throws {
        let check = "{all: [{value: {count: design.arms, where: {path: type, equals: x}}, gte: 1}, "
            + "{value: {product: [dose, {count: administrations}]}, gte: 1}, "
            + "{value: {duration: {from: a.start, to: {path: a.end, plus: \"1 day\"}}}, gte: \"1 day\"}, "
            + "{path: z, lte: {max: \"b[*].c\"}}]}"
        let catalog = try EngineFixture.catalog(EngineFixture.pack(check: check))
        let paths = catalog.packs[0].rules[0].readPaths.map { Path.render($0.segments) + ($0.isLeaf ? "" : " (list)") }
        #expect(paths == ["design.arms (list)", "design.arms[*].type", "dose", "administrations", "a.start", "a.end", "z", "b[*].c"])
        // So a protocol key below them is not reported as unknown; a typo beside them is.
        let rules = EngineFixture.pack(check: check)
        let notes = try EngineFixture.report(rules: rules, protocol: "design:\n  arms: [{type: x, tpye: y}]\ndose: 1\n").notes
        #expect(notes == ["unknown key 'design.arms[0].tpye' (did you mean 'type'?) at 2:20: no rule or documented field reads it"])
    }
}

/// Issue 20: a `count` of a list path decided without tracing (`Evaluator.untracedCount`, no
/// paths or words) has the truth the traced count has, on every shape of list: absent, null,
/// empty, not a list, null items, a `where` true, false, unknown or in error, 255 to 257 items
/// (past the small numbers made once, the traced way makes the node).
/// Issue 20: `count` decided without tracing (a list path, and a path with `[*]`) has the truth the
/// traced count has, on every shape of list.
@Suite struct UntracedCountTests {
    @Test func untracedCountDecidesAsTheTracedOne() throws {
        let lists = [
            "arms: null", "{}", "arms: []", "arms: text", "arms: {a: 1}",
            "arms: [null]", "arms: [null, null]", "arms: [{type: x}, null]", "arms: [{type: x}, {type: y}, {}]",
            "arms: [{type: x}, {type: [1]}]", "arms: [{type: 3}, {type: x}]", "arms: [1, 2, 3]",
            "arms: [" + Array(repeating: "{type: x}", count: 255).joined(separator: ", ") + "]",
            "arms: [" + Array(repeating: "{type: x}", count: 256).joined(separator: ", ") + ", null]",
            "arms: [" + Array(repeating: "{type: x}", count: 257).joined(separator: ", ") + "]",
            // For the wildcard counts: lists of lists, some not stated, null, not lists, empty.
            "arms: [{sites: [{k: x}, {k: y}, {}]}, {}]", "arms: [{sites: null}, {sites: [null, {k: x}]}]",
            "arms: [{sites: text}, {sites: [{k: x}]}]", "arms: [{sites: []}, {sites: {k: x}}]", "arms: [{sites: [{k: [1]}, {k: x}]}]",
            "arms: [{sites: [" + Array(repeating: "{k: x}", count: 200).joined(separator: ", ") + "]}, {sites: ["
                + Array(repeating: "{k: x}", count: 56).joined(separator: ", ") + "]}]",
        ]
        let counts = ["{count: arms}", "{count: $.arms}", "{count: arms, where: {path: type, equals: x}}",
                      "{count: arms, where: {path: type, matches: \"^x\"}}", "{count: arms, where: {path: type, gt: 2}}",
                      "{count: \"arms[*]\"}", "{count: \"arms[*].type\"}", "{count: \"$.arms[*].sites[*]\"}",
                      "{count: \"arms[*].sites[*]\", where: {path: k, equals: x}}", "{count: \"arms[0].sites[*]\", where: {path: k, matches: \"^x\"}}"]
        let operators = ["gte: 1", "gte: 2", "lt: 2", "equals: 0", "equals: 1", "lte: 256", "gt: 256", "equals: 257", "not_equals: 2"]
        #expect(try Self.compareTruths(values: counts, operators: operators, docs: lists) == 10 * 9 * 21)
    }

    /// Evaluates `{value: V, OP}` for every value and operator on every document, untraced and
    /// traced, and expects the same truth; returns the number of comparisons.
    static func compareTruths(values: [String], operators: [String], docs: [String],
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Int {
        var compared = 0
        for value in values {
            for op in operators {
                let checker = try EngineFixture.checker(EngineFixture.pack(check: "{value: \(value), \(op)}"))
                let check = try #require(checker.rules.packs.first?.rules.first?.check)
                for doc in docs {
                    let root = try YAMLLoader().loadDocument(bytes: Array(doc.utf8), file: "p.yaml").root
                    let untraced = Evaluator(root: root, tracing: false).evaluate(check).truth
                    let traced = Evaluator(root: root, tracing: true).evaluate(check).truth
                    #expect(untraced == traced, "\(value), \(op) on \(doc.prefix(60))", sourceLocation: sourceLocation)
                    compared += 1
                }
            }
        }
        return compared
    }

    /// `min` and `max` read their elements without concrete paths when untraced (`sum` as traced):
    /// the same truth as traced, with elements not stated, null, partial dates, quantities, lists
    /// not stated or not lists.
    @Test func untracedAggregatesDecideAsTheTracedOnes() throws {
        let docs = [
            "{}", "arms: null", "arms: []", "arms: text", "arms: [{}]", "arms: [null, {d: 2020-02-01, n: 1}]",
            "arms: [{d: 2020-02-01, n: 1}, {d: 2020-05-01, n: 2.5}]", "arms: [{d: 2020-03, n: 3}, {d: 2019-12-31, n: \"4\"}]",
            "arms: [{d: 2020-02-01, n: 1 mL}, {n: 2 mL}, {d: null}]", "arms: [{d: text, n: 1 mL}, {d: 2020-01-01, n: 2 g}]",
            "arms: [{sites: [{d: 2020-02-01}, {}]}, {}]", "arms: [{sites: []}, {sites: [{d: 2021-01-01, n: 4}]}]",
            "ds: [2020-01-01, 2020-07-01]", "ds: [2020-01-01, null]", "ds: []",
            // A partial date beside an element not stated; a list path that is not a list.
            "arms: [{d: 2020-03, n: 3}, {n: 1}]", "ds: [2020-03, null]", "ds: text", "ds: {a: 2020-01-01}",
        ]
        let values = ["{min: \"arms[*].d\"}", "{max: \"arms[*].d\"}", "{min: \"$.arms[*].sites[*].d\"}", "{max: ds}", "{min: ds}",
                      "{sum: \"arms[*].n\"}", "{sum: \"arms[*].sites[*].n\"}", "{max: \"arms[*].n\"}"]
        let operators = ["lte: 2020-03-01", "gte: 2020-01-15", "equals: 2020-02-01", "gte: 2", "lt: 5", "equals: 3", "lte: \"3 mL\"", "exists: true"]
        #expect(try Self.compareTruths(values: values, operators: operators, docs: docs) == 8 * 8 * 19)
    }
}
