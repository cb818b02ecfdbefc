/// What a backup of a SQLite database holds (`SQLiteChannelStore.backup`): read from the copy once it was complete.
public struct SQLiteBackup: Sendable, Hashable {
    /// The copy's path.
    public var path: String
    /// The copy's size in bytes.
    public var bytes: Int64
    /// The migrations applied to the copy, oldest first (names a newer Qudao wrote included).
    public var migrations: [String]
    /// The copy's latest change-feed sequence (0 when nothing was ever written): the copy holds every change up to it
    /// and none after.
    public var changeSequence: Int64
    /// The copy's audit events.
    public var auditEvents: Int64

    public init(path: String, bytes: Int64, migrations: [String], changeSequence: Int64, auditEvents: Int64) {
        self.path = path
        self.bytes = bytes
        self.migrations = migrations
        self.changeSequence = changeSequence
        self.auditEvents = auditEvents
    }
}
