import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Constructed incident scenarios, each with the exact items, order and causes expected. Every
/// test has its own database; time is frozen (the library never reads the clock).
@Suite("Timeline: items, incidents, causes")
struct TimelineTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    // MARK: - Fixture lines

    /// Status snapshots every `step` seconds over `[from, to)`.
    static func statuses(_ gateway: String, _ from: String, _ to: String, _ state: String, _ description: String = "",
                         step: Int64 = 600) -> [String] {
        stride(from: t(from), to: t(to), by: Int(step)).map { at in
            #"{"type":"status","gateway":"\#(gateway)","at":"\#(Timestamp.format(at))","state":"\#(state)","description":"\#(description)"}"#
        }
    }

    static func status(_ gateway: String, _ at: String, _ state: String, _ description: String = "") -> String {
        #"{"type":"status","gateway":"\#(gateway)","at":"\#(at)","state":"\#(state)","description":"\#(description)"}"#
    }

    static func operation(_ gateway: String, _ kind: String, _ requested: String, _ completed: String?, _ outcome: String,
                          note: String = "") -> String {
        let completion = completed.map { #","completed_at":"\#($0)""# } ?? ""
        return #"{"type":"operation","gateway":"\#(gateway)","kind":"\#(kind)","requested_at":"\#(requested)"\#(completion),"outcome":"\#(outcome)","actor":"CONTOSO\\admin","note":"\#(note)"}"#
    }

    static let secretText = "The Azure AD app secret has expired. Renew the secret key."
    static let gf = "GraniteFalls.contoso.com"

    /// The demo's story, small: the app secret expires at 13:37:51, the gateway is in Error from
    /// 13:45, the secret is renewed at 23:25:03 (done 23:31:34), Ready again at 23:35.
    static func appSecretStory() -> String {
        var lines = [
            #"{"type":"gateway","gateway":"\#(gf)","at":"2026-10-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":2}"#,
            #"{"type":"credential","gateway":"\#(gf)","kind":"app_secret","name":"CMG-ServerApp","not_before":"2024-10-08T13:37:51Z","expires_at":"2026-10-08T13:37:51Z","portal_note":"kept as extra"}"#,
        ]
        lines += statuses(gf, "2026-10-08T10:00:00Z", "2026-10-08T13:45:00Z", "Ready")
        lines.append(status(gf, "2026-10-08T13:45:00Z", "Error", secretText))
        lines += statuses(gf, "2026-10-08T13:50:00Z", "2026-10-08T23:35:00Z", "Error", secretText)
        lines += statuses(gf, "2026-10-08T23:35:00Z", "2026-10-09T02:00:00Z", "Ready", step: 300)
        lines.append(operation(gf, "renew_app_secret", "2026-10-08T23:25:03Z", "2026-10-08T23:31:34Z", "succeeded",
                               note: "Renewed the server app secret key"))
        lines.append(#"{"type":"credential","gateway":"\#(gf)","kind":"app_secret","name":"CMG-ServerApp","not_before":"2026-10-08T23:25:03Z","expires_at":"2028-10-07T23:25:03Z"}"#)
        return lines.joined(separator: "\n")
    }

    func timeline(_ store: HistoryStore, _ from: String, _ to: String, gateways: [String] = [],
                  minSeverity: TimelineSeverity = .info, zone: ReportZone = .utc) throws -> Timeline {
        try store.timeline(TimelineRequest(window: ReportPeriod(start: Self.t(from), end: Self.t(to)), zone: zone,
                                           gateways: gateways, minSeverity: minSeverity))
    }

    /// `at kind text` per item, the form the expectations below are written in.
    func story(_ t: Timeline) -> [String] {
        t.items.map { "\($0.at ?? $0.atLocal) \($0.kind) \($0.text)" }
    }

    // MARK: - Scenarios

    @Test func anExpiredAppSecretPutsTheGatewayInErrorUntilItIsRenewed() throws {
        // Given the app secret story
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.appSecretStory(), into: store, folder: folder)
        // When the timeline of the day is asked for
        let t = try timeline(store, "2026-10-08T12:00:00Z", "2026-10-09T00:00:00Z")
        // Then the story reads in order, cause before effect
        #expect(story(t) == [
            "2026-10-08T12:00:00Z state_at_window_start Ready since 2026-10-08 10:00 (when the window opens)",
            "2026-10-08T13:37:51Z credential_expired app secret CMG-ServerApp expired (not yet replaced)",
            "2026-10-08T13:45:00Z state_change Ready → Error: \(Self.secretText)",
            "2026-10-08T23:25:03Z operation_requested renew_app_secret requested by CONTOSO\\admin: Renewed the server app secret key",
            "2026-10-08T23:25:03Z credential_renewed a new app secret CMG-ServerApp becomes valid (not before), expiring 2028-10-07",
            "2026-10-08T23:31:34Z operation_completed renew_app_secret succeeded after 6 min",
            "2026-10-08T23:35:00Z state_change Error → Ready",
        ])
        #expect(t.items.map(\.source) == [.status, .credential, .status, .operation, .credential, .operation, .status])
        #expect(t.items.map(\.origin) == [
            "status snapshot 2026-10-08T10:00:00Z", "credential record #1", "status snapshot 2026-10-08T13:45:00Z",
            "operation record #1", "credential record #2", "operation record #1", "status snapshot 2026-10-08T23:35:00Z",
        ])
        #expect(t.items[1].severity == .error && t.items[2].severity == .error && t.items[6].severity == .info)
        // And one incident whose first probable cause is the expired secret
        let incident = try #require(t.incidents.first)
        #expect(t.incidents.count == 1)
        #expect(incident.start == "2026-10-08T13:45:00Z" && incident.end == "2026-10-08T23:35:00Z")
        #expect(incident.durationSeconds == 35_400 && incident.states == ["Error"] && !incident.planned && !incident.ongoing)
        #expect(incident.causes == [TimelineCause(rank: 1, itemRef: "credential/1/expired", rule: "credential",
                                                  reason: "app secret CMG-ServerApp expired 7 min before the incident started and had not been replaced")])
        // And the same database and request give the same bytes
        #expect(try JSONRender.render(t) == (try JSONRender.render(try timeline(store, "2026-10-08T12:00:00Z", "2026-10-09T00:00:00Z"))))
    }

    @Test func aPlannedStopAndStartIsLabelledPlannedWithoutACauseHunt() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let cr = "CedarRapids.contoso.com"
        var lines = Self.statuses(cr, "2026-09-20T00:00:00Z", "2026-09-20T02:05:00Z", "Ready", step: 300)
        lines += Self.statuses(cr, "2026-09-20T02:05:00Z", "2026-09-20T02:15:00Z", "Stopping", step: 300)
        lines += Self.statuses(cr, "2026-09-20T02:15:00Z", "2026-09-20T08:15:00Z", "Stopped", step: 300)
        lines += Self.statuses(cr, "2026-09-20T08:15:00Z", "2026-09-20T08:30:00Z", "Starting", step: 300)
        lines += Self.statuses(cr, "2026-09-20T08:30:00Z", "2026-09-20T10:00:00Z", "Ready", step: 300)
        lines.append(Self.operation(cr, "stop", "2026-09-20T02:03:55Z", "2026-09-20T02:12:18Z", "succeeded", note: "Planned stop"))
        lines.append(Self.operation(cr, "start", "2026-09-20T08:12:18Z", "2026-09-20T08:29:59Z", "succeeded"))
        // A configuration change in the lead-up would be a cause of an unplanned incident.
        lines.append(#"{"type":"gateway","gateway":"\#(cr)","at":"2026-09-19T00:00:00Z","instances":2}"#)
        lines.append(#"{"type":"gateway","gateway":"\#(cr)","at":"2026-09-20T01:30:00Z","instances":1}"#)
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)

        let t = try timeline(store, "2026-09-20T01:00:00Z", "2026-09-20T09:00:00Z")
        #expect(story(t) == [
            "2026-09-20T01:00:00Z state_at_window_start Ready since 2026-09-20 00:00 (when the window opens)",
            "2026-09-20T01:30:00Z configuration_change instances 2 → 1",
            "2026-09-20T02:03:55Z operation_requested stop requested by CONTOSO\\admin: Planned stop",
            "2026-09-20T02:05:00Z state_change Ready → Stopping",
            "2026-09-20T02:12:18Z operation_completed stop succeeded after 8 min",
            "2026-09-20T02:15:00Z state_change Stopping → Stopped",
            "2026-09-20T08:12:18Z operation_requested start requested by CONTOSO\\admin",
            "2026-09-20T08:15:00Z state_change Stopped → Starting",
            "2026-09-20T08:29:59Z operation_completed start succeeded after 17 min",
            "2026-09-20T08:30:00Z state_change Starting → Ready",
        ])
        let incident = try #require(t.incidents.first)
        #expect(incident.planned && incident.plannedBy == "operation/1/requested")
        #expect(incident.causes.isEmpty)
        #expect(incident.states == ["Stopping", "Stopped", "Starting"])
        #expect(incident.start == "2026-09-20T02:05:00Z" && incident.end == "2026-09-20T08:30:00Z")
    }

    // MARK: - Logs

    /// Inserts a log file and its entries as the log ingester stores them, on either backend (its
    /// own SQL each): rows no real log makes easily (an entry with two events, a zoneless warning)
    /// keep the scenario exact.
    struct LogWriter {
        let store: HistoryStore
        var fileID: Int64 = 0
        var line: Int64 = 1
        var offset: Int64 = 0

        init(store: HistoryStore, path: String, log: String, head: (length: Int, hash: Int64) = (10, 0)) throws {
            self.store = store
            if case .postgres(let postgres) = store.backend {
                fileID = try postgres.pool.withConnection { connection in
                    try connection.query("""
                        INSERT INTO log_file (path, log, head_length, head_hash, size, "offset", line, first_read_at, last_read_at)
                        VALUES ($1, $2, $3, $4, 1000000, 0, 1, 0, 0) RETURNING id
                        """, [.text(path), .text(log), .int64(Int64(head.length)), .int64(head.hash)]).int64(row: 0, column: 0)
                }
                return
            }
            fileID = try store.writeTransaction { db in
                try db.execute(sql: """
                    INSERT INTO log_file(path, log, head_length, head_hash, size, offset, line, first_read_at, last_read_at)
                    VALUES (?, ?, ?, ?, 1000000, 0, 1, 0, 0)
                    """, arguments: [path, log, head.length, head.hash])
                return db.lastInsertedRowID
            }
        }

        /// One entry; `rules` are (rule, kind, fields JSON) events made of it.
        @discardableResult
        mutating func entry(utc: Int64?, local: Int64, severity: Int64, message: String, length: Int64 = 100,
                            rules: [(String, String, String?)] = []) throws -> Int64 {
            let (fileID, line, offset) = (self.fileID, self.line, self.offset)
            self.line += 1
            self.offset += length
            if case .postgres(let postgres) = store.backend {
                // The same row as on SQLite; its search vector is the server's own (no test here searches it).
                return try postgres.pool.withConnection { connection in
                    try connection.transaction {
                        let id = try connection.query("""
                            INSERT INTO log_entry (log_file_id, "offset", length, line, format, utc_ms, local_ms, local_time, bias_minutes,
                                zone_known, severity, component, message, message_search)
                            VALUES ($1, $2, $3, $4, 'cmtrace', $5, $6, '', $7, $8, $9, 'SMS_CLOUD_PROXYCONNECTOR', $10, to_tsvector('simple', $10))
                            RETURNING id
                            """, [.int64(fileID), .int64(offset), .int64(length), .int64(line), utc.map { .int64($0 * 1000) } ?? .null,
                                  .int64(local * 1000), utc == nil ? .null : .int64(0), .int64(utc == nil ? 0 : 1), .int64(severity),
                                  .text(message)]).int64(row: 0, column: 0)
                        for (rule, kind, fields) in rules {
                            try connection.query("""
                                INSERT INTO log_event (entry_id, rule, kind, severity, gateway, fields) VALUES ($1, $2, $3, $4, NULL, $5::json)
                                """, [.int64(id), .text(rule), .text(kind), .int64(severity), fields.map { .text($0) } ?? .null])
                        }
                        return id
                    }
                }
            }
            return try store.writeTransaction { db in
                try db.execute(sql: """
                    INSERT INTO log_entry(log_file_id, offset, length, line, format, utc_ms, local_ms, local_time, bias_minutes,
                        zone_known, severity, component, message)
                    VALUES (?, ?, ?, ?, 'cmtrace', ?, ?, '', ?, ?, ?, 'SMS_CLOUD_PROXYCONNECTOR', ?)
                    """, arguments: [fileID, offset, length, line, utc.map { $0 * 1000 }, local * 1000, utc == nil ? nil : 0,
                                     utc == nil ? 0 : 1, severity, message])
                let id = db.lastInsertedRowID
                for (rule, kind, fields) in rules {
                    try db.execute(sql: "INSERT INTO log_event(entry_id, rule, kind, severity, gateway, fields) VALUES (?, ?, ?, ?, NULL, ?)",
                                   arguments: [id, rule, kind, severity, fields])
                }
                return id
            }
        }
    }

    static let forbidden = "ERROR: Proxy connector request failed: (403) Forbidden. CMGConnector_Forbidden"
    static let forbiddenRules: [(String, String, String?)] = [
        ("proxy_forbidden", "proxy_connector_error", #"{"reason":"CMGConnector_Forbidden"}"#), ("error", "error", nil),
    ]

    /// cmgcp2 partially online from 10:00, 37 connector 403s from 10:02 to 10:41, a failed
    /// sync_config at 10:20, instances 2 → 1 at 09:30; the gateway in Error 11:00–11:30.
    func connectorStory(_ folder: TemporaryFolder, logText: Bool = false) throws -> HistoryStore {
        let store = try folder.store()
        var lines = [
            #"{"type":"gateway","gateway":"\#(Self.gf)","at":"2026-08-21T06:00:00Z","vm_size":"Standard_A2_v2","instances":2}"#,
            #"{"type":"gateway","gateway":"\#(Self.gf)","at":"2026-08-21T09:30:00Z","vm_size":"Standard_A2_v2","instances":1}"#,
        ]
        lines += Self.statuses(Self.gf, "2026-08-21T08:00:00Z", "2026-08-21T11:00:00Z", "Ready", step: 300)
        lines += Self.statuses(Self.gf, "2026-08-21T11:00:00Z", "2026-08-21T11:30:00Z", "Error", "Connection point offline", step: 300)
        lines += Self.statuses(Self.gf, "2026-08-21T11:30:00Z", "2026-08-21T14:00:00Z", "Ready", step: 300)
        for (at, status) in [("08:00", 2), ("08:30", 2), ("09:00", 2), ("09:30", 2), ("10:00", 1), ("10:30", 1), ("11:00", 1), ("11:30", 2), ("12:00", 2)] {
            lines.append(#"{"type":"connection_point","gateway":"\#(Self.gf)","server":"cmgcp2.contoso.com","at":"2026-08-21T\#(at):00Z","status":\#(status)}"#)
            lines.append(#"{"type":"connection_point","gateway":"\#(Self.gf)","server":"cmgcp1.contoso.com","at":"2026-08-21T\#(at):00Z","status":2}"#)
        }
        lines.append(Self.operation(Self.gf, "sync_config", "2026-08-21T10:20:00Z", "2026-08-21T10:24:12Z", "failed"))
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)

        // The connector log, as written, when the original text is wanted.
        let base = Self.t("2026-08-21T10:02:00Z")
        let entryTexts = (0..<37).map { n in
            "<![LOG[\(Self.forbidden)]LOG]!><time=\"\(Self.clock(base + Int64(n) * 65)).000+0\" date=\"08-21-2026\" component=\"SMS_CLOUD_PROXYCONNECTOR\" context=\"\" type=\"3\" thread=\"7\" file=\"\">\r\n"
        }
        let path = folder.path("SMS_Cloud_ProxyConnector.log")
        var head = (length: 10, hash: Int64(0))
        if logText {
            let bytes = Array(entryTexts.joined().utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            head = (min(4096, bytes.count), bytes.prefix(4096).withUnsafeBufferPointer { LogFileHead.fnv1a($0) })
        }
        var log = try LogWriter(store: store, path: path, log: "SMS_Cloud_ProxyConnector", head: head)
        for n in 0..<37 {
            try log.entry(utc: base + Int64(n) * 65, local: base + Int64(n) * 65, severity: 3, message: Self.forbidden,
                          length: Int64(entryTexts[n].utf8.count), rules: Self.forbiddenRules)
        }
        // One more, long after the burst: its own item.
        try log.entry(utc: Self.t("2026-08-21T12:30:00Z"), local: Self.t("2026-08-21T12:30:00Z"), severity: 3, message: Self.forbidden,
                      rules: Self.forbiddenRules)
        // A line with no bias: its zone is unknown.
        try log.entry(utc: nil, local: Self.t("2026-08-21T05:15:00Z"), severity: 2, message: "Retrying the connection in 60 seconds")
        return store
    }

    static func clock(_ instant: Int64) -> String { String(Timestamp.format(instant).dropFirst(11).prefix(8)) }

    @Test func aConnectionPointPartiallyOnlineWithConnector403BurstsRanksItsCauses() throws {
        let folder = try TemporaryFolder()
        let store = try connectorStory(folder)
        let t = try timeline(store, "2026-08-21T09:00:00Z", "2026-08-21T13:00:00Z")
        #expect(story(t) == [
            "2026-08-21T09:00:00Z state_at_window_start Ready since 2026-08-21 08:00 (when the window opens)",
            "2026-08-21T09:30:00Z configuration_change instances 2 → 1",
            "2026-08-21T10:00:00Z connection_point_change cmgcp2.contoso.com: online → partially online",
            "2026-08-21T10:02:00Z log_burst 37 × CMGConnector_Forbidden between 10:02 and 10:41",
            "2026-08-21T10:20:00Z operation_requested sync_config requested by CONTOSO\\admin",
            "2026-08-21T10:24:12Z operation_completed sync_config failed after 4 min",
            "2026-08-21T11:00:00Z state_change Ready → Error: Connection point offline",
            "2026-08-21T11:30:00Z connection_point_change cmgcp2.contoso.com: partially online → online",
            "2026-08-21T11:30:00Z state_change Error → Ready",
            "2026-08-21T12:30:00Z log_event proxy_connector_error: \(Self.forbidden)",
            "2026-08-21T05:15:00 log_warning Retrying the connection in 60 seconds (time zone unknown: local time as written)",
        ])
        // The burst keeps its 37 members, names no gateway (a site-wide log) and its lines
        let burst = try #require(t.item("log_burst/1"))
        #expect(burst.members?.count == 37 && burst.members?.first == "log_entry/1" && burst.members?.last == "log_entry/37")
        #expect(burst.gateway == nil && burst.origin == "SMS_Cloud_ProxyConnector.log lines 1–37" && burst.severity == .error)
        #expect(burst.end == "2026-08-21T10:41:00Z")
        // The entry of unknown zone is flagged, has no UTC instant, and comes last
        let unzoned = try #require(t.items.last)
        #expect(!unzoned.zoneKnown && unzoned.at == nil && unzoned.atLocal == "2026-08-21T05:15:00" && !unzoned.inWindow)
        // Causes by the documented rule: operation > connection point > error burst > configuration
        let incident = try #require(t.incidents.first)
        #expect(incident.causes.map(\.itemRef) == ["operation/1/completed", "connection_point/\(Self.gf)/cmgcp2.contoso.com/2026-08-21T10:00:00Z",
                                                   "log_burst/1", "configuration/\(Self.gf)/2026-08-21T09:30:00Z"])
        #expect(incident.causes.map(\.rank) == [1, 2, 3, 4])
        #expect(incident.causes.map(\.rule) == ["operation", "connection_point", "error_burst", "configuration"])
        #expect(incident.causes[0].reason == "sync_config failed 35 min before the incident started")
        #expect(incident.causes[2].reason == "errors logged in the lead-up (a log that names no gateway): 37 × CMGConnector_Forbidden between 10:02 and 10:41")
    }

    @Test func minimumSeverityLeavesOutLesserItemsButKeepsCitedOnes() throws {
        let folder = try TemporaryFolder()
        let store = try connectorStory(folder)
        let t = try timeline(store, "2026-08-21T09:00:00Z", "2026-08-21T13:00:00Z", minSeverity: .error)
        // The configuration change (info) and the partial connection point (warning) are cited, so they stay
        #expect(t.items.map(\.kind) == ["configuration_change", "connection_point_change", "log_burst", "operation_completed",
                                        "state_change", "log_event"])
        #expect(t.items.allSatisfy { $0.severity == .error || t.incidents[0].causes.map(\.itemRef).contains($0.ref) })
    }

    @Test func anUnknownGapInsideAnIncidentIsListedAndDoesNotSplitIt() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var lines = Self.statuses("G1", "2026-10-01T09:00:00Z", "2026-10-01T10:05:00Z", "Ready", step: 300)
        lines += Self.statuses("G1", "2026-10-01T10:05:00Z", "2026-10-01T10:35:00Z", "Error", step: 300)
        lines += Self.statuses("G1", "2026-10-01T11:30:00Z", "2026-10-01T12:05:00Z", "Error", step: 300)
        lines += Self.statuses("G1", "2026-10-01T12:05:00Z", "2026-10-01T13:00:00Z", "Ready", step: 300)
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        let t = try timeline(store, "2026-10-01T09:30:00Z", "2026-10-01T13:00:00Z")
        // Error seen last at 10:30, trusted until 10:45; nothing until 11:30
        #expect(story(t) == [
            "2026-10-01T09:30:00Z state_at_window_start Ready since 2026-10-01 09:00 (when the window opens)",
            "2026-10-01T10:05:00Z state_change Ready → Error",
            "2026-10-01T10:45:00Z unknown_period no status data for 45 min, until 11:30: neither up nor down",
            "2026-10-01T11:30:00Z state_resumed status data again: still Error",
            "2026-10-01T12:05:00Z state_change Error → Ready",
        ])
        #expect(t.item("unknown/G1/2026-10-01T10:45:00Z")?.end == "2026-10-01T11:30:00Z")
        let incident = try #require(t.incidents.first)
        #expect(t.incidents.count == 1)
        #expect(incident.start == "2026-10-01T10:05:00Z" && incident.end == "2026-10-01T12:05:00Z")
        #expect(incident.unknownSeconds == 2700 && incident.durationSeconds == 7200)
        #expect(incident.causes.isEmpty)
    }

    @Test func overlappingIncidentsOnTwoGatewaysEachGetTheirOwnCauses() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var lines = Self.statuses("G1", "2026-10-01T08:00:00Z", "2026-10-01T10:00:00Z", "Ready", step: 300)
        lines += Self.statuses("G1", "2026-10-01T10:00:00Z", "2026-10-01T11:00:00Z", "Error", step: 300)
        lines += Self.statuses("G1", "2026-10-01T11:00:00Z", "2026-10-01T13:00:00Z", "Ready", step: 300)
        lines += Self.statuses("G2", "2026-10-01T08:00:00Z", "2026-10-01T10:30:00Z", "Ready", step: 300)
        lines += Self.statuses("G2", "2026-10-01T10:30:00Z", "2026-10-01T11:30:00Z", "PerformingMaintenance", step: 300)
        lines += Self.statuses("G2", "2026-10-01T11:30:00Z", "2026-10-01T13:00:00Z", "Ready", step: 300)
        lines.append(#"{"type":"credential","gateway":"G1","kind":"server_certificate","subject":"CN=G1","expires_at":"2026-10-01T09:50:00Z"}"#)
        lines.append(Self.operation("G2", "upgrade", "2026-10-01T10:15:00Z", nil, "in_progress"))
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)

        let t = try timeline(store, "2026-10-01T09:00:00Z", "2026-10-01T12:00:00Z")
        #expect(t.incidents.map(\.gateway) == ["G1", "G2"])
        #expect(t.incidents.map(\.start) == ["2026-10-01T10:00:00Z", "2026-10-01T10:30:00Z"])
        #expect(t.incidents[0].causes.map(\.itemRef) == ["credential/1/expired"])
        #expect(t.incidents[1].causes.map(\.itemRef) == ["operation/1/requested"])
        #expect(t.incidents[1].causes.first?.reason == "upgrade was requested 15 min before the incident started and was still in progress when it started")
        #expect(t.incidents[1].states == ["PerformingMaintenance"] && !t.incidents[1].planned)
        // Items of both gateways are merged into one order
        #expect(story(t).filter { $0.contains("state_change") } == [
            "2026-10-01T10:00:00Z state_change Ready → Error", "2026-10-01T10:30:00Z state_change Ready → PerformingMaintenance",
            "2026-10-01T11:00:00Z state_change Error → Ready", "2026-10-01T11:30:00Z state_change PerformingMaintenance → Ready",
        ])
        // And one gateway alone sees only its own
        let g2 = try timeline(store, "2026-10-01T09:00:00Z", "2026-10-01T12:00:00Z", gateways: ["g2"])
        #expect(g2.incidents.map(\.gateway) == ["G2"] && g2.items.allSatisfy { $0.gateway == "G2" })
    }

    @Test func aWindowThatStartsMidIncidentStillFindsTheCauseBeforeIt() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.appSecretStory(), into: store, folder: folder)
        let zone = try ReportZone(identifier: "America/Los_Angeles")
        let t = try timeline(store, "2026-10-08T18:00:00Z", "2026-10-09T00:00:00Z", zone: zone)
        let incident = try #require(t.incidents.first)
        #expect(incident.startedBeforeWindow && incident.start == "2026-10-08T13:45:00Z" && incident.startLocal == "2026-10-08T06:45:00-07:00")
        #expect(incident.causes.map(\.itemRef) == ["credential/1/expired"])
        // The cited expiry is listed although it lies before the window, and marked so
        #expect(story(t) == [
            "2026-10-08T13:37:51Z credential_expired app secret CMG-ServerApp expired (not yet replaced)",
            "2026-10-08T18:00:00Z state_at_window_start Error since 2026-10-08 06:45 (when the window opens): \(Self.secretText)",
            "2026-10-08T23:25:03Z operation_requested renew_app_secret requested by CONTOSO\\admin: Renewed the server app secret key",
            "2026-10-08T23:25:03Z credential_renewed a new app secret CMG-ServerApp becomes valid (not before), expiring 2028-10-07",
            "2026-10-08T23:31:34Z operation_completed renew_app_secret succeeded after 6 min",
            "2026-10-08T23:35:00Z state_change Error → Ready",
        ])
        #expect(t.items.map(\.inWindow) == [false, true, true, true, true, true])
        #expect(t.items[0].atLocal == "2026-10-08T06:37:51-07:00")
        #expect(TimelineRender.text(t).contains("*2026-10-08 06:37:51 -07:00  2026-10-08 13:37:51Z"))
    }

    // MARK: - Traffic

    @Test func onlineClientsFarBelowTheUsualHourAreADropUntilTheyRecover() throws {
        // Given five weeks of hourly samples at 100, then 10 from 14:00 to 16:59 on the last day
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let start = Self.t("2026-09-03T00:00:00Z")
        var lines: [String] = []
        for hour in 0..<(35 * 24) {
            let at = start + Int64(hour) * 3600
            let low = at >= Self.t("2026-10-07T14:00:00Z") && at < Self.t("2026-10-07T17:00:00Z")
            lines.append(#"{"type":"online_clients","gateway":"G1","at":"\#(Timestamp.format(at + 60))","count":\#(low ? 10 : 100)}"#)
        }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        let t = try timeline(store, "2026-10-07T12:00:00Z", "2026-10-07T20:00:00Z")
        #expect(story(t).filter { $0.contains("traffic") } == [
            "2026-10-07T14:00:00Z traffic_drop online clients dropped: 10 on average, 10 % of the usual 100, 14:00–15:00; low until 17:00",
            "2026-10-07T17:00:00Z traffic_recovered online clients recovered: 100 on average, 100 % of the usual 100, 17:00–18:00",
        ])
        #expect(t.item("traffic/G1/online_clients/2026-10-07T14:00:00Z")?.end == "2026-10-07T17:00:00Z")
    }

    // MARK: - Bundle

    @Test func theBundleHoldsThePageTheDataTheCitedLogTextAndAnExtractThatGivesTheSameTimeline() throws {
        let folder = try TemporaryFolder()
        let store = try connectorStory(folder, logText: true)
        let t = try timeline(store, "2026-08-21T09:00:00Z", "2026-08-21T13:00:00Z")
        let files = try TimelineBundle.write(t, store: store, to: folder.path("bundle"))
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["timeline.html", "timeline.json", "log-entries.txt", "extract.sqlite"])

        // The cited entries in their original text, with file and line
        let entries = try String(contentsOfFile: folder.path("bundle/log-entries.txt"), encoding: .utf8)
        #expect(entries.contains("== SMS_Cloud_ProxyConnector.log line 1 (log_entry/1; "))
        #expect(entries.contains("<![LOG[\(Self.forbidden)]LOG]!><time=\"10:02:00.000+0\" date=\"08-21-2026\""))
        #expect(entries.components(separatedBy: "\n== ").count - 1 == 39)  // 37 + the later one + the one of unknown zone
        #expect(entries.contains("(the file is no longer as it was read; rebuilt from the database)"))  // the two written by SQL only

        // The extract is a CMG History database that gives the same timeline, without credential extras
        let extract = try HistoryStore(path: folder.path("bundle/extract.sqlite"))
        let again = try timeline(extract, "2026-08-21T09:00:00Z", "2026-08-21T13:00:00Z")
        #expect(try JSONRender.render(again) == (try JSONRender.render(t)))
        let outside = try extract.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM status_snapshot WHERE at < ? OR at >= ?",
                             arguments: [Self.t("2026-08-21T08:45:00Z"), Self.t("2026-08-21T13:00:00Z")])
        }
        #expect(outside == 0)
        // ... whose log entries are searchable, every one of them in its full-text index
        try extract.read { db in
            let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM log_entry WHERE message LIKE '%CMGConnector_Forbidden%'") ?? 0
            #expect(entries > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM log_entry_fts WHERE log_entry_fts MATCH '\"CMGConnector_Forbidden\"'") == entries)
        }
        try extract.writeTransaction { db in
            try db.execute(sql: "INSERT INTO log_entry_fts(log_entry_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("bundle/timeline.json"))) == Data(try JSONRender.render(t).utf8))
    }

    @Test func theExtractNeverCopiesCredentialExtras() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.appSecretStory(), into: store, folder: folder)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM credential WHERE extra IS NOT NULL") } == 1)
        let t = try timeline(store, "2026-10-08T12:00:00Z", "2026-10-09T00:00:00Z")
        _ = try TimelineBundle.write(t, store: store, to: folder.path("bundle"))
        let extract = try HistoryStore(path: folder.path("bundle/extract.sqlite"))
        #expect(try extract.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM credential") } == 2)
        #expect(try extract.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM credential WHERE extra IS NOT NULL") } == 0)
        #expect(try !extract.fileContains("kept as extra"))
        #expect(try JSONRender.render(try timeline(extract, "2026-10-08T12:00:00Z", "2026-10-09T00:00:00Z")) == (try JSONRender.render(t)))
    }

    // MARK: - Small rules

    @Test func windowDurationsAreRead() {
        #expect(TimelineRequest.seconds("6h") == 21_600 && TimelineRequest.seconds("90m") == 5400)
        #expect(TimelineRequest.seconds("1h30m") == 5400 && TimelineRequest.seconds("2d") == 172_800)
        #expect(TimelineRequest.seconds("6") == nil && TimelineRequest.seconds("0h") == nil && TimelineRequest.seconds("h") == nil)
        #expect(TimelineRequest.seconds("6x") == nil && TimelineRequest.seconds("") == nil)
        let window = TimelineRequest.window(around: Self.t("2026-10-08T14:00:00Z"), width: 21_600)
        #expect(window.start == Self.t("2026-10-08T11:00:00Z") && window.end == Self.t("2026-10-08T17:00:00Z"))
    }

    @Test func renderingsNameEveryItemAndColourOnlyWhenAsked() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(Self.appSecretStory(), into: store, folder: folder)
        let t = try timeline(store, "2026-10-08T12:00:00Z", "2026-10-09T00:00:00Z")
        #expect(!TimelineRender.text(t).contains("\u{1B}["))
        #expect(TimelineRender.text(t, colour: true).contains("\u{1B}[31m"))
        let html = TimelineHTML.render(t)
        #expect(!html.contains("<script") && html.contains("<svg") && html.contains("id=\"item-credential-1-expired\""))
        for item in t.items { #expect(html.contains(HTMLPage.escape(item.text))) }
        let markdown = TimelineRender.markdown(t)
        #expect(markdown.contains("| 2026-10-08 13:37:51Z | 2026-10-08 13:37:51Z | GraniteFalls | credential | error |"))
    }
}
