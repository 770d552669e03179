import StemCheckModel

/// The titles the protocol schema gives its fields, for sentences that name a field:
/// "Minimum age in years (participants.age_min_years) is not stated".
enum FieldTitles {
    /// A documented field's phrases, made once: unknown results name their fields in every protocol
    /// checked, so the sentences are built when the table is, not per result.
    struct Phrases: Sendable {
        /// `Title (path)`.
        var named: String
        /// `Title (path) is not stated`.
        var notStated: String
    }

    /// Phrases by field path, list items as `[*]` (from the table generated from the schema).
    static let byPath: [String: Phrases] = {
        var table: [String: Phrases] = [:]
        table.reserveCapacity(EmbeddedResources.documentedFieldTable.count)
        for field in EmbeddedResources.documentedFieldTable where table[field.path] == nil {
            let named = "\(field.title) (\(field.path))"
            table[field.path] = Phrases(named: named, notStated: named + " is not stated")
        }
        return table
    }()

    /// `Title (path)` for a documented field, else the path alone. A concrete index (`arms[2]`) is
    /// looked up as `[*]`; the path is shown as given.
    static func named(_ path: String) -> String {
        if let phrases = byPath[path] { return phrases.named }
        if path.utf8.contains(UInt8(ascii: "[")) {
            let general = MissingField.wildcarded(path)
            if let phrases = byPath[general] { return String(phrases.named.dropLast(general.count + 1)) + path + ")" }
        }
        return path
    }

    /// `Title (path) is not stated`.
    static func notStated(_ path: String) -> String {
        byPath[path]?.notStated ?? named(path) + " is not stated"
    }
}
