import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.3 / 3.5: number forms, quantities with units, conversion within a dimension, errors
/// across dimensions, dates and date-times, and `{path: OTHER}` comparisons.
@Suite struct QuantityDateTests {
    func status(_ check: String, _ doc: String) throws -> Status { try EngineFixture.status(check, on: doc) }

    // MARK: number forms

    @Test(arguments: ["2.5e7", "2.5E+7", "2.5 x 10^7", "2.5x10^7", "2.5 X 10^7", "2.5×10^7", "2.5 × 10^7", "25,000,000", "25000000", "2.5 x 10⁷"])
    func numberForms(_ text: String) throws {
        #expect(NumberText.parse(text) == 25_000_000)
        // As a quantity on either side of a comparison.
        let doc = "dose: \"\(text) cells/kg\"\n"
        #expect(try status("{path: dose, gte: \"25000000 cells/kg\"}", doc) == .pass)
        #expect(try status("{path: dose, lte: \"2.5e7 cells/kg\"}", doc) == .pass)
        #expect(try status("{path: dose, gt: \"2.5 x 10^7 cells/kg\"}", doc) == .fail)
        #expect(try status("{path: d, gte: \"\(text) cells/kg\"}", "d: \"2.5e7 cells/kg\"") == .pass)
    }

    /// Spaces around the unit and after the number are trimmed (a no-break space too); the unit
    /// keeps its inner spaces.
    @Test func quantitiesTrimTheirUnit() {
        #expect(Quantity.parse("  5 mL\t ") == .quantity(Quantity(value: 5, unit: MeasureUnit.named("mL")!)))
        #expect(Quantity.parse("2.5e7\u{00A0}cells/kg") == .quantity(Quantity(value: 2.5e7, unit: MeasureUnit.named("cells/kg")!)))
        #expect(Quantity.parse("3 furlongs ") == .unknownUnit("furlongs"))
        #expect(Quantity.parse("3   ") == .notQuantity)
        #expect(NumberText.parse(" 42 ") == 42)
    }

    /// The common form is read on bytes (`NumberText.plainDecimal`); every text reads as the
    /// general reading on scalars reads it: the same value, bit for bit, and the same rest.
    @Test func bytesReadAsScalars() {
        let pieces = ["1", "7", "0", "25", "-", "+", ".", ",", "000", "e", "E", "e-3", " ", "\t", "\u{00A0}", "x", "X",
                      "×", "*", "·", "10^3", "10⁷", "cells/kg", "mL", "abc", "%", "é", "1,000", "\n"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", "12", "-3.25", "+7", "007", "12.", "1.2.3", "12 months", "12 x 10^3", "1.5e3", "12,500",
                     " 42", "42 ", "12\u{00A0}×10³", "-0", "99999999999999999999999999", String(repeating: "9", count: 400)]
        for _ in 0..<5_000 {
            texts.append((0..<Int.random(in: 1...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let fast = NumberText.parsePrefix(text), general = NumberText.parsePrefixByScalars(text)
            #expect(fast?.0.bitPattern == general?.0.bitPattern, "\(text)")
            #expect(fast.map { String($0.1) } == general.map { String($0.1) }, "\(text)")
            #expect(NumberText.parse(text)?.bitPattern == general.flatMap { $0.1.trimmingSpaces().isEmpty ? $0.0 : nil }?.bitPattern, "\(text)")
        }
    }

    @Test func notNumbers() {
        for text in ["", "abc", "1,00", "12,3456", "2.5 x 11^7", "1.2.3", "."] {
            #expect(NumberText.parse(text) == nil, "\(text)")
        }
    }

    @Test func numbersInStringsCompareAsNumbers() throws {
        // SPEC 3.5: a number-form string with no unit compares as a number.
        let doc = "a: \"25,000,000\"\nb: \"2.5 x 10^7\"\nc: \"7\"\n"
        #expect(try status("{path: a, gte: 10000000}", doc) == .pass)
        #expect(try status("{path: a, equals: 25000000}", doc) == .pass)
        #expect(try status("{path: b, gt: 2e7}", doc) == .pass)
        #expect(try status("{path: b, lt: 2e7}", doc) == .fail)
        #expect(try status("{path: c, lt: 10}", doc) == .pass)       // numerically, not "7" < "10" as text
        #expect(try status("{path: c, gte: \"5\"}", doc) == .pass)   // a number-form operand is a number too
    }

    // MARK: conversion within a dimension

    @Test func yearsAndMonths() throws {
        let doc = "follow_up: \"2 years\"\n"
        #expect(try status("{path: follow_up, gte: \"24 months\"}", doc) == .pass)
        #expect(try status("{path: follow_up, lte: \"24 months\"}", doc) == .pass)
        #expect(try status("{path: follow_up, gt: \"24 months\"}", doc) == .fail)
        #expect(try status("{path: follow_up, gte: \"730 days\"}", doc) == .pass)  // 2 × 365.25 = 730.5 days
        #expect(try status("{path: follow_up, lte: \"730 days\"}", doc) == .fail)
    }

    @Test func weeksAndMonths() throws {
        // 104 weeks = 728 days; 24 months = 730.5 days: 104 weeks falls short of 24 months.
        let doc = "follow_up: \"104 weeks\"\n"
        #expect(try status("{path: follow_up, gte: \"24 months\"}", doc) == .fail)
        #expect(try status("{path: follow_up, lt: \"24 months\"}", doc) == .pass)
        #expect(try status("{path: follow_up, gte: \"23 months\"}", doc) == .pass)
    }

    @Test func shortUnitSpellings() throws {
        let doc = "a: \"1 yr\"\nb: \"12 mo\"\nc: \"2 wk\"\nd: \"14 d\"\ne: \"48 h\"\nf: \"2 days\"\n"
        #expect(try status("{all: [{path: a, gte: \"12 months\"}, {path: a, lte: \"12 months\"}]}", doc) == .pass)
        #expect(try status("{all: [{path: b, gte: \"1 year\"}, {path: b, lte: \"1 year\"}]}", doc) == .pass)
        #expect(try status("{all: [{path: c, gte: {path: d}}, {path: c, lte: {path: d}}]}", doc) == .pass)
        #expect(try status("{all: [{path: e, gte: {path: f}}, {path: e, lte: {path: f}}]}", doc) == .pass)
    }

    @Test func volumesMassesAndPercent() throws {
        let doc = "v: \"1.5 L\"\nm: \"250 mg\"\np: \"95%\"\nu: \"500 µL\"\n"
        #expect(try status("{path: v, gt: \"1000 mL\"}", doc) == .pass)
        #expect(try status("{path: m, lt: \"1 g\"}", doc) == .pass)
        #expect(try status("{path: m, gt: \"250000 ug\"}", doc) == .fail)
        #expect(try status("{path: p, gte: \"90%\"}", doc) == .pass)
        #expect(try status("{path: u, equals: \"500 µL\"}", doc) == .pass)
        #expect(try status("{all: [{path: u, gte: \"0.5 mL\"}, {path: u, lte: \"0.5 mL\"}]}", doc) == .pass)
    }

    @Test func unitSpellingsFoldCase() throws {
        // SPEC 3.5: exact spelling first, then case-insensitively (`ml` = `mL`).
        #expect(MeasureUnit.named("ml")?.symbol == "mL")
        #expect(MeasureUnit.named("ML")?.symbol == "mL")
        #expect(MeasureUnit.named("eu/KG")?.symbol == "EU/kg")
        #expect(MeasureUnit.named("Cells/KG")?.symbol == "cells/kg")
        let doc = "v: \"5 ml\"\nc: \"2 x 10^6 CELLS/KG\"\n"
        #expect(try status("{all: [{path: v, gte: \"5 mL\"}, {path: v, lte: \"5 mL\"}]}", doc) == .pass)
        #expect(try status("{path: c, gte: \"1e6 cells/kg\"}", doc) == .pass)
        #expect(try status("{path: v, lte: \"5 ML\"}", doc) == .pass)
    }

    @Test func quantityMaps() throws {
        let doc = "a: {value: 24, unit: months}\nb: {value: \"2.5 x 10^7\", unit: cells/kg}\n"
        #expect(try status("{path: a, gte: \"2 years\"}", doc) == .pass)
        #expect(try status("{path: a, gte: {value: 2, unit: years}}", doc) == .pass)
        #expect(try status("{path: a, gt: {value: 2, unit: years}}", doc) == .fail)
        #expect(try status("{path: b, gte: \"2e7 cells/kg\"}", doc) == .pass)
    }

    // MARK: mismatches are errors, never a silent pass or fail

    @Test func crossDimensionIsAnError() throws {
        let r = try EngineFixture.result(check: "{path: dose, gte: \"1 x 10^6 cells/kg\"}", on: "dose: \"3e6 cells\"\n")
        #expect(r.status == .error)
        #expect(r.why.count == 1)
        #expect(r.why[0].outcome == .error)
        #expect(r.why[0].expected == "1000000 cells/kg")
        #expect(r.why[0].actual == .string("3e6 cells"))
        #expect(r.why[0].detail == "cannot compare 3000000 cells with 1000000 cells/kg: cells and cells/kg measure different things")
        #expect(r.message == "cannot evaluate: " + r.why[0].detail!)
        #expect(try status("{path: d, lt: \"5 kg\"}", "d: \"3 months\"") == .error)
        #expect(try status("{path: d, lt: \"5 EU/kg\"}", "d: \"3 EU/mL\"") == .error)
    }

    @Test func quantityAgainstABareNumberIsAnError() throws {
        let plainValue = try EngineFixture.result(check: "{path: months, gte: \"12 months\"}", on: "months: 12\n")
        #expect(plainValue.status == .error)
        #expect(plainValue.why.first?.detail == "12 has no unit; expected a quantity comparable with 12 months (write it as \"12 months\")")
        let plainOperand = try EngineFixture.result(check: "{path: d, gte: 12}", on: "d: \"12 months\"\n")
        #expect(plainOperand.status == .error)
        #expect(plainOperand.why.first?.detail?.contains("the unit is missing on one side") == true)
    }

    @Test func quantityAgainstABareStringIsAnError() throws {
        #expect(try status("{path: d, gte: \"12 months\"}", "d: long enough") == .error)
        let unknownUnit = try EngineFixture.result(check: "{path: d, gte: \"12 months\"}", on: "d: \"12 monts\"")
        #expect(unknownUnit.status == .error)
        #expect(unknownUnit.why.first?.detail == "unknown unit 'monts' in \"12 monts\" (did you mean 'month'?)")
    }

    // MARK: dates

    @Test func dates() throws {
        let doc = "start: 2026-03-01\nat: 2026-03-01T10:00:00Z\nzoned: 2026-03-01T01:00:00+02:00\nfrac: \"2026-03-01T00:00:00.5Z\"\n"
        #expect(try status("{path: start, gte: 2026-01-31}", doc) == .pass)
        #expect(try status("{path: start, lt: 2026-01-31}", doc) == .fail)
        #expect(try status("{path: start, equals: 2026-03-01}", doc) == .pass)
        #expect(try status("{path: at, gt: 2026-03-01}", doc) == .pass)   // a date alone is 00:00 UTC
        #expect(try status("{path: at, lt: 2026-03-02}", doc) == .pass)
        #expect(try status("{path: zoned, lt: 2026-03-01}", doc) == .pass) // 2026-02-28T23:00Z
        #expect(try status("{path: frac, gt: 2026-03-01T00:00:00Z}", doc) == .pass)
        #expect(try status("{path: at, gt: {path: start}}", doc) == .pass)
    }

    @Test func invalidDatesAreErrors() throws {
        let r = try EngineFixture.result(check: "{path: d, gte: 2026-01-01}", on: "d: 2026-13-45\n")
        #expect(r.status == .error)
        #expect(r.why.first?.detail == "'2026-13-45' is not a valid date")
        #expect(try status("{path: d, gte: 2026-01-01}", "d: 2026-02-30") == .error)
        #expect(try status("{path: d, gte: 2024-01-01}", "d: 2024-02-29") == .pass)  // leap day
        #expect(try status("{path: d, gte: 2026-01-01}", "d: 2026-01-01T25:00:00Z") == .error)
        // An invalid date in a rule is a load error.
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{path: d, gte: 2026-13-45}"))
                == ["p.yaml:6:27: error: '2026-13-45' is not a valid date"])
    }

    @Test func dateAgainstANumberOrQuantityIsAnError() throws {
        // A four-digit whole number against a date is a year (a period), not an error.
        #expect(try status("{path: d, gte: 2026}", "d: 2026-01-01") == .unknown)
        #expect(try status("{path: d, gte: 2025}", "d: 2026-01-01") == .pass)
        #expect(try status("{path: d, gte: 20260}", "d: 2026-01-01") == .error)
        #expect(try status("{path: d, gte: \"1 year\"}", "d: 2026-01-01") == .error)
        #expect(try status("{path: d, gte: 2026-01-01}", "d: 20260101") == .error)
    }

    // MARK: Intervals (partial dates, ranges, bounds)

    @Test func partialDatesCompareAsPeriods() throws {
        // 2015-11 is some day of November 2015: after 2015-10-31, before 2015-12-01, undecided against 2015-11-10.
        #expect(try status("{path: d, gte: 2015-10-31}", "d: 2015-11") == .pass)
        #expect(try status("{path: d, lt: 2015-12-01}", "d: 2015-11") == .pass)
        #expect(try status("{path: d, gte: 2015-12-01}", "d: 2015-11") == .fail)
        #expect(try status("{path: d, gte: 2015-11-10}", "d: 2015-11") == .unknown)
        #expect(try status("{path: d, gte: {path: e}}", "d: 2015-11\ne: 2015-11-10") == .unknown)
        #expect(try status("{path: d, gte: {path: e}}", "d: 2016\ne: 2015-11-10") == .pass)
        #expect(try status("{path: d, lte: {path: e}}", "d: 2015\ne: 2015-12-31") == .unknown)
        #expect(try status("{path: d, lte: {path: e}}", "d: 2015-13\ne: 2015-12-31") == .error)
        // A period against a period: decided only when they do not overlap.
        #expect(try status("{path: d, lt: {path: e}}", "d: 2015-10\ne: 2015-11") == .pass)
        #expect(try status("{path: d, lt: {path: e}}", "d: 2015-11\ne: 2015-11") == .unknown)
    }

    @Test func impreciseIsAReasonNotAbsence() throws {
        let result = try EngineFixture.result(check: "{path: d, gte: {path: e}}", on: "d: 2015-11\ne: 2015-11-10\n")
        #expect(result.status == .unknown)
        #expect(result.missing == [MissingField(path: "d", reason: .imprecise)])
        #expect(result.message.contains("stated too imprecisely to decide"))
        #expect(!result.message.contains("not stated"))
    }

    @Test func rangesAndBoundsCompareAsIntervals() throws {
        let dose = "2 x 10^7 cells/kg"
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"1–5 × 10^7 TNC/kg\"") == .unknown)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"2-5 x 10^7 cells/kg\"") == .pass)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"0.5 to 1.5 x 10^7 cells/kg\"") == .fail)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"> 3 × 10^7 TNC/kg\"") == .pass)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \">= 2e7 cells/kg\"") == .pass)
        #expect(try status("{path: d, gt: \"\(dose)\"}", "d: \">= 2e7 cells/kg\"") == .unknown)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"up to 5 × 10^7 cells/kg\"") == .unknown)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"< 2 × 10^7 cells/kg\"") == .fail)
        #expect(try status("{path: d, lte: \"10 mL\"}", "d: {min: 2, max: 5, unit: mL}") == .pass)
        #expect(try status("{path: d, lte: \"4 mL\"}", "d: {min: 2, max: 5, unit: mL}") == .unknown)
        // Units still convert, and dimensions still must agree.
        #expect(try status("{path: d, lte: \"1 L\"}", "d: \"10 mL to 20 mL\"") == .pass)
        #expect(try status("{path: d, gte: \"\(dose)\"}", "d: \"1–5 mL\"") == .error)
        #expect(try status("{path: d, type: quantity}", "d: \"1–5 × 10^7 TNC/kg\"") == .pass)
    }

    // MARK: {path: OTHER}

    @Test func crossFieldComparisons() throws {
        let doc = "follow_up:\n  start: 2026-01-01\n  end: 2027-06-30\n  planned: \"18 months\"\n  minimum: \"2 years\"\n"
        #expect(try status("{path: follow_up.end, gt: {path: follow_up.start}}", doc) == .pass)
        #expect(try status("{path: follow_up.end, lt: {path: follow_up.start}}", doc) == .fail)
        #expect(try status("{path: follow_up.planned, gte: {path: follow_up.minimum}}", doc) == .fail)
        #expect(try status("{path: follow_up.planned, gte: {path: follow_up.start}}", doc) == .error)
    }

    @Test func crossFieldComparisonWithAMissingOtherIsUnknown() throws {
        let doc = "follow_up:\n  end: 2027-06-30\n"
        #expect(try EngineFixture.truth("{path: follow_up.end, gt: {path: follow_up.start}}", on: doc) == .unknown)
        let r = try EngineFixture.result(check: "{path: follow_up.end, gt: {path: follow_up.start}}", on: doc)
        #expect(r.status == .unknown)
        // SPEC 3.2: the reason names the missing path, here the compared one.
        #expect(r.message == "The rule: follow_up.start is not stated")
        #expect(r.missing == [MissingField(path: "follow_up.start", reason: .absent)])
        #expect(r.why.count == 1)
        #expect(r.why[0].outcome == .unknown)
        #expect(r.why[0].detail == "the compared path follow_up.start is missing")
        // Inside for_each the other path is relative to the item, and named concretely.
        let arms = "arms:\n  - {start: 2026-01-01, end: 2026-02-01}\n  - {end: 2026-03-01}\n"
        let f = try EngineFixture.result(check: "{for_each: arms, check: {path: end, gt: {path: start}}}", on: arms)
        #expect(f.status == .unknown)
        #expect(f.message == "The rule: arms[1].start is not stated")
        // With `when`, a missing other path leaves applicability unknown, naming it (SPEC 3.2).
        let w = try EngineFixture.result(check: "{path: x, equals: 1}", when: "{path: follow_up.end, gt: {path: follow_up.start}}", on: doc + "x: 2\n")
        #expect(w.status == .unknown)
        #expect(w.missing == [MissingField(path: "follow_up.start", reason: .applicability)])
        #expect(w.message == "The rule: cannot tell whether it applies: follow_up.start is not stated; if it applies, it is not met: x is 2; expected equals 1")
    }
}

/// Rules checked item by item (`each:`).
@Suite struct EachRuleTests {
    private func result(_ doc: String, when: String? = "{path: type, equals: cell}") throws -> RuleResult {
        try EngineFixture.report(rules: EngineFixture.pack(check: "{path: dose, gte: \"2 x 10^7 cells/kg\"}", when: when,
                                                           extra: ["each: products"]), protocol: doc).results[0]
    }

    @Test func eachItemIsJudgedAgainstItsOwnValues() throws {
        let two = "products:\n  - {id: ucb, type: cell, dose: \"3e7 cells/kg\"}\n  - {id: msc, type: cell, dose: \"1e6 cells/kg\"}\n  - {id: epo, type: drug, dose: \"500 mg\"}\n"
        let r = try result(two)
        #expect(r.status == .fail)
        #expect(r.message.hasPrefix("products[1] (msc): "))
        #expect(r.path == "products[1].dose")
        #expect(r.location?.line == 3)
        #expect(try result("products:\n  - {id: ucb, type: cell, dose: \"3e7 cells/kg\"}\n  - {type: drug, dose: \"500 mg\"}\n").status == .pass)
    }

    @Test func listStatesDecideApplicability() throws {
        #expect(try result("products: [{type: drug, dose: \"500 mg\"}]\n").status == .notApplicable)
        #expect(try result("products: []\n").status == .notApplicable)
        let absent = try result("protocol: {}\n")
        #expect(absent.status == .unknown)
        #expect(absent.missing == [MissingField(path: "products", reason: .applicability)])
        #expect(try result("products: {type: cell}\n").status == .error)
        // An item whose applicability is not stated leaves the rule unknown, with the item's path.
        let undecided = try result("products: [{dose: \"1e6 cells/kg\"}]\n")
        #expect(undecided.status == .unknown)
        #expect(undecided.missing.map(\.path) == ["products[0].type"])
    }

    /// A value computed on a `$.` path is the same for every item of an `each` list: it is made
    /// once per list (and per tracing), not once per item, and every item's finding is the one it
    /// gets when the value is computed for it alone.
    @Test func rootComputedValuesAreMadeOncePerList() throws {
        let rules = """
        pack: {id: t, version: "1"}
        rules:
          - id: R
            title: The rule
            severity: error
            each: products
            check:
              all:
                - {value: {count: "$.design.arms[*].interventions[*]", where: {path: route, equals: intrathecal}}, gte: 1}
                - {value: {min: "$.outcomes[*].months"}, gte: {path: min_months}}
                - {path: release, exists: true}

        """
        let catalog = try EngineFixture.catalog(rules)
        let rule = catalog.packs[0].rules[0]
        // The count decided (one intrathecal intervention), and undecided (none, one route not stated).
        for intrathecal in [7, -1] {
            let arms = (0..<12).map { n in "{interventions: [{route: \(n == intrathecal ? "intrathecal" : "iv")}, {route: \(n == 3 ? "~" : "iv")}]}" }
            let products = (0..<12).map { n in n % 3 == 0 ? "{id: p\(n), min_months: \(n), release: yes}" : n % 3 == 1 ? "{id: p\(n), min_months: 100}" : "{id: p\(n)}" }
            let text = "design: {arms: [\(arms.joined(separator: ", "))]}\noutcomes: [{months: 6}, {months: 12}, {}]\nproducts: [\(products.joined(separator: ", "))]\n"
            let root = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: "proto.yaml").root
            let list = EachRule.resolve(rule.each!, root: root)
            let values = try #require(list.items.first?.values)
            #expect(list.items.allSatisfy { $0.values === values })
            for evaluator in [RuleEvaluator(), RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: false)] {
                for item in list.items {
                    var alone = item
                    alone.values = nil
                    #expect(evaluator.evaluate(rule, root: root, item: item) == evaluator.evaluate(rule, root: root, item: alone), Comment(rawValue: item.rendered))
                }
            }
            // The count and the minimum, each untraced and traced.
            #expect(values.made == 4)
            // The rule's finding (the worst item's) is the one made without sharing.
            var lists = EachRule.Lists()
            var unshared = list
            for n in unshared.items.indices { unshared.items[n].values = nil }
            let evaluator = RuleEvaluator()
            let finding = evaluator.evaluate(rule, root: root, lists: &lists)
            #expect(finding == EachRule.evaluate(rule, each: rule.each!, root: root, list: unshared, explainUnknown: true) {
                evaluator.evaluate(rule, root: root, item: $0)
            })
            #expect(finding.status == .fail)
        }
        // One item: nothing shared.
        #expect(EachRule.resolve(rule.each!, root: try YAMLLoader().loadDocument(bytes: Array("products: [{id: a}]\n".utf8), file: "p.yaml").root)
            .items.first?.values == nil)
    }

    @Test func rootPathsStayAvailableInsideEach() throws {
        let rules = EngineFixture.pack(check: "{path: dose, lte: {path: $.limit}}", extra: ["each: products"])
        let report = try EngineFixture.report(rules: rules, protocol: "limit: \"5 mL\"\nproducts: [{dose: \"2 mL\"}, {dose: \"9 mL\"}]\n")
        #expect(report.results[0].status == .fail)
        #expect(report.results[0].path == "products[1].dose")
    }

    /// A field that many rules read is one group listing each rule once, in report order, however
    /// many there are (past 8 the group keeps a set of its rule ids and paths) and however their
    /// results repeat a rule.
    @Test func aFieldManyRulesReadListsEachRuleOnce() throws {
        var lines = ["pack: {id: t, version: \"1\"}", "rules:"]
        for n in 0..<30 {
            lines += ["  - id: R\(n)", "    title: Rule \(n)", "    severity: warning",
                      "    check: {all: [{path: a.b, exists: true}, {path: \"products[*].x\", exists: true}]}"]
        }
        // Twelve products without `x`: the group names each once (past 8 paths, by a set too).
        let products = (0..<12).map { "{id: p\($0)}" }.joined(separator: ", ")
        let report = try EngineFixture.report(rules: lines.joined(separator: "\n") + "\n", protocol: "a: {}\nproducts: [\(products)]\n")
        let outline = ReportOutline(report)
        #expect(outline.notStated.map(\.path) == ["a.b", "products[*].x"])
        #expect(outline.notStated.last.map { Array($0.paths) } == (0..<12).map { "products[\($0)].x" })
        for group in outline.notStated {
            #expect(group.results.map(\.rule) == (0..<30).map { "R\($0)" })
        }
        // Results of one rule that are not next to each other (a report read back, not one the
        // engine makes: rule ids are unique) still list it once, before and after the set.
        var results = report.results
        results += [results[3], results[20], results[0]]
        var repeated = report
        repeated.results = results
        for group in ReportOutline(repeated).notStated {
            #expect(group.results.map(\.rule) == (0..<30).map { "R\($0)" })
        }
        var few = report
        few.results = Array(report.results.prefix(5)) + [report.results[1]]
        #expect(ReportOutline(few).notStated.first?.results.map(\.rule) == ["R0", "R1", "R2", "R3", "R4"])
    }

    /// A field missing in several items is one line of the "not stated" section, naming the items.
    @Test func aFieldMissingInSeveralItemsIsOneGroup() throws {
        let rules = EngineFixture.pack(check: "{path: source, exists: true}", extra: ["each: products"])
        let report = try EngineFixture.report(rules: rules, protocol: "products: [{id: a}, {id: b}, {id: c, source: autologous}]\n")
        let outline = ReportOutline(report)
        #expect(outline.notStated.count == 1)
        #expect(outline.notStated.first?.label == "products[*].source (products[0], products[1])")
        #expect(outline.notStated.first?.results.count == 1)
        #expect(MissingField.wildcarded("design.arms[12].interventions[0].dose") == "design.arms[*].interventions[*].dose")
        // Nested lists: each item is named down to its innermost index, once.
        let nested = EngineFixture.pack(check: "{path: dose, exists: true}", extra: ["each: \"design.arms[*].interventions[*]\""])
        let arms = try EngineFixture.report(rules: nested, protocol: "design: {arms: [{interventions: [{a: 1}, {a: 2}]}, {interventions: [{a: 3}]}]}\n")
        #expect(ReportOutline(arms).notStated.first?.label
                == "design.arms[*].interventions[*].dose (design.arms[0].interventions[0], design.arms[0].interventions[1], design.arms[1].interventions[0])")
        #expect(MissingField.wildcarded("a[\"k.1\"].b") == "a[\"k.1\"].b")
        // The field after the last `[*]`, in bytes: none, at the end, in a non-ASCII key.
        func field(_ path: String) -> String { String(decoding: ReportOutline.NotStated.afterLastWildcard(Array(path.utf8)), as: UTF8.self) }
        #expect(field("a.b") == "a.b")
        #expect(field("a[*].b[*]") == "")
        #expect(field("a[*].b[*].café[0].x") == ".café[0].x")
        #expect(field("a[*") == "a[*")
        // A key spelled in two canonically equivalent ways in one group: the items are cut by characters.
        let twoSpellings = ReportOutline.NotStated(path: "a[*].caf\u{E9}", paths: ["a[0].caf\u{E9}", "a[1].cafe\u{301}"],
                                                   forApplicability: false, results: [])
        #expect(twoSpellings.label == "a[*].caf\u{E9} (a[0], a[1])")
    }

    @Test func eachMustNameAListFromTheRoot() {
        #expect(EngineFixture.loadErrors(EngineFixture.pack(check: "{path: a, exists: true}", extra: ["each: $.products"]))
                == ["p.yaml:7:11: error: 'each' of rule R is a path from the root already; write it without '$.'"])
    }
}
