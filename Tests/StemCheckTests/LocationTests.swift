import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.5 / 6: a present value is located at the value; a missing one at the key of the nearest
/// existing parent ("the line of `registration:`, not of its first child").
@Suite struct LocationTests {
    static let doc = """
        protocol:
          id: P-1
        registration:
          number: NCT123
          sponsor:
            name: Acme
        arms:
          - name: A
          - name: B
            dose: 5
        empty:
        """

    func location(_ check: String) throws -> Location? {
        // A rule-language test on a document of its own shape: its `registration` key is not the
        // schema v1 field, so the v1 migration is off.
        let r = try EngineFixture.result(check: check, on: Self.doc, migratesSchemaV1: false)
        #expect(r.status != .pass)
        #expect(r.why.first?.location.map { Location(line: $0.line, column: $0.column) } == r.location)
        return r.location
    }

    @Test func missingChildOfAnExistingMappingIsAtItsKey() throws {
        #expect(try location("{path: registration.date, exists: true}") == Location(line: 3, column: 1))
        #expect(try location("{path: registration.date, gte: 2026-01-01}") == Location(line: 3, column: 1))
        #expect(try location("{path: registration.sponsor.country, equals: US}") == Location(line: 5, column: 3))
        #expect(try location("{path: registration.sponsor.country.code, equals: US}") == Location(line: 5, column: 3))
    }

    @Test func missingTopLevelKeyIsAtTheDocument() throws {
        #expect(try location("{path: consent.form, exists: true}") == Location(line: 1, column: 1))
    }

    @Test func nullValueIsAtItsKey() throws {
        #expect(try location("{path: empty, exists: true}") == Location(line: 11, column: 1))
        #expect(try location("{path: empty.x, equals: 1}") == Location(line: 11, column: 1))
    }

    @Test func presentValueIsAtTheValue() throws {
        #expect(try location("{path: registration.number, matches: '^ISRCTN'}") == Location(line: 4, column: 11))
        #expect(try location("{path: registration.sponsor, type: string}") == Location(line: 6, column: 5))
        #expect(try location("{path: 'arms[1].dose', gt: 5}") == Location(line: 10, column: 11))
        let pass = try EngineFixture.result(check: "{path: registration.number, matches: '^NCT'}", on: Self.doc, migratesSchemaV1: false)
        #expect(pass.status == .pass)
        #expect(pass.location == Location(line: 4, column: 11))
    }

    @Test func listItemsAndIndexes() throws {
        // An item lacking a field: the item itself (a list item has no key).
        #expect(try location("{path: 'arms[0].dose', exists: true}") == Location(line: 8, column: 5))
        #expect(try location("{path: 'arms[*].dose', gte: 1}") == Location(line: 8, column: 5))
        // An index past the end: the key of the list.
        #expect(try location("{path: 'arms[5].name', exists: true}") == Location(line: 7, column: 1))
        #expect(try location("{for_each: arms, check: {path: dose, exists: true}}") == Location(line: 8, column: 5))
    }

    @Test func missingForEachListIsAtTheParentKey() throws {
        #expect(try location("{for_each: registration.sites, check: {path: x, exists: true}}") == Location(line: 3, column: 1))
    }

    @Test func errorIsAtTheOffendingValue() throws {
        let r = try EngineFixture.result(check: "{path: registration.sponsor.name, gt: 1}", on: Self.doc, migratesSchemaV1: false)
        #expect(r.status == .error)
        #expect(r.location == Location(line: 6, column: 11))
    }
}
