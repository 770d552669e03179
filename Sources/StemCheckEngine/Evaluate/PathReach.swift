import YAMLSource
import StemCheckModel

/// What one walk of a path with `[*]` reaches, for `count`, `min`, `max` and `sum` (SPEC 3.4):
/// stated elements, places not stated, and the lists its wildcards fan out over. The traced
/// evaluation lists them with their concrete paths (`Evaluator.Reach`); the untraced `count`
/// tallies them without (`Evaluator.CountTally`). Both are walked by `walk`, so both reach
/// the same elements and the same places.
protocol ReachSink {
    /// Where the walk is: the concrete path so far, or nothing for a sink that needs no paths.
    associatedtype Place

    /// `place` one step further down (`segment` is a key, an index, or `[*]` where a wildcard
    /// meets something that is not a list).
    func step(_ place: Place, _ segment: Path.Segment) -> Place
    /// A stated (not null) element at `place`.
    mutating func element(_ node: YAMLNode, at place: Place)
    /// Nothing stated at `place`: the path's steps after it are `rest`; `anchor` is the key of the
    /// nearest stated parent. `many` when what is missing is a whole list (a wildcard at or below
    /// `place`), so any number of elements may be missing there.
    mutating func missing(at place: Place, rest: ArraySlice<Path.Segment>, anchor: YAMLNode, many: Bool)
    /// A list a wildcard fans out over, at `place` (the list's own path).
    mutating func list(_ node: YAMLNode, at place: Place)
}

extension ReachSink {
    /// Walks `rest` from `node` (at `place`; `anchor` is where a missing step points), telling
    /// the sink what it reaches, in document order.
    mutating func walk(_ rest: ArraySlice<Path.Segment>, node: YAMLNode, anchor: YAMLNode, at place: Place) {
        guard let segment = rest.first else {
            if node.isNull { missing(at: place, rest: [], anchor: anchor, many: false) } else { element(node, at: place) }
            return
        }
        let tail = rest.dropFirst()
        switch segment {
        case .key(let key):
            guard let pair = node.pair(forKey: key) else {
                return missing(at: step(place, segment), rest: tail, anchor: anchor, many: tail.contains(.wildcard))
            }
            walk(tail, node: pair.value, anchor: pair.key, at: step(place, segment))
        case .index(let n):
            guard let item = node.item(n) else {
                return missing(at: step(place, segment), rest: tail, anchor: anchor, many: tail.contains(.wildcard))
            }
            walk(tail, node: item, anchor: item.isCollection ? item : anchor, at: step(place, segment))
        case .wildcard:
            guard node.kind == .sequence else { return missing(at: step(place, segment), rest: tail, anchor: anchor, many: true) }
            list(node, at: place)
            for position in 0..<node.count {
                let item = node.item(position)!
                walk(tail, node: item, anchor: item.isCollection ? item : anchor, at: step(place, .index(position)))
            }
        }
    }
}

extension ReachSink where Place == Void {
    /// What an untraced `count`, `min` or `max` reads from `start`: what a path with `[*]`
    /// reaches, or the items of the list a plain path names (a null item is a place not stated).
    /// Returns the whole outcome when there is nothing to read: a list not stated (missing), or
    /// a value that is not a list (error); nil once the sink has been told everything.
    mutating func reach(_ path: Path, from start: YAMLNode) -> Computed? {
        if path.hasWildcard {
            walk(path.segments[...], node: start, anchor: start, at: ())
            return nil
        }
        guard let list = PathResolver.single(path.segments, from: start), !list.isNull else { return .missing([], at: nil) }
        guard list.kind == .sequence else { return .error("", at: nil) }
        for position in 0..<list.count {
            let item = list.item(position)!
            if item.isNull { missing(at: (), rest: [], anchor: item, many: false) } else { element(item, at: ()) }
        }
        return nil
    }
}

extension Evaluator {
    /// The elements a path reaches for `count`, `min`, `max` and `sum`, listed with their
    /// concrete paths (the traced way).
    struct Reach: ReachSink {
        /// Stated elements, with their concrete paths.
        var elements: [(node: YAMLNode, path: [Path.Segment])] = []
        /// Places the path reaches but that are not stated; `many` when what is missing is a
        /// whole list (a wildcard below it), so any number of elements may be missing there.
        var missing: [(path: String, anchor: SourceLocation, many: Bool)] = []
        /// The list (or the first list of a wildcard path), for locating the result.
        var location: SourceLocation?
        /// An empty list met on the way (named when nothing at all is reached).
        var empty: String?
        /// The path is not a list (or reaches through something that is not one).
        var error: String?

        func step(_ place: [Path.Segment], _ segment: Path.Segment) -> [Path.Segment] { place + [segment] }

        mutating func element(_ node: YAMLNode, at place: [Path.Segment]) {
            elements.append((node, place))
        }

        mutating func missing(at place: [Path.Segment], rest: ArraySlice<Path.Segment>, anchor: YAMLNode, many: Bool) {
            missing.append((Path.render(place + rest), anchor.location, many))
        }

        mutating func list(_ node: YAMLNode, at place: [Path.Segment]) {
            if location == nil { location = node.location }
            if node.count == 0, empty == nil { empty = Path.render(place) }
        }
    }

    /// The stated elements a path reaches, without their paths, and whether any place it reaches
    /// is not stated (the untraced `min` and `max`).
    struct Elements: ReachSink {
        private(set) var nodes: [YAMLNode] = []
        private(set) var missing = false

        func step(_ place: Void, _ segment: Path.Segment) {}
        mutating func element(_ node: YAMLNode, at place: Void) { nodes.append(node) }
        mutating func missing(at place: Void, rest: ArraySlice<Path.Segment>, anchor: YAMLNode, many: Bool) { missing = true }
        mutating func list(_ node: YAMLNode, at place: Void) {}
    }

    /// What a path reaches, counted rather than listed (the untraced `count`, of a list path's
    /// items or of what a path with `[*]` reaches): each element's `where` decided as it is reached.
    struct CountTally: ReachSink {
        /// Decides `filter` (nil: every element counts) on the elements.
        let evaluator: Evaluator
        let filter: Condition?
        /// Stated elements reached; those whose `where` is true, unknown; whether one is error.
        private(set) var elements = 0, counted = 0, undecided = 0
        private(set) var error = false
        /// Places reached but not stated; whether one is a whole list (any number missing there).
        private(set) var missing = 0
        private(set) var many = false

        init(_ evaluator: Evaluator, filter: Condition?) {
            self.evaluator = evaluator
            self.filter = filter
        }

        func step(_ place: Void, _ segment: Path.Segment) {}

        mutating func element(_ node: YAMLNode, at place: Void) {
            elements += 1
            guard let filter else { counted += 1; return }
            switch evaluator.evaluate(filter, in: evaluator.scope(node, path: [])).truth {
            case .true: counted += 1
            case .false: break
            case .unknown: undecided += 1
            case .error: error = true
            }
        }

        mutating func missing(at place: Void, rest: ArraySlice<Path.Segment>, anchor: YAMLNode, many: Bool) {
            missing += 1
            if many { self.many = true }
        }

        mutating func list(_ node: YAMLNode, at place: Void) {}

        /// The count, its bounds, or not stated or error, as the traced `count` decides; nil for
        /// a count of 256 or more.
        var computed: Computed? {
            if elements == 0, missing > 0 { return .missing([], at: nil) }
            if error { return .error("", at: nil) }
            guard let low = Synthesized.unlocatedCount(counted) else { return nil }
            guard undecided > 0 || missing > 0 else { return .value(low, detail: nil) }
            guard !many else { return .bounded(lower: low, upper: nil, missing: [], at: nil, detail: "") }
            guard let high = Synthesized.unlocatedCount(counted + undecided + missing) else { return nil }
            return .bounded(lower: low, upper: high, missing: [], at: nil, detail: "")
        }
    }
}
