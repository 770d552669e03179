import YAMLSource
import StemCheckEngine
import StemCheckModel

/// Writes indented JSON straight into a byte buffer, in the exact layout of `JSONValue.rendered()`
/// (two spaces per level, `"key": value`, `{}` and `[]` when empty), without building a value tree.
///
/// Used for the JSON report, where building a `JSONValue` per result cost more than writing it.
struct JSONStream: ~Copyable {
    var sink: ByteSink
    /// Per open container: whether nothing has been written into it yet.
    private var empty: [Bool] = []

    init(capacity: Int) {
        sink = ByteSink(capacity: capacity)
        empty.reserveCapacity(16)
    }

    /// Everything written.
    var bytes: [UInt8] { sink.bytes }

    // MARK: Containers

    mutating func openObject() { open(UInt8(ascii: "{")) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "[")) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the current object: `"name": `. Names are plain ASCII written by us.
    mutating func key(_ name: StaticString) {
        separate()
        sink.append(UInt8(ascii: "\""))
        sink.append(name)
        sink.append(UInt8(ascii: "\""))
        sink.append(UInt8(ascii: ":"))
        sink.append(UInt8(ascii: " "))
    }

    /// Starts an element of the current array.
    mutating func element() { separate() }

    // MARK: Values

    mutating func string(_ text: String) { JSONText.appendQuoted(text, to: &sink) }

    mutating func string(_ text: String?) {
        if let text { JSONText.appendQuoted(text, to: &sink) } else { null() }
    }

    mutating func int(_ value: Int) { raw(String(value)) }

    mutating func null() { sink.append("null" as StaticString) }

    mutating func bool(_ value: Bool) { sink.append(value ? "true" as StaticString : "false") }

    /// A rule or protocol value, as `JSONValue(value)` renders it.
    mutating func value(_ value: RuleValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .float(let d): raw(JSONText.number(d))
        case .string(let s): string(s)
        case .list(let items):
            openArray()
            for item in items {
                element()
                self.value(item)
            }
            closeArray()
        case .map(let map, let order):
            openObject()
            for name in order {
                separate()
                JSONText.appendQuoted(name, to: &sink)
                sink.append(UInt8(ascii: ":"))
                sink.append(UInt8(ascii: " "))
                self.value(map[name]!)
            }
            closeObject()
        }
    }

    mutating func value(_ value: RuleValue?) {
        if let value { self.value(value) } else { null() }
    }

    // MARK: Layout

    private mutating func raw(_ text: String) { sink.append(text) }

    private mutating func open(_ bracket: UInt8) {
        sink.append(bracket)
        empty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        if !wasEmpty { newline() }
        sink.append(bracket)
    }

    /// The comma before every member but the first, then a new line at the member's depth.
    private mutating func separate() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            sink.append(UInt8(ascii: ","))
        }
        newline()
    }

    private mutating func newline() {
        sink.append(UInt8(ascii: "\n"))
        sink.append(repeating: UInt8(ascii: " "), count: 2 * empty.count)
    }
}
