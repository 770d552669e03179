/// `Pattern.search` on ASCII text by a depth-first walk of the program that visits each
/// (instruction, position) pair at most once (issue 20).
///
/// The matcher (`Pattern.searchWithMatcher`) carries every live thread across every position;
/// most values a rule or the protocol schema tests do match, and a depth-first walk stops at the
/// first way through. Whether `match` is reachable from a pair depends only on the pair (there
/// are no captures, and `^`, `$` and `\b` read only the position), so a pair found once need not
/// be walked again, from any start: the walk is linear in the text, as the matcher is. It is
/// taken only where the matcher could not run out of steps (a program of `m` instructions takes
/// at most `m` steps a position), so the two give the same answer (`PatternTableTests`).
extension Pattern {
    /// The answer for `text`, or nil when the text is not ASCII, not in one piece, or long enough
    /// that the matcher could give up (`tooExpensive`): the matcher answers those.
    func memoSearch(_ text: String) -> SearchResult? {
        text.utf8.withContiguousStorageIfAvailable { memoSearch(bytes: $0) } ?? nil
    }

    private func memoSearch(bytes: UnsafeBufferPointer<UInt8>) -> SearchResult? {
        let n = bytes.count, m = program.count
        guard m * (n + 1) < Self.stepBudget else { return nil }
        for byte in bytes where byte >= 128 { return nil }
        let width = n + 1
        let words = (m * width + 63) / 64
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { seen in
            seen.initialize(repeating: 0)
            var stack: [(pc: Int, at: Int)] = []
            stack.reserveCapacity(32)
            for start in 0...(anchoredAtStart ? 0 : n) {
                // A match starts by consuming one of the start classes, when they are known: a
                // walk from where none matches cannot reach `match` (as the matcher skips it).
                if let starts, start == n || !canStart(Unicode.Scalar(bytes[start]), starts) { continue }
                stack.append((0, start))
                while let (pc, at) = stack.popLast() {
                    let bit = pc * width + at
                    if seen[bit >> 6] & (1 << UInt64(bit & 63)) != 0 { continue }
                    seen[bit >> 6] |= 1 << UInt64(bit & 63)
                    switch program[pc] {
                    case .match:
                        return .match
                    case .consume(let matcher):
                        if at < n, matcher.matches(Unicode.Scalar(bytes[at])) { stack.append((pc + 1, at + 1)) }
                    case .jump(let target):
                        stack.append((target, at))
                    case .split(let first, let second):
                        stack.append((second, at))
                        stack.append((first, at))
                    case .assertStart:
                        if at == 0 { stack.append((pc + 1, at)) }
                    case .assertEnd:
                        if Instruction.endHolds(at: at, count: n, lineFeedAt: { bytes[$0] == 0x0A }) { stack.append((pc + 1, at)) }
                    case .assertWordBoundary(let wanted):
                        let before = at > 0 && CharClass.isWord(Unicode.Scalar(bytes[at - 1]))
                        let after = at < n && CharClass.isWord(Unicode.Scalar(bytes[at]))
                        if (before != after) == wanted { stack.append((pc + 1, at)) }
                    }
                }
            }
            return .noMatch
        }
    }
}
