// libFuzzer entry point: the bytes as a protocol, checked against the shipped packs, rendered in every format.
// Built by fuzz/run with -sanitize=fuzzer,address; libFuzzer supplies main.
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let report = try checker.check(bytes: bytes, name: "fuzz.yaml")
        for format in ReportFormat.allCases {
            blackHole(format.reporter.render(report).utf8.count)
        }
    } catch {
        blackHole(error.description.utf8.count)
    }
    return 0
}

/// The shipped packs, loaded once per process.
let checker: ProtocolCheck = {
    let catalog = try! RuleCatalog.shipped()
    let rules = try! catalog.select(profile: nil)
    return ProtocolCheck(checker: Checker(rules: rules, options: CheckOptions(today: 20_000, generatedAt: "2026-01-01T00:00:00Z")))
}()

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == -12345 { print(value) }
}
