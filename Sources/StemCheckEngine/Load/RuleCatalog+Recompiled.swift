import StemCheckModel
import YAMLSource

extension RuleCatalog {
    /// The same packs compiled again from the bytes they were read from, into objects no other
    /// catalog holds; the profiles as they are; no fixture tests. Nil when a pack cannot be
    /// compiled again to the same rules: one whose text is not kept as it was read (a file that
    /// is not UTF-8, a pack made in code), and, were the text changed, one it no longer gives.
    /// The caller then keeps the catalog it has.
    ///
    /// The workers of a large run each check with a copy of their own (`BatchCheck`): workers
    /// evaluating the same compiled rules change the same reference counts, which cost up to a
    /// fifth of a two-core run's time (docs/performance-history.md, twenty-fourth round).
    public func recompiled(loader: YAMLLoader = YAMLLoader()) -> RuleCatalog? {
        var again: [RulePack] = []
        again.reserveCapacity(packs.count)
        for pack in packs {
            guard let copy = pack.recompiled(loader: loader) else { return nil }
            again.append(copy)
        }
        return RuleCatalog(packs: again, profiles: profiles, fixtures: [])
    }
}

extension RulePack {
    /// The pack compiled again from its text, when that text is the file's bytes as loaded (their
    /// SHA-256 is the pack's) and gives the same pack: the same id, version and rules (ids and
    /// severities, in order).
    func recompiled(loader: YAMLLoader) -> RulePack? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, Digest.sha256(bytes) == sha256,
              let document = try? loader.loadDocument(bytes: bytes, file: file) else { return nil }
        var reader = NodeReader(bytes: bytes)
        guard let again = reader.pack(document.root, file: file, sha256: sha256), reader.diagnostics.isEmpty,
              again.id == id, again.version == version, again.rules.count == rules.count,
              zip(again.rules, rules).allSatisfy({ $0.id == $1.id && $0.severity == $1.severity }) else { return nil }
        return again
    }
}
