/// A value known only to lie between two bounds (SPEC 3.2 "imprecise"): a partial date (`2015-11`
/// is some instant of November 2015), a dose range (`1–5 × 10^7 cells/kg`) or a bound
/// (`> 3 × 10^7 cells/kg`). Ends are in the dimension's base unit (seconds for dates); a missing
/// end is unbounded.
///
/// An ordered comparison between intervals holds when it holds for every pair of values, fails
/// when it fails for every pair, and is otherwise undecided: the protocol is too imprecise to say.
public struct Interval: Sendable, Equatable {
    /// The lower end, nil when unbounded.
    public var lower: Double?
    /// Whether the lower end itself is excluded (`> 3`).
    public var lowerOpen: Bool
    /// The upper end, nil when unbounded.
    public var upper: Double?
    /// Whether the upper end itself is excluded (`< 5`, or the end of a partial date's period).
    public var upperOpen: Bool

    /// Creates an interval.
    public init(lower: Double?, lowerOpen: Bool = false, upper: Double?, upperOpen: Bool = false) {
        self.lower = lower
        self.lowerOpen = lowerOpen
        self.upper = upper
        self.upperOpen = upperOpen
    }

    /// A single value.
    public init(point: Double) { self.init(lower: point, upper: point) }

    /// Whether every value of `self` is greater than every value of `other` (`strict`) or greater
    /// than or equal to it.
    public func above(_ other: Interval, strict: Bool) -> Bool {
        guard let low = lower, let high = other.upper else { return false }
        if low > high { return true }
        if low < high { return false }
        return !strict || lowerOpen || other.upperOpen
    }

    /// The interval with both ends multiplied by `factor` (> 0): a unit conversion.
    public func scaled(by factor: Double) -> Interval {
        Interval(lower: lower.map { $0 * factor }, lowerOpen: lowerOpen, upper: upper.map { $0 * factor }, upperOpen: upperOpen)
    }
}

/// A quantity range or bound: `1–5 × 10^7 cells/kg`, `1 to 5 mL`, `> 3 × 10^7 TNC/kg`,
/// `≤ 2e8 cells`, `up to 5 mL`, `at least 2 × 10^6 cells/kg`, or a map `{min: N, max: N, unit: U}`.
public struct QuantityRange: Sendable, Equatable, CustomStringConvertible {
    /// The ends, in `unit`.
    public var interval: Interval
    /// The unit both ends are in.
    public var unit: MeasureUnit
    /// The text it was read from.
    public var text: String

    public var description: String { text }

    /// Creates a range.
    public init(interval: Interval, unit: MeasureUnit, text: String) {
        self.interval = interval
        self.unit = unit
        self.text = text
    }

    /// The ends in the dimension's base unit.
    public var baseInterval: Interval { interval.scaled(by: unit.factor) }

    /// Parses a range or a bound; nil when `text` is neither (a plain quantity is not a range).
    public static func parse(_ text: String) -> QuantityRange? {
        // Most values are plain numbers or quantities: a range needs a dash or " to ", a bound a
        // sign or a word first. Reject the rest without building strings.
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        let startsWithNumber = (0x30...0x39).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        if startsWithNumber {
            let hasSeparator = text.utf8.contains(UInt8(ascii: "-")) || text.unicodeScalars.contains("–") || text.unicodeScalars.contains("—")
                || text.utf8.count > 4 && text.contains(" to ")
            if !hasSeparator { return nil }
        }
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        // A bound: a comparison sign or phrase, then a quantity.
        let bounds: [(prefix: String, isLower: Bool, open: Bool)] = [
            (">=", true, false), ("≥", true, false), ("=>", true, false), (">", true, true),
            ("<=", false, false), ("≤", false, false), ("=<", false, false), ("<", false, true),
            ("at least ", true, false), ("not less than ", true, false), ("more than ", true, true),
            ("greater than ", true, true), ("over ", true, true), ("above ", true, true),
            ("up to ", false, false), ("at most ", false, false), ("not more than ", false, false),
            ("less than ", false, true), ("below ", false, true), ("under ", false, true),
        ]
        let lowered = startsWithNumber ? "" : rest.lowercased()
        for bound in bounds where !startsWithNumber && lowered.hasPrefix(bound.prefix) {
            rest = rest.dropFirst(bound.prefix.count)
            guard case .quantity(let q) = Quantity.parse(String(rest)) else { return nil }
            let interval = bound.isLower ? Interval(lower: q.value, lowerOpen: bound.open, upper: nil)
                : Interval(lower: q.value < 0 ? nil : 0, upper: q.value, upperOpen: bound.open)
            return QuantityRange(interval: interval, unit: q.unit, text: text)
        }
        // A range: NUMBER [UNIT] SEPARATOR QUANTITY; a power of ten on the right alone applies to
        // both ends (`1–5 × 10^7 cells/kg` is 1 × 10^7 to 5 × 10^7).
        guard let (left, afterLeft) = NumberText.parsePrefix(text) else { return nil }
        var tail = Substring(String(String.UnicodeScalarView(afterLeft)))
        let leftText = text.unicodeScalars.count - afterLeft.count
        let leftHasPower = NumberText.hasPowerOfTen(String(String.UnicodeScalarView(text.unicodeScalars.prefix(leftText))))
        // An optional unit on the left end (`2 mL to 5 mL`).
        var leftUnit: MeasureUnit?
        for separator in ["–", "—", "-", " to "] {
            if let found = tail.firstRange(of: separator) {
                let unitText = tail[..<found.lowerBound].trimmingCharacters(in: " \t")
                if !unitText.isEmpty {
                    guard let unit = MeasureUnit.named(unitText) else { continue }
                    leftUnit = unit
                }
                tail = tail[found.upperBound...]
                guard let right = parseRight(String(tail)) else { return nil }
                if let leftUnit, leftUnit.dimension != right.quantity.unit.dimension { return nil }
                var low = leftUnit.map { left * $0.factor / right.quantity.unit.factor } ?? left
                if !leftHasPower, leftUnit == nil, let power = right.power { low *= power }
                let high = right.quantity.value
                guard low <= high else { return nil }
                return QuantityRange(interval: Interval(lower: low, upper: high), unit: right.quantity.unit, text: text)
            }
        }
        return nil
    }

    /// The right end of a range: its quantity, and the power of ten it was written with, if any.
    private static func parseRight(_ text: String) -> (quantity: Quantity, power: Double?)? {
        guard case .quantity(let q) = Quantity.parse(text), let (_, rest) = NumberText.parsePrefix(text) else { return nil }
        let numberText = String(String.UnicodeScalarView(text.unicodeScalars.prefix(text.unicodeScalars.count - rest.count)))
        guard NumberText.hasPowerOfTen(numberText), let mantissa = NumberText.mantissa(numberText), mantissa != 0 else {
            return (q, nil)
        }
        return (q, q.value / mantissa)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(self.drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension ISODate {
    /// A partial date as the period it names: `2015` is [2015-01-01, 2016-01-01) and `2015-11` is
    /// [2015-11-01, 2015-12-01), in seconds since 1970 (the end excluded). Nil for any other text.
    public static func period(_ text: String) -> Interval? {
        if let slash = text.firstIndex(of: "/") {
            // An ISO 8601 interval of two dates, `2015-11-22/2015-12-21`: the days from the first
            // through the last (date-times: the instants between them).
            guard let start = ISODate.parse(String(text[..<slash])), let end = ISODate.parse(String(text[text.index(after: slash)...])),
                  start <= end else { return nil }
            let endDayOnly = end.text.utf8.count == 10
            return Interval(lower: start.seconds, upper: end.seconds + (endDayOnly ? 86400 : 0), upperOpen: endDayOnly)
        }
        let u = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for k in range { guard (48...57).contains(u[k]) else { return nil }; v = v * 10 + Int(u[k] - 48) }
            return v
        }
        if u.count == 4, let year = digits(0..<4) { return period(year: year) }
        guard u.count == 7, u[4] == UInt8(ascii: "-"), let year = digits(0..<4), let month = digits(5..<7),
              (1...12).contains(month) else { return nil }
        let start = daysFromCivil(year: year, month: month, day: 1)
        return Interval(lower: Double(start) * 86400, upper: Double(start + daysIn(month: month, year: year)) * 86400, upperOpen: true)
    }

    /// The calendar year `year` as a period (an integer year written unquoted, `2015`).
    public static func period(year: Int) -> Interval? {
        guard (1000...9999).contains(year) else { return nil }
        let start = daysFromCivil(year: year, month: 1, day: 1), end = daysFromCivil(year: year + 1, month: 1, day: 1)
        return Interval(lower: Double(start) * 86400, upper: Double(end) * 86400, upperOpen: true)
    }

    /// Whether `text` has the shape of a partial date (`YYYY-MM`), valid or not. A bare `YYYY`
    /// reads as a number unless the other side of a comparison is a date.
    public static func looksLikeYearMonth(_ text: String) -> Bool {
        guard text.utf8.count == 7 else { return false }
        return text.utf8.enumerated().allSatisfy { $0.offset == 4 ? $0.element == UInt8(ascii: "-") : (48...57).contains($0.element) }
    }
}
