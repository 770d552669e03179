import YAMLSource

/// The steps of a path without `[*]`, compiled once for `YAMLNode.resolve` (issue 20).
///
/// Key bytes live in one buffer this object owns, so resolving a path walks the document's
/// buffers by index: no node value, and so no reference count, per step. Reference counting is
/// atomic and was a third of the wall time of a check run, far more than its share of
/// instructions (docs/performance-history.md, fourteenth round).
final class PlainSteps: @unchecked Sendable {
    // Immutable after `init`: the buffers are written there and only read afterwards.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let compiled: UnsafeMutableBufferPointer<PathStep>

    /// The steps of `segments`; nil when one is a wildcard.
    init?(_ segments: [Path.Segment]) {
        if segments.contains(.wildcard) { return nil }
        var keyBytes = 0
        for case .key(let key) in segments { keyBytes += key.utf8.count }
        bytes = .allocate(capacity: max(keyBytes, 1))
        compiled = .allocate(capacity: segments.count)
        var offset = 0
        for (n, segment) in segments.enumerated() {
            switch segment {
            case .key(let key):
                let start = offset
                for byte in key.utf8 {
                    bytes[offset] = byte
                    offset += 1
                }
                let keyBuffer = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(bytes)[start..<offset])
                (compiled.baseAddress! + n).initialize(to: PathStep(key: keyBuffer))
            case .index(let position):
                // A negative position (only a path built in code could hold one) finds no item, as `YAMLNode.item` does.
                (compiled.baseAddress! + n).initialize(to: PathStep(item: position < 0 ? Int.max : position))
            case .wildcard:
                preconditionFailure("unreachable: wildcards were ruled out above")
            }
        }
    }

    deinit {
        compiled.deinitialize()
        compiled.deallocate()
        bytes.deallocate()
    }

    /// The node the steps reach from `start` (nil when missing) and the node to point at
    /// (`YAMLNode.resolve`), as `PathResolver.one` finds them.
    @inline(__always)
    func resolve(from start: YAMLNode) -> (node: YAMLNode?, anchor: YAMLNode) {
        start.resolve(UnsafeBufferPointer(compiled))
    }

    /// The node the steps reach from `start` (nil when missing), as `PathResolver.single` finds it.
    @inline(__always)
    func node(from start: YAMLNode) -> YAMLNode? {
        start.node(following: UnsafeBufferPointer(compiled))
    }
}
