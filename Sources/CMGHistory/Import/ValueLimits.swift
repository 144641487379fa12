/// The ranges input values must fall in, each with the reason for its number.
///
/// Every importer checks its values against these where it decodes them, so that nothing
/// stored can make later arithmetic overflow: a value outside its range is a rejected line
/// (`field "request_count": value 10000000000 out of range (limit 9007199254740992)`),
/// never a trap. Sums over many stored values are still checked where they are taken (see
/// ``WideSum``): the limits keep each value sane, not every total.
package enum ValueLimits {
    /// Counts and bytes of one sample (requests, online clients, egress, storage used): 2^53,
    /// the largest integer that readers parsing JSON numbers as doubles (PowerShell's
    /// `ConvertFrom-Json`, JavaScript dashboards) still read exactly. Real samples are far
    /// below it: 2^53 bytes is 9 PB, more than an Azure storage account holds (5 PiB).
    package static let maximumSampleValue: Int64 = 1 << 53

    /// Gigabyte figures (storage used, quotas and egress thresholds, `TrafficOutUsage`): the
    /// largest whole number of GB (10^9 bytes) whose bytes stay within ``maximumSampleValue``,
    /// so GB × 10^9, and that × a percentage, can never overflow.
    package static let maximumGigabytes: Int64 = maximumSampleValue / bytesPerGigabyte

    /// Azure bills and the console shows GB of 10^9 bytes (DESIGN §4).
    package static let bytesPerGigabyte: Int64 = 1_000_000_000

    /// The earliest instant stored: 1970-01-01T00:00:00Z. ConfigMgr's CMG (2017) and Azure
    /// have no data before the Unix epoch; an earlier date is a placeholder or an error.
    package static let earliestInstant: UnixSeconds = 0
    /// The latest instant stored: 9999-12-31T23:59:59Z, the last one RFC 3339's four-digit
    /// years (every output here) can write; also X.509's "no expiry" date (RFC 5280 §4.1.2.5).
    package static let latestInstant: UnixSeconds = 253_402_300_799

    /// `interval_s` of a sample: at most 31 days. The longest period any source reports over is
    /// a month (Azure's billing period); the CMG itself reports every 5 minutes, egress hourly.
    package static let maximumIntervalSeconds: Int64 = 31 * 86_400

    /// Requests (and responses) per second of a sample's interval: a million. A CMG has at most
    /// 16 VM instances of at most 10,000 clients each (DESIGN §4), 160,000 clients: a million a
    /// second is six requests a second from every one of them, all interval long. A count beyond
    /// it is a corrupt counter (`RequestCount: 10000000000` in 5 minutes), not traffic.
    package static let maximumRequestsPerSecond: Int64 = 1_000_000

    /// The most requests a sample over `intervalSeconds` may count (see ``maximumRequestsPerSecond``).
    static func maximumRequests(intervalSeconds: Int64) -> Int64 {
        let (limit, overflow) = maximumRequestsPerSecond.multipliedReportingOverflow(by: max(intervalSeconds, 1))
        return overflow ? maximumSampleValue : min(limit, maximumSampleValue)
    }

    /// `(limit 300000000: 1000000 a second over 300 s)`.
    static func requestLimitText(intervalSeconds: Int64) -> String {
        "(limit \(maximumRequests(intervalSeconds: intervalSeconds)): \(maximumRequestsPerSecond) a second over \(intervalSeconds) s)"
    }

    /// `avg_elapsed_ms`: at most one day. Azure's load balancer drops a connection idle for
    /// 30 minutes at most, so no CMG request lasts anywhere near a day: a larger average is a
    /// corrupt value, not a slow gateway.
    package static let maximumAverageElapsedMilliseconds: Int64 = 86_400_000

    /// Names (gateway, endpoint, connection point server): 255 bytes of UTF-8, the limit the
    /// schema's `gateway.name` CHECK holds; a DNS name, which a gateway's name is, has at most 253.
    package static let maximumNameBytes = 255
    /// The largest `endpoint_traffic_sample.vm_instance` (0010): a CMG has at most 16 instances,
    /// and Azure numbers role instances from 0; a file name with a larger number keeps key 0.
    package static let maximumVMInstanceKey: Int64 = 65_536

    static let sampleRange: ClosedRange<Int64> = 0...maximumSampleValue
    static let gigabyteRange: ClosedRange<Int64> = 0...maximumGigabytes
    static let instantRange: ClosedRange<UnixSeconds> = earliestInstant...latestInstant
    static let intervalRange: ClosedRange<Int64> = 1...maximumIntervalSeconds

    /// `(limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)`.
    package static var instantLimitText: String {
        "(limit \(Timestamp.format(earliestInstant)) to \(Timestamp.format(latestInstant)))"
    }

    /// Whether `instant` is one the store keeps.
    package static func isStorable(_ instant: UnixSeconds) -> Bool { instantRange.contains(instant) }

    /// A rejection for an instant outside ``instantRange``.
    static func instantOutOfRange(field: String, value: String) -> LineRejection {
        .outOfRange(field: field, value: value, limit: instantLimitText)
    }

    /// The range check shared by every producer of an endpoint traffic sample, after each field's
    /// own: the request-weighted elapsed time (average × requests) must fit the 64 bits it is
    /// stored and summed in.
    static func check(_ sample: EndpointTrafficSample, averageField: String = "avg_elapsed_ms",
                      countField: String = "request_count") -> LineRejection? {
        guard let average = sample.averageElapsedMilliseconds else { return nil }
        let (_, overflow) = average.multipliedReportingOverflow(by: sample.requestCount)
        guard overflow else { return nil }
        return .outOfRange(field: averageField, value: String(average),
                           limit: "\(averageField) × \(countField) \(sample.requestCount) must be at most \(Int64.max)")
    }
}

extension LineRejection {
    /// `field "x": value 10000000000 out of range (limit 9007199254740992)`.
    static func outOfRange(field: String, value: String, limit: Int64) -> LineRejection {
        outOfRange(field: field, value: value, limit: "(limit \(limit))")
    }

    /// As ``outOfRange(field:value:limit:)-(_,_,Int64)``, with the limit in words (in parentheses).
    static func outOfRange(field: String, value: String, limit: String) -> LineRejection {
        var rejection = LineRejection(field: field, value: value, "out of range " + (limit.hasPrefix("(") ? limit : "(limit \(limit))"))
        rejection.labelsValue = true
        return rejection
    }

    /// `field "ServiceCName": "GraniteFalls…" too long (limit 255 bytes)`.
    static func tooLong(field: String, value: String, limit: Int = ValueLimits.maximumNameBytes) -> LineRejection {
        LineRejection(field: field, value: value, "too long: \(value.utf8.count) bytes (limit \(limit) bytes)")
    }
}
