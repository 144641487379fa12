/// One stored connection point of a gateway.
struct ConnectionPointRecord: Sendable, Equatable {
    /// The store's row id.
    var id: Int64
    /// The site system's name, as first recorded.
    var server: String
}

/// One observation of a connection point's status (DESIGN §2: 0 all offline, 1 partially
/// online, 2 all online; another value is kept as recorded).
struct ConnectionPointObservation: Sendable, Equatable {
    /// When it was observed.
    var at: UnixSeconds
    /// The status observed.
    var status: Int64
}

/// One stored configuration record of a gateway: nil where the record left the field out.
struct ConfigurationRecord: Sendable, Equatable {
    /// The instant the record describes.
    var at: UnixSeconds
    /// The Azure VM size (`Standard_A2_v2`).
    var vmSize: String?
    /// The number of VM instances.
    var instances: Int64?
}

/// A stored credential record with its row id, which the timeline cites (`credential/<id>/…`).
struct IdentifiedCredential: Sendable, Equatable {
    /// The store's row id.
    var id: Int64
    /// The record's dates, names and thumbprint.
    var credential: CredentialRecord
}

/// One hour of a rollup: how many samples it holds and their exact sum.
struct HourlyTotals: Sendable, Equatable {
    /// The hour's first second (UTC).
    var hourStart: UnixSeconds
    /// How many samples (per-instant values) the hour holds.
    var count: Int64
    /// Their exact sum.
    var sum: Int64
}
