/// A rule's outcome on one protocol (SPEC 3.4).
public enum Status: String, Sendable, CaseIterable, Codable {
    case pass
    case fail
    case notApplicable = "not_applicable"
    case review
    case waived
    case error
}
