// libFuzzer entry point: the bytes as one rule file, through RuleCatalog.load(sources:loader:).
// Built by fuzz/run with -sanitize=fuzzer,address; libFuzzer supplies main.
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = RuleCatalog.Source(name: "rules/fuzz.yaml", bytes: bytes, directory: "rules")
    do {
        let catalog = try RuleCatalog.load(sources: [source], loader: YAMLLoader())
        if let rules = try? catalog.select(profile: nil) {
            blackHole(ProtocolTemplate.render(rules: rules, fillExamples: true).utf8.count)
        }
        for profile in catalog.profiles {
            blackHole((try? catalog.select(profile: profile)).map { _ in 1 } ?? 0)
        }
    } catch {
        blackHole(error.description.utf8.count)
    }
    return 0
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == -12345 { print(value) }
}
