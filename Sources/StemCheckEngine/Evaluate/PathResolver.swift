import YAMLSource
import StemCheckModel

/// Where a path led: a node, or nothing, with the nearest existing anchor for locating it.
struct PathTarget {
    /// The node found; nil when missing.
    var node: YAMLNode?
    /// The concrete path (wildcards replaced by indexes), for `why`.
    var concrete: [Path.Segment]
    /// The node to point at: the value when found, the key of the nearest existing parent when missing,
    /// the key of the value when it is null.
    var anchor: YAMLNode

    /// The node when present and not null.
    var value: YAMLNode? {
        guard let node, !node.isNull else { return nil }
        return node
    }
}

/// Resolves compiled paths against a protocol document.
enum PathResolver {
    /// Resolves a path without wildcards quickly: the node (nil when missing).
    @inline(__always)
    static func single(_ segments: [Path.Segment], from start: YAMLNode) -> YAMLNode? {
        var node = start
        for segment in segments {
            switch segment {
            case .key(let key):
                guard let next = node[key] else { return nil }
                node = next
            case .index(let n):
                guard let next = node.item(n) else { return nil }
                node = next
            case .wildcard:
                return nil
            }
        }
        return node
    }

    /// Resolves a path without wildcards to its node (nil when missing) and the node to point at,
    /// as `all` would, without building concrete paths.
    static func one(_ segments: [Path.Segment], from start: YAMLNode) -> (node: YAMLNode?, anchor: YAMLNode) {
        var node = start
        var anchor = start
        for segment in segments {
            switch segment {
            case .key(let key):
                guard let pair = node.pair(forKey: key) else { return (nil, anchor) }
                node = pair.value
                anchor = pair.key
            case .index(let n):
                guard let item = node.item(n) else { return (nil, anchor) }
                node = item
                if item.isCollection { anchor = item }
            case .wildcard:
                preconditionFailure("PathResolver.one is for paths without wildcards")
            }
        }
        return (node, node.isNull ? anchor : node)
    }

    /// Resolves every target of a path; a wildcard fans out over list items. No item at all is one missing target.
    static func all(_ segments: [Path.Segment], from start: YAMLNode, prefix: [Path.Segment], tracing: Bool) -> [PathTarget] {
        var out: [PathTarget] = []
        walk(segments[...], node: start, anchor: start, concrete: tracing ? prefix : [], tracing: tracing, into: &out)
        return out
    }

    private static func walk(_ rest: ArraySlice<Path.Segment>, node: YAMLNode, anchor: YAMLNode,
                             concrete: [Path.Segment], tracing: Bool, into out: inout [PathTarget]) {
        guard let segment = rest.first else {
            out.append(PathTarget(node: node, concrete: concrete, anchor: node.isNull ? anchor : node))
            return
        }
        let tail = rest.dropFirst()
        func extend(_ s: Path.Segment) -> [Path.Segment] { tracing ? concrete + [s] : [] }
        switch segment {
        case .key(let key):
            guard let pair = node.pair(forKey: key) else {
                out.append(PathTarget(node: nil, concrete: extend(segment) + (tracing ? Array(tail) : []), anchor: anchor))
                return
            }
            walk(tail, node: pair.value, anchor: pair.key, concrete: extend(segment), tracing: tracing, into: &out)
        case .index(let n):
            guard let item = node.item(n) else {
                out.append(PathTarget(node: nil, concrete: extend(segment) + (tracing ? Array(tail) : []), anchor: anchor))
                return
            }
            walk(tail, node: item, anchor: item.isCollection ? item : anchor, concrete: extend(segment), tracing: tracing, into: &out)
        case .wildcard:
            guard node.kind == .sequence, node.count > 0 else {
                out.append(PathTarget(node: nil, concrete: extend(segment) + (tracing ? Array(tail) : []), anchor: anchor))
                return
            }
            for (n, item) in node.items.enumerated() {
                walk(tail, node: item, anchor: item.isCollection ? item : anchor, concrete: extend(.index(n)), tracing: tracing, into: &out)
            }
        }
    }
}
