/// An ISO 8601 date or date-time, compared as an instant (a date alone means 00:00 UTC).
public struct ISODate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Double
    /// The text it was parsed from.
    public let text: String

    public static func < (lhs: ISODate, rhs: ISODate) -> Bool { lhs.seconds < rhs.seconds }
    public static func == (lhs: ISODate, rhs: ISODate) -> Bool { lhs.seconds == rhs.seconds }
    public func hash(into hasher: inout Hasher) { hasher.combine(seconds) }
    public var description: String { text }

    /// The calendar day (UTC) as days since 1970-01-01.
    public var dayNumber: Int { Int((seconds / 86400).rounded(.down)) }

    /// True when `text` has the shape of an ISO date (`YYYY-MM-DD...`), valid or not.
    public static func looksLikeDate(_ text: String) -> Bool {
        let u = Array(text.utf8.prefix(10))
        guard u.count == 10 else { return false }
        for (k, b) in u.enumerated() {
            if k == 4 || k == 7 { if b != UInt8(ascii: "-") { return false } } else if !(48...57).contains(b) { return false }
        }
        return true
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` (or a space) and `HH:MM[:SS[.fff]]` and `Z` or `±HH:MM`.
    /// Returns nil for text that is not a valid date (e.g. `2026-13-45`).
    public static func parse(_ text: String) -> ISODate? {
        let u = Array(text.utf8)
        guard looksLikeDate(text) else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard (48...57).contains(u[k]) else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            return v
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86400
        if u.count == 10 { return ISODate(seconds: seconds, text: text) }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "t"),
              let hour = number(11, 2), u.count > 13, u[13] == UInt8(ascii: ":"), let minute = number(14, 2),
              hour <= 23, minute <= 59 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        var k = 16
        if k < u.count, u[k] == UInt8(ascii: ":") {
            guard let second = number(k + 1, 2), second <= 60 else { return nil }
            seconds += Double(second)
            k += 3
            if k < u.count, u[k] == UInt8(ascii: ".") || u[k] == UInt8(ascii: ",") {
                k += 1
                var scale = 0.1
                let start = k
                while k < u.count, (48...57).contains(u[k]) { seconds += Double(u[k] - 48) * scale; scale /= 10; k += 1 }
                if k == start { return nil }
            }
        }
        if k == u.count { return ISODate(seconds: seconds, text: text) }
        if u[k] == UInt8(ascii: "Z") || u[k] == UInt8(ascii: "z") {
            return k + 1 == u.count ? ISODate(seconds: seconds, text: text) : nil
        }
        guard u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-"), let oh = number(k + 1, 2), oh <= 23 else { return nil }
        var om = 0
        var end = k + 3
        if end < u.count, u[end] == UInt8(ascii: ":") {
            guard let m = number(end + 1, 2), m <= 59 else { return nil }
            om = m
            end += 3
        } else if let m = number(end, 2) {
            om = m
            end += 2
        }
        guard end == u.count else { return nil }
        let offset = Double(oh * 3600 + om * 60)
        seconds += u[k] == UInt8(ascii: "+") ? -offset : offset
        return ISODate(seconds: seconds, text: text)
    }

    /// The date of a day number, as `YYYY-MM-DD`.
    public static func text(ofDay day: Int) -> String {
        let (y, m, d) = civil(fromDays: day)
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    package static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
