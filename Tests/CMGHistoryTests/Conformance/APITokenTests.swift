import Foundation
import Testing
@testable import CMGHistory

/// Bearer tokens on every backend: a token lets in only while valid, only its digest is stored,
/// names are unique for good, and use is stamped at most once a minute.
@Suite("Bearer tokens on every backend")
struct APITokenTests {
    @Test(arguments: ConformanceBackend.allCases)
    func aTokenLetsInUntilRevokedAndOnlyItsDigestIsStored(_ backend: ConformanceBackend) throws {
        // Given a history with an ingest token and a read token
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let (ingest, record) = try store.createToken(name: "sccm01-collector", scope: .ingest, now: 1_000)
        let (read, _) = try store.createToken(name: "dashboard", scope: .read, now: 1_001)

        // Then each token is 48 characters, distinct, and lets in with its own scope
        #expect(ingest.count == 48 && ingest.hasPrefix("cmgh_") && ingest != read)
        #expect(record == APIToken(name: "sccm01-collector", scope: .ingest, createdAt: 1_000))
        #expect(try store.authenticate(ingest, now: 2_000)?.scope == .ingest)
        #expect(try store.authenticate(read, now: 2_000)?.scope == .read)
        // And a token one character off, a prefix, an empty or malformed one, lets nobody in
        var flipped = Array(ingest)
        flipped[10] = flipped[10] == "A" ? "B" : "A"
        for wrong in [String(flipped), String(ingest.dropLast()), "", "Bearer " + ingest, ingest + " ", "cmgh_" + String(repeating: "!", count: 43)] {
            #expect(try store.authenticate(wrong, now: 2_000) == nil)
        }
        // And the stored row holds a digest, never the token
        let stored = try store.snapshot { reads in try reads.rows(HistoryTable.all.first { $0.name == "api_token" }!, after: nil, limit: 10) }
        #expect(stored.count == 2)
        let values = stored.flatMap { $0 }
        #expect(!values.contains(.text(ingest)) && !values.contains(.blob(Array(ingest.utf8))))
        #expect(values.contains(.blob(try #require(TokenSecret.digest(ingest)))))

        // When a name is taken, or malformed, nothing is created
        #expect(throws: TokenError.nameTaken("dashboard")) { try store.createToken(name: "dashboard", scope: .admin, now: 3_000) }
        #expect(throws: TokenError.invalidName("two words")) { try store.createToken(name: "two words", scope: .admin, now: 3_000) }
        #expect(try store.tokens().map(\.name) == ["dashboard", "sccm01-collector"])

        // When the ingest token is revoked, it lets nobody in, and its name stays taken
        let revoked = try store.revokeToken(name: "sccm01-collector", now: 4_000)
        #expect(revoked.revokedAt == 4_000)
        #expect(try store.revokeToken(name: "sccm01-collector", now: 5_000).revokedAt == 4_000)
        #expect(try store.authenticate(ingest, now: 4_001) == nil)
        #expect(try store.authenticate(read, now: 4_001) != nil)
        #expect(throws: TokenError.nameTaken("sccm01-collector")) { try store.createToken(name: "sccm01-collector", scope: .ingest, now: 5_000) }
        #expect(throws: TokenError.unknown("nobody")) { try store.revokeToken(name: "nobody", now: 5_000) }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func useIsStampedAtMostOnceAMinute(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let (token, _) = try store.createToken(name: "reader", scope: .read, now: 100)
        func lastUsed() throws -> UnixSeconds? { try store.tokens().first?.lastUsedAt }

        #expect(try lastUsed() == nil)
        _ = try store.authenticate(token, now: 1_000)
        #expect(try lastUsed() == 1_000)
        _ = try store.authenticate(token, now: 1_059)
        #expect(try lastUsed() == 1_000)
        _ = try store.authenticate(token, now: 1_060)
        #expect(try lastUsed() == 1_060)
        // A clock set back is stamped too: the stamp never stays in the future
        _ = try store.authenticate(token, now: 500)
        #expect(try lastUsed() == 500)
    }

    @Test func scopesAllowTheirOwnAndAdminAllowsAll() {
        #expect(TokenScope.admin.allows(.ingest) && TokenScope.admin.allows(.read) && TokenScope.admin.allows(.admin))
        #expect(TokenScope.ingest.allows(.ingest) && !TokenScope.ingest.allows(.read) && !TokenScope.ingest.allows(.admin))
        #expect(TokenScope.read.allows(.read) && !TokenScope.read.allows(.ingest))
    }
}
