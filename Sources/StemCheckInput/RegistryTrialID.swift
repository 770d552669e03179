import StemCheckModel
import YAMLSource

/// Whether a `--registry-record` is the record of the protocol it is grafted into: the record's
/// trial id (`nctId`) against the registration ids the protocol states (docs/import.md).
enum RegistryTrialID {
    /// One registration id stated in the protocol.
    struct Stated {
        /// Its field path, for messages (`registration.id`, `registration.secondary_ids[1].id`).
        var path: String
        var id: String
        /// Where the id is (in the protocol file, or in the JSON it was imported from).
        var location: SourceLocation?
        /// Whether it is a ClinicalTrials.gov registration (registry named so, or an `NCT` id).
        var isClinicalTrialsGov: Bool
    }

    /// The registration ids a protocol states, in order: schema v2 `registrations[*].id`, or v1
    /// `registration.id` and `registration.secondary_ids[*].id`.
    static func stated(in root: YAMLNode) -> [Stated] {
        func entry(_ map: YAMLNode?, _ path: String) -> Stated? {
            guard let map, map.kind == .mapping, let value = map["id"], let id = text(value) else { return nil }
            let registry = map["registry"].flatMap(text)?.lowercased()
            let ctgov = registry == "clinicaltrials.gov" || id.uppercased().hasPrefix("NCT")
            return Stated(path: path + ".id", id: id, location: value.location, isClinicalTrialsGov: ctgov)
        }
        guard root.kind == .mapping else { return [] }
        var out: [Stated] = []
        if let list = root["registrations"], list.kind == .sequence {
            for (n, item) in list.items.enumerated() {
                if let stated = entry(item, "registrations[\(n)]") { out.append(stated) }
            }
        }
        let registration = root["registration"]
        if let primary = entry(registration, "registration") { out.append(primary) }
        if let list = registration?.kind == .mapping ? registration?["secondary_ids"] : nil, list.kind == .sequence {
            for (n, item) in list.items.enumerated() {
                if let secondary = entry(item, "registration.secondary_ids[\(n)]") { out.append(secondary) }
            }
        }
        return out
    }

    /// Throws when the protocol states registration ids and none of them is the record's trial id.
    /// A protocol that states no registration id is not refused (the report notes the record's id).
    static func check(_ record: RegistryRecord, against root: YAMLNode, bytes: [UInt8], file: String) throws(InputError) {
        guard let recordValue = record.tree["id"], let recordID = text(recordValue) else { return }
        let ids = stated(in: root)
        guard !ids.isEmpty, !ids.contains(where: { same($0.id, recordID) }) else { return }
        // Point at the ClinicalTrials.gov id the protocol states, else at its primary registration.
        let shown = ids.first(where: \.isClinicalTrialsGov) ?? ids[0]
        let location = shown.location ?? root.location
        let recordAt = recordValue.source.map { "\($0)" } ?? record.file
        let field = recordValue.sourcePath.map { $0.hasPrefix("$.") ? String($0.dropFirst(2)) : $0 } ?? "nctId"
        let message = "\(shown.path) is \(shown.id), but the registry record \(record.file) is for \(recordID) (\(field) at \(recordAt))"
        let hint: String
        if ids.contains(where: \.isClinicalTrialsGov) {
            hint = "give this protocol's own record (https://clinicaltrials.gov/api/v2/studies/\(shown.id)), or correct \(shown.path)"
        } else {
            let list = shown.path.hasPrefix("registrations[") ? "registrations as {registry: ClinicalTrials.gov, id: \(recordID), primary: false}"
                : "registration.secondary_ids as {registry: ClinicalTrials.gov, id: \(recordID)}"
            hint = "give this protocol's own record; if the trial is also registered as \(recordID), add it to " + list
        }
        // No caret under a line cut short (minified JSON): it would point at the wrong place.
        let line = location.file == file ? SourceText.line(location.line, in: bytes).flatMap { $0.unicodeScalars.count >= location.column ? $0 : nil } : nil
        throw InputError([Diagnostic(location, message, hint: hint, sourceLine: line)])
    }

    /// The report note for a record grafted into a protocol that states no registration id; nil otherwise.
    static func unmatchedNote(_ record: RegistryRecord, protocolRoot root: YAMLNode) -> String? {
        guard let value = record.tree["id"], let recordID = text(value), stated(in: root).isEmpty else { return nil }
        let at = value.source.map { " (\($0))" } ?? ""
        return "registry record \(recordID)\(at) is not compared with a registration id: the protocol states none; "
            + "add \(root["schema_version"]?.int == 2 ? "registrations[0].id" : "registration.id") to have it checked"
    }

    /// Ids compare ignoring case and surrounding spaces.
    static func same(_ a: String, _ b: String) -> Bool {
        a.trimmingSpaces().uppercased() == b.trimmingSpaces().uppercased()
    }

    static func text(_ node: YAMLNode) -> String? {
        switch node.kind {
        case .string: return node.string.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }
        case .int: return node.text
        default: return nil
        }
    }

    static func text(_ value: ImportedValue) -> String? {
        switch value.content {
        case .string(let s): return s.trimmingSpaces().isEmpty ? nil : s
        case .int(let n): return String(n)
        default: return nil
        }
    }
}
