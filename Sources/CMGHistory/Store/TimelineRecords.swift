/// One stored connection point of a gateway.
struct ConnectionPointRecord: Sendable, Equatable {
    var id: Int64
    /// The site system's name, as first recorded.
    var server: String
}

/// One observation of a connection point's status (DESIGN §2: 0 all offline, 1 partially
/// online, 2 all online; another value is kept as recorded).
struct ConnectionPointObservation: Sendable, Equatable {
    var at: UnixSeconds
    var status: Int64
}

/// One stored configuration record of a gateway: nil where the record left the field out.
struct ConfigurationRecord: Sendable, Equatable {
    var at: UnixSeconds
    var vmSize: String?
    var instances: Int64?
}

/// A stored credential record with its row id, which the timeline cites (`credential/<id>/…`).
struct IdentifiedCredential: Sendable, Equatable {
    var id: Int64
    var credential: CredentialRecord
}

/// One hour of a rollup: how many samples it holds and their exact sum.
struct HourlyTotals: Sendable, Equatable {
    var hourStart: UnixSeconds
    var count: Int64
    var sum: Int64
}
