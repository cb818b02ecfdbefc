import ChannelCore
import ChannelStore

/// Records everything `readFacts` delivers, in order: each kind's announced range, every fact, and each end.
final class FactRecorder: FactSink {
    enum Entry: Hashable {
        case begin(EntityKind, ClosedRange<Int64>?)
        case fact(AnyHashable)
        case end(EntityKind)
    }

    private(set) var entries: [Entry] = []

    /// The facts delivered, without the begin and end markers.
    var facts: [AnyHashable] {
        entries.compactMap { entry in
            if case .fact(let fact) = entry { return fact }
            return nil
        }
    }

    func begin(_ kind: EntityKind, rowIDs: ClosedRange<Int64>?) throws { entries.append(.begin(kind, rowIDs)) }
    func region(_ row: RegionFact) throws { entries.append(.fact(row)) }
    func partner(_ row: PartnerFact) throws { entries.append(.fact(row)) }
    func product(_ row: ProductFact) throws { entries.append(.fact(row)) }
    func outlet(_ row: OutletFact) throws { entries.append(.fact(row)) }
    func order(_ row: OrderFact) throws { entries.append(.fact(row)) }
    func orderLine(_ row: OrderLineFact) throws { entries.append(.fact(row)) }
    func shipment(_ row: ShipmentFact) throws { entries.append(.fact(row)) }
    func stock(_ row: StockFact) throws { entries.append(.fact(row)) }
    func feedback(_ row: FeedbackFact) throws { entries.append(.fact(row)) }
    func complaint(_ row: ComplaintFact) throws { entries.append(.fact(row)) }
    func end(_ kind: EntityKind) throws { entries.append(.end(kind)) }
}
