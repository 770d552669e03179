#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `ScreenedPattern`s made on the current thread, each made once.
///
/// A Swift `Regex` takes about 40 µs to make (its pattern is parsed when it is made) and a few
/// microseconds to search a short text once made, and a registry sweep imports hundreds of
/// thousands of records that each ask the same few dozen patterns of their texts. `Regex` is not
/// `Sendable`, so the patterns are kept per thread: a thread's cache is reached only from that
/// thread (a record is imported on one) and is freed when the thread ends. What a pattern
/// matches does not depend on the cache: it only saves making the pattern again.
final class PatternCache {
    /// Where a `ScreenedPattern` is written in the source: its file (the address of its
    /// `#fileID`), line and column.
    struct Key: Hashable {
        let file: Int
        let line: UInt
        let column: UInt
    }

    private var made: [Key: Any] = [:]

    private init() {}

    /// The pattern made at `key` on this thread, made by `make` the first time.
    func regex<Output>(_ key: Key, _ make: () -> Regex<Output>) -> Regex<Output> {
        if let regex = made[key] as? Regex<Output> { return regex }
        let regex = make()
        made[key] = regex
        return regex
    }

    /// This thread's cache.
    static var current: PatternCache {
        if let pointer = pthread_getspecific(slot) { return Unmanaged<PatternCache>.fromOpaque(pointer).takeUnretainedValue() }
        let cache = PatternCache()
        pthread_setspecific(slot, Unmanaged.passRetained(cache).toOpaque())
        return cache
    }

    /// The thread-specific slot holding each thread's cache, released when the thread ends.
    private static let slot: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<PatternCache>.fromOpaque(pointer).release() }
        }
        precondition(created == 0, "pthread_key_create failed")
        return key
    }()
}
