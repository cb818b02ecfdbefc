public import ChannelCore

/// The store side of the REST API: records read in their canonical columns, single-record deletes, and the audit
/// trail with its hash chain. Single-record creates and updates go through `ChannelStore.bulkWrite` with
/// `auditEachRow`, checking an If-Match tag with `BulkWriter.currentRecord` in the same transaction.
public protocol RecordStore: Sendable {
    /// A page of records of `kind`.
    /// - Throws: `StoreError` `.invalid` naming the column (or the cursor, or the limit) and why, for an unknown
    ///   column, a value that does not parse, a cursor of another query, or a limit outside 1...1000.
    func records(_ kind: EntityKind, _ query: RecordQuery) throws -> RecordPage

    /// The record of `kind` with natural key `key` (in `EntityKind.keyColumns` order); nil when there is none or it
    /// lies outside `partnerScope` (on purpose the caller cannot tell which).
    /// - Throws: `StoreError` `.invalid` when the key has the wrong number of parts or a part does not parse.
    func record(_ kind: EntityKind, key: [String], partnerScope: [String]?) throws -> Record?

    /// The order numbers (`order_id`) of orders by their store row ids, the ids the analytic engine's facts carry;
    /// ids of orders that no longer exist are left out.
    func orderIDs(rowIDs: [Int64]) throws -> [Int64: String]

    /// Deletes one record in one transaction, with a `delete` audit event (the record as JSON before) and a
    /// `delete` change-feed entry. Deleting an order deletes its lines with it.
    /// - Parameter ifMatch: the entity tag the caller last saw; the delete happens only while it is current.
    /// - Throws: `StoreError` `.notFound` when there is no such record, `.preconditionFailed` when `ifMatch` is not
    ///   its current tag, `.conflict` naming the table whose rows still refer to it.
    func delete(_ kind: EntityKind, key: [String], ifMatch: String?, actor: String, requestID: String?) throws

    /// A page of audit events.
    /// - Throws: `StoreError` `.invalid` for a malformed cursor or a limit outside 1...1000.
    func auditTrail(_ query: AuditQuery) throws -> AuditPage

    /// Recomputes the hash chain of the audit trail from the first event and reports the first break.
    func verifyAuditChain() throws -> AuditChainReport
}
