/// Which record of a credential holds at an instant: the rule the expiry report (`--as-of`),
/// the capacity report's expiring credentials and the timeline's warnings share (README,
/// "Credentials as of a date").
///
/// A record *takes over* at its `renewed_at` (a recorded renewal), else its `not_before` (a
/// certificate's or imported secret's validity start); a record with neither was known all along.
/// A record is *in force* at `T` when it has taken over by `T` and no record of the same
/// credential (gateway, kind, and name or subject) that expires later has taken over by `T`.
/// So a replacement counts only from the instant it was recorded or became valid: asked about
/// 2026-09-01, a certificate renewed on 09-08 is still the old one, with its 16 days left.
enum CredentialsInForce {
    /// When `record` takes over from the earlier records of its credential (`Int64.min`: always).
    static func takesOver(_ record: CredentialRecord) -> UnixSeconds {
        record.renewedAt ?? record.notBefore ?? Int64.min
    }

    /// The first instant a later-expiring record of the same credential took over from
    /// `record`; nil when none ever did.
    static func replacedAt(_ record: CredentialRecord, among records: [CredentialRecord]) -> UnixSeconds? {
        records.filter { $0.key == record.key && $0.expiresAt > record.expiresAt }.map(takesOver).min()
    }

    /// The records in force at `instant`, in the order given.
    static func at(_ instant: UnixSeconds, _ records: [CredentialRecord]) -> [CredentialRecord] {
        records.filter { record in
            takesOver(record) <= instant && replacedAt(record, among: records).map { $0 > instant } ?? true
        }
    }

    /// The records whose warning window (from ``ExpiryStatus/warningDays`` before their expiry,
    /// and on after it while nothing replaces them) meets `[start, end)` while they are in force,
    /// with the instant each was replaced when that was before `end`. These are the records the
    /// timeline warns about in that period.
    static func expiring(from start: UnixSeconds, to end: UnixSeconds, _ records: [CredentialRecord])
        -> [(record: CredentialRecord, replacedAt: UnixSeconds?)] {
        records.compactMap { record in
            let replaced = replacedAt(record, among: records)
            let (warnFrom, overflow) = record.expiresAt.subtractingReportingOverflow(ExpiryStatus.warningDays * 86_400)
            let from = max(start, overflow ? Int64.min : warnFrom, takesOver(record))
            let until = min(end, replaced ?? Int64.max)
            guard from < until else { return nil }
            return (record, replaced.flatMap { $0 < end ? $0 : nil })
        }
    }
}
