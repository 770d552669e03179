import YAMLSource

/// A number with a unit (`"2.5 x 10^7 cells/kg"`, `{value: 12, unit: months}`).
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The number as written.
    public let value: Double
    /// Its unit.
    public let unit: MeasureUnit

    /// Creates a quantity.
    public init(value: Double, unit: MeasureUnit) {
        self.value = value
        self.unit = unit
    }

    /// The value in the dimension's base unit.
    public var baseValue: Double { value * unit.factor }

    public var description: String { NumberText.format(value) + (unit.symbol == "%" ? "%" : " " + unit.symbol) }

    /// Parses `NUMBER UNIT`; nil when the text is not a quantity. Throws when the number parses
    /// but the unit is not known (so callers can say which unit).
    public static func parse(_ text: String) -> ParseResult {
        guard let (number, rest) = NumberText.parsePrefix(text) else { return .notQuantity }
        let unitText = rest.trimmingSpaces()
        if unitText.isEmpty { return .notQuantity }
        guard let unit = MeasureUnit.named(unitText) else { return .unknownUnit(unitText) }
        return .quantity(Quantity(value: number, unit: unit))
    }

    /// The outcome of `parse`.
    public enum ParseResult: Sendable, Equatable {
        case quantity(Quantity)
        case unknownUnit(String)
        case notQuantity
    }
}

/// Parsing and formatting of the number forms of SPEC 3.3.
public enum NumberText {
    /// Parses a whole string as a number (`2.5e7`, `2.5 x 10^7`, `2.5×10^7`, `25,000,000`).
    public static func parse(_ text: String) -> Double? {
        if let plain = plainDecimal(text), plain.end == text.utf8.count { return plain.value }
        guard let (value, rest) = parsePrefix(text), rest.trimmingSpaces().isEmpty else { return nil }
        return value
    }

    /// Parses a number at the start of `text`; returns it and the remaining text.
    public static func parsePrefix(_ text: String) -> (Double, Substring.UnicodeScalarView)? {
        if let plain = plainDecimal(text) {
            return (plain.value, text.unicodeScalars[text.utf8.index(text.utf8.startIndex, offsetBy: plain.end)...])
        }
        return parsePrefixByScalars(text)
    }

    /// `parsePrefix` for every form, on Unicode scalars (the common form is read on bytes first).
    static func parsePrefixByScalars(_ text: String) -> (Double, Substring.UnicodeScalarView)? {
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        let end = scalars.endIndex
        func peek() -> Unicode.Scalar? { i < end ? scalars[i] : nil }
        func isDigit(_ s: Unicode.Scalar?) -> Bool { s.map { $0.value >= 48 && $0.value <= 57 } ?? false }
        func skipSpaces() { while let s = peek(), s == " " || s == "\t" || s == "\u{00A0}" { i = scalars.index(after: i) } }

        skipSpaces()
        var mantissa = ""
        if let s = peek(), s == "-" || s == "+" {
            if s == "-" { mantissa.append("-") }
            i = scalars.index(after: i)
        }
        var intDigits = ""
        var groupLength = 0
        var sawComma = false
        while let s = peek() {
            if isDigit(s) {
                intDigits.unicodeScalars.append(s)
                groupLength += 1
                i = scalars.index(after: i)
            } else if s == ",", !intDigits.isEmpty {
                // Thousands separators: 1-3 digits before the first comma, exactly 3 after each.
                let next = scalars.index(after: i)
                var digitsAfter = 0
                var j = next
                while j < end, isDigit(scalars[j]) { digitsAfter += 1; j = scalars.index(after: j) }
                if digitsAfter != 3 || (!sawComma && groupLength > 3) || (sawComma && groupLength != 3) { break }
                sawComma = true
                groupLength = 0
                i = next
            } else {
                break
            }
        }
        if sawComma && groupLength != 3 { return nil }
        var fraction = ""
        if let s = peek(), s == "." {
            let next = scalars.index(after: i)
            if next < end, isDigit(scalars[next]) {
                i = next
                while let s = peek(), isDigit(s) { fraction.unicodeScalars.append(s); i = scalars.index(after: i) }
            } else if intDigits.isEmpty {
                return nil
            } else {
                i = next  // "12." is 12
            }
        }
        if intDigits.isEmpty && fraction.isEmpty { return nil }
        mantissa += (intDigits.isEmpty ? "0" : intDigits) + (fraction.isEmpty ? "" : "." + fraction)
        var exponent = 0
        // e-notation
        if let s = peek(), s == "e" || s == "E" {
            var j = scalars.index(after: i)
            var sign = 1
            if j < end, scalars[j] == "-" || scalars[j] == "+" { sign = scalars[j] == "-" ? -1 : 1; j = scalars.index(after: j) }
            var digits = 0
            var value = 0
            while j < end, isDigit(scalars[j]), digits < 6 {
                value = value * 10 + Int(scalars[j].value - 48)
                digits += 1
                j = scalars.index(after: j)
            }
            if digits > 0 {
                exponent = sign * value
                i = j
            }
        } else {
            // "x 10^7", "×10^7", "*10^7", "x10⁷"
            let save = i
            skipSpaces()
            if let s = peek(), s == "x" || s == "X" || s == "×" || s == "*" || s == "·" {
                i = scalars.index(after: i)
                skipSpaces()
                if let e = parseTenPower(scalars, &i) {
                    exponent = e
                } else {
                    i = save
                }
            } else {
                i = save
            }
        }
        guard var value = Double(mantissa) else { return nil }
        if exponent != 0 {
            guard abs(exponent) <= 400 else { return nil }
            value *= pow10(exponent)
        }
        guard value.isFinite else { return nil }
        return (value, scalars[i...])
    }

    /// The common form, read on the UTF-8 bytes: `12`, `-3.25`, `+7` at the start of `text`,
    /// followed by nothing, or by what cannot continue a number (`12 months`, not `12 x 10^3`,
    /// `12,500`, `1.5e3` or `12.`). Its value and the byte offset where it ends, as the general
    /// reading (on Unicode scalars, building the digits as a string) finds them: the same digits
    /// go to the same conversion. nil leaves the text to that reading, which decides every other
    /// form, and whether it is a number at all.
    private static func plainDecimal(_ text: String) -> (value: Double, end: Int)? {
        text.withUTF8Bytes { bytes -> (value: Double, end: Int)? in
            let n = bytes.count
            func isDigit(_ k: Int) -> Bool { k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
            var i = 0
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let digitsStart = i
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
            if i < n, bytes[i] == UInt8(ascii: ".") {
                guard isDigit(i + 1) else { return nil }
                i += 1
                while isDigit(i) { i += 1 }
            }
            let end = i
            if i < n {
                // A comma, a second point or an exponent continue the number: the general reading.
                let next = bytes[i]
                if next == UInt8(ascii: ",") || next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
                // So may `x 10^3`, `×10³`, `* 10^3` after spaces (and any non-ASCII byte, a no-break space among them).
                while i < n, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
                if i < n, bytes[i] >= 0x80 || bytes[i] == UInt8(ascii: "x") || bytes[i] == UInt8(ascii: "X") || bytes[i] == UInt8(ascii: "*") { return nil }
            }
            // The digits as the general reading writes them: a minus kept, a plus dropped.
            let from = bytes[0] == UInt8(ascii: "+") ? digitsStart : 0
            guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]), as: UTF8.self)),
                  value.isFinite else { return nil }
            return (value, end)
        }
    }

    private static func parseTenPower(_ scalars: String.UnicodeScalarView, _ i: inout String.Index) -> Int? {
        let end = scalars.endIndex
        var j = i
        guard j < end, scalars[j] == "1" else { return nil }
        j = scalars.index(after: j)
        guard j < end, scalars[j] == "0" else { return nil }
        j = scalars.index(after: j)
        let superscripts: [Unicode.Scalar: Int] = ["⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9]
        var sign = 1
        var digits = 0
        var value = 0
        if j < end, scalars[j] == "^" {
            j = scalars.index(after: j)
            if j < end, scalars[j] == "-" || scalars[j] == "+" { sign = scalars[j] == "-" ? -1 : 1; j = scalars.index(after: j) }
            while j < end, scalars[j].value >= 48, scalars[j].value <= 57, digits < 4 {
                value = value * 10 + Int(scalars[j].value - 48)
                digits += 1
                j = scalars.index(after: j)
            }
        } else {
            if j < end, scalars[j] == "⁻" { sign = -1; j = scalars.index(after: j) }
            while j < end, let d = superscripts[scalars[j]], digits < 4 {
                value = value * 10 + d
                digits += 1
                j = scalars.index(after: j)
            }
        }
        guard digits > 0 else { return nil }
        i = j
        return sign * value
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        let base = exponent < 0 ? 0.1 : 10.0
        // Exact for the common range; repeated multiplication is fine for |exponent| <= 22.
        if abs(exponent) <= 22 {
            var table = 1.0
            for _ in 0..<abs(exponent) { table *= 10 }
            return exponent < 0 ? 1 / table : table
        }
        for _ in 0..<abs(exponent) { result *= base }
        return result
    }

    /// Whether a number text carries a power of ten (`2.5 x 10^7`, `2.5×10⁷`, `2.5e7`).
    public static func hasPowerOfTen(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for (k, s) in scalars.enumerated() {
            if s == "e" || s == "E" { return true }
            if s == "x" || s == "X" || s == "×" || s == "*" || s == "·" { return scalars[k...].contains("1") }
        }
        return false
    }

    /// The number before a power of ten (`2.5` of `2.5 x 10^7`); the whole number when there is none.
    public static func mantissa(_ text: String) -> Double? {
        let stops: Set<Unicode.Scalar> = ["e", "E", "x", "X", "×", "*", "·"]
        let head = text.unicodeScalars.prefix { !stops.contains($0) }
        return parse(String(String.UnicodeScalarView(head)))
    }

    /// A short, exact-enough text for a number: integers without a fraction, others in shortest form.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
