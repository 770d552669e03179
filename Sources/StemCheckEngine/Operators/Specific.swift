import StemCheckModel
import YAMLSource

/// `specific: true`: a stated value that says something, not a placeholder. A string fails when,
/// trimmed and without final punctuation, it is one of the words protocols use to leave a field
/// empty ("TBD", "n/a", "pending", "yes", "per SOP", "?"); a list fails when it is empty or any
/// string item is a placeholder; numbers, booleans and mappings with entries are specific. Absent
/// is unknown, as for every operator but `exists`.
struct Specific: LeafOperator {
    static let definition = OperatorDefinition(
        name: "specific",
        sentence: { trace in
            guard let actual = trace.actual else { return "\(trace.path) is not stated" }
            return trace.outcome == .false
                ? "\(trace.path) is \(Phrase.short(actual.json)): a placeholder, not a stated value"
                : Phrase.sentence(trace)
        },
        compile: { operand, _ throws(OperandError) in
            guard operand.bool == true else {
                throw OperandError(operand, "'specific' takes true, found \(describe(operand))",
                                   hint: "write specific: true (stated and not a placeholder such as TBD or n/a); for 'not stated' use exists: false")
            }
            return Specific()
        })

    /// Whole values that state nothing, compared lowercased, trimmed and without final punctuation.
    static let placeholders: Set<String> = [
        "", "-", "--", "?", "??", "xxx", "...", "n/a", "na", "n.a", "not applicable", "none stated",
        "not stated", "not specified", "unspecified", "unknown", "tbd", "tba", "tbc", "to be determined",
        "to be decided", "to be confirmed", "to be defined", "to be provided", "to be written", "to be agreed",
        "pending", "in preparation", "yes", "no", "ok", "standard", "as standard", "standard procedure",
        "per protocol", "as per protocol", "per sop", "as per sop", "see protocol", "see sop", "as appropriate",
        "as needed", "as required", "available on request", "on request", "various", "other", "etc",
    ]

    /// The most characters (Unicode scalars) a placeholder has.
    static let longestPlaceholder = placeholders.map { $0.unicodeScalars.count }.max() ?? 0

    static func isPlaceholder(_ text: String) -> Bool {
        if let answer = text.withUTF8Bytes({ Self.isASCIIPlaceholder($0) }) { return answer }
        return isPlaceholderByScalars(text)
    }

    /// `isPlaceholder` on ASCII text, trimmed and lowercased in its bytes (`isPlaceholderByScalars`
    /// does it on the scalars: a test compares the two); nil when the text is not ASCII.
    static func isASCIIPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        // The scalar path's sets, asked of ASCII bytes.
        func punctuation(_ b: UInt8) -> Bool { isFinalPunctuation(Unicode.Scalar(b)) }
        func space(_ b: UInt8) -> Bool { !punctuation(b) && trimmed(Unicode.Scalar(b)) }
        var others = 0
        for b in bytes {
            if b >= 0x80 { return nil }
            if !trimmed(Unicode.Scalar(b)) { others += 1 }
        }
        if others > Self.longestPlaceholder { return false }
        var start = 0, end = bytes.count
        while start < end, space(bytes[start]) { start += 1 }
        while end > start, space(bytes[end - 1]) { end -= 1 }
        while end > start, punctuation(bytes[end - 1]) { end -= 1 }
        while end > start, space(bytes[end - 1]) { end -= 1 }
        let lowered = String(unsafeUninitializedCapacity: end - start) { out in
            for k in start..<end { out[k - start] = bytes[k].asciiLowercased }
            return end - start
        }
        return placeholders.contains(lowered)
    }

    /// `isPlaceholder` on any text, by its Unicode scalars.
    static func isPlaceholderByScalars(_ text: String) -> Bool {
        // Lowercasing never drops a scalar and only whitespace and final punctuation are trimmed, so a
        // text with more other scalars than the longest placeholder is none (no lowercased copy of
        // a long description is made).
        var others = 0
        for scalar in text.unicodeScalars where !Self.trimmed(scalar) {
            others += 1
            if others > Self.longestPlaceholder { return false }
        }
        var t = text.lowercased().trimmingSpaces()
        while let last = t.unicodeScalars.last, Self.isFinalPunctuation(last) { t.unicodeScalars.removeLast() }
        return placeholders.contains(t.trimmingSpaces())
    }

    /// Whether `isPlaceholder` may trim `scalar`: whitespace (as `trimmingSpaces`: ASCII's are
    /// tab to carriage return and space, answered without a Unicode property lookup), or final
    /// punctuation.
    private static func trimmed(_ scalar: Unicode.Scalar) -> Bool {
        if isFinalPunctuation(scalar) { return true }
        return scalar.isASCII ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    /// The punctuation `isPlaceholder` drops from the end of a value (`TBD.`, `n/a;`).
    private static func isFinalPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", ",", ";", ":", "!": return true
        default: return false
        }
    }

    var expected: String { "a stated value, not a placeholder" }
    var operandText: String { "true" }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        switch node.kind {
        case .sequence:
            guard node.count > 0 else { return LeafOutcome(.false) }
            return LeafOutcome(holds: !node.items.contains { $0.string.map(Self.isPlaceholder) ?? false })
        case .mapping:
            return LeafOutcome(holds: node.count > 0)
        default:
            if node.bool != nil || node.number != nil { return LeafOutcome(.true) }
            guard let text = node.string else { return LeafOutcome(.true) }
            return LeafOutcome(holds: !Self.isPlaceholder(text))
        }
    }
}
