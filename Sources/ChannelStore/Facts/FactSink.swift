public import ChannelCore

/// Receives the store's rows for the analytic engine (`ChannelStore.readFacts`).
///
/// Rows come kind by kind in `EntityKind` order (parents before the facts that name them). Each kind starts with
/// `begin`: the rows of that kind whose ids lie in `rowIDs` (every row when nil) follow, and any row the engine held
/// in that range that does not follow is gone. Order lines are identified by their order's row id, so `begin` for
/// lines names a range of orders whose lines are all delivered again.
public protocol FactSink: AnyObject {
    func begin(_ kind: EntityKind, rowIDs: ClosedRange<Int64>?) throws
    func region(_ row: RegionFact) throws
    func partner(_ row: PartnerFact) throws
    func product(_ row: ProductFact) throws
    func outlet(_ row: OutletFact) throws
    func order(_ row: OrderFact) throws
    func orderLine(_ row: OrderLineFact) throws
    func shipment(_ row: ShipmentFact) throws
    func stock(_ row: StockFact) throws
    func feedback(_ row: FeedbackFact) throws
    func complaint(_ row: ComplaintFact) throws
    /// The rows of `kind` announced by the last `begin` have all been delivered.
    func end(_ kind: EntityKind) throws
}
