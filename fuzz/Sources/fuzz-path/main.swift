// libFuzzer entry point: the bytes as text, through Path.parse and Pattern compile and search.
// Built by fuzz/run with -sanitize=fuzzer,address; libFuzzer supplies main.
import StemCheckModel
import StemCheckInput
import StemCheckEngine
import StemCheckReports
import StemCheckRun

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    if let path = try? Path.parse(text) { blackHole(path.description.utf8.count) }
    for ignoreCase in [false, true] {
        guard let pattern = try? Pattern(text, ignoreCase: ignoreCase) else { continue }
        blackHole(pattern.search(sampleText) == .match ? 1 : 0)
        blackHole(pattern.search(text) == .match ? 1 : 0)
    }
    return 0
}

/// A fixed text with the shapes rule regexes look for.
let sampleText = "NCT01234567 IND 012345 2.5 x 10^7 cells/kg, Ärzte ÉTUDE 2026-01-31 aaaaaaaaaaaaaaaaaaaaaaaa!"

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == -12345 { print(value) }
}
