import YAMLSource
import StemCheckModel

/// Parses rule-pack documents (SPEC 3) into `RulePack`s.
extension NodeReader {
    static let packFileKeys = ["pack", "rules"]
    static let packKeys = ["id", "title", "version", "source", "description"]
    static let sourceKeys = ["title", "url", "published"]
    static let ruleKeys = ["id", "title", "severity", "kind", "citation", "source", "each", "when", "check", "message", "message_unknown", "remediation",
                           "rationale", "url", "tags", "waivable", "examples"]
    static let ruleSourceKeys = ["citation", "quote", "url", "unverified"]
    static let exampleKeys = ["pass", "fail", "unknown", "not_applicable", "review"]

    /// Parses a whole pack file; nil when it has errors (see `diagnostics`).
    mutating func pack(_ root: YAMLNode, file: String, sha256: String) -> RulePack? {
        let before = diagnostics.count
        guard requireMapping(root, "a rule pack file") else { return nil }
        checkKeys(root, allowed: Self.packFileKeys, in: "a rule pack file")
        guard let header = root["pack"] else {
            fail(root, "a rule pack file needs a 'pack' header with id and version")
            return nil
        }
        var id = ""
        var title: String?
        var version = ""
        var source: PackSource?
        if requireMapping(header, "'pack'") {
            checkKeys(header, allowed: Self.packKeys, in: "'pack'")
            id = string(header, "id", required: true, in: "'pack'") ?? ""
            if !id.isEmpty, !Self.isPackID(id) {
                fail(header["id"]!, "pack id '\(id)' must match [a-z0-9][a-z0-9-]*", hint: "use lowercase letters, digits and dashes")
            }
            title = string(header, "title", required: false, in: "'pack'")
            version = string(header, "version", required: true, in: "'pack'") ?? ""
            if let s = header["source"], !s.isNull, requireMapping(s, "'source'") {
                checkKeys(s, allowed: Self.sourceKeys, in: "'source'")
                source = PackSource(title: string(s, "title", required: false, in: "'source'"),
                                    url: string(s, "url", required: false, in: "'source'"),
                                    published: string(s, "published", required: false, in: "'source'"))
            }
        }
        var rules: [Rule] = []
        if let list = root["rules"] {
            if list.kind == .sequence {
                for item in list.items {
                    if let rule = rule(item, packID: id) { rules.append(rule) }
                }
            } else {
                fail(list, "'rules' must be a list of rules, found \(describe(list))")
            }
        } else {
            fail(root, "a rule pack file needs a 'rules' list")
        }
        guard diagnostics.count == before else { return nil }
        return RulePack(id: id, title: title, version: version, source: source, rules: rules, file: file, sha256: sha256)
    }

    static func isPackID(_ id: String) -> Bool {
        let u = Array(id.utf8)
        guard let first = u.first, (48...57).contains(first) || (97...122).contains(first) else { return false }
        return u.allSatisfy { (48...57).contains($0) || (97...122).contains($0) || $0 == UInt8(ascii: "-") }
    }

    static func isRuleID(_ id: String) -> Bool {
        let u = Array(id.utf8)
        guard let first = u.first, (48...57).contains(first) || (65...90).contains(first) || (97...122).contains(first) else { return false }
        return u.allSatisfy {
            (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) ||
                $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private mutating func rule(_ node: YAMLNode, packID: String) -> Rule? {
        let before = diagnostics.count
        guard requireMapping(node, "a rule") else { return nil }
        let id = string(node, "id", required: true, in: "a rule") ?? ""
        if !id.isEmpty { declaredRuleIDs.append((id, node.location)) }
        let what = id.isEmpty ? "a rule" : "rule \(id)"
        checkKeys(node, allowed: Self.ruleKeys, in: what)
        if !id.isEmpty, !Self.isRuleID(id) {
            fail(node["id"]!, "rule id '\(id)' may hold only letters, digits, '-', '_' and '.'", hint: "for example ISSCR-PEER-REVIEW")
        }
        let title = string(node, "title", required: true, in: what) ?? ""
        var severity = Severity.error
        if let s = string(node, "severity", required: true, in: what) {
            if let parsed = Severity(rawValue: s) { severity = parsed } else {
                fail(node["severity"]!, "severity '\(s)' must be error, warning or info\(Suggestion.phrase(for: s, in: Severity.allCases.map(\.rawValue)))")
            }
        }
        var kind = RuleKind.check
        if let k = string(node, "kind", required: false, in: what) {
            if let parsed = RuleKind(rawValue: k) { kind = parsed } else {
                fail(node["kind"]!, "kind '\(k)' must be check or review\(Suggestion.phrase(for: k, in: ["check", "review"]))")
            }
        }
        var each: Path?
        if let eachNode = node["each"], let path = pathValue(eachNode, key: "each") {
            if path.isRooted {
                fail(eachNode, "'each' of \(what) is a path from the root already; write it without '$.'",
                     hint: "each: products — the rule is then checked on every item; inside it, `$.` paths start at the root")
            } else {
                each = path
            }
        }
        let when = node["when"].flatMap { condition($0, what: "'when' of \(what)") }
        var check: Condition?
        if let checkNode = node["check"] {
            if kind == .review {
                fail(keyNode(node, "check")!, "\(what) is kind review and takes no 'check'",
                     hint: "remove 'check', or make it kind check; use 'when' to limit where a review applies")
            } else {
                check = condition(checkNode, what: "'check' of \(what)")
            }
        } else if kind == .check {
            fail(node, "\(what) needs a 'check' condition (or kind: review for items a person must judge)")
        }
        let message = string(node, "message", required: false, in: what)
        if let message, let bad = Self.unknownPlaceholder(message) {
            fail(node["message"]!, "unknown placeholder {\(bad)} in message", hint: "use {value} and {path}")
        }
        let messageUnknown = string(node, "message_unknown", required: false, in: what)
        if let messageUnknown, let bad = Self.unknownPlaceholder(messageUnknown, allowed: ["path"]) {
            fail(node["message_unknown"]!, "unknown placeholder {\(bad)} in message_unknown",
                 hint: "message_unknown speaks of what is not stated: use {path} (the paths not stated); there is no {value}")
        }
        let examples = ruleExamples(node["examples"], kind: kind, what: what)
        // `source: {citation, quote, url}`: where the requirement is written, and its words.
        var citation = string(node, "citation", required: false, in: what)
        var url = string(node, "url", required: false, in: what)
        var quote: String?
        var unverified: String?
        if let source = node["source"], requireMapping(source, "'source' of \(what)") {
            checkKeys(source, allowed: Self.ruleSourceKeys, in: "the source of \(what)")
            for key in ["citation", "url"] where node[key] != nil && source[key] != nil {
                fail(keyNode(node, key)!, "\(what) gives '\(key)' twice: beside 'source' and in it", hint: "keep source.\(key) only")
            }
            citation = citation ?? string(source, "citation", required: true, in: "the source of \(what)")
            url = url ?? string(source, "url", required: false, in: "the source of \(what)")
            quote = string(source, "quote", required: false, in: "the source of \(what)")
            if let q = quote, q.trimmingSpaces().isEmpty {
                fail(source["quote"]!, "source.quote of \(what) is empty", hint: "copy the words of the source that carry the requirement, or leave quote out")
            }
            unverified = string(source, "unverified", required: false, in: "the source of \(what)")
            if let u = unverified, u.trimmingSpaces().isEmpty {
                fail(source["unverified"]!, "source.unverified of \(what) is empty", hint: "say why the source text could not be read, or leave unverified out")
            }
        }
        guard diagnostics.count == before else { return nil }
        return Rule(id: id, packID: packID, title: title, severity: severity, kind: kind,
                    citation: citation, quote: quote, unverified: unverified,
                    each: each, when: when, check: check, message: message, messageUnknown: messageUnknown,
                    remediation: string(node, "remediation", required: false, in: what),
                    rationale: string(node, "rationale", required: false, in: what),
                    url: url,
                    tags: stringList(node, "tags"),
                    waivable: bool(node, "waivable", in: what) ?? true,
                    examples: examples, location: node.location)
    }

    /// The first `{name}` of a message template whose name is not `allowed`; nil when all are.
    /// Found in the UTF-8 bytes (`{` and `}` are ASCII): a search by characters cost some 30,000
    /// instructions a message, for every rule of every pack at every start.
    /// A template with other than ASCII text is searched by characters, as before (a combining
    /// mark after a brace makes it another character).
    static func unknownPlaceholder(_ message: String, allowed: [String] = ["value", "path"]) -> String? {
        let utf8 = Array(message.utf8)
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            var rest = Substring(message)
            while let open = rest.firstIndex(of: "{") {
                guard let close = rest[open...].firstIndex(of: "}") else { return nil }
                let name = String(rest[rest.index(after: open)..<close])
                if !allowed.contains(name) { return name }
                rest = rest[rest.index(after: close)...]
            }
            return nil
        }
        var start = 0
        while let open = utf8[start...].firstIndex(of: UInt8(ascii: "{")) {
            guard let close = utf8[open...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let name = String(decoding: utf8[(open + 1)..<close], as: UTF8.self)
            if !allowed.contains(name) { return name }
            start = close + 1
        }
        return nil
    }

    private mutating func ruleExamples(_ node: YAMLNode?, kind: RuleKind, what: String) -> RuleExamples {
        var examples = RuleExamples()
        guard let node, !node.isNull, requireMapping(node, "'examples' of \(what)") else { return examples }
        checkKeys(node, allowed: Self.exampleKeys, in: "'examples' of \(what)")
        func list(_ key: String) -> [YAMLNode] {
            guard let value = node[key], !value.isNull else { return [] }
            guard value.kind == .sequence else {
                fail(value, "examples '\(key)' must be a list of protocols, found \(describe(value))")
                return []
            }
            for item in value.items where item.kind != .mapping {
                fail(item, "each example protocol must be a mapping, found \(describe(item))")
            }
            return value.items.filter { $0.kind == .mapping }
        }
        examples.pass = list("pass")
        examples.fail = list("fail")
        examples.unknown = list("unknown")
        examples.notApplicable = list("not_applicable")
        examples.review = list("review")
        if kind == .check, !examples.review.isEmpty {
            fail(keyNode(node, "review")!, "'review' examples are only for kind review rules")
        }
        return examples
    }
}
