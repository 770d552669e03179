import StemCheckEngine
import StemCheckModel
/// SARIF 2.1.0 for code-scanning tools (SPEC 6).
///
/// One run; `tool.driver.rules` holds every rule in the report with its title, citation and
/// help link; `results` holds one result per `fail` or `error`, one per `unknown` ("not stated",
/// `kind: open` at its severity's level, SPEC 6, with the missing paths in its properties), and one
/// per `waived` result carrying an accepted external suppression with the waiver's justification. Passing,
/// not-applicable and review results are not SARIF results. The protocol is the run's only
/// artifact, with its SHA-256.
public enum SARIFReporter: Reporter {
    public static let name = "sarif"
    public static let fileSuffix: String? = ".sarif"
    public static let showsNotApplicableDetail = false

    /// The `$schema` written into every log.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public static func render(_ report: Report) -> String {
        String(decoding: renderBytes(report), as: UTF8.self)
    }

    /// The log as UTF-8 bytes, written straight into one buffer.
    public static func renderBytes(_ report: Report) -> [UInt8] {
        let uri = artifactURI(report.protocolInfo.path)
        // One descriptor per rule id, in report order (the built-in SCHEMA may have several results).
        var ruleIndex: [String: Int] = [:]
        var descriptors: [Int] = []
        for (n, r) in report.results.enumerated() where ruleIndex[r.rule] == nil {
            ruleIndex[r.rule] = descriptors.count
            descriptors.append(n)
        }
        var json = JSONWriter(capacity: 4096 + 1000 * report.results.count)
        json.object { json in
            json.member("$schema", schemaURI)
            json.member("version", "2.1.0")
            json.key("runs")
            json.objects(CollectionOfOne(report)) { json, report in
                json.object("tool") { json in
                    json.object("driver") { json in
                        json.member("name", report.toolName)
                        json.member("version", report.toolVersion)
                        json.member("semanticVersion", report.toolVersion)
                        json.key("rules")
                        json.objects(descriptors) { json, n in writeDescriptor(report.results[n], report, to: &json) }
                    }
                }
                json.key("invocations")
                json.objects(CollectionOfOne(report)) { json, report in
                    json.key("executionSuccessful"); json.bool(true)
                    json.member("endTimeUtc", report.generatedAt)
                    json.key("toolExecutionNotifications")
                    json.objects(report.notes) { json, note in
                        json.member("level", "note")
                        json.key("message"); writeMessage(note, to: &json)
                    }
                }
                json.key("artifacts")
                json.objects(CollectionOfOne(report.protocolInfo)) { json, p in
                    json.object("location") { json in json.member("uri", uri) }
                    json.object("hashes") { json in json.member("sha-256", p.sha256) }
                }
                json.key("results")
                json.objects(report.results.lazy.filter { $0.isFailing || $0.status == .waived || $0.status == .unknown }) { json, r in
                    writeResult(r, ruleIndex: ruleIndex[r.rule] ?? 0, uri: uri, to: &json)
                }
                json.member("columnKind", "unicodeCodePoints")
                json.object("properties") { json in
                    json.key("protocol"); JSONReporter.writeProtocol(report.protocolInfo, to: &json)
                    json.member("profile", report.profile)
                    json.key("rule_packs"); JSONReporter.writeRulePacks(report.rulePacks, to: &json)
                    json.key("summary"); JSONReporter.writeSummary(report, to: &json)
                }
            }
        }
        return json.fileBytes()
    }

    /// SARIF level of a severity: error, warning or note.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A SARIF message object: `{"text": ...}`.
    static func writeMessage(_ text: String, to json: inout JSONWriter) {
        json.object { json in json.member("text", text) }
    }

    /// A `reportingDescriptor` (members only).
    static func writeDescriptor(_ r: RuleResult, _ report: Report, to json: inout JSONWriter) {
        json.member("id", r.rule)
        json.member("name", pascalName(r.title, fallback: r.rule))
        json.key("shortDescription"); writeMessage(r.title, to: &json)
        if let quote = r.quote {
            // The source's own words, with where they are written.
            json.key("fullDescription"); writeMessage("\u{201C}\(quote)\u{201D}" + (r.citation.map { " (\($0))" } ?? ""), to: &json)
        }
        if let url = report.helpURL(r) { json.member("helpUri", url) }
        // help: what to do, then the requirement's source in its own words (GitHub shows it under the alert).
        var help = r.remediation.map { [$0] } ?? []
        if let citation = r.citation {
            help.append("Source: \(citation)" + (r.quote.map { ": \u{201C}\($0)\u{201D}" } ?? "")
                        + (r.sourceUnverified.map { " (source not read: \($0))" } ?? ""))
        }
        if !help.isEmpty { json.key("help"); writeMessage(help.joined(separator: "\n\n"), to: &json) }
        json.object("defaultConfiguration") { json in json.member("level", level(r.severity)) }
        json.object("properties") { json in
            if let citation = r.citation { json.member("citation", citation) }
            if let quote = r.quote { json.member("quote", quote) }
            if let unverified = r.sourceUnverified { json.member("source_unverified", unverified) }
            json.member("pack", r.pack)
            if let pack = report.pack(r.pack) { json.member("pack_version", pack.version) }
            json.member("severity", r.severity.rawValue)
            var seen = Set<String>()
            let tags = r.tags.filter { seen.insert($0).inserted }
            if !tags.isEmpty {
                json.key("tags")
                json.array(tags) { json, tag in json.string(tag) }
            }
        }
    }

    /// A `result` (members only).
    static func writeResult(_ r: RuleResult, ruleIndex: Int, uri: String, to json: inout JSONWriter) {
        let l = r.location ?? Location(line: 1, column: 1)
        json.member("ruleId", r.rule)
        json.member("ruleIndex", ruleIndex)
        // "Not stated" is SARIF's "could not determine" (kind open), never a failure (SPEC 6).
        if r.status == .unknown { json.member("kind", "open") }
        // An evaluation error is always `error`, whatever the rule's severity.
        json.member("level", level(r.shownSeverity))
        json.key("message"); writeMessage(r.message, to: &json)
        json.key("locations")
        json.objects(CollectionOfOne(l)) { json, l in
            json.object("physicalLocation") { json in
                json.object("artifactLocation") { json in
                    json.member("uri", uri)
                    json.member("index", 0)
                }
                json.object("region") { json in
                    json.member("startLine", max(1, l.line))
                    json.member("startColumn", max(1, l.column))
                }
            }
        }
        if let w = r.waiver {
            json.key("suppressions")
            json.objects(CollectionOfOne(w)) { json, w in
                json.member("kind", "external")
                json.member("status", "accepted")
                json.member("justification", w.justification)
                json.object("properties") { json in
                    json.member("approved_by", w.approvedBy)
                    json.member("expires", w.expires)
                    json.member("source", w.source)
                }
            }
        }
        json.object("properties") { json in
            json.member("status", r.status.rawValue)
            json.member("severity", r.severity.rawValue)
            if let w = r.waiver { json.member("original_status", w.originalStatus.rawValue) }
            if let path = r.path { json.member("path", path) }
            json.key("actual"); json.value(r.actual)
            json.key("why"); JSONReporter.writeWhy(r.why, to: &json)
            if !r.missing.isEmpty { json.key("missing"); JSONReporter.writeMissing(r.missing, to: &json) }
        }
    }

    /// The protocol path as a relative URI reference: `/`-separated segments, a leading `./`
    /// dropped, every byte outside RFC 3986 unreserved characters percent-encoded (so a `:` in
    /// the first segment cannot read as a scheme). An absolute path becomes a `file://` URI.
    public static func artifactURI(_ path: String) -> String {
        var rest = Substring(path)
        while rest.hasPrefix("./") { rest = rest.dropFirst(2).drop { $0 == "/" } }
        let absolute = rest.hasPrefix("/")
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false).map { percentEncode(String($0)) }
        let joined = segments.joined(separator: "/")
        return absolute ? "file://" + joined : joined
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// A readable rule name from the title (`FollowUpLastsAtLeast24Months`), as SARIF suggests.
    static func pascalName(_ title: String, fallback: String) -> String {
        var out = ""
        var upper = true
        for scalar in title.unicodeScalars {
            let isAlnum = (scalar.value < 0x80) && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            if isAlnum {
                out += upper ? String(scalar).uppercased() : String(scalar)
                upper = false
            } else {
                upper = true
            }
        }
        return out.isEmpty ? fallback : out
    }
}
