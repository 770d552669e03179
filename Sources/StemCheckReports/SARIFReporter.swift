import StemCheckEngine
import StemCheckModel
/// SARIF 2.1.0 for code-scanning tools (SPEC 6).
///
/// One run; `tool.driver.rules` holds every rule that has a result, with its title, citation,
/// quote and help link; `results` holds one result per `fail` or `error`, one per `unknown` ("not stated",
/// `kind: open` at its severity's level, SPEC 6, with the missing paths in its properties), and one
/// per `waived` result carrying an accepted external suppression with the waiver's justification. Passing,
/// not-applicable and review results are not SARIF results. The protocol is the run's only
/// artifact, with its SHA-256.
public enum SARIFReporter: Reporter {
    public static let name = "sarif"
    public static let fileSuffix: String? = ".sarif"
    public static func showsNotApplicableDetail(_ options: RenderOptions) -> Bool { false }
    /// Passing results are not SARIF results.
    public static func showsPassDetail(_ options: RenderOptions) -> Bool { false }

    /// The `$schema` written into every log.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public static func render(_ report: Report) -> String {
        String(decoding: renderBytes(report), as: UTF8.self)
    }

    /// The log as UTF-8 bytes, with the protocol's path as given.
    public static func renderBytes(_ report: Report) -> [UInt8] { render(report, options: RenderOptions()) }

    /// One protocol's log: a run of its own, whose category (`automationDetails.id`) names the
    /// protocol, so that a folder of these uploads as one run per protocol.
    public static func render(_ report: Report, options: RenderOptions) -> [UInt8] {
        let part = part(report, index: 0, options: options, ruleIndexes: true)
        let place = artifactPlace(report.protocolInfo.path, options: options)
        var bytes: [UInt8] = []
        let out = DocumentWriter { bytes += $0 }
        document(BatchParts([part]), to: out, automationID: "stemcheck/" + place.uri + "/", notes: [],
                        endTime: report.generatedAt, toolName: report.toolName, toolVersion: report.toolVersion,
                        options: options, properties: { json in
                            json.key("protocol"); JSONReporter.writeProtocol(report.protocolInfo, to: &json)
                            json.member("profile", report.profile)
                            json.key("rule_packs"); JSONReporter.writeRulePacks(report.rulePacks, to: &json)
                            json.key("summary"); JSONReporter.writeSummary(report, to: &json)
                        })
        out.flush()
        return bytes
    }

    /// A protocol's results, its rule descriptors and its artifact, for a whole-run log.
    public static func batchPart(_ report: Report, index: Int, options: RenderOptions) -> BatchPart {
        part(report, index: index, options: options, ruleIndexes: false)
    }

    /// `ruleIndexes`: results point at their descriptor by index, which only a log of one
    /// protocol knows when its results are written (a whole-run log lists descriptors at the end).
    static func part(_ report: Report, index: Int, options: RenderOptions, ruleIndexes: Bool) -> BatchPart {
        let place = artifactPlace(report.protocolInfo.path, options: options)
        let identity = report.protocolInfo.id.map { "id:" + $0 } ?? "path:" + place.uri
        var shared: [SharedPiece] = []
        var seen = Set<String>()
        var items: [[UInt8]] = []
        var ruleIndex: [String: Int] = [:]
        for r in report.results where r.isFailing || r.status == .waived || r.status == .unknown {
            if seen.insert(r.rule).inserted {
                ruleIndex[r.rule] = ruleIndex.count
                // Written only if no earlier protocol's results named the rule.
                shared.append(SharedPiece(key: "rule:" + r.rule) {
                    var json = JSONWriter(capacity: 1024)
                    json.object { json in writeDescriptor(r, report, to: &json) }
                    return json.fileBytes()
                })
            }
            var json = JSONWriter(capacity: 1024)
            json.object { json in
                writeResult(r, ruleIndex: ruleIndexes ? ruleIndex[r.rule] : nil, uri: place.uri, base: place.base,
                            fingerprint: Digest.sha256(Array("\(r.rule)|\(identity)|\(r.path ?? "")".utf8)), to: &json)
            }
            items.append(json.fileBytes())
        }
        var artifact = JSONWriter(capacity: 256)
        artifact.object { json in
            json.object("location") { json in
                json.member("uri", place.uri)
                if let base = place.base { json.member("uriBaseId", base) }
            }
            json.object("hashes") { json in json.member("sha-256", report.protocolInfo.sha256) }
        }
        shared.append(SharedPiece(key: "artifact:" + place.uri, bytes: artifact.fileBytes()))
        for (n, note) in report.notes.enumerated() {
            var json = JSONWriter(capacity: 256)
            json.object { json in
                json.member("level", "note")
                json.key("message"); writeMessage(report.protocolInfo.path + ": " + note, to: &json)
            }
            shared.append(SharedPiece(key: "note:\(index):\(n)", bytes: json.fileBytes()))
        }
        var summary = JSONWriter(capacity: 512)
        summary.object { json in
            json.key("protocol"); JSONReporter.writeProtocol(report.protocolInfo, to: &json)
            json.member("profile", report.profile)
            json.key("summary"); JSONReporter.writeSummary(report, to: &json)
        }
        return BatchPart(body: summary.fileBytes(), items: items, shared: shared, entry: BatchEntry(report, index: index))
    }

    /// One run for the whole batch (SPEC 5): category `stemcheck`, every protocol an artifact,
    /// rule descriptors once each, results in input order.
    public static func writeBatch(_ parts: BatchParts, context: BatchContext, options: RenderOptions, to out: DocumentWriter) {
        document(parts, to: out, automationID: "stemcheck/", notes: context.failedFiles.map { "\($0.path): not checked: \($0.reason)" },
                 endTime: context.generatedAt, toolName: context.toolName, toolVersion: context.toolVersion,
                 options: options, properties: { json in
                     json.key("reports")
                     json.array(parts.bodies) { json, body in
                         json.fragment(body)
                         out.write(json.takeBytes())
                     }
                 })
    }

    /// Writes the log around a run made of `parts` to `out`, results as they are read.
    static func document(_ parts: BatchParts, to out: DocumentWriter, automationID: String, notes: [String], endTime: String,
                         toolName: String, toolVersion: String, options: RenderOptions,
                         properties: (inout JSONWriter) -> Void) {
        var descriptors: [[UInt8]] = []
        var artifacts: [[UInt8]] = []
        var notifications: [[UInt8]] = []
        for (key, value) in parts.shared {
            if key.hasPrefix("rule:") { descriptors.append(value) }
            else if key.hasPrefix("artifact:") { artifacts.append(value) }
            else { notifications.append(value) }
        }
        for note in notes {
            var json = JSONWriter(capacity: 256)
            json.object { json in
                json.member("level", "warning")
                json.key("message"); writeMessage(note, to: &json)
            }
            notifications.append(json.fileBytes())
        }
        var json = JSONWriter(capacity: 1 << 16)
        json.object { json in
            json.member("$schema", schemaURI)
            json.member("version", "2.1.0")
            json.key("runs")
            json.objects(CollectionOfOne(0)) { json, _ in
                json.object("automationDetails") { json in json.member("id", automationID) }
                if let root = options.sourceRoot {
                    json.object("originalUriBaseIds") { json in
                        json.object("%SRCROOT%") { json in json.member("uri", "file://" + directoryURI(root)) }
                    }
                }
                json.object("tool") { json in
                    json.object("driver") { json in
                        json.member("name", toolName)
                        json.member("version", toolVersion)
                        json.member("semanticVersion", toolVersion)
                        json.key("rules")
                        json.array(descriptors) { json, d in json.fragment(d) }
                    }
                }
                json.key("invocations")
                json.objects(CollectionOfOne(0)) { json, _ in
                    json.key("executionSuccessful"); json.bool(true)
                    json.member("endTimeUtc", endTime)
                    json.key("toolExecutionNotifications")
                    json.array(notifications) { json, n in json.fragment(n) }
                }
                json.key("artifacts")
                json.array(artifacts) { json, a in json.fragment(a) }
                json.key("results")
                json.array(parts.items) { json, item in
                    json.fragment(item)
                    out.write(json.takeBytes())
                }
                json.member("columnKind", "unicodeCodePoints")
                json.object("properties", properties)
            }
        }
        out.write(json.fileBytes())
    }

    /// Where a protocol is, as SARIF says it: relative to `%SRCROOT%` when a source root is set
    /// and the file is under it, else the path as given (relative, or a `file://` URI).
    static func artifactPlace(_ path: String, options: RenderOptions) -> (uri: String, base: String?) {
        guard let root = options.sourceRoot else { return (artifactURI(path), nil) }
        let absolute = path.hasPrefix("/") ? path : (options.workingDirectory ?? root) + "/" + path
        let normal = normalize(absolute)
        let prefix = normalize(root) == "/" ? "/" : normalize(root) + "/"
        guard normal.hasPrefix(prefix) else { return (artifactURI(normal), nil) }
        return (artifactURI(String(normal.dropFirst(prefix.count))), "%SRCROOT%")
    }

    /// `/a/./b/../c` → `/a/c`.
    static func normalize(_ path: String) -> String {
        var out: [Substring] = []
        for segment in path.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { if !out.isEmpty { out.removeLast() }; continue }
            out.append(segment)
        }
        return "/" + out.joined(separator: "/")
    }

    /// An absolute folder as the path of a `file://` URI, ending in `/`.
    static func directoryURI(_ path: String) -> String {
        let segments = normalize(path).split(separator: "/").map { percentEncode(String($0)) }
        return "/" + segments.map { $0 + "/" }.joined()
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
    static func writeResult(_ r: RuleResult, ruleIndex: Int?, uri: String, base: String?, fingerprint: String, to json: inout JSONWriter) {
        let l = r.location ?? Location(line: 1, column: 1)
        json.member("ruleId", r.rule)
        if let ruleIndex { json.member("ruleIndex", ruleIndex) }
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
                    if let base { json.member("uriBaseId", base) }
                }
                json.object("region") { json in
                    json.member("startLine", max(1, l.line))
                    json.member("startColumn", max(1, l.column))
                }
            }
        }
        // Stable across line shifts: the rule, the protocol (its id, else its path) and the field.
        json.object("partialFingerprints") { json in json.member("stemcheckResult/v1", fingerprint) }
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

    /// A readable rule name from the title (`FollowUpLastsAtLeast24Months`), as SARIF suggests:
    /// its ASCII letters and digits, each word's first letter in capitals. Read as UTF-8 bytes (a
    /// character outside ASCII is bytes of 0x80 and above, a word break like any other).
    static func pascalName(_ title: String, fallback: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(title.utf8.count)
        var upper = true
        for byte in title.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                out.append(upper ? byte - 0x20 : byte)
                upper = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
                upper = false
            default:
                upper = true
            }
        }
        return out.isEmpty ? fallback : String(decoding: out, as: UTF8.self)
    }
}
