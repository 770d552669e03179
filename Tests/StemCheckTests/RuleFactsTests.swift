import Testing
@testable import StemCheckModel

/// A rule's results share one `RuleFacts` (issue 20); changing a fact of one result must change
/// that result alone, and results compare by what they say, not by which object they share.
@Suite struct RuleFactsTests {
    static let facts = RuleFacts(rule: "R1", pack: "p", title: "T", citation: "21 CFR 50.25", quote: "q",
                                 sourceUnverified: nil, remediation: "fix", url: "https://example.org", tags: ["a"])

    static func result(_ facts: RuleFacts = facts) -> RuleResult {
        RuleResult(facts: facts, severity: .error, status: .fail, message: "m", why: [])
    }

    @Test func settingAFactChangesOneResult() {
        let a = Self.result()
        var b = a
        b.title = "changed"
        b.tags.append("b")
        b.quote = nil
        #expect(a.title == "T" && a.tags == ["a"] && a.quote == "q")
        #expect(b.title == "changed" && b.tags == ["a", "b"] && b.quote == nil)
        #expect(b.rule == "R1" && b.citation == "21 CFR 50.25" && b.remediation == "fix" && b.url == "https://example.org")
        #expect(Self.facts.title == "T", "the shared facts never change")
        #expect(a != b)
    }

    @Test func equalFactsInTwoObjectsAreEqual() {
        let copy = RuleFacts(rule: "R1", pack: "p", title: "T", citation: "21 CFR 50.25", quote: "q",
                             remediation: "fix", url: "https://example.org", tags: ["a"])
        #expect(Self.result(copy) == Self.result())
        #expect(Self.result(RuleFacts(rule: "R1", pack: "p", title: "T")) != Self.result())
        // Every fact takes part in equality.
        let changes: [(inout RuleResult) -> Void] = [
            { $0.rule = "R2" }, { $0.pack = "q" }, { $0.title = "U" }, { $0.citation = nil }, { $0.quote = "r" },
            { $0.sourceUnverified = "offline" }, { $0.remediation = nil }, { $0.url = nil }, { $0.tags = [] },
        ]
        for change in changes {
            var changed = Self.result()
            change(&changed)
            #expect(changed != Self.result())
        }
    }

    /// The long initializer makes the same result as facts plus the rest.
    @Test func bothInitializersAgree() {
        var long = RuleResult(rule: "R1", pack: "p", title: "T", severity: .error, status: .fail, message: "m",
                              citation: "21 CFR 50.25", remediation: "fix", url: "https://example.org", tags: ["a"], why: [])
        long.quote = "q"
        #expect(long == Self.result())
    }
}
