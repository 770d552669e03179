#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSource

/// The one JSON writer: the JSON report, the SARIF log and the JSON text of rule values in
/// messages are all written through it, straight into bytes, without building a value tree.
///
/// Callers describe the document in order (`object { key, value; member; ... }`, `array`);
/// the writer owns the layout, so every JSON text stemcheck writes follows the same rules:
/// - `.indented` (report files): one member or element per line, two spaces per level,
///   `"key": value`, and `{}` / `[]` for empty containers;
/// - `.inline` (values quoted in messages): one line, `, ` between items, `"key": value`.
///
/// Strings are quoted by `JSONText` (control characters, U+2028 and U+2029 escaped; other
/// non-ASCII kept as UTF-8); doubles as `JSONText.number` writes them.
public struct JSONWriter: ~Copyable {
    /// How containers are laid out.
    public enum Layout: Sendable {
        /// One item per line, indented two spaces per level.
        case indented
        /// Everything on one line, items separated by `, `.
        case inline
        /// Everything on one line, without spaces (for programs: the smallest text).
        case compact
    }

    @usableFromInline var sink: ByteSink
    @usableFromInline let layout: Layout
    /// Per open container: whether nothing has been written into it yet.
    @usableFromInline var empty: [Bool] = []

    /// An empty document with room for `capacity` bytes (it grows as needed).
    public init(layout: Layout = .indented, capacity: Int = 256) {
        self.layout = layout
        sink = ByteSink(capacity: capacity)
        if layout == .indented { empty.reserveCapacity(16) }
    }

    /// Everything written, as text.
    public var text: String { sink.text }

    /// Everything written, ended by a newline (how report files end).
    public consuming func fileBytes() -> [UInt8] {
        sink.append(UInt8(ascii: "\n"))
        return sink.bytes
    }

    /// Takes what has been written so far, leaving the writer where it was in the document: a
    /// long document can be written out piece by piece while it is described.
    public mutating func takeBytes() -> [UInt8] {
        let bytes = sink.bytes
        sink.removeAll()
        return bytes
    }

    // MARK: Containers

    /// An object; `body` writes its members (`key` then a value, or `member`).
    @inlinable
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// A member whose value is an object; `body` writes the object's members.
    @inlinable
    public mutating func object(_ name: StaticString, _ body: (inout JSONWriter) -> Void) {
        key(name)
        object(body)
    }

    /// An object made from `value` (`body` writes its members), or `null` when it is absent.
    @inlinable
    public mutating func object<Value>(_ value: Value?, _ body: (inout JSONWriter, Value) -> Void) {
        guard let value else { return null() }
        object { json in body(&json, value) }
    }

    /// An array with one element per item; `body` writes the item's value.
    @inlinable
    public mutating func array<Items: Sequence>(_ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            separate()
            body(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// An array of objects, one per item; `body` writes the item's members.
    @inlinable
    public mutating func objects<Items: Sequence>(_ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void) {
        array(items) { json, item in json.object { json in body(&json, item) } }
    }

    /// Starts a member of the current object, `"name": `; the caller then writes its value.
    /// For names written in the source (plain ASCII that needs no escaping).
    @inlinable
    public mutating func key(_ name: StaticString) {
        separate()
        sink.append(UInt8(ascii: "\""))
        sink.append(name)
        sink.append(UInt8(ascii: "\""))
        sink.append(UInt8(ascii: ":"))
        if layout != .compact { sink.append(UInt8(ascii: " ")) }
    }

    /// Starts a member of the current object whose name comes from data (quoted and escaped).
    /// (Labelled so that a literal name never lands here instead of the `StaticString` overload.)
    @inlinable
    public mutating func key(escaping name: String) {
        separate()
        JSONText.appendQuoted(name, to: &sink)
        sink.append(UInt8(ascii: ":"))
        if layout != .compact { sink.append(UInt8(ascii: " ")) }
    }

    /// A member with a string value.
    @inlinable
    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// A member with a string value, `null` when absent.
    @inlinable
    public mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    /// A member with a boolean value.
    @inlinable
    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A member with a number value.
    @inlinable
    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    // MARK: Values

    @inlinable public mutating func string(_ text: String) { JSONText.appendQuoted(text, to: &sink) }

    /// A string, or `null` when absent.
    @inlinable
    public mutating func string(_ text: String?) {
        if let text { JSONText.appendQuoted(text, to: &sink) } else { null() }
    }

    /// A whole number, its decimal digits written straight into the buffer.
    @inlinable
    public mutating func int(_ value: Int) { sink.append(decimal: value) }

    @inlinable public mutating func number(_ value: Double) { sink.append(JSONText.number(value)) }

    @inlinable public mutating func bool(_ value: Bool) { sink.append(value ? "true" as StaticString : "false") }

    @inlinable public mutating func null() { sink.append("null" as StaticString) }

    /// A value another writer already wrote (at depth 0, as `fileBytes` returns it), placed here
    /// and re-indented to this depth; a final new line is dropped.
    public mutating func fragment(_ bytes: [UInt8]) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        let indent = layout == .indented ? 2 * empty.count : 0
        bytes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress, end > 0 else { return }
            guard indent > 0 else { return sink.append(UnsafeBufferPointer(start: base, count: end)) }
            // Line by line (`memchr` finds each new line): each line in one copy, the indent after it.
            var start = 0
            while start < end {
                guard let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else {
                    sink.append(UnsafeBufferPointer(start: base + start, count: end - start))
                    break
                }
                let stop = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                sink.append(UnsafeBufferPointer(start: base + start, count: stop - start))
                sink.append(repeating: UInt8(ascii: " "), count: indent)
                start = stop
            }
        }
    }

    // MARK: Layout

    @inlinable
    mutating func open(_ bracket: UInt8) {
        sink.append(bracket)
        empty.append(true)
    }

    @inlinable
    mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        if !wasEmpty && layout == .indented { newline() }
        sink.append(bracket)
    }

    /// The separator before every item but the first of its container; in the indented layout
    /// also the new line at the item's depth.
    @inlinable
    mutating func separate() {
        let last = empty.count - 1
        if empty[last] {
            empty[last] = false
        } else {
            sink.append(UInt8(ascii: ","))
            if layout == .inline { sink.append(UInt8(ascii: " ")) }
        }
        if layout == .indented { newline() }
    }

    @inlinable
    mutating func newline() {
        sink.append(UInt8(ascii: "\n"))
        sink.append(repeating: UInt8(ascii: " "), count: 2 * empty.count)
    }
}
