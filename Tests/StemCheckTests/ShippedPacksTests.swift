import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// The shipped rule packs: they load, every rule is cited and tested by its examples, the embedded
/// copy equals the files in rules/, and every path a rule reads is documented.
@Suite struct ShippedPacksTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func shippedPacksLoadWithoutWarnings() throws {
        let catalog = try RuleCatalog.shipped()
        #expect(RuleLint.warnings(catalog) == [])
        let rules = catalog.packs.flatMap(\.rules)
        #expect(rules.count >= 120, "the issue asks for at least 120 rules")
        for rule in rules {
            #expect(!(rule.citation ?? "").isEmpty, "\(rule.id) has no citation")
            #expect(!(rule.remediation ?? "").isEmpty, "\(rule.id) has no remediation")
        }
        let ids = Set(catalog.packs.map(\.id))
        for expected in ["isscr-2021", "spirit-2013", "isct-msc-2006", "us-fda", "eu", "product-release", "pediatric", "cerebral-palsy", "pluripotent"] {
            #expect(ids.contains(expected), "pack \(expected) is missing")
        }
        let profiles = Set(catalog.profiles.map(\.id))
        for expected in ["us-pediatric-cp", "eu-pediatric-cp", "isscr-baseline", "clinic-self-audit"] {
            #expect(profiles.contains(expected), "profile \(expected) is missing")
            #expect(throws: Never.self) { try catalog.select(profile: catalog.profile(named: expected)) }
        }
    }

    /// Every shipped check rule shows a pass, a stated violation (fail) and a not-stated case
    /// (unknown); every shipped rule quotes its source or says why it could not be read.
    @Test func everyRuleHasPassFailAndUnknownExamplesAndTheyHold() throws {
        let catalog = try RuleCatalog.shipped()
        for rule in catalog.packs.flatMap(\.rules) {
            #expect(rule.quote != nil || rule.unverified != nil, "\(rule.id) needs source.quote (or source.unverified)")
            if rule.unverified != nil && rule.quote == nil { #expect(rule.severity != .error, "\(rule.id) rests on a source not read") }
            if rule.kind == .check {
                #expect(!rule.examples.pass.isEmpty && !rule.examples.fail.isEmpty && !rule.examples.unknown.isEmpty,
                        "\(rule.id) needs pass, fail and unknown examples")
            } else {
                #expect(!rule.examples.pass.isEmpty && !rule.examples.review.isEmpty, "\(rule.id) needs attested and unattested examples")
            }
        }
        let outcome = RuleTests.run(catalog: catalog, today: ISODate.parse("2026-11-25")!.dayNumber)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.map(\.description).joined(separator: "\n"))")
        #expect(outcome.passed > 500)
    }

    /// Every shipped rule's messages, rendered on its own fail and unknown examples: a `fail`
    /// speaks of a stated value and an `unknown` says what is not stated; neither splices the
    /// words "missing" or "null" in place of a value (the words may appear only where the rule's
    /// own text has them).
    @Test func messagesNeverSpliceMissingOrNullForAValue() throws {
        let catalog = try RuleCatalog.shipped()
        let evaluator = RuleEvaluator()
        func count(_ word: String, in text: String) -> Int {
            text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "_" && $0 != "." }).filter { $0 == word }.count
        }
        var checked = 0
        for rule in catalog.packs.flatMap(\.rules) where rule.kind == .check {
            let own = [rule.title, rule.message ?? "", rule.messageUnknown ?? ""].joined(separator: " ")
            for (expected, example) in rule.examples.all where expected == .fail || expected == .unknown {
                let finding = evaluator.evaluate(rule, root: example)
                // The schema's titles of the fields named are the reviewer's words too ("Handling of missing data").
                let own = own + " " + finding.missing.map { FieldTitles.named($0.path) }.joined(separator: " ")
                #expect(finding.status == expected, "\(rule.id): \(finding.message)")
                for word in ["missing", "null"] {
                    #expect(count(word, in: finding.message) <= count(word, in: own),
                            "\(rule.id) (\(expected.rawValue) example at \(example.location)): '\(word)' spliced into: \(finding.message)")
                }
                if expected == .unknown {
                    #expect(finding.message.contains("not stated") || finding.message.contains("too imprecisely") || rule.messageUnknown != nil,
                            "\(rule.id): an unknown message says what is not stated: \(finding.message)")
                    #expect(!finding.missing.isEmpty, "\(rule.id): an unknown result lists what is missing")
                } else if let template = rule.message, template.contains("{value}") {
                    // The value spliced in is a stated one.
                    let stated = finding.why.filter { !$0.restsOnAbsence }.first { $0.actual != nil }
                    #expect(stated != nil, "\(rule.id): a fail message with {value} needs a stated value: \(finding.message)")
                }
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func embeddedRulesEqualTheFilesInRules() throws {
        let rulesFolder = Self.repository.appendingPathComponent("rules")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: rulesFolder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
            let relative = String(url.path.dropFirst(rulesFolder.path.count + 1))
            onDisk[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedResources.ruleFiles.map { ($0.path, $0.text) })
        #expect(Set(onDisk.keys) == Set(embedded.keys), "run scripts/embed-resources.py")
        for (path, text) in onDisk {
            #expect(embedded[path] == text, "rules/\(path) differs from its embedded copy: run scripts/embed-resources.py")
        }
        // The digests computed when the files were embedded are those of the files' bytes and of
        // the embedded texts (a run reports them without hashing the packs again).
        for file in EmbeddedResources.ruleFiles {
            let bytes = Array(try Data(contentsOf: rulesFolder.appendingPathComponent(file.path)))
            #expect(file.sha256 == Digest.sha256(bytes), "rules/\(file.path): run scripts/embed-resources.py")
            #expect(file.sha256 == Digest.sha256(Array(file.text.utf8)))
        }
        let catalog = try RuleCatalog.shipped()
        for pack in catalog.packs {
            let file = EmbeddedResources.ruleFiles.first { "rules/" + $0.path == pack.file }
            #expect(file != nil && pack.sha256 == Digest.sha256(Array(file!.text.utf8)), "\(pack.id)")
        }
    }

    /// Every path any shipped rule reads appears in docs/protocol-schema.md (list items as `[*]`).
    @Test func everyPathARuleReadsIsDocumented() throws {
        let documented = Set(EmbeddedResources.documentedFields)
        var missing: [String] = []
        for rule in try RuleCatalog.shipped().packs.flatMap(\.rules) {
            for path in rule.readPaths.map(\.segments) {
                let text = Path.render(path.map { if case .index = $0 { return .wildcard } else { return $0 } })
                if !documented.contains(text) { missing.append("\(rule.id): \(text)") }
            }
        }
        #expect(missing.isEmpty, "undocumented paths (add them to docs/protocol-schema.md, then run scripts/embed-resources.py):\n\(missing.joined(separator: "\n"))")
    }

    /// `init` writes a template that loads, holds every path the selected packs read, and,
    /// with the documented example values filled in, is a protocol stemcheck can check.
    @Test func initTemplateLoadsAndCoversTheProfile() throws {
        let catalog = try RuleCatalog.shipped()
        let rules = try catalog.select(profile: catalog.profile(named: "us-pediatric-cp"))
        let template = ProtocolTemplate.render(rules: rules)
        let document = try YAMLLoader().loadDocument(bytes: Array(template.utf8), file: "template.yaml")
        for rule in rules.rules {
            for path in rule.readPaths.map(\.segments) {
                var node: YAMLNode? = document.root
                for segment in path {
                    switch segment {
                    case .key(let key): node = node?[key]
                    case .index, .wildcard: node = node?.item(0) ?? (node?.kind == .sequence ? node : nil)
                    }
                }
                #expect(node != nil || path.contains(.wildcard), "\(rule.id): \(Path.render(path)) is not in the template")
            }
        }
        let filled = ProtocolTemplate.render(rules: rules, fillExamples: true)
        let checker = Checker(rules: rules, options: CheckOptions(today: 20_000, generatedAt: "2026-01-01T00:00:00Z"))
        #expect(throws: Never.self) { try checker.check(bytes: Array(filled.utf8), name: "filled.yaml") }

        // Filled with the values of the profile's example protocol, the template passes as the example does:
        // every field the rules need is in the template, at the right place.
        let example = try YAMLLoader().loadDocument(
            path: Self.repository.appendingPathComponent("examples/cp-ucb-phase2-us.yaml").path).root
        let fromExample = "{" + Self.fill(document.root, from: example) + "}"
        let report = try checker.check(bytes: Array(fromExample.utf8), name: "from-example.yaml")
        let failing = report.results.filter { $0.status == .fail || $0.status == .error }.map { "\($0.rule): \($0.message)" }
        #expect(failing.isEmpty, "\(failing.joined(separator: "\n"))")
    }

    /// The template's mappings, with each leaf or list taken whole from `example` (as JSON text).
    static func fill(_ template: YAMLNode, from example: YAMLNode) -> String {
        var parts: [String] = []
        for (key, value) in template.pairs {
            guard let name = key.text, let source = example[name] else { continue }
            if value.kind == .mapping, source.kind == .mapping {
                parts.append(JSONText.quote(name) + ": {" + fill(value, from: source) + "}")
            } else {
                parts.append(JSONText.quote(name) + ": " + source.json(indent: 0))
            }
        }
        if let attestations = example["attestations"], template["attestations"] == nil {
            parts.append("\"attestations\": " + attestations.json(indent: 0))
        }
        return parts.joined(separator: ", ")
    }
}
