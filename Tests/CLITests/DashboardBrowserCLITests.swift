import Foundation
import Testing

/// The dashboard in a real browser: `cmg-history serve` on a demo history, headless Chromium
/// loading each page. The DOM Chromium built (`--dump-dom`) is asserted on, and each page is
/// photographed at 1400 and 390 px wide into `CMG_SCREENSHOT_DIR` (default: a folder under the
/// temporary folder) for a person to look at. Without Chromium the suite says so in one line
/// and passes, unless `CMG_REQUIRE_BROWSER=1` (as `.ci/run` sets) makes its absence a failure.
@Suite("The dashboard in headless Chromium")
struct DashboardBrowserCLITests {
    static let chromium: URL? = {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["CMG_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }()

    static let asOf = "2026-10-31T23:00:00Z"

    /// Chromium's run over `url`: its standard output (the DOM) and status; `extra` adds flags.
    static func browse(_ chromium: URL, _ url: String, _ extra: [String], profile: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                           "--user-data-dir=\(profile.path)"] + extra + [url],
                          in: profile, executable: chromium, timeout: 90)
    }

    /// The width in pixels a PNG says in its header, nil for what is not a PNG.
    static func pngWidth(_ data: Data) -> Int? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        return bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test func eachPageRendersInABrowserAtDesktopAndPhoneWidths() throws {
        #if os(Linux) || os(macOS)
        guard let chromium = Self.chromium else {
            let required = ProcessInfo.processInfo.environment["CMG_REQUIRE_BROWSER"] == "1"
            if required { Issue.record("CMG_REQUIRE_BROWSER=1 but no Chromium found (install Debian's chromium or set CMG_CHROMIUM)") }
            print("DashboardBrowserCLITests: skipped, no Chromium (install Debian's chromium or set CMG_CHROMIUM)")
            return
        }
        let folder = try ScratchFolder()
        let demo = try CLIRunner.run(["demo", "--db", "demo.sqlite", "--days", "45"], in: folder.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        let served = try ServedHistory(["--db", "demo.sqlite", "--spool-dir", folder.url.path, "--open-dashboard"], in: folder.url)
        defer { served.stop() }
        #expect(served.port > 0, "\(served.firstLine)")

        let shots = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CMG_SCREENSHOT_DIR"]
                        ?? FileManager.default.temporaryDirectory.appendingPathComponent("cmg-dashboard-screenshots").path)
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let profile = folder.url.appendingPathComponent("chromium-profile")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let query = "tz=Europe%2FBerlin&as_of=2026-10-31T23%3A00%3A00Z"

        let pages: [(name: String, path: String, expect: [String])] = [
            ("fleet", "/?\(query)", ["<h1>Cloud management gateways</h1>", "data-gateway=\"GraniteFalls.contoso.com\"",
                                     "data-gateway=\"CedarRapids.contoso.com\"", "Incidents this month"]),
            ("gateway", "/gateway/GraniteFalls.contoso.com?\(query)", ["<h1>GraniteFalls.contoso.com</h1>", "Last 30 days",
                                                                      "aria-label=\"Egress, total per day\"", "Capacity, 2026-11</h2>"]),
            ("capacity", "/capacity?month=2026-10&\(query)", ["<h1>Monthly capacity report, 2026-10</h1>", "<h2>GraniteFalls.contoso.com</h2>",
                                                               "aria-label=\"Daily peak of online clients against capacity\""]),
            ("timeline", "/timeline?around=2026-10-23T18%3A00%3A00Z&window=1d&tz=Europe%2FBerlin",
             ["<h1>Incident timeline</h1>", "aria-label=\"timeline swimlanes\"", "Probable causes"]),
            ("expiry", "/expiry?\(query)", ["<h1>Credential expiry as of 2026-11-01T00:00:00+01:00</h1>", "CMG-GraniteFalls-ServerApp"]),
        ]
        for page in pages {
            let url = served.base + page.path
            let dom = try Self.browse(chromium, url, ["--dump-dom"], profile: profile)
            #expect(dom.status == 0, "\(page.name): \(dom.stderr.suffix(400))")
            // Chromium serializes what it parsed: the page's parts are elements, not just bytes sent
            #expect(dom.stdout.contains("<header class=\"nav\">"), "\(page.name)")
            for text in page.expect { #expect(dom.stdout.contains(text), "\(page.name): \(text)") }
            #expect(!dom.stdout.contains("<script"), "\(page.name): no scripts")
            for (width, height) in [(1400, 1200), (390, 1600)] {
                let file = shots.appendingPathComponent("\(page.name)-\(width).png")
                try? FileManager.default.removeItem(at: file)
                let shot = try Self.browse(chromium, url, ["--window-size=\(width),\(height)", "--screenshot=\(file.path)"], profile: profile)
                #expect(shot.status == 0, "\(page.name) at \(width): \(shot.stderr.suffix(400))")
                let png = (try? Data(contentsOf: file)) ?? Data()
                #expect(Self.pngWidth(png) == width, "\(page.name) at \(width) px: \(png.count) bytes")
            }
        }
        print("DashboardBrowserCLITests: screenshots in \(shots.path)")
        #endif
    }
}
