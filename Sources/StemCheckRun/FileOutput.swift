#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckEngine
import StemCheckInput
import StemCheckModel
import StemCheckReports
import YAMLSource

/// Writing whole texts to file descriptors, retrying short writes and interrupted calls.
public enum FileOutput {
    /// Writes all of `text` to `descriptor`; returns nil on success, else the failing call's `errno`.
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Int32? {
        text.withUTF8Bytes { write($0, to: descriptor) }
    }

    /// Writes all of `bytes` to `descriptor`; returns nil on success, else the failing call's `errno`.
    @discardableResult
    public static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBufferPointer { write($0, to: descriptor) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
