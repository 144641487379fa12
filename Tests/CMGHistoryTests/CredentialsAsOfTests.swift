import Foundation
import Testing
@testable import CMGHistory

/// Expiry and capacity answer with the credentials in force at the report's instant
/// (``CredentialsInForce``; README, "Credentials as of a date"), as the timeline's warnings do.
@Suite("Credentials as of a date")
struct CredentialsAsOfTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }
    static let gf = "GraniteFalls.contoso.com"

    /// The demo's credential story (`cmg-history demo`, seed 1, ending 2026-11-01), line for line:
    /// GraniteFalls' certificate expiring 09-17 is replaced by one valid from 09-07, and its app
    /// secret expires on 10-08 and is renewed that night.
    static let demoCredentials = """
        {"type":"credential","gateway":"GraniteFalls.contoso.com","kind":"server_certificate","subject":"CN=GraniteFalls.contoso.com","thumbprint":"661C151D050401D0D73445B5C7B0D56201791BD7","not_before":"2025-09-17T22:20:51Z","expires_at":"2026-09-17T22:20:51Z"}
        {"type":"credential","gateway":"GraniteFalls.contoso.com","kind":"app_secret","name":"CMG-GraniteFalls-ServerApp","not_before":"2024-10-08T13:37:51Z","expires_at":"2026-10-08T13:37:51Z"}
        {"type":"credential","gateway":"CedarRapids.contoso.com","kind":"server_certificate","subject":"CN=CedarRapids.contoso.com","thumbprint":"894DBFB370E88F9ABEC04DA2D1A53EB52E35D109","not_before":"2026-06-14T09:41:03Z","expires_at":"2027-06-14T09:41:03Z"}
        {"type":"credential","gateway":"CedarRapids.contoso.com","kind":"app_secret","name":"CMG-CedarRapids-ServerApp","not_before":"2026-01-05T14:02:51Z","expires_at":"2028-01-05T14:02:51Z"}
        {"type":"operation","gateway":"GraniteFalls.contoso.com","kind":"renew_server_certificate","requested_at":"2026-09-08T17:07:44Z","completed_at":"2026-09-08T17:31:02Z","outcome":"succeeded","actor":"CONTOSO\\\\admin","note":"Replaced the expiring server authentication certificate"}
        {"type":"credential","gateway":"GraniteFalls.contoso.com","kind":"server_certificate","subject":"CN=GraniteFalls.contoso.com","thumbprint":"CEE9BC8F6FB6B473EF174739CACAD561CA830C30","not_before":"2026-09-07T20:56:02Z","expires_at":"2027-09-07T20:56:02Z"}
        {"type":"operation","gateway":"GraniteFalls.contoso.com","kind":"renew_app_secret","requested_at":"2026-10-08T23:25:03Z","completed_at":"2026-10-08T23:31:34Z","outcome":"succeeded","actor":"CONTOSO\\\\admin","note":"Renewed the server app secret key in the Azure Services wizard"}
        {"type":"credential","gateway":"GraniteFalls.contoso.com","kind":"app_secret","name":"CMG-GraniteFalls-ServerApp","not_before":"2026-10-08T23:25:03Z","expires_at":"2028-10-07T23:25:03Z"}
        """

    func demoStore(_ folder: TemporaryFolder) throws -> HistoryStore {
        let store = try folder.store()
        let summary = try importNDJSON(Self.demoCredentials, into: store, folder: folder)
        try #require(summary.rejected == 0, "\(summary.rejections)")
        return store
    }

    /// `status days expires kind name` per credential of GraniteFalls.
    func rows(_ report: ExpiryReport) -> [String] {
        report.credentials.filter { $0.gateway == Self.gf }.map { "\($0.status) \($0.daysLeft) \($0.expiresAt) \($0.kind) \($0.name.isEmpty ? $0.subject : $0.name)" }
    }

    @Test func expiryAsOfSeptemberFirstListsTheCredentialsOfThatDayNotTheirReplacements() throws {
        // Given the demo's credentials
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        // When expiry is asked as of 2026-09-01, before either replacement existed
        let report = try store.expiry(now: Self.t("2026-09-01T00:00:00Z"), zone: .utc)
        // Then the old certificate and secret are listed with their days left and warning status
        #expect(rows(report) == [
            "warning 16 2026-09-17T22:20:51Z server_certificate CN=GraniteFalls.contoso.com",
            "warning 37 2026-10-08T13:37:51Z app_secret CMG-GraniteFalls-ServerApp",
        ])
        // And the secret's history holds only what was known then
        let secret = try #require(report.credentials.first { $0.kind == "app_secret" && $0.gateway == Self.gf })
        #expect(secret.renewals?.map(\.at) == ["2026-10-08T13:37:51Z"])
    }

    @Test func eachReplacementCountsFromTheInstantItTookOver() throws {
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        // A second before the new certificate's not_before: still the old one, critical
        #expect(rows(try store.expiry(now: Self.t("2026-09-07T20:56:01Z"), zone: .utc)).first
                == "critical 10 2026-09-17T22:20:51Z server_certificate CN=GraniteFalls.contoso.com")
        // From it: the new one
        #expect(rows(try store.expiry(now: Self.t("2026-09-07T20:56:02Z"), zone: .utc)) == [
            "warning 30 2026-10-08T13:37:51Z app_secret CMG-GraniteFalls-ServerApp",
            "ok 365 2027-09-07T20:56:02Z server_certificate CN=GraniteFalls.contoso.com",
        ])
        // Between the secret's expiry and its renewal: expired, not the 2028 secret
        #expect(rows(try store.expiry(now: Self.t("2026-10-08T20:00:00Z"), zone: .utc)).first
                == "expired -1 2026-10-08T13:37:51Z app_secret CMG-GraniteFalls-ServerApp")
        // After the demo: both replacements
        #expect(rows(try store.expiry(now: Self.t("2026-11-01T00:00:00Z"), zone: .utc)) == [
            "ok 310 2027-09-07T20:56:02Z server_certificate CN=GraniteFalls.contoso.com",
            "ok 706 2028-10-07T23:25:03Z app_secret CMG-GraniteFalls-ServerApp",
        ])
    }

    @Test func capacityOfAugustAndSeptemberListsWhatWasExpiringThen() throws {
        // Given the demo's credentials
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        func listed(_ month: Int) throws -> [String] {
            let report = try store.capacity(year: 2026, month: month, zone: .utc, gateways: [Self.gf])
            let g = try #require(report.gateways.first)
            return g.credentialsExpiring.map { "\($0.kind) \($0.expiresAt) \($0.daysLeft) \($0.replacedAt ?? "-")" }
        }
        // Then August lists both (days left counted from the month's end), September both with the
        // certificate's replacement, October the secret that expired before it was renewed
        #expect(try listed(8) == ["server_certificate 2026-09-17T22:20:51Z 16 -", "app_secret 2026-10-08T13:37:51Z 37 -"])
        #expect(try listed(9) == ["server_certificate 2026-09-17T22:20:51Z 10 2026-09-07T20:56:02Z",
                                  "app_secret 2026-10-08T13:37:51Z 7 -"])
        #expect(try listed(10) == ["app_secret 2026-10-08T13:37:51Z -1 2026-10-08T23:25:03Z"])
        #expect(try listed(11).isEmpty)
        let september = try #require(try store.capacity(year: 2026, month: 9, zone: .utc, gateways: [Self.gf]).gateways.first)
        #expect(september.warnings.prefix(2) == [
            "Credential (server_certificate) CN=GraniteFalls.contoso.com was replaced on 2026-09-07T20:56:02Z, 10 days before it expired on 2026-09-17T22:20:51Z.",
            "App secret CMG-GraniteFalls-ServerApp expires in 7 days, on 2026-10-08T13:37:51Z.",
        ])
    }

    @Test(arguments: [7, 8, 9, 10, 11])
    func everyTimelineCredentialWarningOfAMonthIsInItsCapacityReport(month: Int) throws {
        // Given the demo's credentials
        let folder = try TemporaryFolder()
        let store = try demoStore(folder)
        let zone = ReportZone.utc
        let bounds = try #require(zone.month(year: 2026, month: month))
        // When the month's timeline and capacity report are made
        let timeline = try store.timeline(TimelineRequest(window: ReportPeriod(start: bounds.start, end: bounds.end), zone: zone,
                                                          gateways: [Self.gf]))
        let warned = Set(timeline.items.filter {
            $0.inWindow && ($0.kind == "credential_expiry_warning" || $0.kind == "credential_expiry_critical"
                            || ($0.kind == "credential_expired" && $0.severity == .error))
        }.map(\.text))
        let listed = try #require(try store.capacity(year: 2026, month: month, zone: zone, gateways: [Self.gf]).gateways.first)
            .credentialsExpiring
        // Then every credential the timeline warns about that month is listed
        for text in warned {
            #expect(listed.contains { text.contains($0.name) }, "\(month): \(text) not in \(listed)")
        }
        #expect(month == 11 || !warned.isEmpty || !listed.isEmpty)
    }

    @Test func aRenewalRecordedByHandSupersedesFromItsRenewalAndACredentialWithNoDatesAlways() {
        // Given a secret entered without dates, its renewal recorded on 10-09, and a certificate
        // staged with a not_before in the future
        func record(_ kind: String, _ name: String, notBefore: String? = nil, expires: String, renewed: String? = nil) -> CredentialRecord {
            CredentialRecord(kind: kind, name: name, subject: "", thumbprint: "", notBefore: notBefore.map(Self.t),
                             expiresAt: Self.t(expires), renewedAt: renewed.map(Self.t))
        }
        let records = [
            record("app_secret", "A", expires: "2026-10-08T00:00:00Z"),
            record("app_secret", "A", notBefore: "2026-01-01T00:00:00Z", expires: "2028-10-08T00:00:00Z", renewed: "2026-10-09T00:00:00Z"),
            record("server_certificate", "C", expires: "2026-12-01T00:00:00Z"),
            record("server_certificate", "C", notBefore: "2026-12-24T00:00:00Z", expires: "2027-12-24T00:00:00Z"),
        ]
        // Then the renewal counts from renewed_at, not its earlier not_before; the staged
        // certificate from its not_before
        let octoberFirst = CredentialsInForce.at(Self.t("2026-10-01T00:00:00Z"), records)
        #expect(octoberFirst.map(\.expiresAt) == [Self.t("2026-10-08T00:00:00Z"), Self.t("2026-12-01T00:00:00Z")])
        let christmas = CredentialsInForce.at(Self.t("2026-12-24T00:00:00Z"), records)
        #expect(christmas.map(\.expiresAt) == [Self.t("2028-10-08T00:00:00Z"), Self.t("2027-12-24T00:00:00Z")])
        #expect(CredentialsInForce.replacedAt(records[0], among: records) == Self.t("2026-10-09T00:00:00Z"))
        #expect(CredentialsInForce.replacedAt(records[1], among: records) == nil)
    }
}
