#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// YAML 1.2 core schema resolution of plain scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
///
/// Only `true/True/TRUE/false/False/FALSE` are booleans and only
/// `null/Null/NULL/~` and the empty string are null, so `NO`, `yes` and `on`
/// stay strings.
public enum CoreSchema {
    /// A resolved scalar value.
    public enum Scalar: Sendable, Equatable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string
        /// Looks like an int or float but does not fit (`1e999`, 20-digit ints).
        case outOfRange

        public static func == (lhs: Scalar, rhs: Scalar) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null), (.string, .string), (.outOfRange, .outOfRange): return true
            case let (.bool(a), .bool(b)): return a == b
            case let (.int(a), .int(b)): return a == b
            case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
            default: return false
            }
        }
    }

    /// Resolves an untagged plain scalar.
    public static func resolvePlain(_ text: String) -> Scalar {
        text.withUTF8Bytes { resolvePlain(bytes: $0) }
    }

    /// Resolves an untagged plain scalar given as UTF-8 bytes.
    public static func resolvePlain(bytes: UnsafeBufferPointer<UInt8>) -> Scalar {
        let n = bytes.count
        if n == 0 { return .null }
        let first = bytes[0]
        // Fast exit: most strings start with a letter other than the few that can begin a keyword.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return resolveNumber(bytes)
        case UInt8(ascii: "~"):
            return n == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return matchesAny(bytes, ["null", "Null", "NULL"]) ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return matchesAny(bytes, ["true", "True", "TRUE"]) ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return matchesAny(bytes, ["false", "False", "FALSE"]) ? .bool(false) : .string
        default:
            return .string
        }
    }

    /// True for the core schema's null spellings.
    public static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The core schema's boolean spellings.
    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    private static func matchesAny(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
        for word in words where word.utf8CodeUnitCount == bytes.count {
            if memcmp(word.utf8Start, bytes.baseAddress!, bytes.count) == 0 { return true }
        }
        return false
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func resolveNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Scalar {
        let n = bytes.count
        // 0o octal, 0x hex (no sign in the core schema).
        if n > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") {
                return parseRadix(bytes, from: 2, radix: 8)
            }
            if bytes[1] == UInt8(ascii: "x") {
                return parseRadix(bytes, from: 2, radix: 16)
            }
        }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        if i == n { return .string }
        // .inf / .nan
        if bytes[i] == UInt8(ascii: ".") && n - i == 4 {
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)...]), as: UTF8.self)
            if word == "inf" || word == "Inf" || word == "INF" { return .float(negative ? -.infinity : .infinity) }
            if i == 0, word == "nan" || word == "NaN" || word == "NAN" { return .float(.nan) }
        }
        // [-+]?[0-9]+  → int
        var j = i
        while j < n, isDigit(bytes[j]) { j += 1 }
        let intDigits = j - i
        if j == n {
            // all digits: decimal int, accumulated as a magnitude so Int.min fits.
            var magnitude: UInt64 = 0
            for k in i..<n {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(bytes[k] - 48))
                if o1 || o2 { return .outOfRange }
                magnitude = a
            }
            if negative {
                if magnitude > UInt64(Int.max) + 1 { return .outOfRange }
                return .int(magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude))
            }
            if magnitude > UInt64(Int.max) { return .outOfRange }
            return .int(Int(magnitude))
        }
        // float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var fracDigits = 0
        if bytes[j] == UInt8(ascii: ".") {
            j += 1
            while j < n, isDigit(bytes[j]) { j += 1; fracDigits += 1 }
        }
        if intDigits == 0 && fracDigits == 0 { return .string }
        if j < n, bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E") {
            j += 1
            if j < n, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
            let expStart = j
            while j < n, isDigit(bytes[j]) { j += 1 }
            if j == expStart { return .string }
        }
        if j != n { return .string }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text) else { return .string }
        if value.isInfinite { return .outOfRange }
        return .float(value)
    }

    private static func parseRadix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int) -> Scalar {
        var value = 0
        for k in start..<bytes.count {
            let b = bytes[k]
            let digit: Int
            switch b {
            case 48...57: digit = Int(b - 48)
            case 97...102: digit = Int(b - 97 + 10)
            case 65...70: digit = Int(b - 65 + 10)
            default: return .string
            }
            if digit >= radix { return .string }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(digit)
            if o1 || o2 { return .outOfRange }
            value = a
        }
        return .int(value)
    }
}
