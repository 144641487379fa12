import Foundation
import Testing

@Suite("cmg-history ingest: a file it may not read costs no other file")
struct UnreadableFileCLITests {
    /// Today: `error: in/b.ndjson: cannot read: permission denied or unreadable`, exit 2, and
    /// the files after it in the folder (here c.ndjson and CloudMgr.log) were never read.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func anUnreadableFileInAFolderIsNamedAndTheOthersAreRead() throws {
        // Given a folder where one NDJSON file and one log may not be read by the user who ingests
        let folder = try ScratchFolder()
        let manager = FileManager.default
        try manager.createDirectory(at: folder.url.appendingPathComponent("in/sub"), withIntermediateDirectories: true)
        try folder.write("in/a.ndjson", #"{"type":"online_clients","gateway":"G","at":"2026-10-01T00:05:00Z","count":1}"# + "\n")
        try folder.write("in/b.ndjson", #"{"type":"online_clients","gateway":"G","at":"2026-10-01T00:10:00Z","count":2}"# + "\n")
        try folder.write("in/c.ndjson", #"{"type":"online_clients","gateway":"G","at":"2026-10-01T00:15:00Z","count":3}"# + "\n")
        try folder.write("in/sub/CloudMgr.log", "Starting to Deploy Service  $$<SMS_CLOUD_SERVICES_MANAGER><10-01-2026 07:00:00.123+000><thread=100 (0x64)>\n")
        try folder.write("in/SMS_Cloud_ProxyConnector.log", "one  $$<SMS_CLOUD_PROXYCONNECTOR><10-01-2026 07:00:00.123+000><thread=100 (0x64)>\n")
        for name in ["in/b.ndjson", "in/SMS_Cloud_ProxyConnector.log"] {
            try manager.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.url.appendingPathComponent(name).path)
        }
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.url.path)
        // When a user who may not read them ingests the folder
        let result = try CLIRunner.run(["--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.binary.path, "ingest", "--db", "h.sqlite", "in"],
                                       in: folder.url, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
        // Then each is named, every other file is read, and the exit status says something failed
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: in/b.ndjson: cannot read: permission denied or unreadable\n"), "\(result.stderr)")
        #expect(result.stderr.contains("error: in/SMS_Cloud_ProxyConnector.log: cannot read: permission denied or unreadable\n"),
                "\(result.stderr)")
        #expect(result.stdout.contains("in/a.ndjson (ndjson): 1 inserted"), "\(result.stdout)")
        #expect(result.stdout.contains("in/c.ndjson (ndjson): 1 inserted"), "\(result.stdout)")
        #expect(result.stdout.contains("in/sub/CloudMgr.log (log CloudMgr): 1 inserted"), "\(result.stdout)")
    }
}
