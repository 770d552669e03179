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
        var bytesOf = path
        return bytesOf.withUTF8 { bytes in
            guard bytes.contains(UInt8(ascii: "[")) else { return path }
            // Never longer than `path`: `[12]` becomes `[*]`, everything else is copied.
            return String(unsafeUninitializedCapacity: bytes.count) { out in wildcard(bytes, into: out.baseAddress!) }
        }
    }

    /// Writes `wildcarded`'s bytes for the UTF-8 `bytes` of a path into `out` (room for
    /// `bytes.count`: never more is written) and returns how many it wrote.
    public static func wildcard(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        func put(_ byte: UInt8) { out[count] = byte; count += 1 }
        var digits = 0
        var start = 0
        var inBracket = false
        for n in 0..<bytes.count {
            let byte = bytes[n]
            if inBracket {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1; continue }
                if byte == UInt8(ascii: "]") && digits > 0 {
                    put(UInt8(ascii: "*"))
                } else {
                    for k in start..<n { put(bytes[k]) }
                }
                put(byte)
                inBracket = false
                digits = 0
                continue
            }
            put(byte)
            if byte == UInt8(ascii: "[") { inBracket = true; start = n + 1 }
        }
        if inBracket { for k in start..<bytes.count { put(bytes[k]) } }
        return count
    }
}
