import Foundation
import Testing
@testable import CMGHistory
#if canImport(Glibc)
import Glibc
#endif

@Suite("History store: what a creator killed mid-way leaves behind is cleaned up")
struct TemporaryDatabaseTests {
    func names(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
    }

    /// `kill -9` during creation left `.h.sqlite.new-UUID` and its `-journal` behind, one pair per
    /// killed run, forever (30 kills: 11 pairs, a quarter megabyte each).
    @Test func anAbandonedTemporaryDatabaseIsRemovedAndOneAtWorkIsKept() throws {
        // Given a folder holding what two killed creators left, and the file of one still at work (it holds its lock)
        let folder = try TemporaryFolder()
        let dead = [".h.sqlite.new-0CB1C1F1-568B-4CD7-9320-5D07AE06A809", ".h.sqlite.new-17D4CEF9-F2C9-4BEE-8388-22FE1FB372B1"]
        for name in dead {
            try folder.write(name, "")
            try folder.write(name + "-journal", String(repeating: "j", count: 512))
        }
        let live = ".h.sqlite.new-96E34E2B-9D8A-4E6A-A48C-0E12878AB292"
        try folder.write(live, "")
        let holder = open(folder.path(live), O_RDONLY)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0)
        // … and an unrelated file that only looks alike
        try folder.write(".other.sqlite.new-1", "mine")
        // When an import opens the database
        _ = try folder.store("h.sqlite")
        // Then the abandoned files are gone, the one at work and the unrelated one are kept
        let left = try names(folder).filter { !$0.hasPrefix("h.sqlite") }
        #expect(left == [".h.sqlite.new-96E34E2B-9D8A-4E6A-A48C-0E12878AB292", ".other.sqlite.new-1"])
    }

    @Test func creatingADatabaseLeavesNoTemporaryFile() throws {
        // Given a new path
        let folder = try TemporaryFolder()
        // When a store creates it, and another opens it
        _ = try folder.store("h.sqlite")
        _ = try folder.store("h.sqlite")
        // Then only the database and its WAL files are there
        let left = try names(folder)
        #expect(left.allSatisfy { $0.hasPrefix("h.sqlite") }, "\(left)")
    }
}
