import StemCheckModel
/// Quality warnings for rules that load but fall short of what shipped packs need.
public enum RuleLint {
    /// `FILE:LINE:COL: warning: ...` lines.
    public static func warnings(_ catalog: RuleCatalog) -> [String] {
        var out: [String] = []
        for pack in catalog.packs {
            for rule in pack.rules {
                let at = "\(rule.location): warning: \(rule.id)"
                if rule.citation?.isEmpty ?? true {
                    out.append("\(at) has no citation; say which document and section it enforces")
                } else if rule.quote == nil && rule.unverified == nil {
                    out.append("\(at) has no source.quote; write source: {citation, quote, url} with the source's own words that carry the requirement (or source.unverified: why they could not be read)")
                } else if rule.quote == nil && rule.severity == .error {
                    out.append("\(at) is an error but rests on a source not read (source.unverified); quote the source, or make it a warning (a profile may raise it)")
                } else if rule.quote != nil && rule.url == nil {
                    out.append("\(at) has no source.url; say where the quoted words can be read")
                }
                if rule.remediation?.isEmpty ?? true { out.append("\(at) has no remediation; tell a clinic what to add or change") }
                let e = rule.examples
                if rule.kind == .check {
                    if e.pass.isEmpty || (e.fail.isEmpty && e.unknown.isEmpty) {
                        out.append("\(at) needs at least one pass example and one fail (a stated violation) or unknown (not stated) example")
                    }
                } else if e.pass.isEmpty || e.review.isEmpty {
                    out.append("\(at) (review) needs a pass example with an attestation and a review example without one")
                }
            }
        }
        return out
    }
}
