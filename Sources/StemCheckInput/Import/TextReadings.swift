/// What the free-text readers found in the texts of one registry record, each text read once
/// (issue 20: registry records).
///
/// An intervention's own description is read for every arm that gives it, and the readers
/// (`InterventionText.cellDoses(in:)`, `routes(in:)`, `administrationCounts(in:)`,
/// `interval(in:)`) search a text with several patterns each time. They are functions of the
/// text alone, so their answers are kept by text for the record. One importer run makes one and
/// reads on one thread: it is not shared.
final class TextReadings {
    private var doses: [String: [InterventionText.CellDose]] = [:]
    private var routes: [String: [(value: String, source: String, remark: String?)]] = [:]
    private var counts: [String: [(value: Int, source: String)]] = [:]
    private var intervals: [String: (interval: (value: String, source: String)?, timing: (value: String, source: String)?)] = [:]

    /// `InterventionText.cellDoses(in:)`, read once per text.
    func cellDoses(in text: String) -> [InterventionText.CellDose] {
        Self.read(text, &doses, InterventionText.cellDoses(in:))
    }

    /// `InterventionText.routes(in:)`, read once per text.
    func routes(in text: String) -> [(value: String, source: String, remark: String?)] {
        Self.read(text, &routes, InterventionText.routes(in:))
    }

    /// `InterventionText.administrationCounts(in:)`, read once per text.
    func administrationCounts(in text: String) -> [(value: Int, source: String)] {
        Self.read(text, &counts, InterventionText.administrationCounts(in:))
    }

    /// `InterventionText.interval(in:)`, read once per text.
    func interval(in text: String) -> (interval: (value: String, source: String)?, timing: (value: String, source: String)?) {
        Self.read(text, &intervals, InterventionText.interval(in:))
    }

    private static func read<Found>(_ text: String, _ kept: inout [String: Found], _ reader: (String) -> Found) -> Found {
        if let found = kept[text] { return found }
        let found = reader(text)
        kept[text] = found
        return found
    }
}
