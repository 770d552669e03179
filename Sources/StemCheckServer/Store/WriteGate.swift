/// A first-come, first-served lock for async code: one writer of this process at a time.
///
/// `Store.write` passes through it before it takes a database connection, so writers queued
/// behind the database's write lock wait here, not on pooled connections: reads always find a
/// connection, and a burst of uploads cannot exhaust the pool and time out.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when every writer that arrived before it has finished.
    func serialized<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        await enter()
        do {
            let result = try await body()
            leave()
            return result
        } catch {
            leave()
            throw error
        }
    }

    private func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            // The gate stays busy: it passes straight to the next writer in arrival order.
            waiters.removeFirst().resume()
        }
    }
}
