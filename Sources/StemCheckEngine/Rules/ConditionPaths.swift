import StemCheckModel
extension Condition {
    /// A protocol path a condition reads, with `for_each` prefixes applied (items as `[*]`).
    public struct ReadPath: Sendable {
        /// The path from the document root.
        public var segments: [Path.Segment]
        /// True when a leaf reads the value itself; false for a `for_each` list.
        public var isLeaf: Bool
    }

    /// Every path the condition reads: leaf paths, what computed values and reference operands
    /// (`{path: OTHER}`, `{count: P, where: C}`) read, and `for_each` lists,
    /// relative paths inside `for_each` resolved against the list (`$.` paths start at the root).
    public func readPaths(prefix: [Path.Segment] = []) -> [ReadPath] {
        var out: [ReadPath] = []
        collect(prefix: prefix, into: &out)
        return out
    }

    private func collect(prefix: [Path.Segment], into out: inout [ReadPath]) {
        switch self {
        case .all(let parts, _), .any(let parts, _), .anyStated(let parts, _):
            for part in parts { part.collect(prefix: prefix, into: &out) }
        case .not(let inner, _):
            inner.collect(prefix: prefix, into: &out)
        case .forEach(let f):
            let base = f.path.segments(under: prefix)
            out.append(ReadPath(segments: base, isLeaf: false))
            let item = f.path.hasWildcard ? base : base + [.wildcard]
            f.check.collect(prefix: item, into: &out)
            f.filter?.collect(prefix: item, into: &out)
        case .leaf(let leaf):
            switch leaf.subject {
            case .path(let path): out.append(ReadPath(segments: path.segments(under: prefix), isLeaf: true))
            case .computed(let reference): out += reference.readPaths(prefix: prefix)
            }
            for reference in leaf.op.references {
                out += reference.readPaths(prefix: prefix)
            }
        }
    }
}

extension Rule {
    /// Every path the rule's `when` and `check` read, from the root (the items of an `each` rule as `[*]`).
    public var readPaths: [Condition.ReadPath] {
        var prefix: [Path.Segment] = []
        var out: [Condition.ReadPath] = []
        if let each {
            prefix = each.hasWildcard ? each.segments : each.segments + [.wildcard]
            var list = each.segments
            if list.last == .wildcard { list.removeLast() }
            out.append(Condition.ReadPath(segments: list, isLeaf: false))
        }
        return out + (when?.readPaths(prefix: prefix) ?? []) + (check?.readPaths(prefix: prefix) ?? [])
    }
}
