import StemCheckModel
import Testing
@testable import StemCheckEngine

/// An `unknown` result names each field it needs by the title the protocol schema gives it.
@Suite struct FieldTitleTests {
    @Test func notStatedNamesTheFieldsTitle() {
        #expect(FindingText.notStated(["participants.age_min_years"]) == "Minimum age in years (participants.age_min_years) is not stated")
        #expect(FindingText.notStated(["design.arms[2].interventions[0].dose", "x.y"])
                == "Dose (design.arms[2].interventions[0].dose), x.y are not stated")
        #expect(FindingText.notStated(["undocumented.field"]) == "undocumented.field is not stated")
    }

    @Test func indexesAreLookedUpAsWildcards() {
        #expect(MissingField.wildcarded("a[0].b[12].c[*][\"k\"]") == "a[*].b[*].c[*][\"k\"]")
        #expect(FieldTitles.named("products[1].release_tests[3].name") == "Release test (products[1].release_tests[3].name)")
        #expect(FieldTitles.named("products[*].release_tests[*].name") == "Release test (products[*].release_tests[*].name)")
    }
}
