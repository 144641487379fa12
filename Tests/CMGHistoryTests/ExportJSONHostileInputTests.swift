import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// JSON exports whose whole text the JSON reader refuses because of one element.
@Suite("Export JSON: one element the reader refuses keeps the others")
struct ExportJSONHostileInputTests {
    static func gateway(_ name: String) -> String {
        #"{"ServiceCName":"\#(name)","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T14:00:00Z"}"#
    }

    @Test func anElementNestedDeeperThanTheReaderGoesIsRejectedAlone() throws {
        // Given an array whose second element holds a property nested 5,000 levels deep
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let deep = #"{"ServiceCName":"Deep.contoso.com","Settings":"# + String(repeating: "[", count: 5_000)
            + String(repeating: "]", count: 5_000) + "}"
        let path = try folder.write("cmg.json", "[\n" + [Self.gateway("A.contoso.com"), deep, Self.gateway("B.contoso.com")].joined(separator: ",\n") + "\n]\n")
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the two good gateways are stored and the deep element is one rejection saying why, on its line
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT name FROM gateway ORDER BY name") } == ["A.contoso.com", "B.contoso.com"])
        #expect(summary.rejections.map(\.line) == [3])
        #expect(summary.rejections.first?.problem.message
            == "is nested 5001 levels deep, more than the 512 the JSON reader takes (ConvertTo-Json -Depth writes at most 100)")
    }

    @Test func aTextThatIsNotOneBalancedArrayIsStillUnreadable() throws {
        // Given an array cut short inside a string
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("cmg.json", "[" + Self.gateway("A.contoso.com") + #",{"ServiceCName":"B.con"#)
        // When it is imported, then the file is refused: its elements cannot be told apart
        #expect(throws: ImportError.self) { try ExportImporter(store: store).importFile(at: path) }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM gateway") } == 0)
    }
}
