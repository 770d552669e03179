/// Copy-on-write storage for a value's fields: copies share one heap box until one of them
/// changes, so copying the value is one reference however many fields it has. `Rule` and
/// `RuleResult` keep their fields in one: both are copied for every rule a protocol is checked
/// against (issue 20).
public struct CopyOnWrite<Fields: Sendable>: Sendable {
    // Written only through `fields`' modify accessor, which copies the box first when another
    // value shares it: a shared box is never written. Accesses are not checked for exclusivity
    // at run time (a check per field read was 1 % of a run's instructions): every access goes
    // through the owning value, whose own accesses the compiler checks.
    @usableFromInline final class Box: @unchecked Sendable {
        @exclusivity(unchecked) @usableFromInline var fields: Fields
        @inlinable init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    @inlinable public init(_ fields: Fields) {
        box = Box(fields)
    }

    /// The fields: read in place; written after copying the box when another value shares it.
    @inlinable public var fields: Fields {
        _read { yield box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    /// Whether both values share one box (their fields are then the same).
    @inlinable public func isShared(with other: CopyOnWrite) -> Bool {
        box === other.box
    }
}
