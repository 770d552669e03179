import Foundation
import Synchronization
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine
@testable import StemCheckInput
@testable import StemCheckReports
@testable import StemCheckRun

/// Issue 20: the workers of a large run each check with rules compiled again for them alone
/// (`RuleCatalog.recompiled`, `BatchCheck.Lane`), so that no two workers change the same rule
/// objects' reference counts; what they decide, and every byte written, stays the same.
@Suite struct WorkerRulesTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    @Test func theShippedCatalogCompiledAgainIsTheSameRulesInOtherObjects() throws {
        let catalog = try RuleCatalog.shipped()
        let again = try #require(catalog.recompiled())
        #expect(again.packs.map(\.id) == catalog.packs.map(\.id))
        #expect(again.packs.map(\.sha256) == catalog.packs.map(\.sha256))
        #expect(again.packs.map(\.version) == catalog.packs.map(\.version))
        #expect(again.profiles.map(\.id) == catalog.profiles.map(\.id))
        let rules = catalog.packs.flatMap(\.rules), copies = again.packs.flatMap(\.rules)
        #expect(copies.map(\.id) == rules.map(\.id))
        #expect(copies.map(\.severity) == rules.map(\.severity))
        #expect(copies.map(\.title) == rules.map(\.title))
        // Objects of their own: no rule's shared facts are the original's.
        #expect(zip(copies, rules).allSatisfy { $0.facts !== $1.facts })
        #expect(zip(copies, rules).allSatisfy { $0.facts == $1.facts })
        #expect(again.fixtures.isEmpty, "fixture tests are not compiled again")
    }

    @Test func aPackReadFromAFileIsCompiledAgainFromItsBytes() throws {
        let text = EngineFixture.pack(check: "{path: a, exists: true}")
        let catalog = try RuleCatalog.load(sources: [RuleCatalog.Source(name: "t.yaml", bytes: Array(text.utf8), directory: ".")],
                                           loader: YAMLLoader())
        let again = try #require(catalog.recompiled())
        #expect(again.packs.map(\.id) == catalog.packs.map(\.id))
        #expect(again.packs[0].rules.map(\.id) == catalog.packs[0].rules.map(\.id))
        #expect(again.packs[0].rules[0].facts !== catalog.packs[0].rules[0].facts)
    }

    /// A pack whose text is not what it was read from (changed, or lost) is not compiled again:
    /// the worker keeps the run's rules rather than check with others.
    @Test func aPackWhoseTextGivesOtherRulesIsNotCompiledAgain() throws {
        var catalog = try RuleCatalog.load(sources: [RuleCatalog.Source(name: "t.yaml", bytes: Array(EngineFixture.pack(check: "{path: a, exists: true}").utf8), directory: ".")],
                                           loader: YAMLLoader())
        #expect(catalog.recompiled() != nil)
        let original = catalog.packs[0].text
        // The same ids and severities, another check: not the bytes the pack was read from.
        catalog.packs[0].text = original.replacingOccurrences(of: "{path: a, exists: true}", with: "{path: b, exists: true}")
        #expect(catalog.packs[0].text != original, "the fixture states its check")
        #expect(catalog.recompiled() == nil)
        catalog.packs[0].text = original.replacingOccurrences(of: "severity: error", with: "severity: warning")
        #expect(catalog.packs[0].text != original, "the fixture states its severity")
        #expect(catalog.recompiled() == nil)
        catalog.packs[0].text = ""
        #expect(catalog.recompiled() == nil)
        catalog.packs[0].text = "pack: [unclosed\n"
        #expect(catalog.recompiled() == nil)
    }

    /// A worker's own rules decide every case protocol as the run's rules do: the same report,
    /// value for value, from rule objects of its own (with the profile chosen per protocol, and
    /// with every pack).
    @Test(arguments: [true, false]) func aLaneCompiledAgainReportsWhatTheSharedLaneReports(choosingProfiles: Bool) throws {
        let catalog = try RuleCatalog.shipped()
        let options = CheckOptions(failOn: .error, today: 20_000, generatedAt: "2026-01-01T00:00:00Z")
        let shared = BatchCheck.Lane(checker: Checker(rules: try catalog.select(profile: nil), options: options),
                                     autoProfile: choosingProfiles ? AutoProfile(catalog: catalog, options: options) : nil)
        let own = try #require(BatchCheck.Lane(compiledFrom: RuleOrigin(catalog: catalog, profile: nil), like: shared))
        #expect(own.checker.rules.packs[0].rules[0].facts !== shared.checker.rules.packs[0].rules[0].facts)
        #expect((own.autoProfile == nil) == !choosingProfiles)
        let reader = ProtocolReader()
        for file in try Self.caseProtocols() {
            let document = try reader.read(InputFile(standardInput: Array(try Data(contentsOf: file)), display: file.lastPathComponent))
            let mine = try own.check(document), theirs = try shared.check(document)
            let same = mine == theirs  // (not inside #expect, which would print both reports whole)
            #expect(same, "\(file.lastPathComponent): the reports differ")
            #expect(mine.profile == theirs.profile && mine.notes == theirs.notes)
        }
    }

    /// Under a profile with overrides (a severity raised, a rule disabled) that includes a pack
    /// read from a file beside the shipped ones, a worker's own rules are the run's: the same
    /// reports. Rules from another origin than the run's (the same profile without one of its
    /// overrides) are refused, not used.
    @Test func aLaneUnderAProfileWithOverridesAndALocalPackReportsTheSame() throws {
        let local = EngineFixture.pack(check: "{path: protocol.id, exists: true}")
        let profile = """
            profile:
              id: board
              include: [isscr-2021, spirit-2013, t]
              overrides:
                - {rule: ISSCR-PEER-REVIEW, severity: error}
                - {rule: SPIRIT-DSMB, disabled: true, reason: the board's own DSMB policy}

            """
        let sources = RuleCatalog.shippedSources
            + [RuleCatalog.Source(name: "local/t.yaml", bytes: Array(local.utf8), directory: "local"),
               RuleCatalog.Source(name: "local/board.yaml", bytes: Array(profile.utf8), directory: "local")]
        let catalog = try RuleCatalog.load(sources: sources, loader: YAMLLoader())
        let board = try #require(catalog.profile(named: "board"))
        let options = CheckOptions(failOn: .warning, today: 20_000, generatedAt: "2026-01-01T00:00:00Z")
        let rules = try catalog.select(profile: board)
        #expect(rules.rule("ISSCR-PEER-REVIEW")?.severity == .error)
        #expect(rules.rule("SPIRIT-DSMB") == nil)
        #expect(rules.rule("R") != nil)
        let shared = BatchCheck.Lane(checker: Checker(rules: rules, options: options), autoProfile: nil)
        let own = try #require(BatchCheck.Lane(compiledFrom: RuleOrigin(catalog: catalog, profile: board), like: shared))
        #expect(own.checker.rules.rule("ISSCR-PEER-REVIEW")?.severity == .error)
        #expect(own.checker.rules.rule("SPIRIT-DSMB") == nil)
        #expect(own.checker.rules.rule("R")?.facts !== rules.rule("R")?.facts)
        let reader = ProtocolReader()
        for file in try Self.caseProtocols() {
            let document = try reader.read(InputFile(standardInput: Array(try Data(contentsOf: file)), display: file.lastPathComponent))
            let same = try own.check(document) == shared.check(document)
            #expect(same, "\(file.lastPathComponent): the reports differ")
        }
        var lenient = board
        lenient.overrides.removeFirst()
        #expect(BatchCheck.Lane(compiledFrom: RuleOrigin(catalog: catalog, profile: lenient), like: shared) == nil,
                "a severity the run does not have")
    }

    /// Which workers compile rules of their own: never the first; the others only while enough
    /// files per worker are left (a worker that starts once the files are taken does not).
    @Test func whichWorkersCompileRulesOfTheirOwn() {
        let decide = BatchCheck.compilesOwnRules
        #expect(!decide(0, 2, 10_000, 256), "the first worker starts at once")
        #expect(decide(1, 2, 10_000, 256))
        #expect(decide(1, 2, 512, 256))
        #expect(!decide(1, 2, 511, 256), "fewer than 256 files a worker")
        #expect(!decide(1, 1, 10_000, 256), "one worker")
        #expect(decide(7, 8, 2_048, 256))
        #expect(!decide(7, 8, 40, 256), "started once most files were taken")
        #expect(!decide(1, 2, Int.max, Int.max), "no overflow")
    }

    /// The case protocols (Tests/Fixtures/cp-cases and clinic-cases).
    static func caseProtocols() throws -> [URL] {
        try ["cp-cases", "clinic-cases"].flatMap { folder in
            let dir = Self.fixtures.appendingPathComponent(folder + "/protocols")
            return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { dir.appendingPathComponent($0) }
        }
    }

    /// A run of the case protocols on two workers, the second with rules of its own, writes what
    /// one worker writes, byte for byte (text on standard output, one batch JSON document): with
    /// the profile chosen per protocol, and with every pack (`--profile all`).
    @Test(arguments: [true, false]) func workersWithRulesOfTheirOwnWriteWhatOneWorkerWrites(choosingProfiles: Bool) throws {
        let catalog = try RuleCatalog.shipped()
        let protocols = try Self.caseProtocols()
        #expect(protocols.count >= 20)
        // Each protocol several times, so both workers take some.
        let files = try (0..<3).flatMap { round in
            try protocols.map { InputFile(standardInput: Array(try Data(contentsOf: $0)), display: "r\(round)/" + $0.lastPathComponent) }
        }
        let options = CheckOptions(failOn: .error, today: 20_000, generatedAt: "2026-01-01T00:00:00Z")
        let checker = Checker(rules: try catalog.select(profile: nil), options: options)
        func run(jobs: Int, ownRules: Bool) throws -> (stdout: [UInt8], json: String, outcome: BatchCheck.Outcome) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("worker-rules-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let json = folder.appendingPathComponent("all.json").path
            var batch = BatchCheck(reader: ProtocolReader(), checker: checker,
                                   requests: [OutputRequest(format: .text), try #require(OutputRequest(argument: "json=" + json))],
                                   outputDirectory: folder.path, jobs: jobs,
                                   autoProfile: choosingProfiles ? AutoProfile(catalog: catalog, options: options) : nil,
                                   ruleOrigin: RuleOrigin(catalog: catalog, profile: nil))
            batch.filesPerWorkerForOwnRules = ownRules ? 1 : Int.max
            let out = Mutex<[UInt8]>([])
            let outcome = batch.run(files: files, emit: { bytes in out.withLock { $0 += bytes } }, diagnose: { _ in })
            return (out.withLock { $0 }, try String(contentsOfFile: json, encoding: .utf8), outcome)
        }
        let one = try run(jobs: 1, ownRules: true)
        let shared = try run(jobs: 2, ownRules: false)
        let own = try run(jobs: 2, ownRules: true)
        #expect(one.outcome.workersWithOwnRules == 0, "one worker keeps the run's rules")
        #expect(shared.outcome.workersWithOwnRules == 0)
        // The second worker compiles its own when it starts while files are left (whether it
        // does depends on when the system runs it: `compilesOwnRules` is tested below).
        #expect(own.outcome.workersWithOwnRules <= 1)
        #expect(!one.stdout.isEmpty && one.json.contains("\"protocols\""))
        #expect(own.stdout == one.stdout)
        #expect(own.json == one.json)
        #expect(shared.stdout == one.stdout)
        #expect(own.outcome.exitCode == one.outcome.exitCode)
    }
}
