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
        guard path.utf8.contains(UInt8(ascii: "[")) else { return path }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        var digits = 0
        var start = 0
        var inBracket = false
        let bytes = Array(path.utf8)
        for (n, byte) in bytes.enumerated() {
            if inBracket {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1; continue }
                if byte == UInt8(ascii: "]") && digits > 0 {
                    out.append(UInt8(ascii: "*"))
                } else {
                    out += bytes[start..<n]
                }
                out.append(byte)
                inBracket = false
                digits = 0
                continue
            }
            out.append(byte)
            if byte == UInt8(ascii: "[") { inBracket = true; start = n + 1 }
        }
        if inBracket { out += bytes[start...] }
        return String(decoding: out, as: UTF8.self)
    }
}
