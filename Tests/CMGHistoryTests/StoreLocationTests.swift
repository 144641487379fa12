import Foundation
import Testing
@testable import CMGHistory

@Suite("Store location: --db paths and postgres:// URLs")
struct StoreLocationTests {
    // MARK: - Good

    @Test func aPlainPathOrSqlitePrefixIsAnSQLiteFile() throws {
        // Given paths as admins write them, on Linux and Windows
        // When they are parsed / Then each is the SQLite file it names
        #expect(try StoreLocation("cmg-history.sqlite") == .sqlite(path: "cmg-history.sqlite"))
        #expect(try StoreLocation("/var/lib/cmg/h.sqlite") == .sqlite(path: "/var/lib/cmg/h.sqlite"))
        #expect(try StoreLocation(#"C:\Data\cmg-history.sqlite"#) == .sqlite(path: #"C:\Data\cmg-history.sqlite"#))
        #expect(try StoreLocation("sqlite:h.sqlite") == .sqlite(path: "h.sqlite"))
        #expect(try StoreLocation("SQLite:///tmp/h.sqlite") == .sqlite(path: "/tmp/h.sqlite"))
    }

    @Test func aFullPostgresURLGivesEveryPart() throws {
        // Given a URL with every part
        let location = try StoreLocation("postgres://collector@db.contoso.com:6432/cmg?schema=contoso&sslmode=verify-full&connect_timeout=10")
        // Then each part is read, and the display form repeats them
        guard case let .postgres(pg) = location else { Issue.record("not postgres: \(location)"); return }
        #expect(pg.user == "collector")
        #expect(pg.host == "db.contoso.com")
        #expect(pg.port == 6432)
        #expect(pg.database == "cmg")
        #expect(pg.schema == "contoso")
        #expect(pg.sslMode == "verify-full")
        #expect(pg.connectTimeoutSeconds == 10)
        #expect(location.displayForm == "postgres://collector@db.contoso.com:6432/cmg?schema=contoso&sslmode=verify-full&connect_timeout=10")
    }

    @Test func defaultsFillWhatTheURLLeavesOut() throws {
        // Given the shortest URLs, both schemes
        let short = try StoreLocation("postgresql://db/cmg")
        let bare = try StoreLocation("postgres://")
        // Then port and schema take their defaults; user, host and database are libpq's to choose
        #expect(short.displayForm == "postgres://db:5432/cmg?schema=cmg_history")
        guard case let .postgres(pg) = bare else { Issue.record("not postgres"); return }
        #expect(pg.user == nil && pg.host == nil && pg.database == nil)
        #expect(pg.port == 5432 && pg.schema == PostgresLocation.defaultSchema)
    }

    @Test func ipv6HostsAndPercentEscapesAreRead() throws {
        let location = try StoreLocation("postgres://svc%2Dcmg@[::1]:5433/cmg%20history?schema=t_1")
        guard case let .postgres(pg) = location else { Issue.record("not postgres"); return }
        #expect(pg.host == "::1")
        #expect(pg.user == "svc-cmg")
        #expect(pg.database == "cmg history")
        #expect(location.displayForm == "postgres://svc-cmg@[::1]:5433/cmg%20history?schema=t_1")
    }

    // MARK: - Passwords

    @Test(arguments: [
        "postgres://admin:Hunter2Secret@db/cmg",
        "postgres://admin:Hunter2Secret@db:5432/cmg?schema=a",
        "postgres://admin:Hunter2/Secret@db/cmg",
        "postgres://admin:Hunter2@Secret@db/cmg",
        "postgres://admin:Hunter2?Secret@db/cmg",
        "postgres://admin:@db/cmg",
        "postgres://db/cmg?password=Hunter2Secret",
        "postgres://db/cmg?schema=a&PASSWORD=Hunter2Secret",
    ])
    func aURLWithAPasswordIsRefusedSayingWhereItGoesWithoutRepeatingIt(url: String) throws {
        // Given a URL carrying a password (in any of the places one can hide)
        // When it is parsed
        let error = #expect(throws: StoreLocationError.self) { try StoreLocation(url) }
        // Then it is refused as a password, the message names the places for one, and holds no part of it
        #expect(error == .passwordInURL)
        let message = error.map(String.init(describing:)) ?? ""
        #expect(message.contains("PGPASSWORD") && message.contains("~/.pgpass") && message.contains("--password-file"))
        for fragment in ["Hunter2", "Secret"] { #expect(!message.contains(fragment), "\(message)") }
    }

    // MARK: - Bad and hostile

    @Test(arguments: [
        ("", StoreLocationError.empty),
        ("sqlite:", .emptyPath),
        ("mysql://db/cmg", .unknownScheme("mysql")),
        ("postgres://db:0/cmg", .badPort("0")),
        ("postgres://db:65536/cmg", .badPort("65536")),
        ("postgres://db:5432x/cmg", .badPort("5432x")),
        ("postgres://db:99999999999999999999/cmg", .badPort("99999999999999999999")),
        ("postgres://db:/cmg", .badPort("")),
        ("postgres://db/cmg?sslmode=sometimes", .badParameter(name: "sslmode", value: "sometimes", reason: "is not one of disable, allow, prefer, require, verify-ca, verify-full")),
        ("postgres://db/cmg?connect_timeout=0", .badParameter(name: "connect_timeout", value: "0", reason: "is not a number of seconds from 1 to 3600")),
        ("postgres://db/cmg?options=-c%20search_path%3Dother", .unknownParameter("options")),
        ("postgres://db/cmg?schema=a&schema=b", .repeatedParameter("schema")),
        ("postgres://d%zzb/cmg", .badHost("d%zzb")),
        ("postgres://db/c%zzmg", .badPercentEscape(part: "database name")),
        ("postgres://us%00er@db/cmg", .badPercentEscape(part: "user name")),
        ("postgres://db/cmg%FF", .badPercentEscape(part: "database name")),
        ("postgres://db;rm -rf/cmg", .badHost("db;rm -rf")),
        ("postgres://[::1/cmg", .badHost("[::1")),
    ])
    func malformedValuesAreRefusedWithTheirReason(text: String, expected: StoreLocationError) {
        #expect(throws: expected) { try StoreLocation(text) }
    }

    @Test func controlCharactersAndOverlongValuesAreRefused() {
        #expect(throws: StoreLocationError.controlCharacters) { try StoreLocation("postgres://db/cmg\n?schema=x") }
        #expect(throws: StoreLocationError.controlCharacters) { try StoreLocation("h.sqlite\u{1B}[2J") }
        #expect(throws: StoreLocationError.tooLong(limit: StoreLocation.maximumLength)) { try StoreLocation(String(repeating: "a", count: 5000)) }
        #expect(throws: StoreLocationError.partTooLong(part: "database name", limit: 63)) {
            try StoreLocation("postgres://db/" + String(repeating: "d", count: 64))
        }
    }

    @Test(arguments: [
        ("Contoso", "may hold only lower-case letters a-z, digits and _"),
        ("a;DROP SCHEMA public", "may hold only lower-case letters a-z, digits and _"),
        ("tenant\"x", "may hold only lower-case letters a-z, digits and _"),
        ("ténant", "may hold only lower-case letters a-z, digits and _"),
        ("1tenant", "must start with a letter or _"),
        ("pg_catalog", "is reserved by PostgreSQL (pg_… and information_schema)"),
        ("information_schema", "is reserved by PostgreSQL (pg_… and information_schema)"),
        ("", "is empty"),
        (String(repeating: "s", count: 64), "is longer than PostgreSQL's 63 bytes"),
    ])
    func schemaNamesOutsideTheRulesAreRefused(schema: String, reason: String) {
        let escaped = schema.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? schema
        #expect(throws: StoreLocationError.badSchema(schema, reason: reason)) { try StoreLocation("postgres://db/cmg?schema=\(escaped)") }
    }

    @Test func theLongestAllowedSchemaAndUnderscoresAreAccepted() throws {
        let longest = "_" + String(repeating: "t", count: 62)
        #expect(throws: Never.self) { try StoreLocation("postgres://db/cmg?schema=\(longest)") }
        #expect(throws: Never.self) { try PostgresLocation.checkSchemaName("tenant_01") }
    }

    @Test func hostileBytesNeverTrapTheParser() {
        // Given many random strings built around the URL's separators
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("postgres:/@?&=%[]:.0123456789abcXYZ\u{0}\u{7F}é ")
        for _ in 0..<2_000 {
            let text = "postgres://" + String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            // When parsed / Then it is a location or a StoreLocationError, and a display form never holds a NUL
            do {
                let location = try StoreLocation(text)
                #expect(!location.displayForm.contains("\u{0}"))
            } catch {
                #expect(error is StoreLocationError)
            }
        }
    }

    // MARK: - Connection parameters and password files

    @Test func thePasswordFileGivesThePasswordAndNoDescriptionShowsIt() throws {
        // Given a password file written on Windows (CRLF) and a location
        let folder = try TemporaryFolder()
        let file = try folder.write("pw", "S3cret-Value\r\nsecond line ignored\n")
        guard case let .postgres(location) = try StoreLocation("postgres://u@db/cmg") else { Issue.record("not postgres"); return }
        // When parameters are made from them
        let parameters = try PostgresConnectionParameters(location: location, passwordFile: URL(fileURLWithPath: file))
        // Then the password is the first line alone, and neither description nor dump shows it
        #expect(parameters.password == "S3cret-Value")
        #expect(parameters.hasPassword)
        var dumped = ""
        dump(parameters, to: &dumped)
        for text in [parameters.description, parameters.debugDescription, "\(parameters)", dumped] {
            #expect(!text.contains("S3cret"), "\(text)")
        }
    }

    @Test func unusablePasswordFilesAreRefusedNamingTheFileNotItsContent() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("empty", "\nS3cret\n")
        let binary = try folder.write("binary", "S3cret\u{1}\u{2}")
        let large = try folder.write("large", String(repeating: "S3cret", count: 1000))
        #expect(throws: PostgresPasswordFileError.empty(path: empty)) { try PostgresConnectionParameters.readPassword(URL(fileURLWithPath: empty)) }
        #expect(throws: PostgresPasswordFileError.controlCharacters(path: binary)) { try PostgresConnectionParameters.readPassword(URL(fileURLWithPath: binary)) }
        #expect(throws: PostgresPasswordFileError.tooLarge(path: large, limit: 4096)) { try PostgresConnectionParameters.readPassword(URL(fileURLWithPath: large)) }
        let missing = folder.path("missing")
        let error = #expect(throws: PostgresPasswordFileError.self) { try PostgresConnectionParameters.readPassword(URL(fileURLWithPath: missing)) }
        #expect(error.map { "\($0)" }?.contains(missing) == true)
        for path in [empty, binary, large] {
            let refused = #expect(throws: PostgresPasswordFileError.self) { try PostgresConnectionParameters.readPassword(URL(fileURLWithPath: path)) }
            #expect(refused.map { "\($0)" }?.contains("S3cret") == false)
        }
    }
}
