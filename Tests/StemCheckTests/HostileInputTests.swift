import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 8 cases of the engine that no other suite covers: a catastrophic regex on a long text.
@Suite struct HostileInputTests {
    static let evil = String(repeating: "a", count: 50_000) + "!"

    @Test func catastrophicRegexIsLinear() throws {
        let pattern = try Pattern("(a+)+$", ignoreCase: false)
        let start = ContinuousClock.now
        #expect(pattern.search(Self.evil) == .noMatch)
        #expect(try Pattern("(a|aa)*b", ignoreCase: true).search(Self.evil) == .noMatch)
        #expect(try Pattern("(a+)+!$", ignoreCase: false).search(Self.evil) == .match)
        // A backtracking matcher needs 2^50000 steps here; ours stays well under a second even unoptimised.
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func catastrophicRegexInARuleChecksTheProtocol() throws {
        let r = try EngineFixture.result(check: "{path: s, matches: '(a+)+$'}", on: "s: \(Self.evil)\n")
        #expect(r.status == .fail)
    }
}
