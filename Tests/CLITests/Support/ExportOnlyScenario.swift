import Foundation

/// A month of one CMG as ConfigMgr exports it (no NDJSON): `SMS_AzureService` every 15 minutes,
/// `SMS_AzureServicesTask`, `vProxy_Connectors`, `BGB_Statistics` every 5 minutes in the site
/// server's local time, the CMG's own CMGService.log of two instances, and the server certificate
/// files. Generated from a seeded model, so the test can compute every report figure itself.
struct ExportOnlyScenario {
    static let gateway = "GraniteFalls.contoso.com"
    static let azureServiceID = "5d1f2c3a-8b7e-4c21-9f3a-1e2d3c4b5a69"
    static let zone = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    /// October 2026 and September 2026 in Berlin, as UTC instants.
    static let october = (start: utc("2026-09-30T22:00:00Z"), end: utc("2026-10-31T23:00:00Z"))
    static let september = (start: utc("2026-08-31T22:00:00Z"), end: utc("2026-09-30T22:00:00Z"))
    /// When the collector ran: Sep 29 – Oct 2 and Oct 23 – 27 (Berlin), a gap between them.
    static let windows = [(utc("2026-09-28T22:00:00Z"), utc("2026-10-02T22:00:00Z")),
                          (utc("2026-10-22T22:00:00Z"), utc("2026-10-27T23:00:00Z"))]
    static let scaleOut = utc("2026-10-24T12:00:00Z")
    static let lostExport = utc("2026-10-23T12:15:00Z")
    /// The hour Berlin repeats on 10-25: its second pass writes the same local times again.
    static let repeatedHour = (first: utc("2026-10-25T00:00:00Z"), second: utc("2026-10-25T01:00:00Z"))
    static let stopTask = (requested: utc("2026-10-26T00:50:00Z"), completed: utc("2026-10-26T01:05:00Z"))
    static let startTask = (requested: utc("2026-10-26T02:55:00Z"), completed: utc("2026-10-26T03:10:00Z"))
    static let upgradeTask = (requested: utc("2026-10-01T08:00:00Z"), completed: utc("2026-10-01T08:40:00Z"))
    static let septemberStartTask = (requested: utc("2026-09-29T07:00:00Z"), completed: utc("2026-09-29T07:20:00Z"))
    static let endpoints = ["/CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS", "/CCM_PROXY_MUTUALAUTH/72057594037938216/SMS_MP"]
    /// Seconds after the 5-minute mark at which each instance writes its statistics: IN_0 and
    /// IN_1 in the same second, IN_2 (after the scale-out) a little later.
    static let instanceOffsets: [Int64] = [0, 0, 3]
    static let spikes: [Int64: Int64] = [utc("2026-10-23T10:00:00Z"): 11_111, utc("2026-10-26T09:05:00Z"): 12_345,
                                         utc("2026-09-29T09:00:00Z"): 9_876]

    struct Export {
        var at: Int64
        var state: Int
        var instances: Int
        var storageBytes: Int64
        var reportedEgressBytes: Int64
    }

    /// Every 15 minutes in the windows, except the export that was lost.
    static var exports: [Export] {
        var result: [Export] = []
        for (start, end) in windows {
            for grid in stride(from: start, to: end, by: 900) where grid != lostExport {
                let k = Int64(result.count)
                // Task Scheduler starts some runs a few seconds late: those gaps exceed 15 minutes.
                let at = grid + ((grid / 900) % 7 == 3 ? 7 : 0)
                result.append(Export(at: at, state: state(grid), instances: grid >= scaleOut ? 3 : 2,
                                     storageBytes: 1_200_000_000 + k * 100_000, reportedEgressBytes: 300_000_000_000 + k * 50_000_000))
            }
        }
        return result
    }

    /// Error for half an hour on 10-01 and a quarter on 10-24; the planned stop on 10-26.
    static func state(_ at: Int64) -> Int {
        if at >= utc("2026-10-01T10:00:00Z") && at < utc("2026-10-01T10:30:00Z") { return 2 }
        if at == utc("2026-10-24T08:45:00Z") { return 2 }
        if at == utc("2026-10-26T01:00:00Z") { return 5 }
        if at > utc("2026-10-26T01:00:00Z") && at < utc("2026-10-26T03:00:00Z") { return 6 }
        if at == utc("2026-10-26T03:00:00Z") { return 4 }
        return 0
    }

    /// Online clients at a 5-minute mark: a daily curve in Berlin's day, growth and noise, and spikes.
    static func onlineClients(_ at: Int64, pass: Int = 0) -> Int64 {
        if pass == 0, let spike = spikes[at] { return spike }
        let hour = Double(localHour(at))
        let daily = max(0, sin(Double.pi * (hour - 7) / 12))
        let growth = (at - windows[0].0) / 3600
        return 2_500 + Int64(5_000 * daily) + growth + Int64(mix(UInt64(at) &+ UInt64(pass) &* 7) % 500)
    }

    /// The BGB_Statistics instants: every 5 minutes in the windows. The repeated hour is written
    /// twice (pass 1 at its second UTC hour, under the same local times).
    static var onlineInstants: [Int64] {
        windows.flatMap { stride(from: $0.0, to: $0.1, by: 300) }
    }

    /// IN_2 exists from the scale-out on.
    static func reports(instance: Int, at: Int64) -> Bool { instance < 2 || at >= scaleOut }

    static func requestCount(_ at: Int64, endpoint: Int, instance: Int) -> Int64 {
        Int64(mix(UInt64(at) &* 31 &+ UInt64(endpoint * 2 + instance)) % 900) + 100
    }

    // MARK: - Files

    /// `SMS_AzureService` exports, one file per day: Windows PowerShell 5.1 (UTF-16LE, `\/Date(ms)\/`)
    /// except the last day, written by PowerShell 7 (UTF-8, ISO 8601).
    static func exportFiles() -> [(name: String, data: Data)] {
        let byDay = Dictionary(grouping: exports) { localDate($0.at) }
        let days = byDay.keys.sorted()
        return days.map { day in
            let list = (byDay[day] ?? []).sorted { $0.at < $1.at }
            let ps7 = day == days.last
            let objects = list.map { object($0, ps7: ps7) }
            let indent = ps7 ? "  " : "    ", gap = ps7 ? " " : "  "
            let body = objects.map { o in
                indent + "{\r\n" + o.map { "\(indent)\(indent)\"\($0.0)\":\(gap)\($0.1)" }.joined(separator: ",\r\n") + "\r\n\(indent)}"
            }.joined(separator: ",\r\n")
            let text = "[\r\n" + body + "\r\n]\r\n"
            return ("cmg-\(day).json", ps7 ? Data(text.utf8) : utf16LE(text))
        }
    }

    static func object(_ e: Export, ps7: Bool) -> [(String, String)] {
        let exportedAt = ps7 ? "\"\(isoUTC(e.at)).1230000Z\"" : "\"\\/Date(\(e.at * 1000 + 123))\\/\""
        return [
            ("SmsProviderObjectPath", "\"SMS_AzureService.ID=16777217\""), ("AzureServiceID", "\"\(azureServiceID)\""),
            ("Name", "\"GraniteFalls\""), ("ServiceCName", "\"\(gateway)\""), ("ServiceType", "\"CloudProxyService\""),
            ("SiteCode", "\"PS1\""), ("Region", "\"WestEurope\""), ("State", String(e.state)), ("StatusDetails", "0"),
            ("NumberOfInstances", String(e.instances)), ("StorageUsage", "\"\(gigabytes(e.storageBytes))\""),
            ("StorageQuotaInGB", "2"), ("StorageWarningThreshold", "50"), ("StorageCriticalThreshold", "90"),
            ("TrafficOutInGB", "5000"), ("TrafficOutUsage", gigabytes(e.reportedEgressBytes)),
            ("TrafficWarningThreshold", "50"), ("TrafficCriticalThreshold", "90"), ("TrafficOutStopService", "false"),
            ("ExportedAt", exportedAt),
        ]
    }

    /// `Invoke-Sqlcmd … | Export-Csv` of BGB_Statistics in Windows PowerShell 5.1 (`#TYPE`, DataRow columns).
    static func bgbCSV() -> Data {
        var lines = ["#TYPE System.Data.DataRow",
                     "\"TimeStamp\",\"CMGOnlineClients\",\"InternetOnlineClients\",\"IntranetOnlineClients\",\"RowError\",\"RowState\",\"Table\",\"ItemArray\",\"HasErrors\""]
        for at in onlineInstants {
            // The second pass of the repeated hour writes the local times of the first pass.
            let inSecond = at >= repeatedHour.second && at < repeatedHour.second + 3600
            let count = onlineClients(at, pass: inSecond ? 1 : 0)
            let local = localTimestamp(inSecond ? at - 3600 : at)
            lines.append("\"\(local)\",\"\(count)\",\"\(count + 100)\",\"10000\",\"\",\"Unchanged\",\"\",\"System.Object[]\",\"False\"")
        }
        return Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func tasksCSV() -> Data {
        let rows = [(101, 5, septemberStartTask), (102, 2, upgradeTask), (103, 4, stopTask), (104, 5, startTask)]
        var lines = ["#TYPE Selected.Microsoft.Management.Infrastructure.CimInstance",
                     "\"TaskID\",\"AzureServiceId\",\"SiteCode\",\"TaskTypeId\",\"TaskStateId\",\"TaskCreationTime\",\"TaskEndTime\""]
        for (id, type, times) in rows {
            lines.append("\"\(id)\",\"\(azureServiceID)\",\"PS1\",\"\(type)\",\"3\",\"\(isoUTC(times.requested)).0000000Z\",\"\(isoUTC(times.completed)).0000000Z\"")
        }
        return Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func connectorsCSV() -> Data {
        let lines = ["\"ServerName\",\"ProxyServiceName\",\"ConnectionStatus\",\"ExportedAt\",\"RowError\",\"RowState\",\"Table\",\"ItemArray\",\"HasErrors\"",
                     "\"CMGCP1.contoso.com\",\"\(gateway)\",\"2\",\"2026-10-25T02:05:00.1234567Z\",\"\",\"Unchanged\",\"\",\"System.Object[]\",\"False\""]
        return Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// `CMG-GraniteFalls-ProxyService_IN_<n>-CMGService.log`: CMTrace lines in UTC (bias +000), one
    /// statistics line per endpoint every 5 minutes, and an unrelated line now and then.
    static func logFiles() -> [(name: String, data: Data)] {
        instanceOffsets.indices.map { instance in
            var text = "\u{FEFF}"
            for at in onlineInstants where reports(instance: instance, at: at) {
                let written = at + instanceOffsets[instance]
                for (e, uri) in endpoints.enumerated() {
                    let n = requestCount(at, endpoint: e, instance: instance)
                    text += "<![LOG[RequestUri: \(uri)  RequestCount: \(n)  RequestSize: \(n * 1_400) Bytes  ResponseCount: \(n)     "
                        + "ResponseSize: \(n * 47) Bytes  AverageElapsedTime: \(n % 97 + 3) ms]LOG]!>"
                        + "<time=\"\(cmTraceTime(written))+000\" date=\"\(cmTraceDate(written))\" component=\"CMGService\" "
                        + "context=\"\" type=\"1\" thread=\"7\" file=\"RequestStatistics.cs:61\">\r\n"
                }
            }
            return ("CMG-GraniteFalls-ProxyService_IN_\(instance)-CMGService.log", Data(text.utf8))
        }
    }

    // MARK: - Time and text helpers

    static func utc(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)?.timeIntervalSince1970 ?? 0)
    }

    static func isoUTC(_ at: Int64) -> String {
        String(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(at))).dropLast())
    }

    /// As the reports print an instant in Berlin: `2026-10-26T10:05:00+01:00`.
    static func berlin(_ at: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = zone
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(at)))
    }

    static func components(_ at: Int64, _ tz: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(at)))
    }

    static func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }

    static func localHour(_ at: Int64) -> Int { components(at, zone).hour ?? 0 }

    static func localDate(_ at: Int64) -> String {
        let c = components(at, zone)
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
    }

    /// `CONVERT(varchar(23), TimeStamp, 126)`: local time, no zone, no milliseconds when there are none.
    static func localTimestamp(_ at: Int64) -> String {
        let c = components(at, zone)
        return "\(localDate(at))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    static func cmTraceTime(_ at: Int64) -> String {
        let c = components(at, .gmt)
        return "\(two(c.hour)):\(two(c.minute)):\(two(c.second)).000"
    }

    static func cmTraceDate(_ at: Int64) -> String {
        let c = components(at, .gmt)
        return "\(two(c.month))-\(two(c.day))-\(c.year ?? 0)"
    }

    /// Bytes as a GB figure with its decimals, as ConfigMgr writes them (`1.2731`).
    static func gigabytes(_ bytes: Int64) -> String {
        var fraction = String(bytes % 1_000_000_000)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(bytes / 1_000_000_000)" : "\(bytes / 1_000_000_000).\(fraction)"
    }

    static func utf16LE(_ text: String) -> Data {
        var data = Data([0xFF, 0xFE])
        for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        return data
    }

    /// SplitMix64's finaliser: a deterministic spread of the seed.
    static func mix(_ seed: UInt64) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
