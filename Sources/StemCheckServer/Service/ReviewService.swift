import StemCheckReview

/// Settings of one deployment (one board per deployment).
public struct ServiceConfiguration: Sendable {
    /// The board's name on letters and pages.
    public var boardName: String
    /// bcrypt cost: 12 in production (about a quarter second per check); tests lower it.
    public var bcryptCost: Int
    /// Failed sign-ins per login within 15 minutes before further attempts are refused.
    public var loginAttempts: Int
    /// How long a session lasts after sign-in.
    public var sessionSeconds: Double
    /// The largest upload accepted (SPEC 2: 16 MiB).
    public var maxUploadBytes: Int

    public init(boardName: String = "Ethics board", bcryptCost: Int = 12, loginAttempts: Int = 5,
                sessionSeconds: Double = 8 * 3600, maxUploadBytes: Int = 16 << 20) {
        self.boardName = boardName
        self.bcryptCost = bcryptCost
        self.loginAttempts = loginAttempts
        self.sessionSeconds = sessionSeconds
        self.maxUploadBytes = maxUploadBytes
    }
}

/// The board's workflow over the store: every operation checks the transition table and the
/// object-level rules, writes its records and its audit events in one transaction, and returns
/// values. The HTTP API and the command line are thin layers over it.
public struct ReviewService: Sendable {
    public let store: Store
    public let configuration: ServiceConfiguration
    public let clock: ServiceClock
    public let checking: ProtocolChecking
    public let table: TransitionTable

    public init(store: Store, configuration: ServiceConfiguration = ServiceConfiguration(), clock: ServiceClock = ServiceClock(),
                checking: ProtocolChecking, table: TransitionTable = .standard) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.checking = checking
        self.table = table
    }
}
