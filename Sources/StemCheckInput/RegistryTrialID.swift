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

    /// `registration.id` and `registration.secondary_ids[*].id`, in that order.
    static func stated(in tree: ImportedValue) -> [Stated] {
        func entry(_ map: ImportedValue?, _ path: String) -> Stated? {
            guard let map, let value = map["id"], let id = text(value) else { return nil }
            let registry = map["registry"].flatMap(text)?.lowercased()
            let ctgov = registry == "clinicaltrials.gov" || id.uppercased().hasPrefix("NCT")
            return Stated(path: path + ".id", id: id, location: value.source, isClinicalTrialsGov: ctgov)
        }
        let registration = tree["registration"]
        var out: [Stated] = []
        if let primary = entry(registration, "registration") { out.append(primary) }
        if case .list(let items)? = registration?["secondary_ids"]?.content {
            for (n, item) in items.enumerated() {
                if let secondary = entry(item, "registration.secondary_ids[\(n)]") { out.append(secondary) }
            }
        }
        return out
    }

    /// Throws when the protocol states registration ids and none of them is the record's trial id.
    /// A protocol that states no registration id is not refused (the report notes the record's id).
    static func check(_ record: RegistryRecord, against tree: ImportedValue, bytes: [UInt8], file: String) throws(InputError) {
        guard let recordValue = record.tree["id"], let recordID = text(recordValue) else { return }
        let ids = stated(in: tree)
        guard !ids.isEmpty, !ids.contains(where: { same($0.id, recordID) }) else { return }
        // Point at the ClinicalTrials.gov id the protocol states, else at its primary registration.
        let shown = ids.first(where: \.isClinicalTrialsGov) ?? ids[0]
        let location = shown.location ?? tree.source ?? SourceLocation(file: file, line: 1, column: 1)
        let recordAt = recordValue.source.map { "\($0)" } ?? record.file
        let field = recordValue.sourcePath.map { $0.hasPrefix("$.") ? String($0.dropFirst(2)) : $0 } ?? "nctId"
        let message = "\(shown.path) is \(shown.id), but the registry record \(record.file) is for \(recordID) (\(field) at \(recordAt))"
        let hint: String
        if ids.contains(where: \.isClinicalTrialsGov) {
            hint = "give this protocol's own record (https://clinicaltrials.gov/api/v2/studies/\(shown.id)), or correct \(shown.path)"
        } else {
            hint = "give this protocol's own record; if the trial is also registered as \(recordID), "
                + "add it to registration.secondary_ids as {registry: ClinicalTrials.gov, id: \(recordID)}"
        }
        // No caret under a line cut short (minified JSON): it would point at the wrong place.
        let line = location.file == file ? sourceLine(location.line, in: bytes).flatMap { $0.unicodeScalars.count >= location.column ? $0 : nil } : nil
        throw InputError([Diagnostic(location, message, hint: hint, sourceLine: line)])
    }

    /// The report note for a record grafted into a protocol that states no registration id; nil otherwise.
    static func unmatchedNote(_ tree: ImportedValue) -> String? {
        guard let value = tree.value(at: "registry_record.id"), let recordID = text(value), stated(in: tree).isEmpty else { return nil }
        let at = value.source.map { " (\($0))" } ?? ""
        return "registry record \(recordID)\(at) is not compared with a registration id: the protocol states none; "
            + "add registration.id to have it checked"
    }

    /// Ids compare ignoring case and surrounding spaces.
    static func same(_ a: String, _ b: String) -> Bool {
        a.trimmingSpaces.uppercased() == b.trimmingSpaces.uppercased()
    }

    static func text(_ value: ImportedValue) -> String? {
        switch value.content {
        case .string(let s): return s.trimmingSpaces.isEmpty ? nil : s
        case .int(let n): return String(n)
        default: return nil
        }
    }

    /// Line `number` (1-based) of `bytes`, for the caret display.
    static func sourceLine(_ number: Int, in bytes: [UInt8]) -> String? {
        var current = 1
        var start = 0
        var i = 0
        while i < bytes.count, current < number {
            if bytes[i] == 0x0A { current += 1; start = i + 1 }
            i += 1
        }
        guard current == number, start <= bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, end - start < 400 { end += 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension ImportedProtocol {
    /// A note for the report when a `--registry-record` was grafted into a protocol that states no
    /// registration id to compare it with; nil otherwise.
    public var registryRecordNote: String? { RegistryTrialID.unmatchedNote(tree) }
}

private extension String {
    var trimmingSpaces: Substring {
        let s = self.drop(while: { $0 == " " || $0 == "\t" })
        return s.prefix(upTo: s.lastIndex(where: { $0 != " " && $0 != "\t" }).map { s.index(after: $0) } ?? s.startIndex)
    }
}
