import Testing
@testable import StemCheckModel
import StemCheckReports

/// `--exclude` patterns (docs/configuration.md, "Excluding files") and `--color auto`.
@Suite struct PathGlobTests {
    static let cases: [(pattern: String, path: String, matches: Bool)] = [
        ("drafts", "protos/drafts/b.yaml", true),          // a folder, and all below it
        ("drafts", "protos/drafts", true),
        ("drafts", "protos/drafts.yaml", false),
        ("*.draft.yaml", "a/b/c.draft.yaml", true),        // a name at any depth
        ("*.draft.yaml", "c.draft.yaml.bak", false),
        ("*.yaml", "a/b.yml", false),
        ("a/*.yaml", "x/a/b.yaml", true),                  // not anchored
        ("a/*.yaml", "a/b/c.yaml", false),                 // `*` stops at `/`
        ("a/**/c.yaml", "a/c.yaml", true),                 // `**` is any number of folders, none included
        ("a/**/c.yaml", "a/b/d/c.yaml", true),
        ("**/old/**", "protos/old/x/c.yaml", true),
        ("**", "anything/at/all", true),
        ("p?.yaml", "p1.yaml", true),
        ("p?.yaml", "p12.yaml", false),
        ("p[0-9].yaml", "p7.yaml", true),
        ("p[!0-9].yaml", "p7.yaml", false),
        ("p[!0-9].yaml", "pa.yaml", true),
        ("\\*.yaml", "*.yaml", true),
        ("\\*.yaml", "a.yaml", false),
        ("./protos/a.yaml", "./protos/a.yaml", true),    // `./` ignored on both sides
        ("protos/a.yaml", "/abs/protos/a.yaml", true),
    ]

    @Test(arguments: cases) func matching(_ c: (pattern: String, path: String, matches: Bool)) throws {
        #expect(try PathGlob(c.pattern).matches(c.path) == c.matches, "\(c.pattern) ~ \(c.path)")
    }

    @Test func badPatternsAreRefused() {
        #expect(throws: PathGlob.PatternError(message: "'[' is not closed by ']'")) { try PathGlob("[ab") }
        #expect(throws: PathGlob.PatternError(message: "an empty pattern matches nothing")) { try PathGlob("/") }
        #expect(throws: PathGlob.PatternError(message: "the pattern ends in a lone '\\'")) { try PathGlob("a\\") }
        #expect(throws: PathGlob.PatternError(message: "the range 'z-a' is backwards")) { try PathGlob("[z-a]") }
    }

    /// What a terminal test cannot show: auto colours a terminal unless NO_COLOR or TERM=dumb says no.
    @Test func colourAutoFollowsTheTerminalAndTheEnvironment() {
        #expect(ColorMode.auto.enabled(isTerminal: true, environment: ["TERM": "xterm-256color"]))
        #expect(ColorMode.auto.enabled(isTerminal: true, environment: ["NO_COLOR": ""]))  // set but empty: no effect
        #expect(!ColorMode.auto.enabled(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!ColorMode.auto.enabled(isTerminal: true, environment: ["TERM": "dumb"]))
        #expect(!ColorMode.auto.enabled(isTerminal: false, environment: [:]))
        #expect(ColorMode.always.enabled(isTerminal: false, environment: ["NO_COLOR": "1", "TERM": "dumb"]))
        #expect(!ColorMode.never.enabled(isTerminal: true, environment: [:]))
    }
}
