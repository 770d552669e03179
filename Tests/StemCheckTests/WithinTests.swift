import Testing
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14: `within: {period, of, direction}`.
@Suite struct WithinTests {
    static let doc = """
        screening: {date: 2026-01-31}
        dose: {ok: 2026-02-28, late: 2026-03-01, early: 2026-01-30, same: 2026-01-31, timed: "2026-02-28T23:00:00Z"}
        count: 5
        """

    func status(_ check: String, _ doc: String = doc) throws -> Status { try EngineFixture.status(check, on: doc) }

    @Test func after() throws {
        let within = "within: {period: \"1 month\", of: {path: screening.date}, direction: after}"
        #expect(try status("{path: dose.ok, \(within)}") == .pass)
        #expect(try status("{path: dose.same, \(within)}") == .pass)  // the ends are included
        #expect(try status("{path: dose.late, \(within)}") == .fail)
        #expect(try status("{path: dose.early, \(within)}") == .fail)
        #expect(try status("{path: dose.timed, \(within)}") == .fail)  // after midnight of the last day
    }

    @Test func beforeAndEither() throws {
        #expect(try status("{path: dose.early, within: {period: \"2 days\", of: {path: screening.date}, direction: before}}") == .pass)
        #expect(try status("{path: dose.ok, within: {period: \"2 days\", of: {path: screening.date}, direction: before}}") == .fail)
        #expect(try status("{path: dose.early, within: {period: \"2 days\", of: {path: screening.date}}}") == .pass)
        #expect(try status("{path: dose.ok, within: {period: \"4 weeks\", of: {path: screening.date}}}") == .pass)
        #expect(try status("{path: dose.late, within: {period: \"4 weeks\", of: {path: screening.date}}}") == .fail)
    }

    @Test func ofADateOrAMovedReference() throws {
        #expect(try status("{path: dose.ok, within: {period: \"30 days\", of: 2026-02-01}}") == .pass)
        #expect(try status("{path: dose.ok, within: {period: \"3 days\", of: {path: screening.date, plus: \"30 days\"}}}") == .pass)
        // 2026-03-31 minus 1 month is 2026-02-28.
        #expect(try status("{path: dose.ok, within: {period: \"1 day\", of: {date: 2026-03-31, minus: \"1 month\"}}}") == .pass)
        #expect(try status("{path: dose.early, within: {period: \"1 day\", of: {date: 2026-03-31, minus: \"1 month\"}}}") == .fail)
    }

    @Test func missingEitherSideIsUnknownAndNamed() throws {
        let other = try EngineFixture.result(check: "{path: dose.ok, within: {period: \"1 month\", of: {path: baseline.date}}}", on: Self.doc)
        #expect(other.status == .unknown)
        #expect(other.missing == [MissingField(path: "baseline.date", reason: .absent)])
        #expect(other.message == "The rule: baseline.date is not stated")
        let own = try EngineFixture.result(check: "{path: dose.none, within: {period: \"1 month\", of: {path: screening.date}}}", on: Self.doc)
        #expect(own.status == .unknown)
        #expect(own.missing == [MissingField(path: "dose.none", reason: .absent)])
    }

    @Test func nonDatesAreErrors() throws {
        let r = try EngineFixture.result(check: "{path: count, within: {period: \"1 month\", of: {path: screening.date}}}", on: Self.doc)
        #expect(r.status == .error)
        #expect(r.message.hasPrefix("cannot evaluate: within compares dates: cannot compare the number 5"), "\(r.message)")
        let of = try EngineFixture.result(check: "{path: dose.ok, within: {period: \"1 month\", of: {path: count}}}", on: Self.doc)
        #expect(of.status == .error)
        #expect(of.message == "cannot evaluate: within measures from a date; count is the number 5")
    }

    @Test func traceSaysHowFarApart() throws {
        let r = try EngineFixture.result(check: "{path: dose.late, within: {period: \"1 month\", of: {path: screening.date}, direction: after}}", on: Self.doc)
        #expect(r.why.count == 1)
        #expect(r.why[0].expected == "1 month after screening.date")
        #expect(r.why[0].detail == "29 days after screening.date 2026-01-31; allowed: 2026-01-31 to 2026-02-28")
        #expect(r.message == "The rule: dose.late is \"2026-03-01\"; expected within 1 month after screening.date (29 days after screening.date 2026-01-31; allowed: 2026-01-31 to 2026-02-28)")
    }

    @Test func malformedOperandsAreLoadErrors() {
        func errors(_ check: String) -> [String] { EngineFixture.loadErrors(EngineFixture.pack(check: check)) }
        #expect(errors("{path: a, within: {of: {path: b}}}") == ["p.yaml:6:30: error: 'within' needs a 'period' (a time quantity such as \"21 days\")"])
        #expect(errors("{path: a, within: {period: \"3 days\"}}") == ["p.yaml:6:30: error: 'within' needs 'of': the date to measure from ({path: OTHER} or a date)"])
        #expect(errors("{path: a, within: {period: \"3 mL\", of: {path: b}}}") == ["p.yaml:6:39: error: 'period' must be a time quantity; 3 mL is not a time"])
        #expect(errors("{path: a, within: {period: \"3 days\", of: b.date}}")
                == ["p.yaml:6:53: error: 'of' of 'within' must be a date like 2026-01-31 or {path: OTHER}, found the string \"b.date\""])
        #expect(errors("{path: a, within: {period: \"3 days\", of: {path: b}, direction: aftr}}")
                == ["p.yaml:6:75: error: 'direction' of 'within' must be one of before, after, either (did you mean 'after'?)"])
        #expect(errors("{path: a, within: {perod: \"3 days\", of: {path: b}}}")
                == ["p.yaml:6:31: error: unknown key 'perod' in 'within' (did you mean 'period'?)"])
        #expect(errors("{path: a, within: \"3 days\"}") == ["p.yaml:6:30: error: 'within' takes {period: TIME, of: DATE_OR_REFERENCE}, found the string \"3 days\""])
    }

    @Test func rendersBackAndReadsTheOtherPath() throws {
        let catalog = try EngineFixture.catalog(EngineFixture.pack(check: "{path: a, within: {period: \"1 month\", of: {path: b.date}, direction: before}}"))
        let check = try #require(catalog.packs[0].rules[0].check)
        #expect(ConditionText.render(check) == "{path: a, within: {period: \"1 month\", of: {path: b.date}, direction: before}}")
        #expect(check.readPaths().map { Path.render($0.segments) } == ["a", "b.date"])
    }
}
