import Foundation

/// What a user of the review service may do (docs/server.md, "Roles"). A user may hold several;
/// the system administrator manages accounts and never signs or edits records (21 CFR 11.200(a)(3)).
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    /// Uploads protocols, submits, answers stipulations, withdraws: only their own submissions.
    case submitter
    /// Board staff: pre-review, returns with stipulations, routes and assigns reviewers.
    case analyst
    /// Reviews the submissions assigned to them; records attestations; decides expedited reviews.
    case reviewer
    /// Chair or designee: everything an analyst does, signs determinations, verifies conditions.
    case chair
    /// Reads everything, changes nothing.
    case auditor
    /// Manages accounts and API tokens; sees no submission.
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Roles that see every submission of the board (read access).
    public var seesAllSubmissions: Bool { self == .analyst || self == .chair || self == .auditor }

    /// Parses a comma-separated list such as `analyst,reviewer`; nil names the first unknown role.
    public static func parseList(_ text: String) -> Result<[Role], UnknownRole> {
        var roles: [Role] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let role = Role(rawValue: name) else { return .failure(UnknownRole(name: name)) }
            if !roles.contains(role) { roles.append(role) }
        }
        return .success(roles.sorted())
    }

    /// The list form stored and shown: `analyst,reviewer`.
    public static func listText(_ roles: [Role]) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// A role name that is not one of `Role`'s.
public struct UnknownRole: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
        "unknown role '\(name)'; roles are " + Role.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
