import ArgumentParser
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource

/// `stemcheck explain RULE-ID`
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show a rule's citation, rationale, logic, remediation and examples.")

    @Argument(help: "The rule id, e.g. ISSCR-PEER-REVIEW.") var ruleID: String
    @OptionGroup var rules: RuleOptions

    func run() throws {
        if ruleID.uppercased() == SchemaRule.id {
            Console.output(Self.explainSchemaRule(.shipped))
            return
        }
        let catalog = try rules.catalog()
        let all = catalog.packs.flatMap(\.rules)
        guard let rule = all.first(where: { $0.id == ruleID }) ?? all.first(where: { $0.id.lowercased() == ruleID.lowercased() }) else {
            throw Failure("error: no rule '\(ruleID)'\(Suggestion.phrase(for: ruleID, in: all.map(\.id)))\n  hint: `stemcheck rules list` shows every rule")
        }
        let pack = catalog.packs.first { $0.id == rule.packID }!
        var out = "\(rule.id): \(rule.title)\n"
        out += "  pack:        \(pack.id) \(pack.version)\(pack.title.map { " — " + $0 } ?? "")\n"
        out += "  severity:    \(rule.severity.rawValue)\n"
        out += "  kind:        \(rule.kind.rawValue)\(rule.kind == .review ? " (a person must judge it; passes when the protocol attests it)" : "")\n"
        out += "  citation:    \(rule.citation ?? "(none)")\n"
        if let quote = rule.quote { out += "  quote:       \u{201C}\(quote)\u{201D}\n" }
        if let unverified = rule.unverified { out += "  not read:    \(unverified)\n" }
        if let url = rule.url ?? pack.source?.url { out += "  source:      \(url)\n" }
        if let rationale = rule.rationale { out += "  rationale:   \(rationale)\n" }
        if let when = rule.when { out += "  applies when: \(ConditionText.render(when))\n" }
        if let check = rule.check { out += "  check:       \(ConditionText.render(check))\n" }
        if let message = rule.message { out += "  message:     \(message)\n" }
        out += "  remediation: \(rule.remediation ?? "(none)")\n"
        if !rule.tags.isEmpty { out += "  tags:        \(rule.tags.joined(separator: ", "))\n" }
        if !rule.waivable { out += "  waivable:    no (waivers have no effect)\n" }
        let examples = rule.examples.all
        if !examples.isEmpty {
            out += "  examples:\n"
            for (status, node) in examples {
                out += "    \(status.rawValue.padding(14)) \(node.json(indent: 0))\n"
            }
        }
        Console.output(out)
    }

    /// The built-in rule `SCHEMA`, which is in no pack.
    static func explainSchemaRule(_ schema: ProtocolSchema) -> String {
        var out = "\(SchemaRule.id): \(SchemaRule.title)\n"
        out += "  pack:        \(SchemaRule.pack) \(schema.version) — \(SchemaRule.packTitle) (built in, sha256 \(schema.sha256))\n"
        out += "  severity:    error (status error: the verdict cannot be pass)\n"
        out += "  kind:        check, before the rules: every value of a documented field is validated against \(schema.file)\n"
        out += "               (`stemcheck schema` prints it); one result per value that does not fit, located at the value\n"
        out += "  citation:    stemcheck protocol schema \(schema.version) (\(schema.file)); SPEC 4\n"
        out += "  remediation: Correct the value: the message names what the schema expects and what was found\n"
        out += "               (docs/protocol-schema.md lists every field, its type, unit and values).\n"
        out += "  waivable:    no (waivers have no effect)\n"
        return out
    }
}
