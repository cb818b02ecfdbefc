import Testing

@testable import ChannelAnalytics

@Suite struct OrderFactsTests {
    let partners = OrderFacts.Partners(code: ["P1"], tier: [1], suspended: [false])
    let products = OrderFacts.Products(code: ["S1"], listPriceMinor: [100])

    func orders(lineStart: Int32 = 0, lineCount: Int32 = 1, partner: Int32 = 0) -> OrderFacts.Orders {
        .init(
            partner: [partner], channel: [0], status: [0], day: [0], lineStart: [lineStart],
            lineCount: [lineCount])
    }

    let lines = OrderFacts.Lines(order: [0], product: [0], qty: [1], unitNet: [100_000_000])

    @Test func consistentColumnsAreAccepted() throws {
        let facts = try OrderFacts(orders: orders(), lines: lines, partners: partners, products: products)
        #expect(facts.lines.count == 1)
    }

    @Test func aShortColumnIsRejected() {
        let short = OrderFacts.Lines(order: [0], product: [0], qty: [], unitNet: [1])
        #expect(throws: OrderFactsError.lengthMismatch(column: "lines.qty", expected: 1, actual: 0)) {
            try OrderFacts(orders: orders(), lines: short, partners: partners, products: products)
        }
    }

    @Test func positionsOutsideTheirTableAreRejected() {
        #expect(throws: OrderFactsError.positionOutOfRange(column: "orders.partner", row: 0)) {
            try OrderFacts(orders: orders(partner: 3), lines: lines, partners: partners, products: products)
        }
        #expect(throws: OrderFactsError.positionOutOfRange(column: "orders.lineStart", row: 0)) {
            try OrderFacts(orders: orders(lineCount: 2), lines: lines, partners: partners, products: products)
        }
    }
}
