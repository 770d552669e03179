import YAMLSource
import StemCheckModel

/// A ClinicalTrials.gov record given with `check --registry-record FILE`, ready to be grafted into
/// a protocol under `registry_record` (documented in docs/import.md and docs/protocol-schema.md).
public struct RegistryRecord: Sendable {
    /// The file as the user named it.
    public var file: String
    /// The `registry_record` subtree; every value's source is in `file`.
    public var tree: ImportedValue

    /// Loads (strict JSON when `path` ends in `.json`, otherwise YAML) and imports a CT.gov record;
    /// anything else is a located input error.
    public static func load(path: String, loader: YAMLLoader = YAMLLoader()) throws(InputError) -> RegistryRecord {
        let document: YAMLDocument
        do {
            document = try loader.loadDocument(path: path, syntax: SourceSyntax(fileName: path))
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

    /// The protocol `protocolRoot` (a mapping) with `registry_record` added, built in memory: the
    /// protocol's nodes are copied with their own positions (nothing is re-read or re-written), the
    /// record's nodes are located in the record file. A `registry_record` the protocol has already is
    /// replaced, in its place. Nothing is computed: rules compare the record with the protocol
    /// (`in: {path: $.registry_record.primary_outcome_measures}`).
    ///
    /// Limits: the result is checked against `limits` as it is built. The protocol part is as deep
    /// as the loaded (or imported) protocol; the record adds three levels under the root.
    public func graft(onto protocolRoot: YAMLNode, limits: YAMLLimits = YAMLLimits()) throws(InputError) -> YAMLDocument {
        let record = tree
        let rootLocation = protocolRoot.location
        var builder = YAMLDocumentBuilder(file: protocolRoot.file, limits: limits)
        do {
            // The key is where the record is: its value carries no key position of its own.
            let recordKey = builder.string("registry_record", at: record.source ?? rootLocation)
            let recordValue = try record.build(into: &builder, inherited: rootLocation)
            var pairs: [(key: YAMLDocumentBuilder.Node, value: YAMLDocumentBuilder.Node)] = []
            pairs.reserveCapacity(protocolRoot.count + 1)
            var grafted = false
            protocolRoot.forEachPair { key, value in
                if key.textEquals("registry_record") {
                    pairs.append((recordKey, recordValue))
                    grafted = true
                } else {
                    pairs.append((builder.copy(key), builder.copy(value)))
                }
            }
            if !grafted { pairs.append((recordKey, recordValue)) }
            let root = try builder.mapping(pairs, at: rootLocation)
            return builder.document(root: root)
        } catch {
            throw InputError([Diagnostic(error)])
        }
    }
}
