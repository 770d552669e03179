import StemCheckModel

/// `any_stated: [C, ...]` (issue 14): like `any`, but a part that is unknown — its fields are not
/// stated — is ignored when another part is decided. True when any part is true; false when no
/// part is true and at least one is false; unknown only when every part is unknown; an error in
/// any part dominates (SPEC 3.5).
///
/// It derives one fact from whichever field states it. An allogeneic product is known from
/// `donor_relation: self` even when `source` is absent:
///
///     when: {any_stated: [{path: source, equals: allogeneic},
///                         {path: donor_relation, in: [sibling, unrelated, related]}]}
///
/// is false (not applicable) there, where `any` would be unknown. Use it only for parts that are
/// alternative statements of one fact: a false part is taken as the answer, so parts that could
/// contradict each other belong in `any`.
extension Truth {
    /// The `any_stated` of two values: the join of unknown < false < true < error.
    func orStated(_ other: Truth) -> Truth {
        if self == .error || other == .error { return .error }
        if self == .true || other == .true { return .true }
        if self == .false || other == .false { return .false }
        return .unknown
    }
}
