@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun
import Testing
import YAMLSource

/// Reports built by the real engine from an inline rule pack and inline protocols, with a fixed
/// clock, so every reporter can be tested on the same facts.
enum ReportFixture: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// Every rule passes, review rules attested.
    case compliant
    /// Missing fields, a unit mismatch (status error), a valid and an expired waiver, an
    /// attestation, a review item, an unknown key.
    case failing
    /// Markup, quotes, `]]>`, pipes, `%`, newlines and a control character in titles and values,
    /// and an odd file name.
    case hostile

    var testDescription: String { rawValue }

    /// The protocol's path as a user would give it.
    var path: String {
        switch self {
        case .compliant: return "examples/compliant.yaml"
        case .failing: return "examples/failing.yaml"
        case .hostile: return "./odd dir/<b>hostile</b> & 'q' 100%.yaml"
        }
    }

    /// The report, with the real tool version.
    var report: Report { Self.reports[self]! }

    /// The report with volatile values replaced by placeholders, for golden files.
    var goldenReport: Report {
        var r = report
        r.toolVersion = "{{TOOL_VERSION}}"
        return r
    }

    static let reports: [ReportFixture: Report] = {
        let catalog = try! RuleCatalog.load(sources: packs, loader: YAMLLoader())
        let rules = try! catalog.select(profile: nil)
        // 2026-11-25, so the 2027 waiver is valid and the 2020 one has expired.
        // The reporters' fixtures are about report formats; the schema's results are tested apart.
        let checker = Checker(rules: rules, options: CheckOptions(failOn: .error, today: 20782, generatedAt: "2026-11-25T10:00:00Z"),
                              schema: nil)
        var out: [ReportFixture: Report] = [:]
        for fixture in ReportFixture.allCases {
            out[fixture] = try! checker.check(bytes: Array(fixture.text.utf8), name: fixture.path)
        }
        return out
    }()

    static let packs: [RuleCatalog.Source] = [
        RuleCatalog.Source(name: "rules/core-demo.yaml", bytes: Array(corePack.utf8), directory: "rules"),
        RuleCatalog.Source(name: "rules/consent-demo.yaml", bytes: Array(consentPack.utf8), directory: "rules"),
    ]

    static let corePack = """
    pack:
      id: core-demo
      title: Core demo requirements
      version: "1.0"
      source: {title: "Demo guidance", url: "https://example.org/core-demo", published: 2026-01-01}
    rules:
      - id: CORE-ID
        title: The protocol has an identifier
        severity: error
        citation: "Demo guidance §1.1"
        url: https://example.org/core-demo#id
        check: {path: protocol.id, exists: true}
        remediation: "Add protocol.id."
        tags: [identity, registry]
      - id: CORE-TITLE
        title: The protocol title is descriptive | at least 10 characters
        severity: warning
        citation: "Demo guidance §1.2 & annex <A>"
        check: {path: protocol.title, min_length: 10}
        message: "Title too short ({path} = {value})"
        remediation: "Write a title of at least 10 characters."
      - id: CORE-FOLLOW-UP
        title: Follow-up lasts at least 24 months
        severity: error
        citation: "Demo guidance §4"
        check: {path: follow_up.duration, gte: "24 months"}
        message: "Follow-up too short ({path} = {value})"
        remediation: "Extend follow_up.duration to 24 months or more."
        tags: [follow-up]
      - id: CORE-DOSE
        title: Dose is at most 1e8 cells/kg
        severity: error
        citation: "Demo guidance §5"
        check: {path: administration.dose, lte: "1e8 cells/kg"}
        remediation: "State administration.dose in cells/kg."
      - id: CORE-DSMB
        title: An independent data safety monitoring board is named
        severity: warning
        citation: "Demo guidance §6"
        check: {all: [{path: safety.dsmb.name, exists: true}, {path: safety.dsmb.independent, equals: true}]}
        remediation: "Name the DSMB in safety.dsmb.name and make it independent of the sponsor."
      - id: CORE-PEDS
        title: Paediatric studies justify enrolling children
        severity: error
        citation: "Demo guidance §7"
        when: {path: participants.age_min_years, lt: 18}
        check: {path: participants.vulnerable_justification, min_length: 20}
        remediation: "Explain why children are needed."
      - id: CORE-ETHICS-REVIEW
        title: The ethics board has reviewed the risk-benefit assessment
        severity: error
        kind: review
        citation: "Demo guidance §8"

    """

    static let consentPack = """
    pack:
      id: consent-demo
      title: Consent demo requirements
      version: "2.3"
    rules:
      - id: CONS-FORM-VERSION
        title: The consent form is versioned (v1, v2, ...)
        severity: info
        citation: "Consent guide 2.1"
        check: {path: consent.form_version, matches: "^v[0-9]+$"}
        message: "Consent form version {value} is not of the form vN"
        remediation: "Set consent.form_version to v1, v2, ..."
      - id: CONS-LANGUAGES
        title: Consent forms exist in the participants' languages
        severity: warning
        citation: "Consent guide 2.4"
        url: "javascript:alert(3)"
        check: {path: consent.languages, min_items: 1}
        remediation: "List consent.languages."
      - id: CONS-COMPREHENSION
        title: Participants' comprehension is assessed
        severity: warning
        kind: review
        citation: "Consent guide 3"

    """

    var text: String {
        switch self {
        case .compliant: return """
            protocol:
              id: DEMO-001
              title: Umbilical cord blood for cerebral palsy, phase 2
            follow_up:
              duration: 2 years
            administration:
              dose: 5e7 cells/kg
            safety:
              dsmb: {name: "Independent DSMB", independent: true}
            participants:
              age_min_years: 2
              vulnerable_justification: "CP is a disorder of the developing brain and needs children"
            consent:
              form_version: v3
              languages: [en, es]
            attestations:
              CORE-ETHICS-REVIEW: {by: "Dr A. Reviewer", date: 2026-10-02, statement: "Risk-benefit reviewed at meeting 12"}
              CONS-COMPREHENSION: {by: "IRB 2026-114", date: 2026-10-03}

            """
        case .failing: return """
            protocol:
              id: DEMO-002
              title: MSC
            follow_up:
              duration: 12 months
            administration:
              dose: 3e6 cells
            safety:
              dsmb: {name: "Sponsor safety committee", independent: false}
            participants:
              age_min_years: 1
            consent:
              form_version: "3"
              langauges: [en]
            attestations:
              CONS-COMPREHENSION: {by: "IRB 2026-114", date: 2026-10-03, statement: "Teach-back method"}
            waivers:
              - rule: CORE-DSMB
                justification: "Phase 1 single-site; the sponsor's safety committee acts as DSMB"
                approved_by: "IRB 2026-114"
                expires: 2027-06-30
              - rule: CORE-FOLLOW-UP
                justification: "old"
                approved_by: "IRB"
                expires: 2020-01-01

            """
        case .hostile: return #"""
            protocol:
              id: "HOST|ILE`1` <i>"
              title: "<script>alert(1)</script> \"quoted\" 'single' ]]> a | b 100% done\nsecond line \u0001 ctl & <b>bold</b> `code` *em* [x](javascript:alert(4))"
            follow_up:
              duration: "<img src=x onerror=alert(1)> | 3 months"
            administration:
              dose: "]]><!-- 5e7 cells/kg"
            safety:
              dsmb: {independent: false}
            consent:
              form_version: "v1\n<script>x</script>|%0A\r\n::error::"
            attestations:
              CORE-ETHICS-REVIEW: {by: "<b>Dr</b> \"X\" & 'Y'", date: 2026-10-02, statement: "</td></tr></table><script>alert(5)</script>\n| injected | row |"}
            waivers:
              - rule: CORE-DSMB
                justification: "<script>alert(2)</script> ]]> | pipe\nnewline \u0007bell"
                approved_by: "\"IRB\" & co"
                expires: 2027-06-30

            """#
        }
    }
}

/// How golden files are named for each format.
extension ReportFormat {
    var goldenSuffix: String {
        switch self {
        case .text: return ".txt"
        case .github: return ".github.txt"
        default: return reporter.fileSuffix!
        }
    }
}
