import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 20: rule files are read in parallel when the run has cores for it; the catalog and its
/// problems are the same, in the same order, whatever the parallelism.
@Suite struct ParallelCatalogTests {
    @Test func theShippedCatalogIsTheSameReadInParallel() throws {
        let one = try RuleCatalog.shipped(parallelism: 1), four = try RuleCatalog.shipped(parallelism: 4)
        #expect(one.packs.map(\.id) == four.packs.map(\.id))
        #expect(one.packs.flatMap { $0.rules.map(\.id) } == four.packs.flatMap { $0.rules.map(\.id) })
        #expect(one.packs.map(\.sha256) == four.packs.map(\.sha256))
        #expect(one.profiles.map(\.id) == four.profiles.map(\.id))
        #expect(one.fixtures.map(\.name) == four.fixtures.map(\.name))
    }

    @Test func problemsAreReportedAlikeInParallel() {
        func source(_ name: String, _ text: String) -> RuleCatalog.Source {
            RuleCatalog.Source(name: name, bytes: Array(text.utf8), directory: ".")
        }
        let sources = [
            source("a.yaml", EngineFixture.pack(check: "{path: a, exists: true}")),
            source("b.yaml", "pack: {id: b, version: \"1\"}\nrules:\n  - id: R\n    title: Again\n    severity: error\n    check: {path: a, bogus: 1}\n"),
            source("c.yaml", "pack: [unclosed\n"),
            source("d.yaml", "just: text\n"),
            source("e.yaml", "profile: {id: p, packs: [t, nope]}\n"),
        ]
        func problems(_ parallelism: Int) -> [String] {
            do {
                _ = try RuleCatalog.load(sources: sources, loader: YAMLLoader(), parallelism: parallelism)
                return []
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        let sequential = problems(1)
        #expect(sequential.count >= 4)
        #expect(problems(3) == sequential)
        #expect(problems(8) == sequential)
    }
}
