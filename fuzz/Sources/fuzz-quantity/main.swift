// libFuzzer entry point: the bytes as text, through Quantity.parse, NumberText.parse and ISODate.parse.
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
    switch Quantity.parse(text) {
    case .quantity(let quantity):
        blackHole(quantity.description.utf8.count)
        blackHole(quantity.baseValue.isNaN ? 1 : 0)
    case .unknownUnit(let unit): blackHole(unit.utf8.count)
    case .notQuantity: break
    }
    if let number = NumberText.parse(text) { blackHole(NumberText.format(number).utf8.count) }
    if let date = ISODate.parse(text) { blackHole(date.description.utf8.count) }
    blackHole(ISODate.looksLikeDate(text) ? 1 : 0)
    return 0
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == -12345 { print(value) }
}
