import ChannelCore
import ChannelStore
import ChannelStoreTestSupport
import Testing

@testable import ChannelStoreSQLite

/// Pages in natural-key order with conditions are read in two parts once more keys remain than a window spans
/// (`RecordStatement.windowSize`): a walk over the window's keys, then the rest read through and sorted. Whichever part
/// the matches lie in, the pages must hold exactly the matching records, in order, each once.
@Suite struct RecordPagePartsTests {
    /// Enough orders for a window and a rest: keys SO-00000 ... in key order, with the rare statuses only among
    /// the lowest keys (outside the window of a newest-first page) and the highest (inside it).
    static let orderCount = RecordStatement.windowSize + 4_000

    static func sample() -> SampleData {
        var sample = SampleData()
        sample.orders = []
        sample.orderLines = []
        sample.shipments = []
        sample.feedback = []
        sample.complaints = []
        let partners: [PartnerID] = [PartnerID("R1"), PartnerID("A1"), PartnerID("PL")]
        for number in 0..<orderCount {
            let rare = (number < 300 && number % 3 == 0) || number >= orderCount - 20
            let shipped = rare ? nil : SampleData.at(hours: 60)
            sample.orders.append(
                SalesOrder(
                    id: OrderID("SO-" + String(100_000 + number).dropFirst()), partnerID: partners[number % 3], outletID: nil,
                    channel: number % 3 == 2 ? .online : .offline, orderedAt: SampleData.at(hours: Int64(number % 50)),
                    promisedAt: nil, shippedAt: shipped, deliveredAt: rare || number % 2 == 0 ? nil : SampleData.at(hours: 70),
                    status: rare ? .pending : number % 2 == 0 ? .shipped : .delivered))
        }
        return sample
    }

    /// Every page of `query`, in page order.
    static func walk(_ store: SQLiteChannelStore, _ query: RecordQuery) throws -> [String] {
        var query = query
        var keys: [String] = []
        while true {
            let page = try store.records(.orders, query)
            #expect(page.records.count <= query.limit)
            keys += page.records.map(\.keyText)
            guard let next = page.nextCursor else { return keys }
            query.cursor = next
        }
    }

    static let cases: [(filters: [String: String], scope: [String]?, limit: Int)] = [
        (["status": "pending"], nil, 7),  // a few in the window, most beyond it
        (["status": "pending", "channel": "online"], nil, 50),
        (["status": "cancelled"], nil, 50),  // none at all
        (["status": "delivered"], nil, 1000),  // many everywhere
        (["partner_id": "PL", "status": "pending"], nil, 3),
        (["ordered_at_to": SampleData.at(hours: 0).iso8601], nil, 100),
        (["status": "pending"], ["A1"], 11),  // the agent's subtree: A1 and R1
    ]

    @Test(arguments: cases.indices, [nil, "-order_id"] as [String?])
    func pagesHoldExactlyTheMatchesInOrder(_ index: Int, sort: String?) throws {
        let (filters, scope, limit) = Self.cases[index]
        try withTemporaryStore { store, _ throws in
            let sample = Self.sample()
            try store.write(sample)
            let visible: Set<String>? = scope.map { _ in ["A1", "R1"] }
            let expected = sample.orders.filter { order in
                filters.allSatisfy { column, value in
                    switch column {
                    case "status": order.status.rawValue == value
                    case "channel": order.channel.rawValue == value
                    case "partner_id": order.partnerID.rawValue == value
                    case "ordered_at_to": order.orderedAt.iso8601 <= value
                    default: false
                    }
                } && visible.map { $0.contains(order.partnerID.rawValue) } ?? true
            }.map(\.id.rawValue).sorted(by: sort == nil ? (<) : (>))
            let walked = try Self.walk(store, RecordQuery(filters: filters, sort: sort, limit: limit, partnerScope: scope))
            #expect(walked == expected)
        }
    }
}
