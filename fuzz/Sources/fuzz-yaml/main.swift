// libFuzzer entry point: YAMLLoader.loadStream on the bytes, then each document rendered as JSON.
// Built by fuzz/run with -sanitize=fuzzer,address; libFuzzer supplies main.
import YAMLSource

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let documents = try YAMLLoader().loadStream(bytes: bytes, file: "fuzz.yaml")
        var total = 0
        for document in documents {
            total &+= document.root.json().utf8.count
            total &+= document.root.json(indent: 0).utf8.count
        }
        blackHole(total)
    } catch {
        blackHole(error.description.utf8.count)
    }
    return 0
}

/// Keeps a result alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole(_ value: Int) {
    if value == -12345 { print(value) }
}
