import YAMLSource
import StemCheckModel

/// A ClinicalTrials.gov record given with `check --registry-record FILE`, ready to be grafted into
/// a protocol under `registry_record` (documented in docs/import.md and docs/protocol-schema.md).
public struct RegistryRecord: Sendable {
    /// The file as the user named it.
    public var file: String
    /// The `registry_record` subtree; every value's source is in `file`.
    public var tree: ImportedValue

    /// Loads and imports a CT.gov record; anything else is a located input error.
    public static func load(path: String, loader: YAMLLoader = YAMLLoader()) throws(InputError) -> RegistryRecord {
        let document: YAMLDocument
        do {
            document = try loader.loadDocument(path: path)
        } catch {
            throw InputError([Diagnostic(error)])
        }
        let root = document.root
        let format = try ImportFormat.detect(root)
        guard format == .ctgov else {
            let what = format.map { "a \($0.title)" } ?? "not a ClinicalTrials.gov record"
            throw InputError([Diagnostic(root.location, "--registry-record needs a ClinicalTrials.gov API v2 study record; this file is \(what)",
                                         hint: "download the record with https://clinicaltrials.gov/api/v2/studies/NCT...; it has a top-level \"protocolSection\"")])
        }
        return RegistryRecord(file: path, tree: CTGovImporter.registryRecord(root: root))
    }

    /// `protocol` with `registry_record` added, plus the derived comparison field
    /// `registry_record.primary_outcome_matches_protocol` when both sides state a primary outcome.
    func graft(into protocolTree: ImportedValue) -> ImportedValue {
        var tree = protocolTree
        var record = self.tree
        if let endpoint = protocolTree.value(at: "design.primary_endpoint.name"), case .string(let name) = endpoint.content,
           case .list(let outcomes)? = record["primary_outcomes"]?.content {
            let registered = outcomes.compactMap { outcome -> String? in
                if case .string(let measure)? = outcome["measure"]?.content { return measure }
                return nil
            }
            if !registered.isEmpty {
                let same = registered.contains { Self.sameOutcome($0, name) }
                record.set("primary_outcome_matches_protocol",
                           ImportedValue(.bool(same), source: endpoint.source,
                                         note: "computed: design.primary_endpoint.name against primary_outcomes[*].measure"))
            }
        }
        tree.set("registry_record", record)
        return tree
    }

    /// Outcome texts compare case-insensitively, with whitespace collapsed and final punctuation dropped.
    static func sameOutcome(_ a: String, _ b: String) -> Bool {
        func normal(_ s: String) -> String {
            var t = ImportText.collapse(s).lowercased()
            while let last = t.last, ".;:,".contains(last) { t.removeLast() }
            return t
        }
        return normal(a) == normal(b)
    }
}
