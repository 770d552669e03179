import Foundation

/// The server's clock: UTC timestamps with millisecond resolution for records and the audit
/// trail (ICH E6(R3) Annex 1 §4.2.2: unambiguous, e.g. UTC). Tests give a fixed clock.
public struct ServiceClock: Sendable {
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    /// `2026-12-02T21:15:07.123Z`.
    public func timestamp() -> String { Self.format(now()) }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Seconds since 1970, for the report clock.
    public func seconds() -> Int { Int(now().timeIntervalSince1970) }

    /// The timestamp `seconds` from now.
    public func timestamp(after seconds: TimeInterval) -> String { Self.format(now().addingTimeInterval(seconds)) }
}
