import ChannelStore
import Foundation
import GRDB

extension SQLiteChannelStore {
    /// Copies this store's database into a new file at `destination` while other connections may go on writing.
    ///
    /// The copy is taken in one read transaction with SQLite's online backup, so it holds exactly the transactions
    /// committed before the copy began (a committed prefix of the change feed) and none after; writers are not held
    /// up meanwhile. It is written as `<destination>.partial` and takes its name only once it is complete and on disk,
    /// so a crash or an error never leaves a half-written database at `destination`.
    /// - Parameter replacing: whether an existing file at `destination` is replaced; otherwise it is refused.
    /// - Returns: what the copy holds.
    /// - Throws: `StoreError`: `.conflict` when `destination` exists (and `replacing` is false) or still has a write-ahead
    ///   log or journal of its own, `.invalid` when it is the source itself or not a file, `.notFound` when its folder is
    ///   missing, `.unavailable` or `.io` when the copy cannot be made or moved into place.
    public func backup(to destination: String, replacing: Bool = false) throws -> SQLiteBackup {
        try Self.backup(from: pool, source: pool.path, to: destination, replacing: replacing)
    }

    /// Copies the Qudao database at `source` into a new file at `destination`, as `backup(to:replacing:)` does, without
    /// migrating or otherwise writing to `source` (a database written by a newer Qudao is copied as it is).
    /// - Throws: `StoreError` `.notFound` when there is no file at `source`, `.invalid` when it is not a Qudao database,
    ///   and the errors of `backup(to:replacing:)`.
    public static func backup(databaseAt source: String, to destination: String, replacing: Bool = false) throws -> SQLiteBackup {
        guard FileManager.default.fileExists(atPath: source) else {
            throw StoreError(.notFound, "there is no database at \(source)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let reader: DatabaseQueue
        do {
            reader = try DatabaseQueue(path: source, configuration: configuration)
        } catch {
            throw StoreError(.unavailable, "cannot open the SQLite database at \(source)", underlying: error)
        }
        defer { try? reader.close() }
        return try backup(from: reader, source: source, to: destination, replacing: replacing)
    }

    private static func backup(
        from reader: some DatabaseReader, source: String, to destination: String, replacing: Bool
    ) throws -> SQLiteBackup {
        try checkDestination(destination, source: source, replacing: replacing)
        return try publishing(at: destination, replacing: replacing) { partial in
            try copy(from: reader, source: source, into: partial, destination: destination)
        }
    }

    /// Copies `reader`'s database into a new file at `partial` and reads what the copy holds; the file is complete,
    /// synced to disk and closed when this returns.
    private static func copy(
        from reader: some DatabaseReader, source: String, into partial: String, destination: String
    ) throws -> SQLiteBackup {
        var configuration = Configuration()
        // The copy's single transaction is on disk when its commit returns.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        var contents: SQLiteBackup
        do {
            let copy = try DatabaseQueue(path: partial, configuration: configuration)
            contents = try copy.writeWithoutTransaction { copyDB in
                // One read transaction: the check and every page come from the same snapshot, which the backup copies
                // in a single step (a step-wise copy would restart whenever another connection commits).
                try reader.read { sourceDB in
                    guard try sourceDB.tableExists("grdb_migrations") else {
                        throw StoreError(.invalid, "\(source) is not a Qudao database (it has no migrations table)")
                    }
                    try sourceDB.backup(to: copyDB)
                }
                return SQLiteBackup(
                    path: destination, bytes: 0,
                    migrations: try String.fetchAll(copyDB, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                    changeSequence: try Int64.fetchOne(copyDB, sql: "SELECT coalesce(max(seq), 0) FROM change_log") ?? 0,
                    auditEvents: try Int64.fetchOne(copyDB, sql: "SELECT count(*) FROM audit_events") ?? 0)
            }
            try copy.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.unavailable, "cannot back up \(source) to \(destination)", underlying: error)
        }
        var info = stat()
        guard stat(partial, &info) == 0 else {
            throw StoreError(.io, "cannot read the size of \(partial): \(String(cString: strerror(errno)))")
        }
        contents.bytes = Int64(info.st_size)
        return contents
    }

    /// Refuses a destination that exists (unless `replacing`), is the source itself, is not a regular file, still has
    /// a write-ahead log or journal (its database may be open, or was left unfinished: replacing the file under it would
    /// mix two databases), or lies in a folder that does not exist.
    private static func checkDestination(_ destination: String, source: String, replacing: Bool) throws {
        var target = stat()
        guard stat(destination, &target) == 0 else {
            let folder = (destination as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            let folderExists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
            guard folder.isEmpty || folderExists else {
                throw StoreError(.notFound, "cannot back up to \(destination): there is no folder \(folder)")
            }
            return
        }
        guard target.st_mode & S_IFMT == S_IFREG else {
            throw StoreError(.invalid, "cannot back up to \(destination): it is not a file")
        }
        var original = stat()
        if stat(source, &original) == 0, original.st_dev == target.st_dev, original.st_ino == target.st_ino {
            throw StoreError(.invalid, "cannot back up \(source) onto itself")
        }
        guard replacing else { throw StoreError(.conflict, "\(destination) exists already") }
        for suffix in ["-wal", "-journal"] where FileManager.default.fileExists(atPath: destination + suffix) {
            throw StoreError(
                .conflict,
                "\(destination)\(suffix) exists: a process may have \(destination) open, or left it unfinished; "
                    + "stop it before replacing the file")
        }
    }

    /// Makes a new name in the folder of `path` durable (best effort: a folder that cannot be opened is left as it is).
    static func syncDirectory(containing path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard directory >= 0 else { return }
        fsync(directory)
        close(directory)
    }
}
