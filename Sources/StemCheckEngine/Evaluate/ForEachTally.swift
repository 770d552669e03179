import YAMLSource
import StemCheckModel

/// What a `for_each` has decided over its items so far (SPEC 3.2): the traced and the untraced
/// walks of `Evaluator.forEach`, and `AbsentLeaves`, count their items through it, so all decide
/// alike.
struct ForEachTally {
    /// The truth so far: every kept item's check, and every undecided `where`, joined by `and`.
    private var truth: Truth
    /// Items whose `where` held (all items without a `where`).
    private(set) var kept = 0
    /// Items whose `where` is unknown.
    private var undecided = 0

    /// Starts at `truth` (unknown when a wildcard reached an element without the list).
    init(_ truth: Truth = .true) {
        self.truth = truth
    }

    /// Counts an item's `where`; true when the item is kept (its check is counted next). An item
    /// whose `where` is unknown or error is not kept, but it leaves the result unknown (or error)
    /// unless a kept item decides it.
    mutating func keeps(where w: Truth) -> Bool {
        switch w {
        case .true: return true
        case .false: return false
        case .unknown, .error:
            if w == .unknown { undecided += 1 }
            truth = truth.and(w)
            return false
        }
    }

    /// Counts a kept item's check.
    mutating func count(check c: Truth) {
        kept += 1
        truth = truth.and(c)
    }

    /// The truth once every item is counted: too few kept is false, unless the items whose
    /// `where` is undecided could make up the number (then it is unknown, already in `truth`).
    mutating func finish(minItems: Int) -> Truth {
        if kept < minItems, kept + undecided < minItems { truth = truth.and(.false) }
        return truth
    }

    /// The truth of `spec` over the items of `list` (a sequence), visited in place: each item's
    /// `where`, then (when it holds) its `check`, decided by `decide` with the item and its
    /// position. What `decide` throws ends the walk (`AbsentLeaves`: a condition it leaves to
    /// the traced evaluation).
    static func decide<Failure: Error>(_ spec: ForEach, over list: YAMLNode,
                                       _ decide: (_ condition: Condition, _ item: YAMLNode, _ position: Int) throws(Failure) -> Truth)
        throws(Failure) -> Truth {
        var tally = ForEachTally()
        for position in 0..<list.count {
            let item = list.item(position)!
            if let filter = spec.filter, try !tally.keeps(where: decide(filter, item, position)) { continue }
            try tally.count(check: decide(spec.check, item, position))
        }
        return tally.finish(minItems: spec.minItems)
    }
}
