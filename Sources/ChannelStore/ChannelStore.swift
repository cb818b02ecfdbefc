public import ChannelCore

/// The source of truth for Qudao's records. SQLite is the embedded default; a PostgreSQL backend follows the
/// same contract. Every mutation writes an audit event and advances the change sequence in the same transaction.
public protocol ChannelStore: Sendable {
    /// Rows per entity kind.
    func rowCounts() throws -> [EntityKind: Int]

    /// The earliest and latest `ordered_at` of stored orders; nil when there are none.
    func orderTimeSpan() throws -> ClosedRange<Instant>?

    /// The latest change sequence number (0 when nothing was ever written).
    func changeSequence() throws -> Int64

    /// Change feed entries after `sequence`, oldest first.
    func changes(after sequence: Int64, limit: Int) throws -> [ChangeRecord]

    /// Reads rows for the analytic engine from one consistent snapshot of the store and returns the change sequence
    /// that snapshot includes. With `sequence` nil it delivers every row; otherwise only the rows that the changes
    /// after `sequence` name (nothing when there are none), so a follower stays current by passing back what it got.
    func readFacts(after sequence: Int64?, into sink: any FactSink) throws -> Int64

    /// Audit events after `id`, oldest first.
    func auditEvents(after id: Int64, limit: Int) throws -> [AuditEvent]

    /// Runs `body` in one write transaction: everything it wrote is committed durably when it returns,
    /// and nothing is kept when it throws.
    /// - Parameters:
    ///   - actor: who writes, recorded on every audit event of the transaction.
    ///   - requestID: the request that caused the write (an HTTP request id), recorded on every audit event of the
    ///     transaction; nil for writes with no request (the command line).
    ///   - auditEachRow: when true (API and UI writes), every inserted row gets its own `create` event and change-feed
    ///     entry, and per-row events carry the canonical record (`Record`) as JSON; `finishBatch` then records no
    ///     batch summary. When false (imports), a batch is audited by one event per file and updates by the stored row.
    func bulkWrite<Result>(
        actor: String, requestID: String?, auditEachRow: Bool, _ body: (any BulkWriter) throws -> Result
    ) throws -> Result

    /// Runs `body` as one small audited write (every row it inserts or updates gets its own audit event with
    /// `actor` and `requestID`, as `bulkWrite` with `auditEachRow`) and returns once the write is durable.
    ///
    /// Concurrent writes share one transaction and one commit (group commit): each runs in a savepoint of its
    /// own, so a write that throws leaves nothing behind and does not affect the others, and none returns before
    /// the commit that holds it. The caller's task is suspended meanwhile, not blocked. `body` runs on the store's
    /// writer thread.
    func write<Result: Sendable>(
        actor: String, requestID: String?, _ body: @escaping @Sendable (any BulkWriter) throws -> Result
    ) async throws -> Result
}

extension ChannelStore {
    /// An import-style bulk write: one audit event per batch, no request id.
    public func bulkWrite<Result>(actor: String, _ body: (any BulkWriter) throws -> Result) throws -> Result {
        try bulkWrite(actor: actor, requestID: nil, auditEachRow: false, body)
    }

    /// A bulk write on behalf of a request; `auditEachRow` as in the requirement (false by default).
    public func bulkWrite<Result>(
        actor: String, requestID: String?, _ body: (any BulkWriter) throws -> Result
    ) throws -> Result {
        try bulkWrite(actor: actor, requestID: requestID, auditEachRow: false, body)
    }
}

/// Outcome of writing one record by its natural key.
public enum WriteOutcome: Sendable, Equatable {
    /// A new row was added.
    case inserted
    /// An existing row changed; an audit event holds before and after.
    case updated
    /// The row already held exactly these values.
    case unchanged
    /// The same natural key was already written in this transaction (a duplicate in the input).
    case duplicate
}

/// Writes records inside one store transaction, upserting by natural key, and answers the reference questions
/// an import must check (does this order exist, which partner owns this outlet) over stored and just-written rows.
public protocol BulkWriter: AnyObject {
    /// Stored regions' levels and parents, for checking the region tree.
    func regionNodes() throws -> [RegionID: RegionTree.Node]
    /// Stored partners' tiers and parents, for checking the partner graph.
    func partnerNodes() throws -> [PartnerID: PartnerGraph.Node]

    func contains(region: RegionID) throws -> Bool
    func contains(product: SKU) throws -> Bool
    /// The tier of a known partner.
    func tier(ofPartner: PartnerID) throws -> Int?
    /// The partner that runs a known outlet.
    func partner(ofOutlet: OutletID) throws -> PartnerID?
    /// The status of a known order.
    func status(ofOrder: OrderID) throws -> OrderStatus?
    /// The partner and status of a known order.
    func partnerAndStatus(ofOrder: OrderID) throws -> (partner: PartnerID, status: OrderStatus)?

    func write(_ region: Region) throws -> WriteOutcome
    func write(_ partner: Partner) throws -> WriteOutcome
    func write(_ product: Product) throws -> WriteOutcome
    func write(_ outlet: Outlet) throws -> WriteOutcome
    func write(_ order: SalesOrder) throws -> WriteOutcome
    func write(_ line: OrderLine) throws -> WriteOutcome
    func write(_ shipment: Shipment) throws -> WriteOutcome
    func write(_ snapshot: InventorySnapshot) throws -> WriteOutcome
    func write(_ feedback: Feedback) throws -> WriteOutcome
    func write(_ complaint: Complaint) throws -> WriteOutcome

    /// A hint that about `rows` more records of `kind` follow, so the writer can size its key maps once.
    func expect(rows: Int, of kind: EntityKind) throws

    /// A hint before the first record: about how many bytes of input of each kind this write holds, so the writer
    /// can lay out its storage once.
    func expect(inputBytes: [EntityKind: Int]) throws

    /// No more records of `kind` follow in this transaction: the writer may finish that table's work early
    /// (build its indexes while other tables are written).
    func finishLoading(_ kind: EntityKind) throws

    /// The stored record of `kind` with natural key `key` (in `EntityKind.keyColumns` order) as this transaction
    /// sees it, or nil; so a caller can check an If-Match entity tag in the same transaction as its write.
    /// - Throws: `StoreError` `.invalid` when the key has the wrong number of parts or a part does not parse.
    func currentRecord(_ kind: EntityKind, key: [String]) throws -> Record?

    /// Closes a batch of one entity kind from one source: records the batch's audit event (source and counts)
    /// and the change-feed entry for the rows it inserted. Updated rows were audited one by one as written.
    /// A batch that inserted and updated nothing records nothing; neither does any batch of a write that audits each
    /// row (its rows have their own events and feed entries).
    func finishBatch(_ kind: EntityKind, source: String) throws
}
