import YAMLSource
import StemCheckModel

/// Parses profile files (SPEC 3.6).
extension NodeReader {
    static let profileFileKeys = ["profile"]
    static let profileKeys = ["id", "title", "description", "include", "overrides", "auto", "extends"]
    static let autoKeys = ["jurisdictions", "when", "fallback"]
    static let overrideKeys = ["rule", "severity", "disabled", "reason"]

    /// A profile file; the paths of its `extends` list are taken relative to `directory`.
    mutating func profile(_ root: YAMLNode, file: String, directory: String = ".") -> Profile? {
        let before = diagnostics.count
        guard requireMapping(root, "a profile file") else { return nil }
        checkKeys(root, allowed: Self.profileFileKeys, in: "a profile file")
        guard let node = root["profile"], requireMapping(node, "'profile'") else { return nil }
        checkKeys(node, allowed: Self.profileKeys, in: "'profile'")
        let id = string(node, "id", required: true, in: "'profile'") ?? ""
        let include = stringList(node, "include")
        if node["include"] == nil { fail(node, "a profile needs an 'include' list of pack ids") }
        let includeLocations = node["include"]?.items.map(\.location) ?? []
        var overrides: [Profile.Override] = []
        if let list = node["overrides"], !list.isNull {
            if list.kind != .sequence {
                fail(list, "'overrides' must be a list of {rule, severity} or {rule, disabled: true, reason}")
            } else {
                for item in list.items where requireMapping(item, "an override") {
                    checkKeys(item, allowed: Self.overrideKeys, in: "an override")
                    guard let rule = string(item, "rule", required: true, in: "an override") else { continue }
                    var severity: Severity?
                    if let s = string(item, "severity", required: false, in: "an override") {
                        severity = Severity(rawValue: s)
                        if severity == nil {
                            fail(item["severity"]!, "severity '\(s)' must be error, warning or info\(Suggestion.phrase(for: s, in: Severity.allCases.map(\.rawValue)))")
                        }
                    }
                    let disabled = bool(item, "disabled", in: "an override") ?? false
                    let reason = string(item, "reason", required: false, in: "an override")
                    if disabled, reason?.trimmingSpaces().isEmpty ?? true {
                        fail(item, "disabling \(rule) needs a 'reason' (it is printed in every report)")
                    }
                    if !disabled, item["severity"] == nil {
                        fail(item, "the override of \(rule) changes nothing: give severity, or disabled: true with a reason")
                    }
                    overrides.append(Profile.Override(rule: rule, severity: severity, disabled: disabled, reason: reason, location: item.location))
                }
            }
        }
        var auto: Profile.Auto?
        if let a = node["auto"], !a.isNull, requireMapping(a, "'auto'") {
            checkKeys(a, allowed: Self.autoKeys, in: "'auto'")
            let fallback = bool(a, "fallback", in: "'auto'") ?? false
            let jurisdictions = stringList(a, "jurisdictions").map { $0.uppercased() }
            if jurisdictions.isEmpty, !fallback {
                fail(a, "'auto' needs the jurisdictions that call for the profile, or fallback: true",
                     hint: "e.g. auto: {jurisdictions: [US], when: {path: condition.icd10, matches: '^G80'}}")
            }
            let when = a["when"].flatMap { condition($0, what: "the auto condition of profile \(id)") }
            auto = Profile.Auto(jurisdictions: jurisdictions, when: when, fallback: fallback)
        }
        let extends = pathList(node, "extends").map { (WrittenPath.resolve($0.text, from: directory), $0.location) }
        guard diagnostics.count == before else { return nil }
        return Profile(id: id, title: string(node, "title", required: false, in: "'profile'"), include: include,
                       overrides: overrides, file: file, includeLocations: includeLocations, auto: auto, extends: extends)
    }
}
