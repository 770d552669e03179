/// Date arithmetic for the rule language's offsets (`{path: consent.date, plus: "21 days"}`),
/// `within` periods and `duration` (issue 14), built on `ISODate`'s day numbers.
///
/// Months and years move by the calendar: `2026-01-31` plus 1 month is `2026-02-28` (the day is
/// clamped to the end of the month), plus 1 year is `2027-01-31`. Hours, days and weeks move by
/// exact seconds. Date-times are moved in UTC.
extension ISODate {
    /// The instant `months` calendar months later (earlier when negative), the day of the month
    /// clamped to the last day of the month reached; the time of day (UTC) is kept.
    public func addingCalendarMonths(_ months: Int) -> ISODate {
        let day = dayNumber
        let timeOfDay = seconds - Double(day) * 86400
        let (y, m, d) = ISODate.civil(fromDays: day)
        let total = y * 12 + (m - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let newDay = ISODate.daysFromCivil(year: year, month: month, day: min(d, ISODate.daysIn(month: month, year: year)))
        return ISODate(instant: Double(newDay) * 86400 + timeOfDay, dateOnly: isDateOnly)
    }

    /// The instant `seconds` later (earlier when negative).
    public func addingSeconds(_ seconds: Double) -> ISODate {
        ISODate(instant: self.seconds + seconds, dateOnly: isDateOnly)
    }

    /// Whether the text was a date without a time (`2026-01-31`).
    public var isDateOnly: Bool { text.utf8.count == 10 }

    /// The signed number of calendar months from `start` to `end`: whole months (as
    /// `addingCalendarMonths` counts them) plus the rest as a fraction of the next month's length,
    /// so `2025-01-15` to `2027-01-15` is exactly 24 and `2025-01-01` to `2026-12-31` is 23 + 30/31.
    public static func calendarMonths(from start: ISODate, to end: ISODate) -> Double {
        if end < start { return -calendarMonths(from: end, to: start) }
        let (y0, m0, _) = civil(fromDays: start.dayNumber)
        let (y1, m1, _) = civil(fromDays: end.dayNumber)
        var whole = (y1 - y0) * 12 + (m1 - m0)
        while whole > 0, start.addingCalendarMonths(whole) > end { whole -= 1 }
        while start.addingCalendarMonths(whole + 1) <= end { whole += 1 }
        let reached = start.addingCalendarMonths(whole)
        let next = start.addingCalendarMonths(whole + 1)
        return Double(whole) + (end.seconds - reached.seconds) / (next.seconds - reached.seconds)
    }

    /// A date at `instant` seconds since the epoch, written `YYYY-MM-DD` when `dateOnly` and the
    /// instant is a midnight (UTC), else `YYYY-MM-DDTHH:MM:SSZ` (with milliseconds when it has some).
    public init(instant: Double, dateOnly: Bool) {
        let day = Int((instant / 86400).rounded(.down))
        let date = ISODate.text(ofDay: day)
        let rest = instant - Double(day) * 86400
        if dateOnly, rest == 0 {
            self.init(seconds: instant, text: date)
            return
        }
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = Int((rest * 1000).rounded())
        let whole = millis / 1000
        var time = "T\(pad(whole / 3600)):\(pad(whole / 60 % 60)):\(pad(whole % 60))"
        if millis % 1000 != 0 {
            let ms = millis % 1000
            time += "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + "\(ms)"
        }
        self.init(seconds: instant, text: date + time + "Z")
    }
}

/// A signed time offset applied to a date: `plus: "21 days"`, `minus: "6 months"`.
public struct DateOffset: Sendable, Hashable, CustomStringConvertible {
    /// How far (a time quantity; months and years whole).
    public let amount: Quantity
    /// Backwards (`minus`) rather than forwards (`plus`).
    public let backwards: Bool

    /// An offset; `amount` must be a time quantity, in whole months or years when it counts those.
    public init(amount: Quantity, backwards: Bool) {
        self.amount = amount
        self.backwards = backwards
    }

    /// Whole calendar months, when the amount is in months or years; nil for hours, days, weeks.
    public var calendarMonths: Int? {
        switch amount.unit.symbol {
        case "months": return Int(amount.value)
        case "years": return Int(amount.value * 12)
        default: return nil
        }
    }

    /// Whether `quantity` can be an offset: time, and a whole number when in months or years.
    public static func isValid(_ quantity: Quantity) -> Bool {
        guard quantity.unit.dimension == .time, quantity.value.isFinite else { return false }
        switch quantity.unit.symbol {
        case "months", "years": return quantity.value == quantity.value.rounded()
        default: return true
        }
    }

    /// The date moved by the offset.
    public func apply(to date: ISODate) -> ISODate {
        let sign = backwards ? -1 : 1
        if let months = calendarMonths { return date.addingCalendarMonths(sign * months) }
        return date.addingSeconds(Double(sign) * amount.baseValue * 86400)
    }

    /// `+ 21 days`, `- 6 months`, `+ 1 week`.
    public var description: String { (backwards ? "- " : "+ ") + amountText }

    /// The amount as written in rules: `21 days`, `1 month` (singular for one).
    public var amountText: String {
        amount.value == 1 && amount.unit.symbol.hasSuffix("s") ? "1 " + amount.unit.symbol.dropLast() : amount.description
    }

    /// The rule-file key: `plus` or `minus`.
    public var key: String { backwards ? "minus" : "plus" }
}
