/// The schema's registry vocabulary (`$defs/registry`, docs/protocol-schema.md#registries) for the
/// identifiers and issuer names importers meet.
///
/// A registry is named only when the identifier's form or the issuer's name says which one it is;
/// anything else (a grant number, a sponsor's code, a WHO Universal Trial Number) has no registry,
/// and the importer keeps the identifier with a remark.
enum RegistryVocabulary {
    /// The registry an identifier belongs to, from its form (`NCT…`, `ACTRN…`, `ISRCTN…`, EudraCT
    /// and EU CT numbers, …).
    static func registry(ofID raw: String) -> String? {
        let id = raw.trimmingSpaces()
        let screen = TextScreen(id)
        for (pattern, name) in idPatterns {
            if let regex = pattern.regex(for: screen), id.wholeMatch(of: regex) != nil { return name }
        }
        return nil
    }

    /// The identifier forms `registry(ofID:)` knows, in order, each with its registry; each is
    /// made only for an identifier holding its fixed letters (`ScreenedPattern`).
    static var idPatterns: [(pattern: ScreenedPattern<Substring>, registry: String)] {
        [
            (ScreenedPattern(["nct"]) { #/^NCT\d{8}$/#.ignoresCase() }, "ClinicalTrials.gov"),
            (ScreenedPattern(["actrn"]) { #/^ACTRN\d{14}$/#.ignoresCase() }, "ANZCTR"),
            (ScreenedPattern(["isrctn"]) { #/^ISRCTN\d{8}$/#.ignoresCase() }, "ISRCTN"),
            (ScreenedPattern(["-5"]) { #/^\d{4}-5\d{5}-\d{2}-\d{2}$/# }, "EU CTR"),
            (ScreenedPattern(["-"]) { #/^(?:EudraCT[\s:#-]*)?\d{4}-\d{6}-\d{2}$/#.ignoresCase() }, "EU CTR"),
            (ScreenedPattern(["chictr"]) { #/^ChiCTR[-\dA-Z]+$/#.ignoresCase() }, "ChiCTR"),
            (ScreenedPattern(["jrct"]) { #/^jRCT[a-z]?\d+$/#.ignoresCase() }, "jRCT"),
            (ScreenedPattern(["ctri/"]) { #/^CTRI\/\d{4}\/\d+\/\d+$/#.ignoresCase() }, "CTRI"),
            (ScreenedPattern(["irct"]) { #/^IRCT\d+N\d+$/#.ignoresCase() }, "IRCT"),
            (ScreenedPattern(["kct"]) { #/^KCT\d{7}$/#.ignoresCase() }, "CRIS"),
            (ScreenedPattern(["drks"]) { #/^DRKS\d{8}$/#.ignoresCase() }, "DRKS"),
            (ScreenedPattern(["pactr"]) { #/^PACTR\d+$/#.ignoresCase() }, "PACTR"),
            (ScreenedPattern(["rbr-"]) { #/^RBR-\w+$/#.ignoresCase() }, "ReBEC"),
            (ScreenedPattern(["per-"]) { #/^PER-\d{3}-\d{2}$/#.ignoresCase() }, "REPEC"),
            (ScreenedPattern(["tctr"]) { #/^TCTR\d+$/#.ignoresCase() }, "TCTR"),
            (ScreenedPattern(["slctr/"]) { #/^SLCTR\/\d{4}\/\d+$/#.ignoresCase() }, "SLCTR"),
            (ScreenedPattern(["lbctr"]) { #/^LBCTR\d+$/#.ignoresCase() }, "LBCTR"),
            (ScreenedPattern(["itmctr"]) { #/^ITMCTR\d+$/#.ignoresCase() }, "ITMCTR"),
            (ScreenedPattern(["rpcec"]) { #/^RPCEC\d+$/#.ignoresCase() }, "RPCEC"),
            (ScreenedPattern(["ntr"]) { #/^NTR\d+$/#.ignoresCase() }, "NTR"),
        ]
    }

    /// Every pattern `registry(ofID:)` screens, for the test of their words.
    static var screenedPatterns: [PatternCheck] {
        idPatterns.enumerated().map { n, entry in entry.pattern.check("registry(ofID:) #\(n + 1): \(entry.registry)", whole: true) }
    }

    /// The registry an issuer's name (a CT.gov secondary id's `domain`, a USDM registry
    /// organisation's name) names.
    static func registry(ofIssuer raw: String) -> String? {
        let name = raw.lowercased()
        let table: [([String], String)] = [
            (["clinicaltrials.gov", "ct-gov", "ct.gov"], "ClinicalTrials.gov"),
            (["anzctr", "australian new zealand clinical trials registry", "australian and new zealand clinical trials registry"], "ANZCTR"),
            (["isrctn"], "ISRCTN"),
            (["eudract", "eu ct", "ctis", "eu clinical trials", "clinical trials information system", "eu ctr"], "EU CTR"),
            (["chictr", "chinese clinical trial registry"], "ChiCTR"),
            (["jrct", "japan registry of clinical trials"], "jRCT"),
            (["ctri", "clinical trials registry - india", "clinical trials registry-india", "clinical trials registry india"], "CTRI"),
            (["irct", "iranian registry of clinical trials"], "IRCT"),
            (["cris", "clinical research information service"], "CRIS"),
            (["drks", "german clinical trials register"], "DRKS"),
            (["pactr", "pan african clinical trials registry"], "PACTR"),
            (["rebec", "brazilian clinical trials registry"], "ReBEC"),
            (["repec"], "REPEC"),
            (["tctr", "thai clinical trials registry"], "TCTR"),
            (["slctr", "sri lanka clinical trials registry"], "SLCTR"),
            (["lbctr", "lebanese clinical trials registry"], "LBCTR"),
            (["itmctr"], "ITMCTR"),
            (["rpcec", "cuban public registry of clinical trials"], "RPCEC"),
            (["netherlands trial register"], "NTR"),
        ]
        for (words, registry) in table {
            for word in words where contains(name, word) { return registry }
        }
        return nil
    }

    /// Whether `word` is in `text` as a whole word (not inside a longer one: `cris` in `crisis`).
    private static func contains(_ text: String, _ word: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: word) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }
}
