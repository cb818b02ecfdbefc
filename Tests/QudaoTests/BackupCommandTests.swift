import Foundation
import Testing

/// `qudao backup` run as a separate process: the copy answers the same KPIs as its source, an existing destination
/// is refused unless `--force`, and a PostgreSQL URL is sent to pg_dump without showing its password.
@Suite struct BackupCommandTests {
    @Test func aBackupAnswersTheSameKPIsAndRefusesToOverwrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-backup-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = folder.appendingPathComponent("qudao.sqlite").path
        let copy = folder.appendingPathComponent("copy.sqlite").path
        let demo = try CrashTests.runQudao(["demo", "--db", source, "--lines", "2000"])
        #expect(demo.status == 0, "\(demo.errors)")

        let backup = try CrashTests.runQudao(["backup", "--db", source, copy])
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(backup.output.hasPrefix("backed up \(source) to \(copy): "), "\(backup.output)")
        #expect(backup.output.contains("migrations: 7, the latest 0007_webhooks"), "\(backup.output)")
        #expect(backup.output.contains("change sequence: "), "\(backup.output)")
        #expect(!FileManager.default.fileExists(atPath: copy + ".partial"))

        let kpi = ["kpi", "--as-of", "2026-10-31T23:59:59Z", "--format", "json", "all"]
        let fromSource = try CrashTests.runQudao(kpi + ["--db", source])
        let fromCopy = try CrashTests.runQudao(kpi + ["--db", copy])
        #expect(fromSource.status == 0 && fromSource.output.contains("q1_monthly_sales"), "\(fromSource.errors)")
        #expect(fromCopy.output == fromSource.output)
        let verified = try CrashTests.runQudao(["audit", "verify", "--db", copy])
        #expect(verified.status == 0 && verified.output.hasPrefix("audit chain intact: "), "\(verified.output)")

        let again = try CrashTests.runQudao(["backup", "--db", source, copy])
        #expect(again.status != 0)
        #expect(again.errors.contains("\(copy) exists already; give a new file name, or --force to replace it"), "\(again.errors)")
        let forced = try CrashTests.runQudao(["backup", "--db", source, copy, "--force"])
        #expect(forced.status == 0, "\(forced.errors)")

        let missing = try CrashTests.runQudao(["backup", "--db", folder.appendingPathComponent("none.sqlite").path, copy + "2"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("there is no database at"), "\(missing.errors)")
    }

    @Test func aPostgreSQLDatabaseIsSentToPgDump() throws {
        let password = "pw-never-shown-91d4"
        let run = try CrashTests.runQudao(["backup", "--db", "postgres://qudao:\(password)@127.0.0.1:5432/qudao", "copy.sqlite"])
        #expect(run.status != 0)
        #expect(run.errors.contains("back up a PostgreSQL database with pg_dump"), "\(run.errors)")
        #expect(!run.errors.contains(password) && !run.output.contains(password))
        #expect(!FileManager.default.fileExists(atPath: "copy.sqlite"))
    }
}
