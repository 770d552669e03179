import YAMLSource
import StemCheckModel

/// The profile a `check` without `--profile` runs a protocol under, and why.
public struct ProfileChoice: Sendable {
    /// The profile: one of the catalog's, or the union of several (id `a+b`).
    public var profile: Profile
    /// One sentence for the report's notes: which profile, from which facts, and how to choose another.
    public var reason: String
}

/// Chooses a profile from what a protocol declares, using the profiles' `auto:` sections (data,
/// not code): a profile whose `auto.jurisdictions` meets the protocol's `jurisdictions` and whose
/// `auto.when` holds is chosen; several are joined (their packs in order, the stricter severity
/// of an override, a rule disabled only if every one disables it). When none fits, the first
/// `fallback` profile whose `when` holds runs (one with a `when` before one without), with the packs the jurisdictions' own profiles add
/// (a US protocol that is not about cerebral palsy still gets the US pack, without the CP
/// profile's severity changes).
public struct ProfileChooser: Sendable {
    /// The profiles with an `auto:` section, in catalog order.
    public let candidates: [Profile]

    /// A chooser over the catalog's profiles; `isEmpty` when none has an `auto:` section.
    public init(catalog: RuleCatalog) {
        candidates = catalog.profiles.filter { $0.auto != nil }
    }

    /// Whether any profile can be chosen automatically.
    public var isEmpty: Bool { candidates.isEmpty }

    /// The choice for one protocol (nil when no profile fits and there is no fallback).
    public func choose(_ root: YAMLNode) -> ProfileChoice? {
        let declared = (root["jurisdictions"]?.items ?? []).compactMap { $0.string?.uppercased() }
        let evaluator = Evaluator(root: root, tracing: false)
        let holds: (Profile) -> Bool = { profile in
            guard let when = profile.auto?.when else { return true }
            return evaluator.evaluate(when).truth == .true
        }
        let national = candidates.filter { p in
            guard let auto = p.auto, !auto.fallback else { return false }
            return auto.jurisdictions.contains { declared.contains($0) }
        }
        // In the order the protocol lists its jurisdictions.
        let rank: (Profile) -> Int = { p in declared.firstIndex { p.auto!.jurisdictions.contains($0) } ?? declared.count }
        let fitting = national.filter(holds).enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        let listed = declared.isEmpty ? "no jurisdictions" : "jurisdictions [\(declared.joined(separator: ", "))]"
        if !fitting.isEmpty {
            let profile = Self.union(fitting)
            let unmatched = declared.filter { code in !fitting.contains { $0.auto!.jurisdictions.contains(code) } }
            var reason = "profile \(profile.id) chosen from the protocol's \(listed)"
            if fitting.contains(where: { $0.auto?.when != nil }) { reason += " and its condition" }
            if !unmatched.isEmpty { reason += " (no profile for \(unmatched.joined(separator: ", ")))" }
            return ProfileChoice(profile: profile, reason: reason + "; choose another with --profile")
        }
        // A fallback with a condition (the international CP profile) before one without (the baseline).
        let fallbacks = candidates.filter { $0.auto?.fallback == true && holds($0) }
        guard var fallback = fallbacks.first(where: { $0.auto?.when != nil }) ?? fallbacks.first else { return nil }
        // The jurisdictions' own packs (those no fallback profile includes), without their profiles' overrides.
        let general = Set(candidates.filter { $0.auto?.fallback == true }.flatMap(\.include))
        var added: [String] = []
        for p in national {
            for pack in p.include where !general.contains(pack) && !fallback.include.contains(pack) && !added.contains(pack) { added.append(pack) }
        }
        var reason = "profile \(fallback.id) chosen: "
        if declared.isEmpty {
            reason += "the protocol lists no jurisdictions, so no national law is checked"
        } else if national.isEmpty {
            reason += "no profile is written for \(listed)"
        } else {
            reason += "the profiles for the protocol's \(listed) (\(national.map(\.id).joined(separator: ", "))) are for another condition"
            if !added.isEmpty { reason += "; their national packs \(added.joined(separator: ", ")) run too" }
        }
        if !added.isEmpty {
            fallback.id += "+" + added.joined(separator: "+")
            fallback.include += added
            fallback.includeLocations += added.map { _ in SourceLocation(file: fallback.file, line: 1, column: 1) }
        }
        return ProfileChoice(profile: fallback, reason: reason + "; choose another with --profile")
    }

    /// Several profiles as one: packs in order without repeats; for a rule overridden by more than
    /// one, the stricter severity, and disabled only when every profile that overrides it disables it.
    static func union(_ profiles: [Profile]) -> Profile {
        guard var out = profiles.first, profiles.count > 1 else { return profiles[0] }
        out.id = profiles.map(\.id).joined(separator: "+")
        out.title = profiles.compactMap(\.title).joined(separator: " + ")
        out.include = []
        out.includeLocations = []
        var byRule: [String: [Profile.Override]] = [:]
        var order: [String] = []
        for p in profiles {
            for (n, pack) in p.include.enumerated() where !out.include.contains(pack) {
                out.include.append(pack)
                out.includeLocations.append(n < p.includeLocations.count ? p.includeLocations[n] : SourceLocation(file: p.file, line: 1, column: 1))
            }
            for o in p.overrides {
                if byRule[o.rule] == nil { order.append(o.rule) }
                byRule[o.rule, default: []].append(o)
            }
        }
        out.overrides = order.compactMap { rule in
            let all = byRule[rule]!
            if all.allSatisfy(\.disabled), all.count == profiles.count { return all[0] }
            let raised = all.filter { !$0.disabled }.compactMap(\.severity).max()
            guard let severity = raised else { return nil }
            var o = all.first { !$0.disabled }!
            o.severity = severity
            return o
        }
        return out
    }
}
