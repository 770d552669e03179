import Foundation
import Testing

/// `stemcheck migrate` from the built binary: where the v2 document goes, messages, exit codes;
/// and `check` on v1 and v2 documents (docs/protocol-schema.md, "Schema versions").
@Suite struct MigrateCommandTests {
    static let v1 = """
        # A v1 protocol

        protocol:
          id: P-1
        product:
          name: X   # the product
        administration:
          volume_ml: 50
          cumulative_dose_per_kg: 100
        """

    @Test func theV2DocumentGoesToStandardOutput() throws {
        let r = try Stemcheck.run(["migrate", "p.yaml"], files: ["p.yaml": Self.v1])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("# A v1 protocol\n\nschema_version: 2\nprotocol:\n  id: P-1\nproducts:\n  - id: x\n"))
        #expect(r.stdout.contains("    name: X   # the product\n"))
        #expect(r.stdout.contains("  # cumulative_dose_per_kg: 100\n"))
        #expect(r.stderr == """
            p.yaml: migrated to schema v2: product → products[0]; administration dose fields → design.arms[].interventions[]
            p.yaml:9:3: note: administration.cumulative_dose_per_kg is left out in schema v2: it is computed as dose × administrations.count; it stays as a comment

            """)
    }

    @Test func inPlaceRewritesAndASecondRunLeavesTheFileAlone() throws {
        let s = try Scratch()
        try s.write("a.yaml", Self.v1)
        try s.write("b.json", #"{"registration": {"id": "NCT01234567"}}"#)
        let first = try CLI.run(["migrate", "a.yaml", "b.json", "--in-place"], in: s.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        let a = try #require(s.read("a.yaml"))
        #expect(a.contains("schema_version: 2\n") && a.contains("products:\n"))
        #expect(s.read("b.json") == """
            {
              "schema_version": 2,
              "registrations": [
                {
                  "id": "NCT01234567",
                  "primary": true
                }
              ]
            }

            """)
        let second = try CLI.run(["migrate", "a.yaml", "--in-place"], in: s.url)
        #expect(second.status == 0)
        #expect(second.stderr == "a.yaml: declares schema_version: 2 already; left unchanged\n")
        #expect(s.read("a.yaml") == a)
        #expect(s.list(".") == ["a.yaml", "b.json"], "no temporary file is left")
    }

    @Test func outputFileIsNotReplacedWithoutForce() throws {
        let s = try Scratch()
        try s.write("p.yaml", Self.v1)
        try s.write("out.yaml", "old\n")
        let refused = try CLI.run(["migrate", "p.yaml", "-o", "out.yaml"], in: s.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("out.yaml: error: the file exists; nothing was written"))
        #expect(s.read("out.yaml") == "old\n")
        let forced = try CLI.run(["migrate", "p.yaml", "-o", "out.yaml", "--force"], in: s.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(s.read("out.yaml")?.contains("schema_version: 2") == true)
        #expect(s.read("p.yaml") == Self.v1)
    }

    /// Rules written for schema v1 (`product.…`) read a v1 protocol as written, with a note; the
    /// shipped (v2) packs read it migrated.
    @Test func rulesThatReadSchemaV1FieldsSeeTheProtocolAsWritten() throws {
        let oldPack = "pack: {id: old, version: \"1\"}\nrules:\n  - {id: OLD-GMP, title: GMP, severity: error, check: {path: product.manufacturing.gmp, equals: true}}\n"
        let protocolText = "product:\n  manufacturing: {gmp: false}\n"
        let old = try Stemcheck.run(["check", "p.yaml", "--rules", "old.yaml"], files: ["p.yaml": protocolText, "old.yaml": oldPack])
        #expect(old.stdout.contains("p.yaml:2:24: error: OLD-GMP"), "\(old.stdout)")
        #expect(old.stdout.contains("is read as schema v1, as written (not migrated)"))
        let shipped = try Stemcheck.run(["check", "p.yaml"], files: ["p.yaml": protocolText])
        #expect(shipped.stdout.contains("read as schema v1 and migrated in memory"), "\(shipped.stdout)")
        #expect(shipped.stdout.contains("p.yaml:2:24: warning: ISSCR-GMP-QMS"), "\(shipped.stdout)")
    }

    /// Many files (a shell glob) are parsed in time linear in their number (`PathArgumentRuns`,
    /// as for `check`): each is migrated, in the order given, with options among them; without
    /// --in-place the files are still counted and refused.
    @Test func manyFilesAreMigratedInTheOrderGiven() throws {
        let s = try Scratch()
        let names = (0..<40).map { String(format: "p%02d.yaml", 39 - $0) }
        for name in names { try s.write(name, Self.v1) }
        let r = try CLI.run(["migrate"] + Array(names[0..<20]) + ["--in-place"] + Array(names[20...]), in: s.url)
        #expect(r.status == 0, "\(r.stderr)")
        let migrated = r.stderr.split(separator: "\n").filter { $0.contains(": migrated to schema v2:") }
        #expect(migrated.map { String($0.prefix(8)) } == names)
        for name in names { #expect(s.read(name)?.contains("schema_version: 2\n") == true, "\(name)") }
        let refused = try CLI.run(["migrate"] + names, in: s.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("several files need --in-place"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Usage: stemcheck migrate <FILE>"), "migrate's own usage, as for two files: \(refused.stderr)")
        #expect(!refused.stderr.contains("paths:"), "no placeholder shows: \(refused.stderr)")
    }

    @Test func usageErrorsExit2() throws {
        let several = try Stemcheck.run(["migrate", "a.yaml", "b.yaml"], files: ["a.yaml": Self.v1, "b.yaml": Self.v1])
        #expect(several.status == 2)
        #expect(several.stderr.contains("several files need --in-place"))
        let both = try Stemcheck.run(["migrate", "a.yaml", "--in-place", "-o", "x.yaml"], files: ["a.yaml": Self.v1])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--in-place and -o cannot be used together"))
    }

    @Test func badInputIsALocatedErrorAndNothingIsWritten() throws {
        let s = try Scratch()
        try s.write("three.yaml", "protocol: {id: P}\nschema_version: 3\n")
        try s.write("mixed.yaml", "schema_version: 2\nproduct:\n  name: X\n")
        try s.write("good.yaml", Self.v1)
        let three = try CLI.run(["migrate", "three.yaml"], in: s.url)
        #expect(three.status == 2)
        #expect(three.stderr.hasPrefix("three.yaml:2:17: error: schema_version must be 1 or 2 (an integer), not 3\n"))
        #expect(three.stdout.isEmpty)
        let batch = try CLI.run(["migrate", "mixed.yaml", "good.yaml", "--in-place"], in: s.url)
        #expect(batch.status == 2)
        #expect(batch.stderr.contains("mixed.yaml:2:1: error: product is a schema v1 field, but the document declares schema_version: 2 (at 1:1)"))
        #expect(batch.stderr.contains("hint: schema v2 spells it `products`"))
        #expect(s.read("mixed.yaml") == "schema_version: 2\nproduct:\n  name: X\n")
        #expect(s.read("good.yaml")?.contains("schema_version: 2") == true, "the other file is still migrated")
    }

    @Test func checkRefusesAV2DocumentWithAV1Field() throws {
        let r = try Stemcheck.run(["check", "p.yaml"], files: ["p.yaml": "schema_version: 2\nregistration:\n  id: NCT01234567\n"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("p.yaml:2:1: error: registration is a schema v1 field"), "\(r.stderr)")
        let bad = try Stemcheck.run(["check", "p.yaml"], files: ["p.yaml": "schema_version: two\n"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("p.yaml:1:17: error: schema_version must be 1 or 2 (an integer), not the string \"two\""))
    }

    @Test func checkReadsAV1DocumentMigratedAndPointsAtItsLines() throws {
        let s = try Scratch()
        try s.write("rules/t.yaml", """
            pack: {id: t, version: "1"}
            rules:
              - {id: T-VOLUME, title: Small volume, severity: error, check: {path: 'design.arms[0].interventions[0].volume', lte: 20 mL}}
            """)
        try s.write("p.yaml", Self.v1)
        let r = try CLI.run(["check", "p.yaml", "--rules", "rules", "--format", "text", "--format", "json", "--output", "out"], in: s.url)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("p.yaml:8:14: error: T-VOLUME"), "\(r.stdout)")
        let report = try s.json("out/p.json")
        let notes = report["notes"] as? [String] ?? []
        #expect(notes.first == "read as schema v1 and migrated in memory (product → products[0]; administration dose fields → design.arms[].interventions[]); run `stemcheck migrate p.yaml` to update it")
        #expect(notes.contains("administration.cumulative_dose_per_kg (line 9) is left out in schema v2: it is computed as dose × administrations.count"))
    }
}
