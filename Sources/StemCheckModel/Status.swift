import YAMLSource

/// A rule's outcome on one protocol (SPEC 3.4).
public enum Status: String, Sendable, CaseIterable, Codable {
    case pass
    case fail
    /// The protocol does not state what the rule needs, too imprecisely, or not whether it applies.
    case unknown
    case notApplicable = "not_applicable"
    case review
    case waived
    case error
}

/// A protocol path whose absence (or imprecision) left a rule undecided (SPEC 3.2).
public struct MissingField: Sendable, Hashable {
    /// Why the path leaves the rule undecided.
    public enum Reason: String, Sendable, CaseIterable {
        /// Not stated (missing or null).
        case absent
        /// Stated, but too coarse to decide (for example a month-precision date against a day limit).
        case imprecise
        /// Needed to decide whether the rule applies.
        case applicability
    }

    /// The concrete path (`participants.age_min_years`, `design.arms[1].type`).
    public var path: String
    /// Why it blocks the rule.
    public var reason: Reason

    /// Creates a missing field.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The path with every list index as a wildcard: `a[0].b[12]` → `a[*].b[*]` (a quoted key
    /// such as `a["k.1"]` is kept, unless it holds bracketed digits itself). One field of several
    /// list items shares this form.
    public static func wildcarded(_ path: String) -> String {
        return path.withUTF8Bytes { bytes in
            guard bytes.contains(UInt8(ascii: "[")) else { return path }
            // Never longer than `path`: `[12]` becomes `[*]`, everything else is copied.
            return String(unsafeUninitializedCapacity: bytes.count) { out in wildcard(bytes, into: out.baseAddress!) }
        }
    }

    /// Writes `wildcarded`'s bytes for the UTF-8 `bytes` of a path into `out` (room for
    /// `bytes.count`: never more is written) and returns how many it wrote.
    public static func wildcard(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var written = 0
        var n = 0
        while n < count {
            // The run up to the next `[` is copied as it is.
            var end = n
            while end < count && base[end] != UInt8(ascii: "[") { end += 1 }
            (out + written).update(from: base + n, count: end - n)
            written += end - n
            guard end < count else { break }
            // `[` digits `]` is `[*]`; any other bracket is copied up to and with the byte that
            // ended its digits (which does not open a bracket even when it is `[`).
            var close = end + 1
            while close < count && base[close] >= UInt8(ascii: "0") && base[close] <= UInt8(ascii: "9") { close += 1 }
            if close < count && base[close] == UInt8(ascii: "]") && close > end + 1 {
                out[written] = UInt8(ascii: "["); out[written + 1] = UInt8(ascii: "*"); out[written + 2] = UInt8(ascii: "]")
                written += 3
                n = close + 1
            } else {
                let stop = min(close + 1, count)
                (out + written).update(from: base + end, count: stop - end)
                written += stop - end
                n = stop
            }
        }
        return written
    }
}
