import Testing
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14: date offsets in operands (`{path: OTHER, plus: "21 days"}`, `{date: D, minus: ...}`),
/// months and years counted by the calendar.
@Suite struct DateOffsetTests {
    static let doc = """
        consent: {date: 2026-01-01}
        enrolment: {date: 2026-01-22, late: 2026-01-23, timed: "2026-01-22T10:00:00Z"}
        submission: {date: 2026-08-31}
        report: {on_time: 2026-02-28, stale: 2026-02-27}
        phase: "2"
        """

    func status(_ check: String, _ doc: String = doc) throws -> Status { try EngineFixture.status(check, on: doc) }

    @Test func plusDays() throws {
        #expect(try status("{path: enrolment.date, lte: {path: consent.date, plus: \"21 days\"}}") == .pass)
        #expect(try status("{path: enrolment.late, lte: {path: consent.date, plus: \"21 days\"}}") == .fail)
        #expect(try status("{path: enrolment.late, gt: {path: consent.date, plus: {value: 3, unit: weeks}}}") == .pass)
        // A date-time compares as the instant it is: 10:00 on the 22nd is after its midnight.
        #expect(try status("{path: enrolment.timed, lte: {path: consent.date, plus: \"21 days\"}}") == .fail)
        #expect(try status("{path: enrolment.timed, lte: {path: consent.date, plus: \"516 hours\"}}") == .pass)
    }

    @Test func minusCalendarMonthsClampsToTheMonthsEnd() throws {
        // 2026-08-31 minus 6 months is 2026-02-28 (February has no 31st).
        #expect(try status("{path: report.on_time, gte: {path: submission.date, minus: \"6 months\"}}") == .pass)
        #expect(try status("{path: report.stale, gte: {path: submission.date, minus: \"6 months\"}}") == .fail)
        #expect(try status("{path: report.on_time, gte: {path: submission.date, minus: \"1 year\"}}") == .pass)
    }

    @Test func literalDateWithOffset() throws {
        #expect(try status("{path: enrolment.date, lte: {date: 2026-01-01, plus: \"21 days\"}}") == .pass)
        #expect(try status("{path: enrolment.late, lte: {date: 2026-01-01, plus: \"21 days\"}}") == .fail)
        #expect(try status("{path: enrolment.late, gte: {date: 2026-02-23, minus: \"1 month\"}}") == .pass)
    }

    @Test func missingOtherIsUnknownAndNamed() throws {
        let r = try EngineFixture.result(check: "{path: enrolment.date, lte: {path: randomisation.date, plus: \"21 days\"}}", on: Self.doc)
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "randomisation.date", reason: .absent)])
        #expect(r.message == "The rule: randomisation.date is not stated")
        #expect(r.why.first?.detail == "the compared value randomisation.date + 21 days is not stated")
        // The leaf's own value missing: unknown too, naming it.
        let own = try EngineFixture.result(check: "{path: enrolment.none, lte: {path: consent.date, plus: \"21 days\"}}", on: Self.doc)
        #expect(own.status == .unknown && own.missing == [MissingField(path: "enrolment.none", reason: .absent)])
    }

    @Test func offsetOnANonDateIsAnError() throws {
        let r = try EngineFixture.result(check: "{path: enrolment.date, gte: {path: phase, plus: \"21 days\"}}", on: Self.doc)
        #expect(r.status == .error)
        #expect(r.message == "cannot evaluate: plus 21 days applies to a date; phase is the string \"2\"")
    }

    @Test func relativeInsideForEach() throws {
        let doc = "visits:\n  - {booked: 2026-01-01, done: 2026-01-05}\n  - {booked: 2026-01-01, done: 2026-01-20}\n  - {done: 2026-01-02}\n"
        let r = try EngineFixture.result(check: "{for_each: visits, check: {path: done, lte: {path: booked, plus: \"1 week\"}}}", on: doc)
        #expect(r.status == .fail)
        #expect(r.path == "visits[1].done")
        #expect(r.message.contains("compared with 2026-01-08 = visits[1].booked 2026-01-01 + 1 week"), "\(r.message)")
        let unknown = try EngineFixture.result(
            check: "{for_each: visits, where: {path: done, lt: 2026-01-10}, check: {path: done, lte: {path: booked, plus: \"1 week\"}}}", on: doc)
        #expect(unknown.status == .unknown)
        #expect(unknown.missing == [MissingField(path: "visits[2].booked", reason: .absent)])
    }

    @Test func traceSaysWhatTheReferenceCameTo() throws {
        let r = try EngineFixture.result(check: "{path: enrolment.late, lte: {path: consent.date, plus: \"21 days\"}}", on: Self.doc)
        #expect(r.why.count == 1)
        #expect(r.why[0].expected == "{path: consent.date, plus: \"21 days\"}")
        #expect(r.why[0].detail == "compared with 2026-01-22 = consent.date 2026-01-01 + 21 days")
        #expect(r.message == "The rule: enrolment.late is \"2026-01-23\"; expected lte {path: consent.date, plus: \"21 days\"} (compared with 2026-01-22 = consent.date 2026-01-01 + 21 days)")
    }

    @Test func badOffsetsAreLoadErrors() {
        func errors(_ check: String) -> [String] { EngineFixture.loadErrors(EngineFixture.pack(check: check)) }
        #expect(errors("{path: a, lte: {path: b, plus: \"21 mL\"}}")
                == ["p.yaml:6:43: error: 'plus' must be a time quantity; 21 mL is not a time"])
        #expect(errors("{path: a, lte: {path: b, plus: soon}}")
                == ["p.yaml:6:43: error: 'plus' must be a time quantity, found the string \"soon\""])
        #expect(errors("{path: a, lte: {path: b, plus: \"-3 days\"}}")
                == ["p.yaml:6:43: error: 'plus' must not be negative (-3 days)"])
        #expect(errors("{path: a, lte: {path: b, minus: \"1.5 months\"}}")
                == ["p.yaml:6:44: error: 'minus' in months must be a whole number (1.5 months): calendar months have no fractions"])
        #expect(errors("{path: a, lte: {path: b, plus: \"1 day\", minus: \"1 day\"}}")
                == ["p.yaml:6:52: error: a reference takes 'plus' or 'minus', not both"])
        #expect(errors("{path: a, lte: {path: b, plsu: \"1 day\"}}")
                == ["p.yaml:6:37: error: unknown key 'plsu' in a 'path' reference (did you mean 'plus'?)"])
        #expect(errors("{path: a, lte: {date: 2026-02-30, plus: \"1 day\"}}")
                == ["p.yaml:6:34: error: 'date' must be a valid ISO 8601 date, found the string \"2026-02-30\""])
        #expect(errors("{path: a, lte: {path: 'b[*]', plus: \"1 day\"}}")
                == ["p.yaml:6:34: error: the compared path 'b[*]' of 'lte' cannot contain [*]; it must name one value"])
    }

    // MARK: The arithmetic

    static func date(_ text: String) -> ISODate { ISODate.parse(text)! }

    @Test func calendarMonthArithmetic() {
        #expect(Self.date("2026-01-31").addingCalendarMonths(1).text == "2026-02-28")
        #expect(Self.date("2024-01-31").addingCalendarMonths(1).text == "2024-02-29")
        #expect(Self.date("2024-02-29").addingCalendarMonths(12).text == "2025-02-28")
        #expect(Self.date("2026-03-31").addingCalendarMonths(-1).text == "2026-02-28")
        #expect(Self.date("2026-01-15").addingCalendarMonths(-13).text == "2024-12-15")
        #expect(Self.date("2026-01-15T10:30:00Z").addingCalendarMonths(1).text == "2026-02-15T10:30:00Z")
        #expect(Self.date("2026-01-01").addingSeconds(36 * 3600).text == "2026-01-02T12:00:00Z")
        #expect(Self.date("2026-01-01").addingSeconds(86400).text == "2026-01-02")
        #expect(Self.date("2026-01-01T00:00:00Z").addingSeconds(86400).text == "2026-01-02T00:00:00Z")
        // Every text made parses back to the same instant.
        for made in [Self.date("2026-01-01").addingSeconds(0.25), Self.date("2026-06-30").addingCalendarMonths(8)] {
            #expect(ISODate.parse(made.text) == made, "\(made.text)")
        }
    }

    @Test func calendarMonthsBetweenDates() {
        #expect(ISODate.calendarMonths(from: Self.date("2025-01-15"), to: Self.date("2027-01-15")) == 24)
        #expect(ISODate.calendarMonths(from: Self.date("2025-01-31"), to: Self.date("2025-02-28")) == 1)
        let almost = ISODate.calendarMonths(from: Self.date("2025-01-01"), to: Self.date("2026-12-31"))
        #expect(abs(almost - (23 + 30.0 / 31)) < 1e-12)
        #expect(ISODate.calendarMonths(from: Self.date("2027-01-15"), to: Self.date("2025-01-15")) == -24)
        #expect(Evaluator.calendarText(from: Self.date("2026-03-05"), to: Self.date("2027-01-01")) == "9 months 27 days")
        #expect(Evaluator.calendarText(from: Self.date("2026-01-01"), to: Self.date("2026-02-01")) == "1 month")
    }

    @Test func offsetsAsValues() {
        let q = Quantity(value: 6, unit: MeasureUnit.named("months")!)
        #expect(DateOffset(amount: q, backwards: true).apply(to: Self.date("2026-08-31")).text == "2026-02-28")
        #expect(DateOffset(amount: q, backwards: true).description == "- 6 months")
        #expect(!DateOffset.isValid(Quantity(value: 1.5, unit: MeasureUnit.named("years")!)))
        #expect(DateOffset.isValid(Quantity(value: 1.5, unit: MeasureUnit.named("days")!)))
        #expect(!DateOffset.isValid(Quantity(value: 1, unit: MeasureUnit.named("mL")!)))
    }
}
