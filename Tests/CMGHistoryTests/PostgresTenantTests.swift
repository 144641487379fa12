import Foundation
import Testing
@testable import CMGHistory

/// `db init`'s tenant: names and the SQL it grants, without a server.
@Suite("PostgreSQL tenant: role names and grants")
struct PostgresTenantNameTests {
    @Test func rolesAreNamedAfterTheSchemaUnlessGivenAndOnlyPlainNamesAreTaken() throws {
        let tenant = try PostgresTenant(schema: "acme")
        #expect(tenant.collectorRole == "acme_collector" && tenant.readerRole == "acme_reader")
        #expect(try PostgresTenant(schema: "acme", collectorRole: "ingest", readerRole: "dash").readerRole == "dash")
        #expect(throws: PostgresTenant.NameError.self) { try PostgresTenant(schema: "acme", readerRole: "x; DROP TABLE gateway") }
        #expect(throws: PostgresTenant.NameError.self) { try PostgresTenant(schema: "acme", collectorRole: "same", readerRole: "same") }
        #expect(throws: PostgresTenant.NameError.self) { try PostgresTenant(schema: String(repeating: "a", count: 60)) }
    }

    @Test func theReaderIsGrantedSelectOnlyAndTheCollectorNoDDL() throws {
        let script = try PostgresTenant(schema: "acme").grantScript
        let reader = script.split(separator: "\n").filter { $0.hasSuffix("TO acme_reader;") || $0.contains("acme_collector, acme_reader") }
        #expect(reader.allSatisfy { $0.contains("GRANT SELECT ON") || $0.contains("GRANT USAGE ON SCHEMA") }, "\(reader)")
        #expect(script.contains("REVOKE ALL ON SCHEMA acme FROM PUBLIC;"))
        #expect(script.contains("GRANT EXECUTE ON FUNCTION acme.cmg_history_create_month(text, bigint) TO acme_collector;"))
        for ddl in ["CREATE ON SCHEMA", "ALL PRIVILEGES", "TRUNCATE", "OWNER"] { #expect(!script.contains(ddl), "\(ddl)") }
    }
}

extension PostgresTests {
    /// Tenants on one server: each schema's roles reach that schema only, and only as granted.
    @Suite("PostgreSQL tenants: a reader cannot write, a collector cannot drop, tenants are apart")
    struct Tenants {
        /// Creates a tenant in a fresh schema, runs `body`, then drops its roles (and `logins`).
        static func withTenant(_ body: (PostgresLocation, PGConnection, PostgresTenant) throws -> Void, logins: [String] = []) throws {
            try PostgresTestServer.withFreshSchema { location, admin throws in
                let tenant = try PostgresTenant(schema: location.schema)
                defer {
                    for role in logins + [tenant.collectorRole, tenant.readerRole] {
                        _ = try? admin.execute("DROP OWNED BY \(role)")
                        _ = try? admin.execute("DROP ROLE IF EXISTS \(role)")
                    }
                }
                #expect(try tenant.create(at: location, passwordFile: nil) == PostgresStore.binarySchemaVersion)
                try body(location, admin, tenant)
            }
        }

        /// Runs `sql` as `role` on `admin` (SET ROLE checks privileges as that role); the SQLSTATE it fails with, nil on success.
        static func failure(of sql: String, as role: String, on admin: PGConnection) throws -> String? {
            try admin.execute("SET ROLE \(role)")
            defer { _ = try? admin.execute("RESET ROLE") }
            do {
                try admin.execute(sql)
                return nil
            } catch {
                return error.sqlState
            }
        }

        @Test func aReaderReadsButCannotWrite() throws {
            try Self.withTenant { location, admin, tenant throws in
                let s = location.schema
                #expect(try Self.failure(of: "SELECT count(*) FROM \(s).gateway", as: tenant.readerRole, on: admin) == nil)
                #expect(try Self.failure(of: "INSERT INTO \(s).gateway (name) VALUES ('x.contoso.com')", as: tenant.readerRole, on: admin) == "42501")
                #expect(try Self.failure(of: "UPDATE \(s).retention SET pruned_at = 0", as: tenant.readerRole, on: admin) == "42501")
                #expect(try Self.failure(of: "SELECT \(s).cmg_history_create_month('egress_sample', 0)", as: tenant.readerRole, on: admin) == "42501")
            }
        }

        @Test func aCollectorImportsCreatingNewMonthsButCannotDropOrCreateTables() throws {
            let login = "cmg_test_login_" + String(UInt32.random(in: .min ... .max), radix: 16)
            try Self.withTenant({ location, admin, tenant throws in
                // Given a login role holding the collector role
                let password = String(UInt64.random(in: .min ... .max), radix: 16)
                try admin.execute("CREATE ROLE \(login) LOGIN PASSWORD '\(password)' IN ROLE \(tenant.collectorRole)")
                let folder = try TemporaryFolder()
                let file = URL(fileURLWithPath: try folder.write("password", password + "\n"))
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
                var asCollector = location
                asCollector.user = login

                // When it imports two days (a month no partition exists for yet) and imports them again
                let store = try HistoryStore(location: .postgres(asCollector), access: .readWrite, passwordFile: file)
                let first = try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder)
                let again = try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder, name: "again.ndjson")

                // Then the samples are stored once, and the collector can neither drop, create nor truncate tables
                #expect(first.inserted == 576 && first.rejected == 0, "\(first.rejections)")
                #expect(again.duplicates == 576)
                let s = location.schema
                #expect(try Self.failure(of: "DROP TABLE \(s).online_clients_sample_p202610", as: login, on: admin) == "42501")
                #expect(try Self.failure(of: "CREATE TABLE \(s).mine (x bigint)", as: login, on: admin) == "42501")
                #expect(try Self.failure(of: "TRUNCATE \(s).gateway CASCADE", as: login, on: admin) == "42501")
                // And the month function creates months of raw tables only
                #expect(try Self.failure(of: "SELECT \(s).cmg_history_create_month('gateway', 0)", as: login, on: admin) == "22023")
                #expect(try Self.failure(of: "SELECT \(s).cmg_history_create_month('egress_sample', 5)", as: login, on: admin) == "22023")
                // And the collector may not prune: detaching a month is the owner's
                let prune = #expect(throws: PostgresError.self) { try store.prune(keepDays: 1, now: Prune.november + 86_400) }
                #expect(prune?.sqlState == "42501", "\(String(describing: prune))")
                #expect(try admin.query("SELECT count(*) FROM \(s).retention").int64(row: 0, column: 0) == 0)
                #expect(try Self.failure(of: "INSERT INTO \(s).retention VALUES (1, 0, 0)", as: login, on: admin) == "42501")

                // And a login holding the reader role opens the history read-only and reads what was imported
                try admin.execute("CREATE ROLE \(login)_r LOGIN PASSWORD '\(password)' IN ROLE \(tenant.readerRole)")
                var asReader = location
                asReader.user = login + "_r"
                let reader = try HistoryStore(location: .postgres(asReader), access: .readOnly, passwordFile: file)
                #expect(try reader.info().tables.first { $0.table == "online_clients_sample" }?.rows == 576)
            }, logins: [login, login + "_r"])
        }

        @Test func tokensAreTheOwnersACollectorStampsTheirUseAndAReaderChecksThem() throws {
            try Self.withTenant { location, admin, tenant throws in
                // Given a token the owner created
                let owner = try HistoryStore(location: .postgres(location), access: .readWrite, passwordFile: nil)
                let (token, _) = try owner.createToken(name: "collector", scope: .ingest, now: 1_000)
                let s = location.schema
                // Then a collector may stamp its use and read it, but not add, rename, widen or delete a token
                let c = tenant.collectorRole
                #expect(try Self.failure(of: "UPDATE \(s).api_token SET last_used_at = 5", as: c, on: admin) == nil)
                #expect(try Self.failure(of: "SELECT count(*) FROM \(s).api_token", as: c, on: admin) == nil)
                #expect(try Self.failure(of: "INSERT INTO \(s).api_token (name, scope, token_hash, created_at) VALUES ('x', 'admin', '\\x00', 0)",
                                         as: c, on: admin) == "42501")
                #expect(try Self.failure(of: "UPDATE \(s).api_token SET scope = 'admin'", as: c, on: admin) == "42501")
                #expect(try Self.failure(of: "UPDATE \(s).api_token SET revoked_at = NULL", as: c, on: admin) == "42501")
                #expect(try Self.failure(of: "DELETE FROM \(s).api_token", as: c, on: admin) == "42501")
                // And a reader reads tokens but cannot stamp them
                #expect(try Self.failure(of: "SELECT token_hash FROM \(s).api_token", as: tenant.readerRole, on: admin) == nil)
                #expect(try Self.failure(of: "UPDATE \(s).api_token SET last_used_at = 5", as: tenant.readerRole, on: admin) == "42501")
                #expect(try owner.authenticate(token, now: 2_000)?.name == "collector")
            }
        }

        @Test func oneTenantsRolesCannotReadAnothersSchema() throws {
            try Self.withTenant { a, admin, tenantA throws in
                try Self.withTenant { b, _, tenantB throws in
                    for role in [tenantA.readerRole, tenantA.collectorRole] {
                        #expect(try Self.failure(of: "SELECT count(*) FROM \(b.schema).gateway", as: role, on: admin) == "42501", "\(role)")
                    }
                    #expect(try Self.failure(of: "SELECT count(*) FROM \(a.schema).metric", as: tenantB.readerRole, on: admin) == "42501")
                    #expect(try Self.failure(of: "SELECT count(*) FROM \(b.schema).metric", as: tenantB.readerRole, on: admin) == nil)
                }
            }
        }

        @Test func initIsIdempotent() throws {
            try Self.withTenant { location, admin, tenant throws in
                // Run again: the same grants, nothing fails
                #expect(try tenant.create(at: location, passwordFile: nil) == PostgresStore.binarySchemaVersion)
                #expect(try Self.failure(of: "SELECT count(*) FROM \(location.schema).rollup_day", as: tenant.readerRole, on: admin) == nil)
            }
        }
    }
}
