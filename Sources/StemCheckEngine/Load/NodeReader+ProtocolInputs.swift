import YAMLSource
import StemCheckModel

/// Reads the protocol's own `waivers:` and `attestations:`, and waiver files (SPEC 3.4).
extension NodeReader {
    static let waiverKeys = ["rule", "justification", "approved_by", "expires"]
    static let attestationKeys = ["by", "date", "statement"]

    /// Parses a `waivers:` list. Incomplete waivers are input errors.
    mutating func waivers(_ list: YAMLNode, source: String) -> [Waiver] {
        guard list.kind == .sequence else {
            fail(list, "'waivers' must be a list of {rule, justification, approved_by, expires}, found \(describe(list))")
            return []
        }
        var out: [Waiver] = []
        for item in list.items {
            guard requireMapping(item, "a waiver") else { continue }
            checkKeys(item, allowed: Self.waiverKeys, in: "a waiver")
            let before = diagnostics.count
            let rule = string(item, "rule", required: true, in: "a waiver")
            let justification = string(item, "justification", required: true, in: "a waiver")
            let approvedBy = string(item, "approved_by", required: true, in: "a waiver")
            let expires = string(item, "expires", required: true, in: "a waiver")
            for (key, value) in [("justification", justification), ("approved_by", approvedBy)] where value?.trimmingSpaces().isEmpty == true {
                fail(item[key]!, "a waiver's '\(key)' must not be empty")
            }
            var day = 0
            if let expires {
                if let date = ISODate.parse(expires), expires.utf8.count == 10 {
                    day = date.dayNumber
                } else {
                    fail(item["expires"]!, "'expires' must be a date like 2027-06-30, found \"\(expires)\"")
                }
            }
            guard diagnostics.count == before, let rule, let justification, let approvedBy, let expires else { continue }
            out.append(Waiver(rule: rule, justification: justification, approvedBy: approvedBy, expires: expires,
                              expiresDay: day, source: source, location: item.location))
        }
        return out
    }

    /// Parses an `attestations:` mapping of RULE-ID → {by, date, statement}.
    mutating func attestations(_ map: YAMLNode) -> [Attestation] {
        guard map.kind == .mapping else {
            fail(map, "'attestations' must map rule ids to {by, date, statement}, found \(describe(map))")
            return []
        }
        var out: [Attestation] = []
        for (key, value) in map.pairs {
            let rule = key.text ?? "?"
            guard requireMapping(value, "the attestation of \(rule)") else { continue }
            checkKeys(value, allowed: Self.attestationKeys, in: "the attestation of \(rule)")
            let before = diagnostics.count
            let by = string(value, "by", required: true, in: "the attestation of \(rule)")
            let date = string(value, "date", required: true, in: "the attestation of \(rule)")
            if let date, ISODate.parse(date) == nil {
                fail(value["date"]!, "the attestation date must be a date like 2026-10-02, found \"\(date)\"")
            }
            guard diagnostics.count == before, let by, let date else { continue }
            out.append(Attestation(rule: rule, by: by, date: date,
                                   statement: string(value, "statement", required: false, in: "the attestation of \(rule)"),
                                   location: key.location))
        }
        return out
    }
}
