import Foundation
import StemCheckModel
import StemCheckReview

// What each page's template renders. Values only: the handlers build them from the service's
// views; Mustache reads them by reflection.

/// The frame of every page: the board, the signed-in user, a notice after an action.
struct Chrome: Sendable {
    struct User: Sendable {
        var name: String
        var roles: String
        var csrf: String
        var canSubmit: Bool
        var isAdmin: Bool
    }
    var board: String
    var user: User?
    var notice: String?
}

/// A `<select>`'s option.
struct Choice: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// A list with its count, for sections shown only when not empty. (Stored properties: Mustache
/// reads values by reflection, which does not see computed ones.)
struct Listing<Item: Sendable>: Sendable {
    let items: [Item]
    let any: Bool
    let count: Int
    init(_ items: [Item]) {
        self.items = items
        any = !items.isEmpty
        count = items.count
    }
}

struct Count: Sendable {
    var label: String
    var count: Int
}

struct SignInPage: Sendable {
    var chrome: Chrome
    var next: String
    var login: String
    var problem: String?
    /// The form's token, also in the sign-in cookie.
    var token: String
}

struct ErrorPage: Sendable {
    var chrome: Chrome
    var heading: String
    var message: String
    var hint: String?
    var back: String?
}

struct QueuePage: Sendable {
    struct Tab: Sendable {
        var href: String
        var label: String
        var count: Int
        var current: Bool
    }
    struct Item: Sendable {
        var id: Int64
        var title: String
        var type: String
        var state: String
        var verdictClass: String
        var verdictLabel: String
        var submitter: String
        var reviewers: String
        var age: String
        var latestVersion: Int
    }
    var chrome: Chrome
    var tabs: [Tab]
    var queue: String?
    var verdicts: [Choice]
    var reviewers: [Choice]
    var ages: [Choice]
    var sorts: [Choice]
    var caption: String
    var items: [Item]
    var hasItems: Bool
}

struct NewSubmissionPage: Sendable {
    var chrome: Chrome
}

/// One result of a stored report (the CLI's JSON report, `--detail full`).
struct StoredResult: Decodable, Sendable {
    struct Place: Decodable, Sendable { var line: Int; var column: Int }
    struct Missing: Decodable, Sendable { var path: String; var reason: String? }
    var rule: String
    var title: String?
    var severity: String
    var status: String
    var message: String
    var path: String?
    var location: Place?
    var citation: String?
    var remediation: String?
    var missing: [Missing]?
}

struct StoredReport: Decodable, Sendable {
    var results: [StoredResult]
}

struct SubmissionPage: Sendable {
    struct Violation: Sendable {
        var rule: String
        var title: String
        var severity: String
        var message: String
        var remediation: String?
        var citation: String?
        var `where`: String
    }
    struct NotStated: Sendable {
        var path: String
        var reason: String?
        var rules: String
    }
    struct ChecklistItem: Sendable {
        var index: Int
        var rule: String
        var title: String
        var kind: String
        var message: String
        var attestations: [AttestationView]
        var canAttest: Bool
    }
    struct Stipulation: Sendable {
        var id: Int64
        var anchor: String?
        var text: String
        var status: String
        var response: String?
        var raisedBy: String
        var raisedAt: String
        var versionSeq: Int
        var canAddress: Bool
        var canResolve: Bool
    }
    struct Condition: Sendable {
        var id: Int64
        var text: String
        var status: String
        var canVerify: Bool
    }
    struct Determination: Sendable {
        var kind: String
        var versionSeq: Int
        var basis: String?
        var signature: SignatureView?
        var conditions: Listing<Condition>
        var letterId: Int64?
    }
    struct Comment: Sendable {
        var rule: String?
        var text: String
        var author: String
        var createdAt: String
        var versionSeq: Int
    }
    struct Version: Sendable {
        var seq: Int
        var filename: String
        var verdictLabel: String
        var createdAt: String
        var hasReport: Bool
        var previous: Int?
    }
    struct SimpleAction: Sendable {
        var action: String
        var label: String
        var danger: Bool
    }
    struct Actions: Sendable {
        var simple: [SimpleAction]
        var accept: Bool
        var determine: Bool
        var assign: Bool
        var returnForm: Bool
        var upload: Bool
        var comment: Bool
        /// Whether the actions panel has anything to show.
        var any: Bool
    }
    struct Result: Sendable {
        var rule: String
        var title: String
        var status: String
        var statusLabel: String
        var severity: String
        var message: String
    }
    struct Reviewer: Sendable {
        var login: String
        var name: String
    }

    var chrome: Chrome
    var id: Int64
    var submissionId: Int64
    var title: String
    var state: String
    var reviewPath: String?
    var submitter: String
    var revision: Int64
    var version: VersionView
    var inputError: String?
    var verdict: String?
    var verdictClass: String
    var verdictLabel: String
    var verdictExplanation: String
    var counts: [Count]
    var actions: Actions
    var reviewerChoices: [Reviewer]
    var stipulations: Listing<Stipulation>
    var violations: Listing<Violation>
    var notStated: Listing<NotStated>
    var checklist: Listing<ChecklistItem>
    var determinations: Listing<Determination>
    var comments: Listing<Comment>
    var ruleChoices: [String]
    var versions: [Version]
    var canSeeAudit: Bool
    var allResults: Listing<Result>
}

struct ComparePage: Sendable {
    struct Entry: Sendable {
        var rule: String
        var title: String
        var severity: String
        var before: String
        var after: String
        var beforeClass: String
        var afterClass: String
    }
    struct Group: Sendable {
        var key: String
        var label: String
        var count: Int
        var entries: [Entry]
    }
    var chrome: Chrome
    var id: Int64
    var title: String
    var fromSeq: Int
    var toSeq: Int
    var fromChoices: [Choice]
    var toChoices: [Choice]
    var counts: [Count]
    var groups: [Group]
}

struct DeterminationPage: Sendable {
    var chrome: Chrome
    var id: Int64
    var title: String
    var versionSeq: Int
    var verdictLabel: String
    var revision: Int64
    var kinds: [Choice]
    var kind: String
    var basis: String
    var conditions: String
    var preview: String?
}

struct AuditPage: Sendable {
    struct Event: Sendable {
        var seq: Int64
        var at: String
        var actorName: String
        var action: String
        var entity: String
        var entityID: Int64
        var detail: String
        var shortDigest: String
    }
    var chrome: Chrome
    var id: Int64
    var title: String
    var events: [Event]
}

struct UsersPage: Sendable {
    struct User: Sendable {
        var login: String
        var printedName: String
        var roles: String
        var status: String
        var toggle: String
        var toggleLabel: String
    }
    var chrome: Chrome
    var users: [User]
    var roleNames: String
}

/// Words the pages use for statuses and verdicts.
enum PageWords {
    /// The reports' word for a stored verdict (`Verdict.label`); "not checked" for none.
    static func verdictLabel(_ verdict: String?) -> String {
        guard let verdict else { return "not checked" }
        return Verdict(rawValue: verdict)?.label ?? verdict
    }

    static func verdictExplanation(_ verdict: String?) -> String {
        switch verdict {
        case "fail": "At least one error-severity requirement is violated."
        case "incomplete": "No violation found, but the protocol does not state what some error-severity requirements need."
        case "needs_review": "Complete and without violations; error-severity review items await a person's judgement."
        case "pass": "Every error-severity requirement is met, attested or waived."
        default: "The protocol could not be checked."
        }
    }

    static func statusLabel(_ status: String) -> String {
        switch status {
        case "fail": "violated"
        case "unknown": "not stated"
        case "not_applicable": "not applicable"
        case "review": "needs review"
        case "pass": "met"
        default: status
        }
    }

    static func changeLabel(_ change: ResultChange) -> String {
        switch change {
        case .fixed: "Fixed"
        case .new: "New problems"
        case .changed: "Changed"
        case .unchanged: "Unchanged"
        }
    }

    /// The time of an ISO-8601 UTC timestamp as the service writes it.
    static func date(_ time: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: time) ?? ISO8601DateFormatter().date(from: time)
    }

    /// Whole days from `time` to now.
    static func days(since time: String, now: Date) -> Int? {
        date(time).map { max(0, Int(now.timeIntervalSince($0))) / 86_400 }
    }

    /// "3 d", "5 h", "12 min", from an ISO-8601 UTC time to now.
    static func age(since time: String, now: Date) -> String {
        guard let date = date(time) else { return "" }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<3600: return "\(seconds / 60) min"
        case ..<86_400: return "\(seconds / 3600) h"
        default: return "\(seconds / 86_400) d"
        }
    }
}
