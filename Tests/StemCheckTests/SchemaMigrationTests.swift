import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckRun

/// Schema v1 → v2 (docs/protocol-schema.md, "Schema versions"): each move, the declared version,
/// positions kept by the in-memory migration, and the text migration of `stemcheck migrate`.
@Suite struct SchemaMigrationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `text` read as a protocol named `p.yaml` (migrated in memory unless `migrating` is false).
    func read(_ text: String, name: String = "p.yaml", migrating: Bool = true) throws -> ProtocolDocument {
        try ProtocolReader(migratesSchemaV1: migrating).read(bytes: Array(text.utf8), name: name)
    }

    /// The node at a path like `design.arms[0].interventions[0].dose`.
    func at(_ root: YAMLNode, _ path: String) -> YAMLNode? {
        var node: YAMLNode? = root
        for part in path.split(separator: ".") {
            var key = Substring(part)
            var index: Int?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)])
                key = key[..<open]
            }
            node = node?[String(key)]
            if let index { node = node?.item(index) }
        }
        return node
    }

    func keys(_ node: YAMLNode?) -> [String] { node?.pairs.map { $0.key.text ?? "" } ?? [] }

    /// The error message(s) reading `text` gives.
    func readError(_ text: String) -> [Diagnostic] {
        do {
            _ = try read(text)
            return []
        } catch let error as InputError {
            return error.diagnostics
        } catch {
            return []
        }
    }

    // MARK: Each move, in memory

    @Test func productBecomesTheFirstOfProductsWithAnIdATypeAndARole() throws {
        let doc = try read("""
            protocol: {id: P-1}
            product:
              name: DUOC-01 (cord blood)
              cell_type: umbilical_cord_blood
            """)
        let product = try #require(at(doc.root, "products[0]"))
        #expect(keys(product) == ["id", "type", "role", "name", "cell_type"])
        #expect(product["id"]?.string == "duoc-01-cord-blood")
        #expect(product["type"]?.string == "cell")
        #expect(product["role"]?.string == "investigational")
        #expect(keys(doc.root) == ["protocol", "products"])
        // Moved nodes keep their positions; made ones take the position of what they were made from.
        #expect(product["cell_type"]?.location == SourceLocation(file: "p.yaml", line: 4, column: 14))
        #expect(product["id"]?.location == SourceLocation(file: "p.yaml", line: 2, column: 1))
        #expect(V1Moves.productID(name: nil) == "product-1")
        #expect(V1Moves.productID(name: "  ") == "product-1")
    }

    @Test func hlaMatchOf8BecomesAnHLAMatchOutOf8AtAlleleLevel() throws {
        let doc = try read("product:\n  name: X\n  hla_match_of_8: 6\n")
        let hla = try #require(at(doc.root, "products[0].hla_match"))
        #expect(hla.json(indent: 0) == #"{"matched":6,"of":8,"level":"allele"}"#)
        #expect(hla["matched"]?.location.line == 3)
        #expect(at(doc.root, "products[0].hla_match_of_8") == nil)
    }

    @Test func administrationHLAMatchGoesToTheCellProductAndWinsOverHLAMatchOf8() throws {
        let doc = try read("""
            product:
              name: X
              hla_match_of_8: 6
            administration:
              hla_match: {loci: [A, B, DRB1], min_matched: 4, of: 6}
              rationale: r
            """)
        #expect(at(doc.root, "products[0].hla_match")?.json(indent: 0) == #"{"loci":["A","B","DRB1"],"matched":4,"of":6}"#)
        #expect(keys(at(doc.root, "administration")) == ["rationale"])
        #expect(doc.notes.contains { $0.hasPrefix("product.hla_match_of_8 (line 3) is left out in schema v2: administration.hla_match gives") })
        // Without a product, the cell product is made for it.
        let alone = try read("administration:\n  hla_match: {loci: [A], min_matched: 1, of: 2}\n")
        #expect(at(alone.root, "products[0]")?.json(indent: 0)
                == #"{"id":"product-1","type":"cell","role":"investigational","hla_match":{"loci":["A"],"matched":1,"of":2}}"#)
    }

    @Test func administrationDoseFieldsMakeAnExperimentalArmWhenThereIsNone() throws {
        let doc = try read("""
            product: {name: X}
            administration:
              route: intrathecal
              dose_per_kg: "2 x 10^6"
              dose_population: viable_MSC
              fixed_dose_cells: 50000000
              total_dose_cells: 60000000
              fixed_dose_justification: same for every child
              number_of_doses: 3
              interval_days: 30
              volume_ml: 2.5
              cumulative_dose_per_kg: 6000000
              premedication: [paracetamol]
            """)
        let intervention = try #require(at(doc.root, "design.arms[0].interventions[0]"))
        #expect(intervention.json(indent: 0) == """
            {"product":"x","dose":"2 x 10^6 cells/kg","dose_population":"viable_MSC","total_dose":"50000000 cells",\
            "dose_justification":"same for every child","route":"intrathecal","administrations":{"count":3,"interval":"30 days"},\
            "volume":"2.5 mL"}
            """)
        #expect(keys(at(doc.root, "design.arms[0]")) == ["id", "type", "interventions"])
        #expect(at(doc.root, "design.arms[0].id")?.string == "arm-1")
        #expect(at(doc.root, "design.arms[0].type")?.string == "experimental")
        // What stays: the trial-wide fields; what v2 has no place for: dropped, with a note.
        #expect(keys(at(doc.root, "administration")) == ["premedication"])
        #expect(doc.notes.contains("administration.cumulative_dose_per_kg (line 12) is left out in schema v2: it is computed as dose × administrations.count"))
        #expect(doc.notes.contains { $0.hasPrefix("administration.total_dose_cells (line 7) is left out in schema v2: administration.fixed_dose_cells gives") })
        // Converted values are located at the value they came from.
        #expect(intervention["volume"]?.location == SourceLocation(file: "p.yaml", line: 11, column: 14))
        #expect(at(intervention, "administrations.count")?.location.line == 9)
    }

    @Test func everyExperimentalArmGetsAnInterventionAndAnArmsOwnDoseWins() throws {
        let doc = try read("""
            product: {name: X}
            administration:
              route: intravenous
              dose_per_kg: 10000000
            design:
              arms:
                - {name: High, type: experimental, dose_per_kg: 30000000}
                - {name: Standard}
                - {name: Placebo, type: placebo_comparator, dose_per_kg: 0}
                - {name: Usual care, type: no_intervention}
            """)
        #expect(at(doc.root, "design.arms[0]")?.json(indent: 0) == """
            {"name":"High","type":"experimental","interventions":[{"product":"x","dose":"30000000 cells/kg","route":"intravenous"}]}
            """)
        #expect(at(doc.root, "design.arms[1].interventions")?.json(indent: 0) == #"[{"product":"x","dose":"10000000 cells/kg","route":"intravenous"}]"#)
        #expect(at(doc.root, "design.arms[2]")?.json(indent: 0) == #"{"name":"Placebo","type":"placebo_comparator","interventions":[{"dose":"0 cells/kg"}]}"#)
        #expect(at(doc.root, "design.arms[3]")?.json(indent: 0) == #"{"name":"Usual care","type":"no_intervention"}"#)
        #expect(at(doc.root, "administration") == nil)
        #expect(at(doc.root, "design.arms[0].interventions[0].dose")?.location == SourceLocation(file: "p.yaml", line: 7, column: 53))
    }

    @Test func anAdministrationDoseNoArmTakesIsLeftOutWithANote() throws {
        let doc = try read("""
            administration:
              dose_per_kg: 10000000
            design:
              arms:
                - {name: A, type: experimental, dose_per_kg: 30000000}
            """)
        #expect(doc.notes.contains("administration.dose_per_kg (line 2) is left out in schema v2: every experimental arm states its own dose_per_kg"))
        #expect(at(doc.root, "design.arms[0].interventions[0].dose")?.string == "30000000 cells/kg")
    }

    @Test func endpointsBecomeOutcomesAfterDesign() throws {
        let doc = try read("""
            design:
              type: interventional
              primary_endpoint:
                name: Change in GMFM-66
                type: efficacy
                timepoint_months: 12
              secondary_endpoints: [Bayley-III, PEDI-CAT]
            safety: {dsmb: {independent: true}}
            """)
        #expect(keys(doc.root) == ["design", "outcomes", "safety"])
        #expect(keys(at(doc.root, "design")) == ["type"])
        #expect(at(doc.root, "outcomes")?.json(indent: 0) == """
            [{"type":"primary","measure":"Change in GMFM-66","purpose":"efficacy","timepoint_months":12},\
            {"type":"secondary","measure":"Bayley-III"},{"type":"secondary","measure":"PEDI-CAT"}]
            """)
        #expect(at(doc.root, "outcomes[0].measure")?.location.line == 4)
        #expect(at(doc.root, "outcomes[2].measure")?.location == SourceLocation(file: "p.yaml", line: 7, column: 37))
    }

    @Test func registrationBecomesRegistrationsWithItsSecondaryIDs() throws {
        let doc = try read("""
            registration:
              registry: ClinicalTrials.gov
              id: NCT01234567
              date: 2015-11
              secondary_ids:
                - {registry: EU CTR, id: 2026-500000-00-00}
            """)
        #expect(at(doc.root, "registrations")?.json(indent: 0) == """
            [{"registry":"ClinicalTrials.gov","id":"NCT01234567","first_submitted":"2015-11","primary":true},\
            {"registry":"EU CTR","id":"2026-500000-00-00","primary":false}]
            """)
        #expect(at(doc.root, "registrations[0].first_submitted")?.location == SourceLocation(file: "p.yaml", line: 4, column: 9))
        #expect(at(doc.root, "registrations[1].id")?.location.line == 6)
    }

    // MARK: Versions

    @Test func aDocumentWithoutV1FieldsIsReadAsItIs() throws {
        let text = "protocol: {id: P-1}\nparticipants: {age_min_years: 2}\n"
        let migrated = try read(text)
        let asWritten = try read(text, migrating: false)
        #expect(migrated.root.json() == asWritten.root.json())
        #expect(migrated.notes.isEmpty)
        #expect(try read("schema_version: 2\nproducts: []\n").notes.isEmpty)
        #expect(try read("schema_version: 1\nprotocol: {id: P-1}\n").notes == [SchemaMigration.declaredV1Note(file: "p.yaml")])
    }

    @Test func aV1DocumentSaysInTheNotesThatItWasMigrated() throws {
        let doc = try read("schema_version: 1\nproduct: {name: X}\nregistration: {id: NCT01234567}\n")
        #expect(doc.notes.first == "read as schema v1 and migrated in memory (product → products[0]; registration → registrations); "
                + "run `stemcheck migrate p.yaml` to update it")
        // Off (the loaded rules read schema v1 fields), the reader reads it as written and says so.
        let asWritten = try read("product: {name: X}\n", migrating: false)
        #expect(keys(asWritten.root) == ["product"])
        #expect(asWritten.notes.count == 1 && asWritten.notes[0].hasPrefix("p.yaml is read as schema v1, as written (not migrated)"))
    }

    @Test func aSchemaVersionOtherThan1Or2IsALocatedInputError() throws {
        let three = readError("protocol: {id: P-1}\nschema_version: 3\n")
        #expect(three.map(\.description) == ["""
            p.yaml:2:17: error: schema_version must be 1 or 2 (an integer), not 3
            schema_version: 3
                            ^
              hint: this stemcheck reads protocol schema versions 1 and 2; write `schema_version: 2` for the current schema, or update stemcheck
            """])
        #expect(readError("schema_version: \"2\"\n").first?.message == #"schema_version must be 1 or 2 (an integer), not the string "2""#)
        #expect(readError("schema_version: 2.0\n").first?.message == "schema_version must be 1 or 2 (an integer), not the number 2.0")
        #expect(readError("schema_version:\n").first?.location == SourceLocation(file: "p.yaml", line: 1, column: 1))
    }

    @Test func aV2DocumentWithAV1FieldIsRefusedWithTheV2Spelling() throws {
        let errors = readError("""
            schema_version: 2
            product:
              name: X
            design:
              arms:
                - {name: A, dose_per_kg: 3}
                - {name: B}
                - {name: C, dose_per_kg: 5}
            """)
        #expect(errors.map { "\($0.location)" } == ["p.yaml:2:1", "p.yaml:6:17", "p.yaml:8:17"])
        #expect(errors[0].message == "product is a schema v1 field, but the document declares schema_version: 2 (at 1:1); schema v2 would not read it")
        #expect(errors[0].hint?.hasPrefix("schema v2 spells it `products`, a list") == true)
        #expect(errors[0].hint?.contains("run `stemcheck migrate FILE`") == true)
        #expect(errors[1].message.hasPrefix("design.arms[0].dose_per_kg is a schema v1 field"))
        #expect(errors[2].message.hasPrefix("design.arms[2].dose_per_kg is a schema v1 field"))
        #expect(errors[0].sourceLine == "product:")
    }

    @Test func aV1FieldWhoseV2PlaceIsTakenIsAnError() throws {
        let errors = readError("products: []\nproduct: {name: X}\n")
        #expect(errors.map(\.description) == ["""
            p.yaml:2:1: error: the schema v1 field product moves to `products` in schema v2, but the document states `products` already (at 1:1)
            product: {name: X}
            ^
              hint: keep one of them: remove product, or remove `products` and let stemcheck migrate product
            """])
        #expect(readError("registration: {date: 2020-01-01, first_submitted: 2020-01-02}\n").first?.message
                == "the schema v1 field registration.date moves to `first_submitted` in schema v2, but the document states `first_submitted` already (at 1:34)")
    }

    // MARK: Findings point at the v1 file

    @Test func aFindingAfterMigrationPointsAtTheLineOfTheV1File() throws {
        let doc = """
            product:
              name: X
              cell_type: msc
            administration:
              route: intravenous
              volume_ml: 50
            """
        let volume = try EngineFixture.result(check: "{path: 'design.arms[0].interventions[0].volume', lte: 20 mL}", on: doc)
        #expect(volume.status == .fail)
        #expect(volume.location == Location(line: 6, column: 14))  // the 50 of `volume_ml: 50`
        let cellType = try EngineFixture.result(check: "{path: 'products[0].cell_type', equals: embryonic}", on: doc)
        #expect(cellType.location == Location(line: 3, column: 14))
        // A field not stated in a made mapping is located where the mapping was made from (`administration:`).
        let dose = try EngineFixture.result(check: "{path: 'design.arms[0].interventions[0].dose', exists: true}", on: doc)
        #expect(dose.status == .unknown)
        #expect(dose.location == Location(line: 4, column: 1))
    }

    // MARK: The text

    /// The v2 text of `text` (a file named `name`).
    func migrate(_ text: String, name: String = "p.yaml") throws -> SchemaMigration.Text {
        try SchemaMigration.migrateText(bytes: Array(text.utf8), name: name)
    }

    /// What the migrated text must read back as: the in-memory migration with `schema_version: 2` first.
    func expectReadsBackAsTheInMemoryMigration(_ text: String, name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let result = try migrate(text, name: name)
        let syntax = SourceSyntax(fileName: name)
        let reloaded = try YAMLLoader().loadDocument(bytes: Array(result.text.utf8), file: name, syntax: syntax).root
        let root = try YAMLLoader().loadDocument(bytes: Array(text.utf8), file: name, syntax: syntax).root
        let (draft, _) = try SchemaMigration.draft(root, declaringVersion: true, bytes: Array(text.utf8))
        #expect(reloaded.json() == (try draft.document(file: name, limits: YAMLLimits())).root.json(), sourceLocation: sourceLocation)
        // `check` reads the v1 file as the same document, less the declaration.
        let read = try ProtocolReader().read(bytes: Array(text.utf8), name: name)
        #expect(reloaded.pairs.first?.key.text == "schema_version" && reloaded.pairs.first?.value.int == 2, sourceLocation: sourceLocation)
        #expect(reloaded.pairs.dropFirst().map { "\($0.key.text ?? ""): \($0.value.json(indent: 0))" }
                == read.root.pairs.filter { $0.key.text != "schema_version" }.map { "\($0.key.text ?? ""): \($0.value.json(indent: 0))" },
                sourceLocation: sourceLocation)
        // And reads as v2 without a note.
        #expect(try ProtocolReader().read(bytes: Array(result.text.utf8), name: name).notes.isEmpty, sourceLocation: sourceLocation)
    }

    static let commented = """
        # A v1 protocol
        # yaml-language-server: $schema=../rules/protocol.schema.json

        protocol:
          id: P-1   # sponsor id

        # The product
        product:
          name: Cord blood
          # typed at the bank
          cell_type: umbilical_cord_blood   # unexpanded

        administration:
          route: intravenous   # one infusion
          # per kilogram of the child
          dose_per_kg: 25000000
          cumulative_dose_per_kg: 25000000
          volume_ml: 50
          rationale: >-
            The prior trial found gains
            only at the higher dose.

        design:
          arms:
            # the active arm
            - name: Cord blood
              type: experimental
            - {name: Placebo, type: placebo_comparator, dose_per_kg: 0}   # sham infusion
          primary_endpoint:
            name: GMFM-66   # change from baseline
            type: efficacy
          secondary_endpoints:   # as registered
            - Bayley-III
          # end of design

        registration:
          registry: ClinicalTrials.gov
          id: NCT01234567
          date: 2026-07-20   # before first enrolment
        """

    @Test func theTextKeepsEveryComment() throws {
        let result = try migrate(Self.commented)
        #expect(result.outcome == .migrated)
        #expect(result.lostComments == nil)
        for line in Self.commented.split(separator: "\n") {
            guard let hash = line.firstIndex(of: "#") else { continue }
            #expect(result.text.contains(line[hash...]), "lost: \(line)")
        }
        #expect(result.text.hasPrefix("# A v1 protocol\n# yaml-language-server: $schema=../rules/protocol.schema.json\n\nschema_version: 2\nprotocol:\n"))
        #expect(result.text.contains("""
            # The product
            products:
              - id: cord-blood
                type: cell
                role: investigational
                name: Cord blood
                # typed at the bank
                cell_type: umbilical_cord_blood   # unexpanded
            """))
        #expect(result.text.contains("""
                - name: Cord blood
                  type: experimental
                  interventions:
                    - product: cord-blood
                      # per kilogram of the child
                      dose: 25000000 cells/kg
                      route: intravenous   # one infusion
                      volume: 50 mL
                - name: Placebo   # sham infusion
                  type: placebo_comparator
                  interventions:
                    - dose: 0 cells/kg
            """))
        #expect(result.text.contains("""
              # schema v2 leaves this out: it is computed as dose × administrations.count
              # cumulative_dose_per_kg: 25000000
            """))
        #expect(result.text.contains("""
            outcomes:
              - type: primary
                measure: GMFM-66   # change from baseline
                purpose: efficacy
              # as registered
              - type: secondary
                measure: Bayley-III
            """))
        #expect(result.text.contains("      interventions:\n        - dose: 0 cells/kg\n  # end of design\n"))
        #expect(result.text.contains("""
            registrations:
              - registry: ClinicalTrials.gov
                id: NCT01234567
                first_submitted: 2026-07-20   # before first enrolment
                primary: true
            """))
        #expect(result.dropped.map(\.path) == ["administration.cumulative_dose_per_kg"])
        try expectReadsBackAsTheInMemoryMigration(Self.commented, name: "p.yaml")
    }

    /// The shipped examples as they were in schema v1 (Tests/Fixtures/schema-v1: the files
    /// `stemcheck migrate` turned into today's examples/).
    @Test(arguments: ["clinic-msc-package.yaml", "cp-ucb-phase2-us.yaml", "esc-npc-phase1-two-jurisdictions.yaml", "eu-uc-msc-multicentre.yaml"])
    func theExamplesMigrateWithTheirCommentsAndReadBackAsTheInMemoryMigration(_ example: String) throws {
        let path = Self.repository.appendingPathComponent("Tests/Fixtures/schema-v1/" + example).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = try migrate(text, name: example)
        #expect(result.outcome == .migrated)
        #expect(result.lostComments == nil)
        let lines = SourceLines(bytes: Array(text.utf8))!
        let comments = lines.commentLines().map { n in
            let line = lines[n]
            return SourceLines.text(line[SourceLines.commentStart(line, from: 0)!...])
        }
        #expect(!comments.isEmpty)
        for comment in comments { #expect(result.text.contains(comment), "lost: \(comment)") }
        try expectReadsBackAsTheInMemoryMigration(text, name: example)
        // Migrating again changes nothing.
        let again = try migrate(result.text, name: example)
        #expect(again.outcome == .alreadyV2 && again.text == result.text)
    }

    @Test func moreShapesReadBackAsTheInMemoryMigration() throws {
        let inputs: [(String, String)] = [
            ("flow.yaml", "product: {name: X, cell_type: msc}   # one line\nadministration: {volume_ml: 5, interval_days: 28}\n"),
            ("crlf.yaml", "# top\r\nproduct:\r\n  name: X  # c\r\nregistration:\r\n  date: 2020-01-01\r\n"),
            ("nulls.yaml", "product: ~\nregistration:\ndesign:\n  primary_endpoint: ~\n  secondary_endpoints: []\n"),
            ("indentless.yaml", "design:\n  arms:\n  - name: A\n    dose_per_kg: 5   # five\n  - name: B\n    type: placebo_comparator\n"),
            ("deep.yaml", "registration:\n    registry: ISRCTN\n    secondary_ids:\n        -   registry: EU CTR\n            id: X   # ctis\n"),
            ("alias.yaml", "base: &b\n  name: X\nproduct: *b   # shared\n"),
            ("p.json", #"{"product": {"name": "X"}, "administration": {"volume_ml": 5}, "design": {"secondary_endpoints": ["A"]}}"#),
            ("plain.yaml", "protocol:\n  id: X\n"),
        ]
        for (name, text) in inputs {
            try expectReadsBackAsTheInMemoryMigration(text, name: name)
        }
        #expect(try migrate(inputs[0].1, name: "flow.yaml").text.hasPrefix("schema_version: 2\nproducts:   # one line\n  - id: x\n"))
        let crlf = try migrate(inputs[1].1, name: "crlf.yaml").text
        #expect(crlf.contains("    name: X  # c\r\n") && !crlf.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(try migrate(inputs[3].1, name: "indentless.yaml").lostComments == nil)
        #expect(try migrate(inputs[4].1, name: "deep.yaml").text.contains("  -   registry: EU CTR\n      id: X   # ctis\n      primary: false\n"))
        #expect(try migrate(inputs[7].1, name: "plain.yaml").outcome == .declared)
    }

    @Test func jsonGivesJSON() throws {
        let result = try migrate(#"{"product": {"name": "X"}}"#, name: "p.json")
        #expect(result.text == """
            {
              "schema_version": 2,
              "products": [
                {
                  "id": "x",
                  "type": "cell",
                  "role": "investigational",
                  "name": "X"
                }
              ]
            }

            """)
        #expect(try migrate(result.text, name: "p.json").outcome == .alreadyV2)
    }

    @Test func whereTheLinesCannotBeEditedTheDocumentIsWrittenAnewAndTheLostCommentsAreNamed() throws {
        let text = "# top\nproduct: {name: X,\n  # inside\n  cell_type: msc}\nprotocol:\n  id: P   # id\n"
        let result = try migrate(text, name: "p.yaml")
        let lost = try #require(result.lostComments)
        #expect(lost.lines == [1, 3, 6])
        #expect(lost.reason.contains("flow style"))
        #expect(result.text == "schema_version: 2\nproducts:\n  - id: x\n    type: cell\n    role: investigational\n    name: X\n    cell_type: msc\nprotocol:\n  id: P\n")
        try expectReadsBackAsTheInMemoryMigration(text, name: "p.yaml")
    }

    @Test func aDeclarationIsAddedOrUpdatedFirst() throws {
        #expect(try migrate("# about\n\nprotocol:\n  id: X\n").text == "# about\n\nschema_version: 2\nprotocol:\n  id: X\n")
        let v1 = try migrate("protocol:\n  id: X\nschema_version: 1\nproduct:\n  name: Y\n")
        #expect(v1.text.hasPrefix("schema_version: 2\nprotocol:\n  id: X\nproducts:\n"))
        #expect(try migrate("schema_version: 2\nproducts: []\n").outcome == .alreadyV2)
        #expect(throws: InputError.self) { try migrate("schema_version: 2\nproduct: {}\n") }
        #expect(throws: InputError.self) { try migrate("- a list\n") }
    }
}
