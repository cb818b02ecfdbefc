import ChannelCore
import ChannelStore

/// The PostgreSQL `BulkWriter`, with the same behaviour as SQLite's: turns domain records into rows (natural keys of
/// references resolved to surrogate ids through in-memory maps), upserts them through one writer per table (an
/// import's `PostgresLoadWriter`, or a `PostgresTableWriter` when each row is audited), and records audit events and
/// change-feed entries, all inside the caller's transaction. Audit events and feed entries are buffered in order and
/// copied in when the writer settles, after the rows they describe.
///
/// The transaction holds the writer lock (`PostgresChannelStore.writerLockKey`), so no other writer can move the
/// audit chain's head or the tables' last ids under it: the writer reads the head once and keeps the last id and
/// hash (`AuditHash`), and assigns ids after the largest stored one.
final class PostgresBulkWriter: BulkWriter, PostgresAuditSink {
    private let session: PostgresSession
    private var actor: String
    private var requestID: String?
    /// API writes: a `create` event and feed entry per inserted row, canonical images, no batch summaries.
    private let auditEachRow: Bool
    private var now: Instant
    private var lastAuditID: Int64
    private var lastAuditHash: String
    /// One writer per entity kind, by `EntityKind.ordinal`.
    private var tables: [(any PostgresRowWriter)?] = Array(repeating: nil, count: EntityKind.allCases.count)
    /// Audit events and change-feed entries not sent yet, in the order they were recorded.
    private var auditRows = PostgresCopyRows()
    private var changeRows = PostgresCopyRows()

    // Natural key -> what references need, over stored rows and rows written in this transaction.
    private var regions: [String: (id: Int64, level: RegionLevel, parent: Int64?)]?
    private var regionKeys: [Int64: String] = [:]
    private var partners: [String: (id: Int64, tier: Int, parent: Int64?)]?
    private var partnerKeys: [Int64: String] = [:]
    private var products: [String: Int64]?
    /// Stored outlets and orders: all of them for imports; for writes that audit each row (a handful of rows), those
    /// looked up so far, one query each.
    private var outlets: [String: (id: Int64, partner: Int64)]?
    private var orders: [String: OrderReference]?
    typealias OrderReference = (id: Int64, partner: Int64, status: OrderStatus)
    private var snapshotKeys = SnapshotKeys()

    init(session: PostgresSession, actor: String, requestID: String?, auditEachRow: Bool, now: Instant) throws {
        self.session = session
        self.actor = actor
        self.requestID = requestID
        self.auditEachRow = auditEachRow
        self.now = now
        if auditEachRow {
            orders = [:]
            outlets = [:]
        }
        (lastAuditID, lastAuditHash) = try PostgresAuditChain.head(session)
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
        // The maps must hold this transaction's rows before they are written (buffered rows are not in the table yet).
        _ = try regionMap()
        let parent = try region.parentID.map { try resolve($0.rawValue, in: regionMap(), "region", column: "parent_id").id }
        let (outcome, id) = try write(
            .regions, [.text(key), .text(region.name), DBValue(parent), .text(region.level.rawValue)], naturalKey: key)
        if outcome != .duplicate {
            regions?[key] = (id, region.level, parent)
            regionKeys[id] = key
        }
        return outcome
    }

    func write(_ partner: Partner) throws -> WriteOutcome {
        try checkValid(partner.validate(), .partners, partner.id.rawValue)
        let key = partner.id.rawValue
        _ = try partnerMap()
        let parent = try partner.parentID.map { try resolve($0.rawValue, in: partnerMap(), "partner", column: "parent_id").id }
        let region = try resolve(partner.regionID.rawValue, in: regionMap(), "region").id
        let (outcome, id) = try write(
            .partners,
            [
                .text(key), .text(partner.name), .text(partner.kind.rawValue), DBValue(parent), .integer(Int64(partner.tier)),
                .integer(region), .text(partner.channel.rawValue), .text(partner.joinedOn.description),
                .text(partner.status.rawValue),
            ], naturalKey: key)
        if outcome != .duplicate {
            partners?[key] = (id, partner.tier, parent)
            partnerKeys[id] = key
        }
        return outcome
    }

    func write(_ product: Product) throws -> WriteOutcome {
        try checkValid(product.validate(), .products, product.sku.rawValue)
        let key = product.sku.rawValue
        _ = try productMap()
        let (outcome, id) = try write(
            .products,
            [
                .text(key), .text(product.name), .text(product.category), .text(product.listPrice.currency.code),
                .integer(product.listPrice.minorUnits), .integer(product.unitCost.minorUnits), .integer(product.weightGrams),
                .text(product.launchedOn.description),
            ], naturalKey: key)
        if outcome != .duplicate { products?[key] = id }
        return outcome
    }

    func write(_ outlet: Outlet) throws -> WriteOutcome {
        try checkValid(outlet.validate(), .outlets, outlet.id.rawValue)
        let key = outlet.id.rawValue
        if !auditEachRow { _ = try outletMap() }
        let partner = try resolve(outlet.partnerID.rawValue, partnerID(outlet.partnerID.rawValue), "partner")
        let region = try resolve(outlet.regionID.rawValue, in: regionMap(), "region").id
        let (outcome, id) = try write(
            .outlets,
            [
                .text(key), .integer(partner), .integer(region), .text(outlet.kind.rawValue), .text(outlet.openedOn.description),
                DBValue(outlet.closedOn?.description),
            ], naturalKey: key)
        if outcome != .duplicate { outlets?[key] = (id, partner) }
        return outcome
    }

    func write(_ order: SalesOrder) throws -> WriteOutcome {
        try checkValid(order.validate(), .orders, order.id.rawValue)
        let key = order.id.rawValue
        if !auditEachRow { _ = try orderMap() }
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
        let (outcome, id) = try write(
            .orders,
            [
                .text(key), .integer(partner), DBValue(outlet), .text(order.channel.rawValue),
                .integer(order.orderedAt.millisecondsSinceEpoch), DBValue(order.promisedAt?.millisecondsSinceEpoch),
                DBValue(order.shippedAt?.millisecondsSinceEpoch), DBValue(order.deliveredAt?.millisecondsSinceEpoch),
                .text(order.status.rawValue),
            ], naturalKey: key)
        if outcome != .duplicate { orders?[key] = (id, partner, order.status) }
        return outcome
    }

    func write(_ line: OrderLine) throws -> WriteOutcome {
        try checkValid(line.validate(), .orderLines, "\(line.orderID)/\(line.lineNumber)")
        let order = try resolve(line.orderID.rawValue, try self.order(line.orderID.rawValue), "order").id
        let product = try productID(line.sku)
        return try table(.orderLines).write(
            [
                .integer(order), .integer(Int64(line.lineNumber)), .integer(product), .integer(line.quantity),
                .integer(line.unitPrice.minorUnits), .integer(Int64(line.discount.partsPerMillion)), .integer(line.returnedQuantity),
            ], key: .orderLine(order: order, line: line.lineNumber), naturalKey: "\(line.orderID.rawValue)/\(line.lineNumber)",
            feedID: order, audit: self, settle: settle
        ).0
    }

    func write(_ shipment: Shipment) throws -> WriteOutcome {
        try checkValid(shipment.validate(), .shipments, shipment.id.rawValue)
        let order = try resolve(shipment.orderID.rawValue, try self.order(shipment.orderID.rawValue), "order").id
        return try write(
            .shipments,
            [
                .text(shipment.id.rawValue), .integer(order), .text(shipment.carrier), DBValue(shipment.mode?.rawValue),
                DBValue(shipment.distanceMeters), DBValue(shipment.weightGrams), .integer(shipment.shippedAt.millisecondsSinceEpoch),
                DBValue(shipment.deliveredAt?.millisecondsSinceEpoch),
            ], naturalKey: shipment.id.rawValue
        ).0
    }

    func write(_ snapshot: InventorySnapshot) throws -> WriteOutcome {
        try checkValid(snapshot.validate(), .inventorySnapshots, "\(snapshot.snapshotDate)/\(snapshot.locationID)/\(snapshot.sku)")
        let product = try productID(snapshot.sku)
        return try table(.inventorySnapshots).write(
            [
                .text(snapshot.locationID.rawValue), .text(snapshot.snapshotDate.description), .integer(product),
                .integer(snapshot.onHand), .integer(snapshot.inTransit),
            ], key: snapshotKeys.key(snapshot, product: product),
            naturalKey: "\(snapshot.snapshotDate)/\(snapshot.locationID)/\(snapshot.sku)", feedID: nil, audit: self, settle: settle
        ).0
    }

    func write(_ feedback: Feedback) throws -> WriteOutcome {
        try checkValid(feedback.validate(), .feedback, feedback.id.rawValue)
        let order = try feedback.orderID.map { try resolve($0.rawValue, try self.order($0.rawValue), "order").id }
        let partner = try resolve(feedback.partnerID.rawValue, partnerID(feedback.partnerID.rawValue), "partner")
        let outlet = try feedback.outletID.map { try resolve($0.rawValue, try self.outlet($0.rawValue), "outlet").id }
        return try write(
            .feedback,
            [
                .text(feedback.id.rawValue), DBValue(order), .integer(partner), DBValue(outlet), .text(feedback.channel.rawValue),
                .integer(feedback.createdAt.millisecondsSinceEpoch), .integer(Int64(feedback.rating)), .text(feedback.text),
            ], naturalKey: feedback.id.rawValue
        ).0
    }

    func write(_ complaint: Complaint) throws -> WriteOutcome {
        try checkValid(complaint.validate(), .complaints, complaint.id.rawValue)
        let order = try complaint.orderID.map { try resolve($0.rawValue, try self.order($0.rawValue), "order").id }
        let partner = try resolve(complaint.partnerID.rawValue, partnerID(complaint.partnerID.rawValue), "partner")
        return try write(
            .complaints,
            [
                .text(complaint.id.rawValue), DBValue(order), .integer(partner), .integer(complaint.openedAt.millisecondsSinceEpoch),
                DBValue(complaint.firstResponseAt?.millisecondsSinceEpoch), DBValue(complaint.resolvedAt?.millisecondsSinceEpoch),
                .text(complaint.severity.rawValue), .text(complaint.category.rawValue),
            ], naturalKey: complaint.id.rawValue
        ).0
    }

    /// PostgreSQL lays out its own storage: nothing to prepare.
    func expect(inputBytes: [EntityKind: Int]) throws {}

    func expect(rows: Int, of kind: EntityKind) throws {
        try table(kind).reserve(rows: rows)
        switch kind {
        case .regions: regions?.reserveCapacity(try regionMap().count + rows)
        case .partners: partners?.reserveCapacity(try partnerMap().count + rows)
        case .products: products?.reserveCapacity(try productMap().count + rows)
        case .outlets where !auditEachRow: outlets?.reserveCapacity(try outletMap().count + rows)
        case .orders where !auditEachRow: orders?.reserveCapacity(try orderMap().count + rows)
        default: break
        }
    }

    func finishLoading(_ kind: EntityKind) throws {
        try settle()
    }

    func currentRecord(_ kind: EntityKind, key: [String]) throws -> Record? {
        // Rows still buffered (this one's, or those it refers to) must be in the tables first.
        try settle()
        return try PostgresRecordReader(session: session).find(kind, key: key)?.record
    }

    func finishBatch(_ kind: EntityKind, source: String) throws {
        guard let writer = tables[kind.ordinal] else { return }
        try settle()
        // Rows audited one by one need no batch summary; a batch that changed nothing is no mutation (re-importing the
        // same files leaves every table as it was).
        guard !auditEachRow, writer.batchChangedRows else {
            _ = try writer.closeBatch()
            return
        }
        let (summary, range) = try writer.closeBatch()
        let auditID = try recordAudit(kind, key: source, action: .import, before: nil, after: summary)
        if let range { try recordChange(kind, .insert, range, auditID: auditID) }
    }

    /// Settles, then completes each table's work (foreign keys dropped for a large load are added back and checked);
    /// the store calls it before committing.
    func finish() throws {
        try settle()
        for writer in tables { try writer?.finish() }
    }

    /// Writes every buffered row, parents first, then the audit events and change-feed entries.
    func settle() throws {
        for writer in tables { try writer?.flush() }
        try session.copy(
            auditRows, into: "audit_events",
            columns: ["id", "at", "actor", "request_id", "entity", "entity_key", "action", "before_json", "after_json", "prev_hash", "hash"],
            context: "writing \(auditRows.count) audit event(s)")
        auditRows.removeAll()
        try session.copy(
            changeRows, into: "change_log",
            columns: ["at", "entity", "operation", "first_row_id", "last_row_id", "audit_event_id"],
            context: "writing \(changeRows.count) change-feed entries")
        changeRows.removeAll()
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
        guard let record = try PostgresRecordReader(session: session).find(kind, storedKey: storedKey) else {
            throw StoreError(.corrupt, "\(kind.name): a row just written cannot be read back")
        }
        return RecordText.json(record)
    }

    /// Appends an event that links to the last one (`AuditHash`).
    private func recordAudit(_ kind: EntityKind, key: String, action: AuditEvent.Action, before: String?, after: String?)
        throws -> Int64
    {
        let id = lastAuditID + 1
        let at = now.millisecondsSinceEpoch
        let hash = AuditHash.event(
            id: id, at: at, actor: actor, requestID: requestID, entity: kind.name, entityKey: key, action: action.rawValue,
            before: before, after: after, previous: lastAuditHash)
        auditRows.append([
            .integer(id), .integer(at), .text(actor), DBValue(requestID), .text(kind.name), .text(key), .text(action.rawValue),
            DBValue(before), DBValue(after), .text(lastAuditHash), .text(hash),
        ])
        lastAuditID = id
        lastAuditHash = hash
        return id
    }

    private func recordChange(_ kind: EntityKind, _ operation: ChangeRecord.Operation, _ range: ClosedRange<Int64>, auditID: Int64)
        throws
    {
        changeRows.append([
            .integer(now.millisecondsSinceEpoch), .text(kind.name), .text(operation.rawValue), .integer(range.lowerBound),
            .integer(range.upperBound), .integer(auditID),
        ])
    }

    // MARK: Helpers

    /// Writes a row whose natural key is the text `naturalKey`.
    private func write(_ kind: EntityKind, _ values: [DBValue], naturalKey: String) throws -> (WriteOutcome, Int64) {
        try table(kind).write(values, key: .text(naturalKey), naturalKey: naturalKey, feedID: nil, audit: self, settle: settle)
    }

    /// Refuses a record that breaks a domain rule, with the same message as SQLite's writer (the schema's CHECKs
    /// would refuse it too, with a less helpful one).
    private func checkValid(_ issues: @autoclosure () -> [ValidationIssue], _ kind: EntityKind, _ key: @autoclosure () -> String) throws {
        let found = issues()
        guard found.isEmpty else {
            throw StoreError(.constraint, "\(kind.name) \(key()): \(found.map(\.description).joined(separator: "; "))")
        }
    }

    private func table(_ kind: EntityKind) throws -> any PostgresRowWriter {
        if let writer = tables[kind.ordinal] { return writer }
        let writer: any PostgresRowWriter
        if auditEachRow {
            writer = try PostgresTableWriter(kind: kind, session: session)
        } else {
            switch kind {
            case .orderLines: writer = try PostgresLoadWriter(kind: kind, session: session, key: PostgresLoadKey.pair)
            case .inventorySnapshots: writer = try PostgresLoadWriter(kind: kind, session: session, key: PostgresLoadKey.snapshot)
            default: writer = try PostgresLoadWriter(kind: kind, session: session, key: PostgresLoadKey.single)
            }
        }
        tables[kind.ordinal] = writer
        return writer
    }

    private func productID(_ sku: SKU) throws -> Int64 {
        try resolve(sku.rawValue, try productMap()[sku.rawValue], "product", column: "sku")
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

    private func order(_ key: String) throws -> OrderReference? {
        guard auditEachRow else { return try orderMap()[key] }
        if let known = orders?[key] { return known }
        guard let row = try lookUp("SELECT id, partner_id, status FROM orders WHERE order_id = $1", key) else { return nil }
        let order = (id: try row.integer(at: 0), partner: try row.integer(at: 1), status: try orderStatus(row.text(at: 2)))
        orders?[key] = order
        return order
    }

    private func outlet(_ key: String) throws -> (id: Int64, partner: Int64)? {
        guard auditEachRow else { return try outletMap()[key] }
        if let known = outlets?[key] { return known }
        guard let row = try lookUp("SELECT id, partner_id FROM outlets WHERE outlet_id = $1", key) else { return nil }
        let outlet = (id: try row.integer(at: 0), partner: try row.integer(at: 1))
        outlets?[key] = outlet
        return outlet
    }

    /// The id of a known partner: through the map of every partner, or, in a write that audits each row and has not
    /// loaded it, one look-up.
    private func partnerID(_ key: String) throws -> Int64? {
        guard auditEachRow, partners == nil else { return try partnerMap()[key]?.id }
        return try lookUp("SELECT id FROM partners WHERE partner_id = $1", key)?.integer(at: 0)
    }

    private func partnerKey(_ id: Int64) throws -> String? {
        guard auditEachRow, partners == nil else {
            _ = try partnerMap()
            return partnerKeys[id]
        }
        return try session.query("SELECT partner_id FROM partners WHERE id = $1", [.integer(id)], context: "looking up partner \(id)")
            .first?.text(at: 0)
    }

    private func lookUp(_ sql: String, _ key: String) throws -> StoredRow? {
        try settle()
        return try session.query(sql, [.text(key)], context: "looking up \(key)").first
    }

    private func orderStatus(_ text: String) throws -> OrderStatus {
        guard let status = OrderStatus(rawValue: text) else {
            throw StoreError(.corrupt, "a stored order status '\(text)' is not one Qudao knows")
        }
        return status
    }

    private func regionMap() throws -> [String: (id: Int64, level: RegionLevel, parent: Int64?)] {
        if let regions { return regions }
        var map: [String: (id: Int64, level: RegionLevel, parent: Int64?)] = [:]
        for row in try session.query("SELECT region_id, id, level, parent_id FROM regions", context: "loading regions") {
            let level = try row.text(at: 2)
            guard let parsed = RegionLevel(rawValue: level) else {
                throw StoreError(.corrupt, "a stored region level '\(level)' is not one Qudao knows")
            }
            let key = try row.text(at: 0)
            let id = try row.integer(at: 1)
            map[key] = (id, parsed, try row.optionalInteger(at: 3))
            regionKeys[id] = key
        }
        regions = map
        return map
    }

    private func partnerMap() throws -> [String: (id: Int64, tier: Int, parent: Int64?)] {
        if let partners { return partners }
        var map: [String: (id: Int64, tier: Int, parent: Int64?)] = [:]
        for row in try session.query("SELECT partner_id, id, tier, parent_id FROM partners", context: "loading partners") {
            let key = try row.text(at: 0)
            let id = try row.integer(at: 1)
            map[key] = (id, Int(try row.integer(at: 2)), try row.optionalInteger(at: 3))
            partnerKeys[id] = key
        }
        partners = map
        return map
    }

    private func productMap() throws -> [String: Int64] {
        if let products { return products }
        var map: [String: Int64] = [:]
        for row in try session.query("SELECT sku, id FROM products", context: "loading products") {
            map[try row.text(at: 0)] = try row.integer(at: 1)
        }
        products = map
        return map
    }

    private func outletMap() throws -> [String: (id: Int64, partner: Int64)] {
        if let outlets { return outlets }
        var map: [String: (id: Int64, partner: Int64)] = [:]
        for row in try session.query("SELECT outlet_id, id, partner_id FROM outlets", context: "loading outlets") {
            map[try row.text(at: 0)] = (try row.integer(at: 1), try row.integer(at: 2))
        }
        outlets = map
        return map
    }

    private func orderMap() throws -> [String: OrderReference] {
        if let orders { return orders }
        var map: [String: OrderReference] = [:]
        for row in try session.query("SELECT order_id, id, partner_id, status FROM orders", context: "loading orders") {
            map[try row.text(at: 0)] = (try row.integer(at: 1), try row.integer(at: 2), try orderStatus(row.text(at: 3)))
        }
        orders = map
        return map
    }
}
