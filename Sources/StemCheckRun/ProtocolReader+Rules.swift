import StemCheckEngine
import StemCheckInput

extension ProtocolReader {
    /// A reader for protocols checked against `rules`. Rules written for schema v1 (a local pack
    /// reading `product.cell_type`) see a v1 protocol as written, with a note; the shipped packs
    /// read schema v2, and a v1 protocol is migrated for them in memory.
    public init(registryRecord: RegistryRecord? = nil, for rules: RuleSet) {
        let readsV1 = rules.rules.contains { rule in
            rule.readPaths.contains { read in
                // Most paths start with a key no v1 field starts with: no array made for them.
                guard case .key(let first)? = read.segments.first, SchemaMigration.v1FirstKeys.contains(first) else { return false }
                return SchemaMigration.isV1Field(read.segments.map { segment -> String in
                    if case .key(let key) = segment { return key }
                    return "*"
                })
            }
        }
        self.init(registryRecord: registryRecord, migratesSchemaV1: !readsV1)
    }
}
