import Foundation
import Testing

/// The issue's reproduction on the demo, through the CLI: `report expiry --as-of` and past capacity
/// months answer with the credentials of that time, as the timeline warns about them.
@Suite("Credentials as of a date, on the demo")
struct CredentialsAsOfCLITests {
    static let gf = "GraniteFalls.contoso.com"

    func json(_ arguments: [String], in folder: ScratchFolder) throws -> [String: Any] {
        let result = try CLIRunner.run(arguments + ["--format", "json"], in: folder.url)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func expiryAsOfSeptemberAndCapacityOfAugustAndSeptemberListWhatTheTimelineWarnsAbout() throws {
        // Given the demo's 120 days (GraniteFalls' certificate expires 09-17, replaced from 09-07;
        // its secret expires 10-08, renewed that night)
        let folder = try ScratchFolder()
        try #require(try CLIRunner.run(["demo"], in: folder.url).status == 0)
        // When expiry is asked as of 2026-09-01
        let expiry = try json(["report", "expiry", "--as-of", "2026-09-01T00:00:00Z"], in: folder)
        let credentials = try #require(expiry["credentials"] as? [[String: Any]]).filter { $0["gateway"] as? String == Self.gf }
        // Then the old certificate and secret are listed with days left and warning, not the 2027/2028 replacements
        #expect(credentials.map { "\($0["kind"] ?? "") \($0["expires_at"] ?? "") \($0["days_left"] ?? "") \($0["status"] ?? "")" } == [
            "server_certificate 2026-09-17T22:20:51Z 16 warning",
            "app_secret 2026-10-08T13:37:51Z 37 warning",
        ])
        // And each month's capacity report lists every credential the timeline warns about in it
        let timeline = try json(["timeline", "--from", "2026-08-01", "--to", "2026-10-01", "--gateway", Self.gf], in: folder)
        let warnings = try #require(timeline["items"] as? [[String: Any]]).filter {
            $0["source"] as? String == "credential" && ["warning", "error"].contains($0["severity"] as? String ?? "")
        }
        #expect(warnings.count == 3)
        var listedByMonth: [String: [String]] = [:]
        for month in ["2026-08", "2026-09"] {
            let capacity = try json(["report", "capacity", "--month", month, "--gateway", Self.gf], in: folder)
            let gateway = try #require((capacity["gateways"] as? [[String: Any]])?.first)
            let listed = try #require(gateway["credentials_expiring"] as? [[String: Any]])
            listedByMonth[month] = listed.map { "\($0["kind"] ?? "") \($0["expires_at"] ?? "") \($0["days_left"] ?? "")" }
            for warning in warnings where (warning["at"] as? String ?? "").hasPrefix(month) {
                let text = warning["text"] as? String ?? ""
                #expect(listed.contains { text.contains($0["name"] as? String ?? "?") }, "\(month): \(text) not in \(listed)")
            }
        }
        #expect(listedByMonth["2026-08"] == ["server_certificate 2026-09-17T22:20:51Z 16", "app_secret 2026-10-08T13:37:51Z 37"])
        #expect(listedByMonth["2026-09"] == ["server_certificate 2026-09-17T22:20:51Z 10", "app_secret 2026-10-08T13:37:51Z 7"])
    }
}
