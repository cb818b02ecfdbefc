import ChannelCore
import ChannelStore

/// Where a table writer records its audit events and change-feed entries.
protocol PostgresAuditSink {
    /// Records an updated row: an `update` event with its images and a change-feed entry for `rowID`.
    func recordUpdate(_ kind: EntityKind, key: String, rowID: Int64, before: String, after: String) throws
    /// Records an inserted row of a writer that audits each row: a `create` event with the row read back as a record,
    /// and a change-feed entry for `rowID`.
    func recordCreate(_ kind: EntityKind, key: String, rowID: Int64, storedKey: [DBValue]) throws
    /// The stored row with these natural-key columns, as a canonical record in JSON.
    func recordImage(_ kind: EntityKind, storedKey: [DBValue]) throws -> String
}
