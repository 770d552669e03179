#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StemCheckEngine
import StemCheckInput
import StemCheckModel
import StemCheckReports

/// The run's notion of "now": the current UTC time, or `SOURCE_DATE_EPOCH` when set (SPEC 3.5, 6).
public struct RunClock: Sendable {
    /// Seconds since the Unix epoch.
    public let seconds: Int

    /// Reads `SOURCE_DATE_EPOCH` from `environment`, else the system clock.
    public init(environment: [String: String]) {
        if let text = environment["SOURCE_DATE_EPOCH"], let value = Int(text.trimmingSpaces()) {
            seconds = value
        } else {
            seconds = Int(time(nil))
        }
    }

    /// A fixed clock.
    public init(seconds: Int) { self.seconds = seconds }

    /// Today's UTC day number (days since 1970-01-01).
    public var today: Int { Int((Double(seconds) / 86400).rounded(.down)) }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var timestamp: String {
        let day = today
        let rest = seconds - day * 86400
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return ISODate.text(ofDay: day) + "T\(pad(rest / 3600)):\(pad(rest % 3600 / 60)):\(pad(rest % 60))Z"
    }
}
