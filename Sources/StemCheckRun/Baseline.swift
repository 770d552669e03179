import YAMLSource
import StemCheckModel

/// `--baseline FILE`: an earlier JSON report (one protocol's or a whole run's, of any detail)
/// whose findings are known. A result that stands in it unchanged — same protocol (its
/// `protocol.id`, else its path), same rule, same status and, for a violation, the same field —
/// is left out of the new report, which then shows only what is new or changed; matching never
/// uses line numbers, so edits elsewhere in a protocol do not bring old findings back. The
/// verdict still counts every result (a protocol with known violations does not become PASS);
/// the counts and the gate count only what is shown.
public struct Baseline: Sendable {
    /// The file it was read from.
    public let path: String
    let known: Set<String>

    /// Reads a baseline; an unreadable or foreign file is a located input error.
    public static func load(path: String) throws(InputError) -> Baseline {
        let root: YAMLNode
        do {
            root = try YAMLLoader().loadDocument(path: path, syntax: .json).root
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let reports = root["reports"]?.items ?? [root]
        guard reports.allSatisfy({ $0["protocol"]?.kind == .mapping && $0["results"]?.kind == .sequence }) else {
            throw InputError([Diagnostic(root.location, "\(path) is not a stemcheck JSON report (no protocol and results)",
                                         hint: "give a report written by `stemcheck check --format json=FILE` (or --write-baseline FILE)")])
        }
        var known = Set<String>()
        for report in reports {
            let identity = Self.identity(id: report["protocol"]?["id"]?.string, path: report["protocol"]?["path"]?.string)
            for r in report["results"]?.items ?? [] {
                guard let rule = r["rule"]?.string, let status = r["status"]?.string else { continue }
                known.insert(Self.key(identity, rule, status, r["path"]?.string))
            }
            // An essential report names the rules it could not decide under the fields not stated.
            for group in report["not_stated"]?.items ?? [] {
                for rule in group["rules"]?.items.compactMap(\.string) ?? [] {
                    known.insert(Self.key(identity, rule, Status.unknown.rawValue, nil))
                }
            }
        }
        return Baseline(path: path, known: known)
    }

    init(path: String, known: Set<String>) {
        self.path = path
        self.known = known
    }

    static func identity(id: String?, path: String?) -> String {
        id.map { "id:" + $0 } ?? "path:" + (path ?? "")
    }

    /// A violation is known with its field; a result not stated or a review item by rule alone.
    static func key(_ identity: String, _ rule: String, _ status: String, _ path: String?) -> String {
        let field = status == Status.fail.rawValue || status == Status.error.rawValue ? path ?? "" : ""
        return [identity, rule, status, field].joined(separator: "\u{0}")
    }

    /// The report without the results the baseline knows, with a note saying how many.
    public func apply(to report: Report) -> Report {
        let identity = Self.identity(id: report.protocolInfo.id, path: report.protocolInfo.path)
        var kept: [RuleResult] = []
        var dropped = 0
        for r in report.results {
            let reported = r.status == .fail || r.status == .error || r.status == .unknown || r.status == .review
            if reported, known.contains(Self.key(identity, r.rule, r.status.rawValue, r.path)) {
                dropped += 1
            } else {
                kept.append(r)
            }
        }
        guard dropped > 0 else { return report }
        var out = report
        out.results = kept
        var summary = Summary()
        for r in kept { summary.add(r.status) }
        summary.verdict = report.summary.verdict
        summary.gatePassed = !kept.contains(where: report.gates)
        out.summary = summary
        out.notes.insert("\(dropped) \(dropped == 1 ? "result" : "results") unchanged since the baseline \(path) \(dropped == 1 ? "is" : "are") not shown; the verdict still counts \(dropped == 1 ? "it" : "them")", at: 0)
        return out
    }
}
