import ChannelDemo
import ChannelStorePostgres
import ChannelStoreTestSupport
import Foundation
import Testing

/// `qudao import` and `qudao kpi` with `--db postgres://...`, run as separate processes on a database of the test
/// PostgreSQL server (`TemporaryPostgres`): the KPIs equal those of a SQLite import of the same files, the account, alert
/// and audit commands work on it too, and the URL's password shows nowhere.
@Suite struct PostgresCommandTests {
    static let password = "pw-never-shown-7c1e"

    @Test func importThenKPIsOnPostgreSQLMatchSQLite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-pg-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        _ = try DemoDataset(lines: 3_000, seed: 11).write(to: data)
        let database = try TemporaryPostgres.instance().freshDatabase()
        // The test server trusts local connections, so the password is sent to no one; it must still never be shown.
        let url = PostgresLocation(endpoint: database.endpoint, user: database.user, password: Self.password, database: database.database).url

        let kpi = ["kpi", "--as-of", "2026-10-31T23:59:59Z", "--format", "json", "all"]
        let imported = try CrashTests.runQudao(["import", "--db", url, data.path])
        #expect(imported.status == 0, "\(imported.errors)")
        let fromPostgres = try CrashTests.runQudao(kpi + ["--db", url])
        #expect(fromPostgres.status == 0, "\(fromPostgres.errors)")

        let sqlite = folder.appendingPathComponent("same.sqlite").path
        #expect(try CrashTests.runQudao(["import", "--db", sqlite, data.path]).status == 0)
        let fromSQLite = try CrashTests.runQudao(kpi + ["--db", sqlite])
        #expect(fromSQLite.status == 0 && fromSQLite.output.contains("q1_monthly_sales"))
        #expect(fromPostgres.output == fromSQLite.output)

        // Importing again changes nothing (every row unchanged) and leaves the same KPIs.
        let again = try CrashTests.runQudao(["import", "--db", url, data.path])
        #expect(again.status == 0, "\(again.errors)")
        #expect(try CrashTests.runQudao(kpi + ["--db", url]).output == fromSQLite.output)

        let migrated = try CrashTests.runQudao(["migrate", "--db", url])
        #expect(migrated.status == 0 && migrated.output.contains("applied 0001_initial_schema"), "\(migrated.output)")
        #expect(migrated.output.contains(":***@"), "\(migrated.output)")

        // The commands of the other stores (accounts, alerts, the audit trail) take the same URL.
        let added = try CrashTests.runQudao(["user", "add", "--db", url, "--id", "ops", "--name", "Ops desk", "--role", "admin"])
        #expect(added.status == 0 && added.output.contains("created user ops (admin)"), "\(added.errors)")
        let users = try CrashTests.runQudao(["user", "list", "--db", url])
        #expect(users.status == 0 && users.output.contains("Ops desk"), "\(users.errors)")
        let alerts = try CrashTests.runQudao(["alerts", "list", "--db", url])
        #expect(alerts.status == 0, "\(alerts.errors)")
        let verified = try CrashTests.runQudao(["audit", "verify", "--db", url])
        #expect(verified.status == 0 && verified.output.contains("audit chain intact"), "\(verified.output) \(verified.errors)")

        for run in [imported, fromPostgres, again, migrated, added, users, alerts, verified] {
            #expect(!run.output.contains(Self.password) && !run.errors.contains(Self.password))
        }
    }

    @Test func aPostgreSQLURLThatDoesNotParseIsRefusedWithoutItsPassword() throws {
        let run = try CrashTests.runQudao(["kpi", "--db", "postgres://qudao:\(Self.password)@localhost:99999/qudao", "all"])
        #expect(run.status != 0)
        #expect(run.errors.contains("port"), "\(run.errors)")
        #expect(!run.errors.contains(Self.password))
    }
}
