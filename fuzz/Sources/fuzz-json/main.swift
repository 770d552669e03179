// libFuzzer entry point: JSONLoader.loadDocument on the bytes, then the document rendered as JSON
// (or the error rendered with its source line and caret).
// Built by fuzz/run with -sanitize=fuzzer,address; libFuzzer supplies main.
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let document = try JSONLoader().loadDocument(bytes: bytes, file: "fuzz.json")
        blackHole(document.root.json().utf8.count &+ document.root.json(indent: 0).utf8.count)
    } catch {
        blackHole(error.description.utf8.count)
    }
    return 0
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == -12345 { print(value) }
}
