import NIOPosix

/// Runs CPU-bound work (checking a protocol, bcrypt) on NIO's blocking thread pool, not on
/// Swift's cooperative pool: a burst of uploads or sign-ins cannot starve the tasks that hold
/// database connections or answer other requests.
func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
