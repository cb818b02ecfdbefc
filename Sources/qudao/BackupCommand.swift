import ArgumentParser
import ChannelStoreSQLite
import Foundation

/// `qudao backup`: an online, consistent copy of a SQLite database, also while a server writes to it.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a SQLite database into a new file, consistently, also while a server is writing to it.",
        discussion: """
            The copy holds every change committed before it began and none after (SQLite's online backup, in one read \
            transaction); writers go on meanwhile. It is written as DESTINATION.partial and renamed to DESTINATION only \
            when complete, so an interrupted backup leaves no database there. The source is neither migrated nor \
            changed. To restore, stop the server, copy the backup over the database file (removing any -wal and -shm \
            files beside it) and start again. A PostgreSQL database is backed up with pg_dump (docs/DEPLOYMENT.md).
            """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("The new file to write the copy to.", valueName: "destination"))
    var destination: String

    @Flag(help: "Replace the destination if it exists (refused otherwise).")
    var force = false

    func validate() throws {
        guard !destination.isEmpty else { throw ValidationError("give the backup's file name, e.g. qudao-backup.sqlite") }
    }

    func run() throws {
        guard !storage.isPostgres else {
            throw CommandFailure(
                "`qudao backup` copies SQLite files; back up a PostgreSQL database with pg_dump "
                    + "(pg_dump -Fc -f FILE DATABASE, see docs/DEPLOYMENT.md)")
        }
        guard force || !FileManager.default.fileExists(atPath: destination) else {
            throw CommandFailure("\(destination) exists already; give a new file name, or --force to replace it")
        }
        let copy = try SQLiteChannelStore.backup(databaseAt: storage.db, to: destination, replacing: force)
        print("backed up \(storage.db) to \(copy.path): \(Self.size(copy.bytes)) (\(copy.bytes) bytes)")
        print("migrations: \(copy.migrations.count)\(copy.migrations.last.map { ", the latest \($0)" } ?? "")")
        print("change sequence: \(copy.changeSequence) (the copy holds every change up to it)")
        print("audit events: \(copy.auditEvents)")
    }

    /// `bytes` in KiB, MiB or GiB with one decimal.
    static func size(_ bytes: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
