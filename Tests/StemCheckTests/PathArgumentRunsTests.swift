import Testing
@testable import StemCheckRun

/// `PathArgumentRuns`: long runs of path arguments are folded for the parser and unfolded after,
/// losing nothing and never folding what the parser could read as an option or an option's value.
@Suite struct PathArgumentRunsTests {
    static func paths(_ prefix: String, _ count: Int) -> [String] {
        (0..<count).map { "\(prefix)\($0).yaml" }
    }

    /// Every argument the fold replaced: one that does not start with `-` after one that does not
    /// either (or after the subcommand).
    static func foldedOnlyPaths(_ arguments: [String], _ folded: [String], _ runs: PathArgumentRuns) -> Bool {
        var n = 0
        for argument in folded {
            guard argument.hasPrefix("\u{0}") else { n += 1; continue }
            for _ in runs.unfold([argument]) {
                guard n > 0, !arguments[n].hasPrefix("-"), !arguments[n - 1].hasPrefix("-") else { return false }
                n += 1
            }
        }
        return n == arguments.count
    }

    @Test func aLongListOfPathsBecomesOnePlaceholder() {
        let arguments = ["check"] + Self.paths("p", 10_000)
        let (folded, runs) = PathArgumentRuns.fold(arguments)
        #expect(folded.count == 2)
        #expect(folded[0] == "check")
        #expect(runs.unfold(Array(folded.dropFirst())) == Array(arguments.dropFirst()))
    }

    @Test func optionsAndTheirValuesAreLeftToTheParser() {
        let arguments = ["check", "--jobs", "2"] + Self.paths("a", 20) + ["--format", "json=run.json"] + Self.paths("b", 30)
            + ["-", "--quiet"] + Self.paths("c", 17) + ["--rules=packs", "--", "-odd-name.yaml"] + Self.paths("d", 40) + ["--color", "never"]
        let (folded, runs) = PathArgumentRuns.fold(arguments)
        #expect(runs.unfold(folded) == arguments)
        #expect(Self.foldedOnlyPaths(arguments, folded, runs))
        for kept in ["--jobs", "2", "--format", "json=run.json", "-", "--quiet", "--rules=packs", "--", "-odd-name.yaml", "--color", "never"] {
            #expect(folded.contains(kept), "\(kept) was folded")
        }
        // The path after a flag or `--` is left too (the parser may take it as the flag's value as
        // far as the fold knows), and so is a path after an option's value when the run is short.
        #expect(folded.contains("c0.yaml"))
        #expect(folded.contains("d0.yaml"))
        #expect(runs.runs.map(\.count) == [20, 30, 16, 39])
    }

    @Test func shortRunsAreLeftAsWritten() {
        let arguments = ["check", "a.yaml", "b.yaml", "--jobs", "1"] + Self.paths("x", PathArgumentRuns.minimumRun - 1)
        let (folded, runs) = PathArgumentRuns.fold(arguments)
        #expect(folded == arguments)
        #expect(runs.runs.isEmpty)
        #expect(runs.unfold(["a.yaml", "b.yaml"]) == ["a.yaml", "b.yaml"])
    }

    @Test func unfoldKeepsValuesThatAreNotPlaceholders() {
        let (_, runs) = PathArgumentRuns.fold(["check"] + Self.paths("p", 20))
        #expect(runs.unfold(["\u{0}paths:0", "z.yaml", "\u{0}paths:7", "\u{0}other"]) == Self.paths("p", 20) + ["z.yaml", "\u{0}paths:7", "\u{0}other"])
    }
}
