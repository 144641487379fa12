import Foundation
import Testing
@testable import CMGHistory

/// What the words of a log search match (``LogSearchReads``): whole tokens, any case, accents
/// ignored, no prefixes, a word of several tokens as a phrase. A PostgreSQL backend's
/// `tsvector` search must give these same answers.
@Suite("Log search: whole tokens, any case, no accents, no prefixes")
struct LogSearchTests {
    static let messages = [
        "The remote server returned an error: (403) Forbidden.",
        "CMGConnector_Clientcertificaterequired for CCM_STS",
        "Déploiement échoué",
        "forbiddenness is not a word",
        "ccm sts, spelt apart",
    ]

    /// The messages `words` finds, in stored order.
    func search(_ words: String, _ store: HistoryStore) throws -> [String] {
        var filter = LogEntryFilter()
        filter.text = words
        return try store.logEntries(filter).map(\.entry.message)
    }

    @Test(arguments: ConformanceBackend.allCases)
    func wordsMatchWholeTokensWithoutRegardToCaseOrAccents(_ backend: ConformanceBackend) throws {
        // Given five messages ingested from a CMTrace log (the real path: it fills the search index)
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let lines = Self.messages.enumerated().map { n, message in
            "<![LOG[\(message)]LOG]!><time=\"10:00:0\(n).000+0\" date=\"08-21-2026\" component=\"CloudMgr\" context=\"\" type=\"2\" thread=\"1\" file=\"\">\r\n"
        }
        let path = try folder.write("CloudMgr.log", lines.joined())
        let summary = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: 1_790_900_000).ingestFile(at: path)
        #expect(summary.entriesRead == Self.messages.count)
        let m = Self.messages
        // When words are searched, Then each finds exactly the messages holding its tokens
        #expect(try search("FORBIDDEN", store) == [m[0]])
        #expect(try search("forbid", store) == [])
        #expect(try search("(403)", store) == [m[0]])
        #expect(try search("CCM_STS", store) == [m[1], m[4]])
        #expect(try search("sts ccm", store) == [m[1], m[4]])
        #expect(try search("STS_CCM", store) == [])
        #expect(try search("echoue", store) == [m[2]])
        #expect(try search("error forbidden", store) == [m[0]])
        #expect(try search("error forbiddenness", store) == [])
        #expect(try search("Clientcertificaterequired", store) == [m[1]])
        #expect(try search(" \t ", store) == m)
    }
}
