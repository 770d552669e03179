import YAMLSource
import StemCheckModel

/// A fixture test: a protocol and the statuses some rules must give it (`stemcheck rules test`).
public struct FixtureTest: Sendable {
    /// A name for messages.
    public var name: String
    /// The protocol, inline or loaded from `protocol_file`.
    public var protocolNode: YAMLNode
    /// Profile to select before checking, if any.
    public var profile: String?
    /// Rule id → expected status.
    public var expect: [(rule: String, status: Status, location: SourceLocation)]
    /// The expected verdict of the whole report (`verdict: fail`), if given, and where it is written.
    public var verdict: (value: Verdict, location: SourceLocation)? = nil
    /// Where the test is written.
    public var location: SourceLocation
}

extension NodeReader {
    static let fixtureKeys = ["name", "protocol", "protocol_file", "profile", "expect", "verdict"]

    /// Parses a `tests:` file. `directory` resolves `protocol_file` paths.
    mutating func fixtures(_ root: YAMLNode, directory: String, loader: YAMLLoader) -> [FixtureTest] {
        guard let list = root["tests"], list.kind == .sequence else {
            fail(root, "a fixture file needs a 'tests' list")
            return []
        }
        checkKeys(root, allowed: ["tests"], in: "a fixture file")
        var out: [FixtureTest] = []
        for item in list.items where requireMapping(item, "a fixture test") {
            checkKeys(item, allowed: Self.fixtureKeys, in: "a fixture test")
            let name = string(item, "name", required: true, in: "a fixture test") ?? "?"
            var protocolNode: YAMLNode?
            if let inline = item["protocol"] {
                if requireMapping(inline, "'protocol'") { protocolNode = inline }
            } else if let file = string(item, "protocol_file", required: false, in: "a fixture test") {
                let path = file.hasPrefix("/") ? file : directory + "/" + file
                do {
                    // A protocol file is read as `check` reads it: a `.json` one as strict JSON.
                    protocolNode = try loader.loadDocument(path: path, displayName: file, syntax: SourceSyntax(fileName: file)).root
                } catch {
                    diagnostics.append(Diagnostic(error))
                }
            } else {
                fail(item, "a fixture test needs 'protocol' (inline) or 'protocol_file'")
            }
            var expect: [(String, Status, SourceLocation)] = []
            if let e = item["expect"], requireMapping(e, "'expect'") {
                for (key, value) in e.pairs {
                    guard let text = value.string, let status = Status(rawValue: text) else {
                        fail(value, "expected status must be one of " + Status.allCases.map(\.rawValue).joined(separator: ", "))
                        continue
                    }
                    expect.append((key.text ?? "?", status, key.location))
                }
            } else if item["expect"] == nil {
                fail(item, "a fixture test needs 'expect: {RULE-ID: status}'")
            }
            var verdict: (Verdict, SourceLocation)?
            if let node = item["verdict"] {
                if let text = node.string, let value = Verdict(rawValue: text) {
                    verdict = (value, node.location)
                } else {
                    fail(node, "expected verdict must be one of " + Verdict.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            if let protocolNode {
                out.append(FixtureTest(name: name, protocolNode: protocolNode,
                                       profile: string(item, "profile", required: false, in: "a fixture test"),
                                       expect: expect, verdict: verdict, location: item.location))
            }
        }
        return out
    }
}
