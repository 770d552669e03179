import Foundation
import StemCheckReview
import StemCheckServer
import Testing

/// The board's whole flow through the API, on SQLite and on PostgreSQL: submit → pre-review
/// report → return with stipulations → address → new version → resubmit → version comparison →
/// route and assign → reviewer attestation → chair determination with conditions → letter →
/// respond → verify → approval → letter; the audit trail verifies at the end.
@Suite struct WorkflowTests {
    @Test(arguments: TestDatabase.flavors)
    func wholeFlow(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await c.create("sam", example: "clinic-msc-package.yaml", title: "MSC for cerebral palsy")
            var sub = try await c.submission(id, as: "sam")
            #expect(sub["state"] as? String == "draft")
            let v1 = (sub["versions"] as? [[String: Any]])?.first
            #expect(v1?["verdict"] as? String == "fail")
            // The same bytes again: the same version, 200 not 201.
            let again = try await c.call(.post, "/api/v1/submissions/\(id)/versions?filename=clinic-msc-package.yaml", as: "sam", raw: fixture("clinic-msc-package.yaml"))
            #expect(again.status == 200)
            #expect(again.object["created"] as? Bool == false)

            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/submit", as: "sam").status == 200)
            // Pre-review: the analyst reads the stored report (the CLI's JSON report).
            let report = try await c.call(.get, "/api/v1/submissions/\(id)/versions/1/report", as: "ann")
            #expect(report.status == 200)
            #expect((report.object["summary"] as? [String: Any])?["verdict"] as? String == "fail")
            let html = try await c.call(.get, "/api/v1/submissions/\(id)/versions/1/report?format=html", as: "ann")
            #expect(html.text.hasPrefix("<!DOCTYPE html>"))

            // A return needs stipulations; then it is itemised and anchored.
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/return", as: "ann", json: ["stipulations": []]).status == 422)
            let bad = try await c.call(.post, "/api/v1/submissions/\(id)/return", as: "ann", json: ["stipulations": [["text": "x", "anchor": "NOT A RULE!"]]])
            #expect(bad.errorCode == "bad_anchor")
            let returned = try await c.call(.post, "/api/v1/submissions/\(id)/return", as: "ann", json: ["stipulations": [
                ["text": "Name the independent ethics committee that approved the trial", "anchor": "ethics.committee"],
                ["text": "Families must not pay to take part", "required": true],
            ]])
            #expect(returned.status == 201, "\(returned.text)")
            let stipulations = (returned.json as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
            #expect(stipulations.count == 2)

            // Resubmitting without a new version or with open stipulations is refused.
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/resubmit", as: "sam").errorCode == "no_new_version")
            let v2 = try await c.call(.post, "/api/v1/submissions/\(id)/versions?filename=cp-ucb-phase2-us.yaml", as: "sam", raw: fixture("cp-ucb-phase2-us.yaml"))
            #expect(v2.status == 201)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/resubmit", as: "sam").errorCode == "stipulations_open")
            for s in stipulations {
                #expect(try await c.call(.post, "/api/v1/submissions/\(id)/stipulations/\(s)/address", as: "sam", json: ["response": "Done in version 2"]).status == 204)
            }
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/resubmit", as: "sam").status == 200)
            sub = try await c.submission(id)
            #expect(sub["state"] as? String == "pre_review")

            // Version comparison, result by result.
            let diff = try await c.call(.get, "/api/v1/submissions/\(id)/compare?from=1&to=2", as: "ann").object
            let entries = diff["entries"] as? [[String: Any]] ?? []
            #expect(entries.contains { $0["change"] as? String == "fixed" })
            #expect(diff["from_seq"] as? Int == 1 && diff["to_seq"] as? Int == 2)

            for s in stipulations {
                #expect(try await c.call(.post, "/api/v1/submissions/\(id)/stipulations/\(s)/resolve", as: "ann").status == 204)
            }
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/accept", as: "ann", json: ["path": "convened"]).status == 200)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/assignments", as: "ann", json: ["reviewer": "rob", "kind": "primary"]).status == 201)
            // The submitter cannot review their own study.
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/assignments", as: "ann", json: ["reviewer": "sam"]).status == 422)

            // The reviewer attests a review item; a wrong password signs nothing.
            let results = (try await c.call(.get, "/api/v1/submissions/\(id)/versions/2/report", as: "rob").object["results"] as? [[String: Any]]) ?? []
            let reviewItem = try #require(results.first { $0["status"] as? String == "review" }?["rule"] as? String)
            let wrong = try await c.call(.post, "/api/v1/submissions/\(id)/attestations", as: "rob", json: [
                "rule": reviewItem, "kind": "review_item", "outcome": "accepted", "statement": "Read the consent forms", "password": "wrong"])
            #expect(wrong.status == 401)
            let attested = try await c.call(.post, "/api/v1/submissions/\(id)/attestations", as: "rob", json: [
                "rule": reviewItem, "kind": "review_item", "outcome": "accepted", "statement": "Read the consent and assent forms against the elements", "password": Cast.password])
            #expect(attested.status == 201, "\(attested.text)")
            let signature = attested.object["signature"] as? [String: Any]
            #expect(signature?["printed_name"] as? String == "Rob Reviewer")
            #expect(signature?["meaning"] as? String == "attestation")
            #expect(signature?["valid"] as? Bool == true)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/comments", as: "rob", json: ["rule": reviewItem, "text": "<script>alert(1)</script> checked"]).status == 201)

            // The chair: modifications required, with a basis and conditions; a letter is issued.
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "jane", json: [
                "kind": "modifications_required", "conditions": ["x"], "password": Cast.password]).errorCode == "basis_required")
            let mods = try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "jane", json: [
                "kind": "modifications_required", "basis": "The DSMB charter is not attached.",
                "conditions": ["Attach the DSMB charter"], "password": Cast.password])
            #expect(mods.status == 201, "\(mods.text)")
            let condition = try #require(((mods.object["conditions"] as? [[String: Any]])?.first?["id"] as? NSNumber)?.int64Value)
            let letter1 = try #require((mods.object["letter_id"] as? NSNumber)?.int64Value)
            let md = try await c.call(.get, "/api/v1/submissions/\(id)/letters/\(letter1)?format=md", as: "sam")
            #expect(md.text.contains("# Determination: Modifications required"))
            #expect(md.text.contains("1. Attach the DSMB charter"))
            #expect(md.text.contains("Signed by Jane Roe,"))
            #expect(md.text.contains("meaning: approval"))
            sub = try await c.submission(id)
            #expect(sub["state"] as? String == "awaiting_response")

            // Approving with a condition open is refused; the submitter responds with v3; the chair verifies.
            let v3 = try await c.call(.post, "/api/v1/submissions/\(id)/versions?filename=cp-ucb-phase2-us.yaml", as: "sam", raw: fixture("cp-ucb-phase2-us-v3.yaml"))
            #expect(v3.status == 201)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/respond", as: "sam").status == 200)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "jane", json: [
                "kind": "approved", "password": Cast.password]).errorCode == "conditions_open")
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/conditions/\(condition)/verify", as: "jane").status == 200)
            let approved = try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "jane", json: [
                "kind": "approved", "password": Cast.password])
            #expect(approved.status == 201, "\(approved.text)")
            let letter2 = try #require((approved.object["letter_id"] as? NSNumber)?.int64Value)
            let letterHTML = try await c.call(.get, "/api/v1/submissions/\(id)/letters/\(letter2)", as: "sam")
            #expect(letterHTML.text.contains("<h1>Determination: Approved</h1>"))
            #expect(letterHTML.text.contains("Protocol version 3"))
            sub = try await c.submission(id)
            #expect(sub["state"] as? String == "approved")
            #expect((sub["allowed_actions"] as? [String])?.contains("determine") == false)

            // A modification of the approved study: one open submission at a time, own studies only.
            let study = try #require((sub["study_id"] as? NSNumber)?.int64Value)
            let early = try await c.create("sam", title: "Not approved yet")
            #expect(try await c.call(.post, "/api/v1/submissions/\(early)/withdraw", as: "sam").status == 200)
            let notApproved = try await c.call(.post, "/api/v1/submissions?title=M&study=\((try await c.submission(early))["study_id"] as? Int ?? 0)", as: "sam", raw: fixture("cp-ucb-phase2-us.yaml"))
            #expect(notApproved.errorCode == "study_not_approved")
            let modification = try await c.call(.post, "/api/v1/submissions?title=Amendment%201&study=\(study)", as: "sam", raw: fixture("cp-ucb-phase2-us-v3.yaml"))
            #expect(modification.status == 201, "\(modification.text)")
            let modID = (modification.object["submission_id"] as? NSNumber)?.int64Value ?? 0
            let mod = try await c.submission(modID)
            #expect(mod["type"] as? String == "modification")
            #expect((mod["study_id"] as? NSNumber)?.int64Value == study)
            #expect(try await c.call(.post, "/api/v1/submissions?title=Amendment%202&study=\(study)", as: "sam", raw: fixture("cp-ucb-phase2-us.yaml")).errorCode == "study_busy")
            #expect(try await c.call(.post, "/api/v1/submissions?title=Theirs&study=\(study)", as: "sue", raw: fixture("cp-ucb-phase2-us.yaml")).status == 404)

            // Re-rendering an issued letter gives the same bytes.
            let rerendered = try await h.service.rerenderLetter(letter2, format: "html")
            #expect(rerendered == letterHTML.body)

            // The audit trail of the submission and of the whole store.
            let history = try await c.call(.get, "/api/v1/submissions/\(id)/audit", as: "aud").json as? [[String: Any]] ?? []
            #expect(history.contains { $0["action"] as? String == "submission.return" })
            #expect(history.contains { $0["action"] as? String == "determination.created" })
            let verify = try await c.call(.get, "/api/v1/audit/verify", as: "aud").object
            #expect(verify["ok"] as? Bool == true, "\(verify)")
        }
    }

    /// A malformed protocol is stored as a version with its located error; binary is refused.
    @Test(arguments: TestDatabase.flavors)
    func badInput(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let bad = try await c.call(.post, "/api/v1/submissions?title=Broken&filename=malformed.yaml", as: "sam", raw: fixture("malformed.yaml"))
            #expect(bad.status == 201)
            let version = bad.object["version"] as? [String: Any]
            let error = version?["input_error"] as? String ?? ""
            #expect(error.hasPrefix("malformed.yaml:"), "\(error)")
            #expect(error.contains("error:"))
            let id = (bad.object["submission_id"] as? NSNumber)?.int64Value ?? 0
            #expect(try await c.call(.get, "/api/v1/submissions/\(id)/versions/1/report", as: "sam").errorCode == "input_error")
            let binary = try await c.call(.post, "/api/v1/submissions?title=Bin", as: "sam", raw: [0x89, 0x50, 0x4E, 0x47, 0, 0, 1])
            #expect(binary.status == 415)
            let huge = try await c.call(.post, "/api/v1/submissions?title=Huge", as: "sam", raw: Array(repeating: UInt8(ascii: "a"), count: (16 << 20) + 10))
            #expect(huge.status == 413)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/comments", as: "sam", raw: Array("{not json".utf8)).status == 400)
            // No stack traces, and the security headers on every answer.
            #expect(!huge.text.contains("Swift") && !huge.text.contains(".swift"))
            #expect(huge.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
        }
    }

    /// An expedited reviewer cannot disapprove (45 CFR 46.110(b)); the chair on the convened path can,
    /// and the disapproval letter offers the response in person or in writing.
    @Test(arguments: TestDatabase.flavors)
    func expeditedCannotDisapprove(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await c.create("sam")
            try await c.call(.post, "/api/v1/submissions/\(id)/submit", as: "sam")
            try await c.call(.post, "/api/v1/submissions/\(id)/accept", as: "ann", json: ["path": "expedited"])
            try await c.call(.post, "/api/v1/submissions/\(id)/assignments", as: "ann", json: ["reviewer": "rob", "kind": "designated"])
            let refused = try await c.call(.post, "/api/v1/submissions/\(id)/determinations", as: "rob", json: [
                "kind": "disapproved", "basis": "No", "password": Cast.password])
            #expect(refused.status == 422)
            #expect(refused.errorCode == "refer_to_convened_board")
            let other = try await c.create("sam", title: "Second")
            try await c.call(.post, "/api/v1/submissions/\(other)/submit", as: "sam")
            try await c.call(.post, "/api/v1/submissions/\(other)/accept", as: "ann", json: ["path": "convened"])
            let no = try await c.call(.post, "/api/v1/submissions/\(other)/determinations", as: "jane", json: [
                "kind": "disapproved", "basis": "The risks are not justified by the anticipated benefit.", "password": Cast.password])
            #expect(no.status == 201)
            let letter = (no.object["letter_id"] as? NSNumber)?.int64Value ?? 0
            let md = try await c.call(.get, "/api/v1/submissions/\(other)/letters/\(letter)?format=md", as: "sam").text
            #expect(md.contains("You may respond to this decision in person or in writing"))
            #expect(md.contains("meaning: disapproval"))
        }
    }
}
