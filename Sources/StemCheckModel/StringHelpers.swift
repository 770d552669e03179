#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSource

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

extension Substring.UnicodeScalarView {
    /// The text without leading and trailing whitespace, trimmed in place (making a string of the
    /// whole view first appended it a scalar at a time).
    package func trimmingSpaces() -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].properties.isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].properties.isWhitespace { end = index(before: end) }
        return String(Substring(self[start..<end]))
    }
}

extension String {
    /// Replaces every occurrence of `target`, comparing UTF-8 bytes (no Foundation bridging).
    package func replacingAll(_ target: String, with replacement: String) -> String {
        // Over the bytes: one byte of the target found with memchr, the rest compared with
        // memcmp, the text between matches copied in runs (a byte at a time cost some 60
        // instructions a byte on the HTML report's 140 KB sections, issue 20).
        let replaced: String? = withUTF8Bytes { hay in
            target.withUTF8Bytes { needle in
                guard !needle.isEmpty, hay.count >= needle.count, let base = hay.baseAddress else { return nil }
                let last = hay.count - needle.count
                // The byte looked for: the target's last punctuation byte (`"`, `=`, `#` are rarer
                // in text than letters and spaces), else its first byte; `k` is its offset.
                let k = needle.lastIndex { !($0 == 0x20 || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 >= 0x80) } ?? 0
                let probe = Int32(needle[k])
                /// The first match at or after `start`: matches found in order of their starts.
                func find(from start: Int) -> Int? {
                    var i = start
                    while i <= last {
                        guard let hit = memchr(base + i + k, probe, last - i + 1) else { return nil }
                        let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - k
                        if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
                        i = at + 1
                    }
                    return nil
                }
                guard var match = find(from: 0) else { return nil }
                var out = ByteSink(capacity: hay.count + hay.count / 8 + 64)
                var start = 0
                while true {
                    out.append(UnsafeBufferPointer(rebasing: hay[start..<match]))
                    replacement.withUTF8Bytes { out.append($0) }
                    start = match + needle.count
                    guard let next = find(from: start) else { break }
                    match = next
                }
                out.append(UnsafeBufferPointer(rebasing: hay[start...]))
                return out.text
            }
        }
        return replaced ?? self
    }
}

extension String {
    /// The first range whose UTF-8 bytes are `target`'s (no Foundation bridging, no generic
    /// collection search); nil when there is none or `target` is empty.
    package func utf8Range(of target: String) -> Range<String.Index>? {
        let offset: Int? = withUTF8Bytes { h in
            target.withUTF8Bytes { n in
                guard let first = n.first, h.count >= n.count else { return nil }
                var i = 0
                while i + n.count <= h.count {
                    if h[i] == first, memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return i }
                    i += 1
                }
                return nil
            }
        }
        guard let offset else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: target.utf8.count)
    }
}

extension UInt8 {
    /// The byte with an ASCII capital letter made small (what `lowercased()` does to ASCII text);
    /// every other byte as it is.
    @inlinable package var asciiLowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 0x20 : self
    }
}
