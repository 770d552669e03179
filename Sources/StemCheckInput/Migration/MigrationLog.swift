import YAMLSource

/// What the moves did besides rewriting: their titles and the v1 fields v2 has no place for.
struct MigrationLog {
    /// The titles of the moves that changed something, in order.
    var applied: [String] = []
    /// Fields left out of the migrated document (kept as comments in the migrated text).
    var dropped: [DroppedField] = []
    /// Set by a move that changed the draft (the runner resets it before each move).
    var changed = false
}

/// A v1 field that the migrated document leaves out.
public struct DroppedField: Sendable, Equatable {
    /// Where it is in the v1 file.
    public var location: SourceLocation
    /// Its path (`administration.cumulative_dose_per_kg`).
    public var path: String
    /// Why v2 has no place for it.
    public var reason: String
}
