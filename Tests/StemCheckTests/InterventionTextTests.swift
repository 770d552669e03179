import Testing
@testable import StemCheckInput

/// The free-text readers behind the intervention mapping of the ClinicalTrials.gov import.
@Suite struct InterventionTextTests {
    @Test(arguments: [
        ("1–5 × 10^7 TNC/kg", "1–5 × 10^7 TNC/kg", "TNC"),
        ("> 3 × 10^7 TNC/kg", "> 3 × 10^7 TNC/kg", "TNC"),
        (">3 x 10^7 cells/kg", "> 3 × 10^7 cells/kg", nil),
        ("2 × 10^6 cells/kg", "2 × 10^6 cells/kg", nil),
        ("total nucleated cells > 3x10^7/kg intravenously", "> 3 × 10^7 cells/kg", "TNC"),
        ("a maximum of 10x107/kg allogeneic umbilical cord blood (CB) cells", "up to 10 × 10^7 cells/kg", nil),
        ("three intravenous infusions of 2x106/kg human umbilical cord tissue cells", "2 × 10^6 cells/kg", nil),
        ("12/12 HLA matched sibling donor cord blood cells (\\>1x10\\^7 cells/kg)", "> 1 × 10^7 cells/kg", nil),
        ("1 × 10^7 - 5 × 10^7 cells/kg", "1 × 10^7 - 5 × 10^7 cells/kg", nil),
        ("1 to 5 x 10^7 MNC/kg", "1–5 × 10^7 cells/kg", "MNC"),
        ("at least 2.5 x 10⁷ mononuclear cells per kg", "at least 2.5 × 10^7 cells/kg", "MNC"),
        (">= 3e7 cells/kg", "≥ 3 × 10^7 cells/kg", nil),
        ("up to 5 × 10^7 cells/kg", "up to 5 × 10^7 cells/kg", nil),
        ("> 10 million cryopreserved matched sibling cord blood cells", "> 10 × 10^6 cells", nil),
        ("2×10^7 CD34+ cells/kg", "2 × 10^7 cells/kg", "CD34+"),
    ] as [(String, String, String?)])
    func readsADose(_ text: String, _ dose: String, _ population: String?) {
        let found = InterventionText.cellDoses(in: InterventionText.plain(text))
        #expect(found.map(\.text) == [dose], "\(text)")
        #expect(found.first?.population == population, "\(text)")
    }

    @Test func numbersThatAreNotCellDosesAreNotDoses() {
        for text in ["500 IU/kg for 2 times intravenously", "125 mg orally once daily", "WBC <3,000 cells/mL",
                     "twice a week for 4 weeks", "GMFCS levels I - IV", "20–30 mL"] {
            #expect(InterventionText.cellDoses(in: text).isEmpty, "\(text)")
        }
    }

    @Test func aFlattenedSuperscriptIsReadAsAPowerAndSaidSo() {
        let dose = InterventionText.cellDoses(in: "a maximum of 10x107/kg allogeneic umbilical cord blood (CB) cells").first
        #expect(dose?.remark == "\"10x107\" read as 10 × 10^7: the registry text lost the superscript")
        #expect(dose?.source == "a maximum of 10x107/kg")
    }

    @Test func routes() {
        #expect(InterventionText.routes(in: "single intravenous infusion").map(\.value) == ["intravenous"])
        #expect(InterventionText.routes(in: "given intrathecally by lumbar puncture").map(\.value) == ["intrathecal"])
        #expect(InterventionText.routes(in: "500 IU/kg intravenously and 250 IU/kg subcutaneously").map(\.value)
                == ["intravenous", "subcutaneous"])
        #expect(InterventionText.routes(in: "GMFCS levels I - IV").isEmpty)
        let facts = InterventionText.facts(["500 IU/kg for 2 times intravenously and 250 IU/kg subcutaneously"], cells: false)
        #expect(facts.route == nil)
        #expect(facts.routeRemark == "the text names several routes (intravenously, subcutaneously); none imported")
    }

    @Test func administrations() {
        #expect(InterventionText.administrationCounts(in: "a single infusion of allogeneic sibling cord blood").map(\.value) == [1])
        #expect(InterventionText.administrationCounts(in: "three intravenous infusions of 2x106/kg").map(\.value) == [3])
        #expect(InterventionText.administrationCounts(in: "Subjects will receive 3 infusions of MSCs").map(\.value) == [3])
        let (interval, timing) = InterventionText.interval(in: "3 infusions of MSCs (baseline, 3 months and 6 months)")
        #expect(interval?.value == "3 months")
        #expect(timing?.value == "baseline, 3 months and 6 months")
        #expect(InterventionText.interval(in: "one dose every 4 weeks").interval?.value == "4 weeks")
        #expect(InterventionText.interval(in: "two doses 28 days apart").interval?.value == "28 days")
    }

    @Test func hla() {
        let fourOfSix = InterventionText.hla(in: "allogeneic cord blood, 4/6 HLA-matched")
        #expect(fourOfSix?.score == "4/6" && fourOfSix?.matched == 4 && fourOfSix?.of == 6)
        #expect(fourOfSix?.haploidentical == nil)
        let sibling = InterventionText.hla(in: "The following 9 subjects will receive cord blood cells from an HLA-mismatched (≥3/6 match) or matched sibling. Six of the 15 subjects must be treated with haplo-identical sibling CB.")
        #expect(sibling?.score == "3/6")
        #expect(sibling?.haploidentical == true)
        #expect(sibling?.remark == "≥3/6: the lowest match the text allows")
        let orMore = InterventionText.hla(in: "HLA-A, -B and -DR matched at 4/6 or more")
        #expect(orMore?.score == "4/6" && orMore?.remark == "4/6 or more: the lowest match the text allows")
        let allele = InterventionText.hla(in: "12/12 HLA matched at allele level")
        #expect(allele?.score == "12/12" && allele?.level == "allele")
        #expect(InterventionText.hla(in: "haploidentical donor")?.haploidentical == true)
        #expect(InterventionText.hla(in: "1/2 of the children") == nil)
        #expect(InterventionText.hla(in: "no matching words here 3/6") != nil)
        #expect(InterventionText.hla(in: "dose 3/6 of the vial") == nil)
    }

    @Test func productsAndArms() {
        #expect(InterventionText.namesCells("Infusion of MSCs"))
        #expect(InterventionText.namesCells("sibling umbilical cord blood"))
        #expect(InterventionText.namesCells("Autologous bone marrow mononuclear cell transplantation"))
        #expect(!InterventionText.namesCells("Erythropoietin Injection"))
        #expect(!InterventionText.namesCells("The placebo is an acellular media product"))
        #expect(InterventionText.namesPlaceboOrSham("Placebo Umbilical Cord Blood"))
        #expect(InterventionText.namesPlaceboOrSham("Intravenous Sham"))
        #expect(InterventionText.comparator(armType: "SHAM_COMPARATOR", text: "")?.value == "sham_procedure")
        #expect(InterventionText.comparator(armType: "PLACEBO_COMPARATOR", text: "")?.value == "placebo")
        #expect(InterventionText.comparator(armType: "EXPERIMENTAL", text: "then placebo")?.value == "none")
        #expect(InterventionText.comparator(armType: "ACTIVE_COMPARATOR", text: "Natural History, Then AlloCB")?.value == "natural_history")
        #expect(InterventionText.comparator(armType: "ACTIVE_COMPARATOR", text: "Standard care")?.value == "active")
        #expect(InterventionText.comparator(armType: "NO_INTERVENTION", text: "Wait-list control")?.value == "waitlist")
        #expect(InterventionText.comparator(armType: "OTHER", text: "Standard therapy") == nil)
        var taken: Set<String> = []
        #expect(InterventionText.identifier("Infusion of MSCs", fallback: "p", taken: &taken) == "infusion-of-mscs")
        #expect(InterventionText.identifier("Infusion of MSCs!", fallback: "p", taken: &taken) == "infusion-of-mscs-2")
        #expect(InterventionText.identifier("—", fallback: "product-3", taken: &taken) == "product-3")
        #expect(InterventionText.clauses("A (x, y), B; and C") == ["A (x, y)", "B", "and C"])
    }

    /// A record's readers keep what each text held (`TextReadings`): the facts of any texts read
    /// with the kept answers are those read afresh.
    @Test func factsReadWithKeptReadingsAreTheSame() throws {
        let texts = try ScreenedPatternTests.fixtureTexts().filter { $0.count > 20 }.prefix(300) + ScreenedPatternTests.examples
        let readings = TextReadings()
        var told = 0
        for (n, text) in texts.enumerated() {
            // Each text with the next one, as an arm's words and an intervention's description.
            let pair = [text, texts[(n + 1) % texts.count]]
            for (cells, routes) in [(true, true), (false, true), (true, false)] {
                let kept = InterventionText.facts(pair, cells: cells, routes: routes, readings: readings)
                let fresh = InterventionText.facts(pair, cells: cells, routes: routes)
                #expect(String(describing: kept) == String(describing: fresh), "\(String(reflecting: pair))")
                if kept.dose != nil || kept.route != nil || kept.count != nil || kept.interval != nil { told += 1 }
            }
        }
        #expect(told > 50, "the texts said too little to compare")
    }
}
