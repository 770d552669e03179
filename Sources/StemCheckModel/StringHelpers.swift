#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        let hay = Array(utf8)
        guard hay.count >= needle.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var i = 0
        var found = false
        while i < hay.count {
            if hay[i] == first, i + needle.count <= hay.count, hay[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                i += needle.count
                found = true
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return found ? String(decoding: out, as: UTF8.self) : self
    }
}

extension String {
    /// The first range whose UTF-8 bytes are `target`'s (no Foundation bridging, no generic
    /// collection search); nil when there is none or `target` is empty.
    package func utf8Range(of target: String) -> Range<String.Index>? {
        var hay = self, needle = target
        let offset: Int? = hay.withUTF8 { h in
            needle.withUTF8 { n in
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
