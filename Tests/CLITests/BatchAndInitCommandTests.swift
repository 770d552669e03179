import Foundation
import Testing

/// Parallel batches give the same bytes as one job; `init` writes a loadable template and never
/// overwrites by accident.
@Suite struct BatchAndInitCommandTests {
    @Test func parallelBatchIsByteIdenticalToOneJob() throws {
        let s = try Scratch()
        // More files than two workers may take ahead of the first not yet written (`BatchCheck.window`).
        for n in 0..<150 {
            // A mix of passing, failing, erroring and broken protocols, in nested folders.
            let body: String
            switch n % 5 {
            case 0: body = "protocol: {id: P-\(n), title: Trial \(n)}\nregistration: {registry: ClinicalTrials.gov, id: NCT0000\(1000 + n)}\n"
            case 1: body = "protocol: {id: P-\(n)}\nadministration: {dose_per_kg: \"2 x 10^6 cells\"}\n"
            case 2: body = "jurisdictions: [US]\nparticipants: {age_min: \"\(n) months\"}\n"
            case 3: body = "protocol: [a, list, where, a, mapping, is, expected]\n"
            default: body = "protocol: {id: P-\(n), title: 'unterminated\n"
            }
            try s.write("in/\(n % 3)/p\(n).yaml", body)
        }
        let one = try CLI.run(["check", "in", "--format", "json", "--format", "sarif", "--format", "junit",
                               "--format", "text", "--output", "a", "--jobs", "1"], in: s.url)
        let two = try CLI.run(["check", "in", "--format", "json", "--format", "sarif", "--format", "junit",
                               "--format", "text", "--output", "b", "--jobs", "2"], in: s.url)
        #expect(one.status == 2 && two.status == 2, "broken files among the inputs exit 2")
        #expect(one.stdout == two.stdout)
        #expect(one.stderr == two.stderr)
        let namesA = s.list("a"), namesB = s.list("b")
        #expect(namesA == namesB)
        #expect(namesA.count == 120 * 3, "the 30 broken files of the 150 get no report")
        for name in namesA {
            #expect(s.read("a/" + name) == s.read("b/" + name), "\(name) differs between --jobs 1 and --jobs 2")
        }
    }

    @Test func initWritesALoadableTemplateAndRefusesToOverwrite() throws {
        let s = try Scratch()
        let first = try CLI.run(["init", "--profile", "us-pediatric-cp", "--output", "protocol.yaml"], in: s.url)
        #expect(first.status == 0, "\(first.stderr)")
        let template = try #require(s.read("protocol.yaml"))
        #expect(template.contains("# stemcheck protocol template for profile us-pediatric-cp"))
        #expect(template.contains("registration:"))
        let shown = try CLI.run(["show", "protocol.yaml"], in: s.url)
        #expect(shown.status == 0, "\(shown.stderr)")

        try s.write("protocol.yaml", "mine: true\n")
        let again = try CLI.run(["init", "--output", "protocol.yaml"], in: s.url)
        #expect(again.status == 2)
        #expect(again.stderr.contains("protocol.yaml:1:1: error: the file exists"))
        #expect(s.read("protocol.yaml") == "mine: true\n")

        let forced = try CLI.run(["init", "--output", "protocol.yaml", "--force"], in: s.url)
        #expect(forced.status == 0)
        #expect(s.read("protocol.yaml") != "mine: true\n")
    }

    @Test func githubFormatPrintsAnnotations() throws {
        let s = try Scratch()
        try s.write("p.yaml", "protocol: {id: X}\n")
        let r = try CLI.run(["check", "p.yaml", "--format", "github", "--profile", "isscr-baseline"], in: s.url)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        // Annotations (at most 10 per level, GitHub's limit), then a count of the rest.
        let annotations = lines.filter { !$0.hasPrefix("stemcheck: ") }
        #expect(annotations.allSatisfy { $0.hasPrefix("::error file=p.yaml,line=") || $0.hasPrefix("::warning file=p.yaml,line=") || $0.hasPrefix("::notice file=p.yaml,line=") })
        #expect(lines.filter { $0.hasPrefix("stemcheck: ") }.allSatisfy { $0.contains("not shown") })
    }
}
