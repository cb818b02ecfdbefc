import ChannelCore
import ChannelStore
import GRDBSQLite

/// The SQLite `BulkWriter`: turns domain records into rows (natural keys of references resolved to surrogate
/// ids through in-memory maps), upserts them through one `TableWriter` per table, and records audit events
/// and change-feed entries, all inside the caller's transaction.
///
/// Every audit event extends the hash chain (`SQLiteAuditChain`): the writer reads the chain's head once and keeps the
/// last id and hash, so an event costs one SHA-256 (an import writes one event per file).
final class SQLiteBulkWriter: BulkWriter, AuditSink {
    private let connection: OpaquePointer
    private var actor: String
    private var requestID: String?
    /// API writes: a `create` event and feed entry per inserted row, canonical images, no batch summaries.
    private let auditEachRow: Bool
    private var now: Instant
    /// The id and hash of the last audit event, where the next one links.
    private var lastAuditID: Int64
    private var lastAuditHash: String
    /// One writer per entity kind, by `EntityKind.ordinal` (an array: this is looked up for every row).
    private var tables: [TableWriter?] = Array(repeating: nil, count: EntityKind.allCases.count)
    private let insertAudit: RawStatement
    private let insertChange: RawStatement

    // Natural key -> what references need, over stored rows and rows written in this transaction.
    private var regions: [String: (id: Int64, level: RegionLevel, parent: Int64?)]?
    private var regionKeys: [Int64: String] = [:]
    private var partners: [String: (id: Int64, tier: Int, parent: Int64?)]?
    private var partnerKeys: [Int64: String] = [:]
    /// Recently resolved references (`RecentKeys`): a catalogue has a few thousand SKUs, partners and outlets, and
    /// millions of lines, orders and stock rows name them.
    /// Sized for the catalogues of large brands (several thousand SKUs and partners, tens of thousands of outlets) at
    /// under a third full, so keys seldom push each other out.
    private var recentProducts = RecentKeys<Int64>(capacity: 16384)
    private var recentPartners = RecentKeys<Int64>(capacity: 16384)
    private var recentOutlets = RecentKeys<(id: Int64, partner: Int64)>(capacity: 131_072)
    private var products: [String: Int64]?
    private var outlets: [String: (id: Int64, partner: Int64)]?
    /// Stored orders (all of them for imports; for writes that audit each row, those looked up so far).
    private var orders: [String: OrderReference]?
    /// Orders inserted by this transaction, which lines and shipments then name in the same order.
    private var newOrders = SequencedKeys<OrderReference>()
    typealias OrderReference = (id: Int64, partner: Int64, status: OrderStatus)

    private let executor: InsertExecutor
    /// The first load into a new file: large tables go straight to b-tree pages.
    private let directLoad: DirectLoad?
    /// Queries a writer repeats (look-ups by key, records read back), kept prepared.
    private let statements: StatementCache

    /// - Parameter statements: prepared statements kept beyond this writer (`GroupCommit`'s); only for a writer that
    ///   audits each row, whose rows never go through the insert thread (those statements do not wait for it).
    init(
        connection: OpaquePointer, actor: String, requestID: String? = nil, auditEachRow: Bool = false, now: Instant,
        statements: StatementCache? = nil, directLoad: DirectLoad? = nil
    ) throws {
        self.directLoad = directLoad
        assert(statements == nil || auditEachRow, "a shared statement cache is only for writers that audit each row")
        self.connection = connection
        self.actor = actor
        self.requestID = requestID
        self.auditEachRow = auditEachRow
        self.now = now
        if auditEachRow {
            // Filled one look-up at a time (see `order(_:)`).
            orders = [:]
            outlets = [:]
        }
        executor = InsertExecutor(connection: connection)
        self.statements = statements ?? StatementCache(connection: connection, gate: executor)
        // The transaction holds the write lock: the head cannot move under this writer.
        let head = try self.statements.statement("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").firstRow(columns: 2)
        if case .integer(let id) = head?[0] { lastAuditID = id } else { lastAuditID = 0 }
        if case .text(let hash) = head?[1] { lastAuditHash = hash } else { lastAuditHash = SQLiteAuditChain.genesis }
        insertAudit = try self.statements.statement(
            """
            INSERT INTO audit_events
                (id, at, actor, request_id, entity, entity_key, action, before_json, after_json, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertChange = try self.statements.statement(
            """
            INSERT INTO change_log (at, entity, operation, first_row_id, last_row_id, audit_event_id)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    // MARK: Reference questions

    func regionNodes() throws -> [RegionID: RegionTree.Node] {
        let map = try regionMap()
        return Dictionary(uniqueKeysWithValues: map.map { key, value in
            (RegionID(key), RegionTree.Node(level: value.level, parentID: value.parent.flatMap { regionKeys[$0] }.map { RegionID($0) }))
        })
    }

    func partnerNodes() throws -> [PartnerID: PartnerGraph.Node] {
        let map = try partnerMap()
        return Dictionary(uniqueKeysWithValues: map.map { key, value in
            (PartnerID(key), PartnerGraph.Node(tier: value.tier, parentID: value.parent.flatMap { partnerKeys[$0] }.map { PartnerID($0) }))
        })
    }

    func contains(region: RegionID) throws -> Bool { try regionMap()[region.rawValue] != nil }
    func contains(product: SKU) throws -> Bool { try productMap()[product.rawValue] != nil }
    func tier(ofPartner id: PartnerID) throws -> Int? { try partnerMap()[id.rawValue]?.tier }

    func partner(ofOutlet id: OutletID) throws -> PartnerID? {
        guard let outlet = try outlet(id.rawValue) else { return nil }
        return try partnerKey(outlet.partner).map { PartnerID($0) }
    }

    func status(ofOrder id: OrderID) throws -> OrderStatus? { try order(id.rawValue)?.status }

    func partnerAndStatus(ofOrder id: OrderID) throws -> (partner: PartnerID, status: OrderStatus)? {
        guard let order = try order(id.rawValue), let key = try partnerKey(order.partner) else { return nil }
        return (PartnerID(key), order.status)
    }

    // MARK: Writes

    func write(_ region: Region) throws -> WriteOutcome {
        try checkValid(region.validate(), .regions, region.id.rawValue)
        let key = region.id.rawValue
        let parent = try region.parentID.map { try resolve($0.rawValue, in: regionMap(), "region", column: "parent_id") }.map { $0.id }
        let (outcome, id) = try writeMapped(
            table(.regions), key: key, known: regionMap()[key] != nil) { row in
            row.append(.text(key))
            row.append(.text(region.name))
            row.append(DBValue(parent))
            row.append(.text(region.level.rawValue))
        }
        if outcome != .duplicate {
            regions?[key] = (id, region.level, parent)
            regionKeys[id] = key
        }
        return outcome
    }

    func write(_ partner: Partner) throws -> WriteOutcome {
        try checkValid(partner.validate(), .partners, partner.id.rawValue)
        let key = partner.id.rawValue
        let parent = try partner.parentID.map { try resolve($0.rawValue, in: partnerMap(), "partner", column: "parent_id").id }
        let region = try resolve(partner.regionID.rawValue, in: regionMap(), "region").id
        let (outcome, id) = try writeMapped(
            table(.partners), key: key, known: partnerMap()[key] != nil) { row in
            row.append(.text(key))
            row.append(.text(partner.name))
            row.append(.text(partner.kind.rawValue))
            row.append(DBValue(parent))
            row.append(.integer(Int64(partner.tier)))
            row.append(.integer(region))
            row.append(.text(partner.channel.rawValue))
            row.append(.text(partner.joinedOn.description))
            row.append(.text(partner.status.rawValue))
        }
        if outcome != .duplicate {
            partners?[key] = (id, partner.tier, parent)
            partnerKeys[id] = key
        }
        return outcome
    }

    func write(_ product: Product) throws -> WriteOutcome {
        try checkValid(product.validate(), .products, product.sku.rawValue)
        let key = product.sku.rawValue
        let (outcome, id) = try writeMapped(
            table(.products), key: key, known: productMap()[key] != nil) { row in
            row.append(.text(key))
            row.append(.text(product.name))
            row.append(.text(product.category))
            row.append(.text(product.listPrice.currency.code))
            row.append(.integer(product.listPrice.minorUnits))
            row.append(.integer(product.unitCost.minorUnits))
            row.append(.integer(product.weightGrams))
            row.append(.text(product.launchedOn.description))
        }
        if outcome != .duplicate { products?[key] = id }
        return outcome
    }

    func write(_ outlet: Outlet) throws -> WriteOutcome {
        try checkValid(outlet.validate(), .outlets, outlet.id.rawValue)
        let key = outlet.id.rawValue
        let partner = try resolve(outlet.partnerID.rawValue, partnerID(outlet.partnerID.rawValue), "partner")
        let region = try resolve(outlet.regionID.rawValue, in: regionMap(), "region").id
        let (outcome, id) = try writeMapped(
            table(.outlets), key: key, known: self.outlet(key) != nil) { row in
            row.append(.text(key))
            row.append(.integer(partner))
            row.append(.integer(region))
            row.append(.text(outlet.kind.rawValue))
            row.append(.text(outlet.openedOn.description))
            row.append(DBValue(outlet.closedOn?.description))
        }
        if outcome != .duplicate {
            outlets?[key] = (id, partner)
            recentOutlets.removeAll()  // the outlet may have moved to another partner
        }
        return outcome
    }

    func write(_ order: SalesOrder) throws -> WriteOutcome {
        try checkValid(order.validate(), .orders, order.id.rawValue)
        let key = order.id.rawValue
        let partner = try resolve(order.partnerID.rawValue, partnerID(order.partnerID.rawValue), "partner")
        let outlet = try order.outletID.map { id in
            let outlet = try resolve(id.rawValue, try self.outlet(id.rawValue), "outlet")
            // An order goes to one of the ordering partner's own outlets.
            guard outlet.partner == partner else {
                let owner = try partnerKey(outlet.partner) ?? "?"
                throw BrokenReference(
                    column: "outlet_id", value: id.rawValue,
                    reason: "belongs to partner \(owner), not to the ordering partner \(order.partnerID)")
            }
            return outlet.id
        }
        let (outcome, id) = try writeMapped(
            table(.orders), key: key, known: self.order(key) != nil) { row in
            row.append(.text(key))
            row.append(.integer(partner))
            row.append(DBValue(outlet))
            row.append(.text(order.channel.rawValue))
            row.append(.integer(order.orderedAt.millisecondsSinceEpoch))
            row.append(DBValue(order.promisedAt?.millisecondsSinceEpoch))
            row.append(DBValue(order.shippedAt?.millisecondsSinceEpoch))
            row.append(DBValue(order.deliveredAt?.millisecondsSinceEpoch))
            row.append(.text(order.status.rawValue))
        }
        switch outcome {
        case .inserted: newOrders.set(key, (id, partner, order.status))
        case .updated, .unchanged: if newOrders.value(key) == nil { orders?[key] = (id, partner, order.status) }
        case .duplicate: break
        }
        return outcome
    }

    func write(_ line: OrderLine) throws -> WriteOutcome {
        try checkValid(line.validate(), .orderLines, "\(line.orderID)/\(line.lineNumber)")
        let order = try resolve(line.orderID.rawValue, try self.order(line.orderID.rawValue), "order").id
        let product = try productID(line.sku)
        return try table(.orderLines).write(key: .orderLine(order: order, line: line.lineNumber),
            naturalKey: "\(line.orderID.rawValue)/\(line.lineNumber)", feedID: order, audit: self) { row in
            row.append(.integer(order))
            row.append(.integer(Int64(line.lineNumber)))
            row.append(.integer(product))
            row.append(.integer(line.quantity))
            row.append(.integer(line.unitPrice.minorUnits))
            row.append(.integer(Int64(line.discount.partsPerMillion)))
            row.append(.integer(line.returnedQuantity))
        }.0
    }

    func write(_ shipment: Shipment) throws -> WriteOutcome {
        try checkValid(shipment.validate(), .shipments, shipment.id.rawValue)
        let order = try resolve(shipment.orderID.rawValue, try self.order(shipment.orderID.rawValue), "order").id
        return try table(.shipments).write(key: .text(shipment.id.rawValue), naturalKey: shipment.id.rawValue, audit: self) { row in
            row.append(.text(shipment.id.rawValue))
            row.append(.integer(order))
            row.append(.text(shipment.carrier))
            row.append(DBValue(shipment.mode?.rawValue))
            row.append(DBValue(shipment.distanceMeters))
            row.append(DBValue(shipment.weightGrams))
            row.append(.integer(shipment.shippedAt.millisecondsSinceEpoch))
            row.append(DBValue(shipment.deliveredAt?.millisecondsSinceEpoch))
        }.0
    }

    func write(_ snapshot: InventorySnapshot) throws -> WriteOutcome {
        try checkValid(snapshot.validate(), .inventorySnapshots, "\(snapshot.snapshotDate)/\(snapshot.locationID)/\(snapshot.sku)")
        let product = try productID(snapshot.sku)
        return try table(.inventorySnapshots).write(key: snapshotKeys.key(snapshot, product: product),
            naturalKey: "\(snapshot.snapshotDate)/\(snapshot.locationID)/\(snapshot.sku)", audit: self) { row in
            row.append(.text(snapshot.locationID.rawValue))
            row.append(.text(snapshot.snapshotDate.description))
            row.append(.integer(product))
            row.append(.integer(snapshot.onHand))
            row.append(.integer(snapshot.inTransit))
        }.0
    }

    func write(_ feedback: Feedback) throws -> WriteOutcome {
        try checkValid(feedback.validate(), .feedback, feedback.id.rawValue)
        let order = try feedback.orderID.map { try resolve($0.rawValue, try self.order($0.rawValue), "order").id }
        let partner = try resolve(feedback.partnerID.rawValue, partnerID(feedback.partnerID.rawValue), "partner")
        let outlet = try feedback.outletID.map { try resolve($0.rawValue, try self.outlet($0.rawValue), "outlet").id }
        return try table(.feedback).write(key: .text(feedback.id.rawValue), naturalKey: feedback.id.rawValue, audit: self) { row in
            row.append(.text(feedback.id.rawValue))
            row.append(DBValue(order))
            row.append(.integer(partner))
            row.append(DBValue(outlet))
            row.append(.text(feedback.channel.rawValue))
            row.append(.integer(feedback.createdAt.millisecondsSinceEpoch))
            row.append(.integer(Int64(feedback.rating)))
            row.append(.text(feedback.text))
        }.0
    }

    func write(_ complaint: Complaint) throws -> WriteOutcome {
        try checkValid(complaint.validate(), .complaints, complaint.id.rawValue)
        let order = try complaint.orderID.map { try resolve($0.rawValue, try self.order($0.rawValue), "order").id }
        let partner = try resolve(complaint.partnerID.rawValue, partnerID(complaint.partnerID.rawValue), "partner")
        return try table(.complaints).write(key: .text(complaint.id.rawValue), naturalKey: complaint.id.rawValue, audit: self) { row in
            row.append(.text(complaint.id.rawValue))
            row.append(DBValue(order))
            row.append(.integer(partner))
            row.append(.integer(complaint.openedAt.millisecondsSinceEpoch))
            row.append(DBValue(complaint.firstResponseAt?.millisecondsSinceEpoch))
            row.append(DBValue(complaint.resolvedAt?.millisecondsSinceEpoch))
            row.append(.text(complaint.severity.rawValue))
            row.append(.text(complaint.category.rawValue))
        }.0
    }

    func expect(rows: Int, of kind: EntityKind) throws {
        switch kind {
        case .regions: regions?.reserveCapacity(try regionMap().count + rows)
        case .partners: partners?.reserveCapacity(try partnerMap().count + rows)
        case .products: products?.reserveCapacity(try productMap().count + rows)
        case .outlets where !auditEachRow: outlets?.reserveCapacity(try outletMap().count + rows)
        case .orders where !auditEachRow: newOrders.reserveCapacity(newOrders.count + rows)
        default: break
        }
    }

    func expect(inputBytes: [EntityKind: Int]) throws {
        // The direct load reserves room for the pages SQLite writes itself: the tables it does not load directly.
        directLoad?.expectSQLInput(bytes: inputBytes.filter { !DirectLoad.tables.contains($0.key) }.values.reduce(0, +))
    }

    func finishBatch(_ kind: EntityKind, source: String) throws {
        guard let writer = tables[kind.ordinal] else { return }
        // Rows audited one by one need no batch summary.
        guard !auditEachRow else {
            _ = try writer.closeBatch()
            return
        }
        // A batch that changed nothing is no mutation: re-importing the same files leaves every table as it was.
        guard writer.batchChangedRows else {
            _ = try writer.closeBatch()
            return
        }
        let (summary, range) = try writer.closeBatch()
        let auditID = try recordAudit(kind, key: source, action: .import, before: nil, after: summary)
        if let range { try recordChange(kind, .insert, range, auditID: auditID) }
    }

    // MARK: Audit and change feed

    func recordUpdate(_ kind: EntityKind, key: String, rowID: Int64, before: String, after: String) throws {
        let auditID = try recordAudit(kind, key: key, action: .update, before: before, after: after)
        try recordChange(kind, .update, rowID...rowID, auditID: auditID)
    }

    func recordCreate(_ kind: EntityKind, key: String, rowID: Int64, storedKey: [DBValue]) throws {
        let auditID = try recordAudit(kind, key: key, action: .create, before: nil, after: try recordImage(kind, storedKey: storedKey))
        try recordChange(kind, .insert, rowID...rowID, auditID: auditID)
    }

    func recordImage(_ kind: EntityKind, storedKey: [DBValue]) throws -> String {
        guard let found = try SQLiteRecordReader(connection: connection, gate: executor, cache: statements).find(kind, storedKey: storedKey) else {
            throw StoreError(.corrupt, "\(kind.name): a row just written cannot be read back")
        }
        return RecordText.json(found.record)
    }

    /// Appends an event that links to the last one (see `SQLiteAuditChain`).
    private func recordAudit(_ kind: EntityKind, key: String, action: AuditEvent.Action, before: String?, after: String?)
        throws -> Int64
    {
        let id = lastAuditID + 1
        let hash = SQLiteAuditChain.hash(
            id: id, at: now.millisecondsSinceEpoch, actor: actor, requestID: requestID, entity: kind.name, entityKey: key,
            action: action.rawValue, before: before, after: after, previous: lastAuditHash)
        insertAudit.bind([
            .integer(id), .integer(now.millisecondsSinceEpoch), .text(actor), DBValue(requestID), .text(kind.name), .text(key),
            .text(action.rawValue), DBValue(before), DBValue(after), .text(lastAuditHash), .text(hash),
        ])
        let code = insertAudit.execute()
        guard code == SQLITE_DONE else { throw RawStatement.error(connection, code, context: "writing an audit event") }
        lastAuditID = id
        lastAuditHash = hash
        return id
    }

    private func recordChange(_ kind: EntityKind, _ operation: ChangeRecord.Operation, _ range: ClosedRange<Int64>, auditID: Int64)
        throws
    {
        insertChange.bind([
            .integer(now.millisecondsSinceEpoch), .text(kind.name), .text(operation.rawValue), .integer(range.lowerBound),
            .integer(range.upperBound), .integer(auditID),
        ])
        let code = insertChange.execute()
        guard code == SQLITE_DONE else { throw RawStatement.error(connection, code, context: "writing the change feed") }
    }

    /// Writes a row of an entity that has an in-memory key map (`known`: the map holds the key already).
    /// In a fresh table the map holds only this transaction's rows, so a known key is a repeat; otherwise the
    /// table writer tracks repeats itself.
    private func writeMapped(
        _ writer: TableWriter, key: String, known: Bool, encode: (inout [DBValue]) -> Void
    ) throws -> (WriteOutcome, Int64) {
        if writer.isFresh {
            if known { return (writer.countDuplicate(), 0) }
            return try writer.write(key: .checkedByCaller, naturalKey: key, audit: self, encode: encode)
        }
        return try writer.write(key: .text(key), naturalKey: key, audit: self, encode: encode)
    }

    /// Refuses a record that breaks a domain rule: the bulk transaction skips SQLite's CHECK constraints because
    /// of this (see `SQLiteChannelStore.bulkWrite`).
    private func checkValid(_ issues: @autoclosure () -> [ValidationIssue], _ kind: EntityKind, _ key: @autoclosure () -> String) throws {
        let found = issues()
        guard found.isEmpty else {
            throw StoreError(.constraint, "\(kind.name) \(key()): \(found.map(\.description).joined(separator: "; "))")
        }
    }

    func currentRecord(_ kind: EntityKind, key: [String]) throws -> Record? {
        // Rows still buffered for a multi-row insert (this one's, or those it refers to) must be in the table first.
        try settle()
        return try SQLiteRecordReader(connection: connection, gate: executor, cache: statements).find(kind, key: key)?.record
    }

    /// Starts the next write of a group commit (`GroupCommit`) on this writer: its audit events carry `actor`,
    /// `requestID` and `now`, and a key it writes counts as new to it even when an earlier write of the group
    /// wrote the same key (two requests may change one record in turn).
    func begin(actor: String, requestID: String?, now: Instant) {
        self.actor = actor
        self.requestID = requestID
        self.now = now
        for writer in tables.compactMap({ $0 }) { writer.forgetWrittenKeys() }
    }

    /// Writes every buffered row and waits until the insert thread is idle, which leaves the connection free
    /// (for a read, or to release a savepoint).
    func settle() throws {
        for writer in tables.compactMap({ $0 }) { try writer.flush() }
        try executor.finishJobs()
    }

    /// Writes every buffered row and waits for the insert thread; the store calls it before committing.
    func flush() throws {
        for writer in tables.compactMap({ $0 }) { try writer.finish() }
        try executor.finish()
    }

    func finishLoading(_ kind: EntityKind) throws {
        try tables[kind.ordinal]?.completeLoad()
    }

    /// Stops the insert thread once it is idle; the store calls it before the transaction ends either way,
    /// so SQLite is never asked to commit or roll back while a statement is running.
    func stop() {
        try? executor.finish()
    }

    // MARK: Helpers

    private var snapshotKeys = SnapshotKeys()

    private func table(_ kind: EntityKind) throws -> TableWriter {
        if let writer = tables[kind.ordinal] { return writer }
        let layout = StoredColumns.of(kind)
        let writer = try TableWriter(
            kind: kind, columns: layout.names, keyCount: layout.keyCount, feedIDColumn: layout.feedIDColumn,
            connection: connection, executor: executor, statements: statements, auditsEachRow: auditEachRow,
            directLoad: directLoad)
        tables[kind.ordinal] = writer
        return writer
    }

    /// The id of a known product, through `recentProducts`.
    private func productID(_ sku: SKU) throws -> Int64 {
        let id = try recentProducts.value(sku.rawValue) { try productMap()[$0] }
        return try resolve(sku.rawValue, id, "product", column: "sku")
    }

    private func resolve<Value>(_ key: String, in map: [String: Value], _ what: String, column: String? = nil) throws -> Value {
        try resolve(key, map[key], what, column: column)
    }

    private func resolve<Value>(_ key: String, _ value: Value?, _ what: String, column: String? = nil) throws -> Value {
        guard let value else {
            throw BrokenReference(column: column ?? "\(what)_id", value: key, reason: "refers to unknown \(what)")
        }
        return value
    }

    /// A known order: through the map of every order (imports), or, in a write that audits each row (a handful of
    /// rows), one look-up per key, remembered: loading millions of orders would cost far more than such a write.
    private func order(_ key: String) throws -> OrderReference? {
        if let new = newOrders.value(key) { return new }
        guard auditEachRow else {
            let stored = try orderMap()
            return stored.isEmpty ? nil : stored[key]
        }
        if let known = orders?[key] { return known }
        guard let row = try lookUp("SELECT id, partner_id, status FROM orders WHERE order_id = ?", .text(key), columns: 3),
            case .integer(let id) = row[0], case .integer(let partner) = row[1], case .text(let status) = row[2]
        else { return nil }
        let order = (id: id, partner: partner, status: OrderStatus(rawValue: status) ?? .pending)
        orders?[key] = order
        return order
    }

    /// A known outlet, like `order(_:)`.
    private func outlet(_ key: String) throws -> (id: Int64, partner: Int64)? {
        try recentOutlets.value(key) { try storedOutlet($0) }
    }

    private func storedOutlet(_ key: String) throws -> (id: Int64, partner: Int64)? {
        guard auditEachRow else { return try outletMap()[key] }
        if let known = outlets?[key] { return known }
        guard let row = try lookUp("SELECT id, partner_id FROM outlets WHERE outlet_id = ?", .text(key), columns: 2),
            case .integer(let id) = row[0], case .integer(let partner) = row[1]
        else { return nil }
        outlets?[key] = (id, partner)
        return (id, partner)
    }

    /// The id of a known partner: through the map of every partner, or, in a write that audits each row, one
    /// look-up (loading every partner for each group of API writes would cost more than their rows).
    private func partnerID(_ key: String) throws -> Int64? {
        try recentPartners.value(key) { try storedPartnerID($0) }
    }

    private func storedPartnerID(_ key: String) throws -> Int64? {
        guard auditEachRow, partners == nil else { return try partnerMap()[key]?.id }
        guard case .integer(let id) = try lookUp("SELECT id FROM partners WHERE partner_id = ?", .text(key), columns: 1)?.first
        else { return nil }
        return id
    }

    /// The natural key of the partner with row id `id`, like `partnerID(_:)`.
    private func partnerKey(_ id: Int64) throws -> String? {
        guard auditEachRow, partners == nil else {
            _ = try partnerMap()
            return partnerKeys[id]
        }
        guard case .text(let key) = try lookUp("SELECT partner_id FROM partners WHERE id = ?", .integer(id), columns: 1)?.first
        else { return nil }
        return key
    }

    private func lookUp(_ sql: String, _ key: DBValue, columns: Int) throws -> [DBValue]? {
        let statement = try statements.statement(sql)
        statement.bind([key])
        return try statement.firstRow(columns: columns)
    }

    private func loadMap<Value>(_ sql: String, _ row: (RawStatement) -> (String, Value)) throws -> [String: Value] {
        var map: [String: Value] = [:]
        try RawStatement(sql, connection: connection, gate: executor).forEachRow { statement in
            let (key, value) = row(statement)
            map[key] = value
        }
        return map
    }

    private func regionMap() throws -> [String: (id: Int64, level: RegionLevel, parent: Int64?)] {
        if let regions { return regions }
        let map = try loadMap("SELECT region_id, id, level, parent_id FROM regions") {
            ($0.text(at: 0), (id: $0.integer(at: 1), level: RegionLevel(rawValue: $0.text(at: 2)) ?? .city,
                parent: $0.isNull(at: 3) ? nil : $0.integer(at: 3)))
        }
        for (key, value) in map { regionKeys[value.id] = key }
        regions = map
        return map
    }

    private func partnerMap() throws -> [String: (id: Int64, tier: Int, parent: Int64?)] {
        if let partners { return partners }
        let map = try loadMap("SELECT partner_id, id, tier, parent_id FROM partners") {
            ($0.text(at: 0), (id: $0.integer(at: 1), tier: Int($0.integer(at: 2)), parent: $0.isNull(at: 3) ? nil : $0.integer(at: 3)))
        }
        for (key, value) in map { partnerKeys[value.id] = key }
        partners = map
        return map
    }

    private func productMap() throws -> [String: Int64] {
        if let products { return products }
        let map = try loadMap("SELECT sku, id FROM products") { ($0.text(at: 0), $0.integer(at: 1)) }
        products = map
        return map
    }

    private func outletMap() throws -> [String: (id: Int64, partner: Int64)] {
        if let outlets { return outlets }
        let map = try loadMap("SELECT outlet_id, id, partner_id FROM outlets") {
            ($0.text(at: 0), (id: $0.integer(at: 1), partner: $0.integer(at: 2)))
        }
        outlets = map
        return map
    }

    private func orderMap() throws -> [String: OrderReference] {
        if let orders { return orders }
        let map = try loadMap("SELECT order_id, id, partner_id, status FROM orders") {
            ($0.text(at: 0), (id: $0.integer(at: 1), partner: $0.integer(at: 2), status: OrderStatus(rawValue: $0.text(at: 3)) ?? .pending))
        }
        orders = map
        return map
    }
}
