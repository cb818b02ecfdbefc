import Foundation
import Testing

@testable import ChannelDemo

@Suite struct AftersalesTests {
    @Test func feedbackFollowsDelivery() throws {
        let fixture = try DemoFixture.shared.get()
        let orders = fixture.table("orders.csv")
        let feedback = fixture.table("feedback.csv")
        var orderRows: [String: [String]] = [:]
        for row in orders.rows { orderRows[row[orders.column("order_id")]] = row }
        #expect(!feedback.rows.isEmpty)
        #expect(feedback.rows.count * 100 <= orders.rows.count * 3)
        for row in feedback.rows {
            #expect(Formats.isID(row[feedback.column("feedback_id")], prefix: "FB", digits: 8))
            let order = try #require(orderRows[row[feedback.column("order_id")]])
            #expect(order[orders.column("status")] == "delivered")
            for column in ["partner_id", "outlet_id", "channel"] {
                #expect(
                    row[feedback.column(column)] == order[orders.column(column)],
                    "\(column) differs from the order"
                )
            }
            let created = try #require(Formats.timestamp(row[feedback.column("created_at")]))
            let delivered = try #require(Formats.timestamp(order[orders.column("delivered_at")]))
            #expect(created > delivered && created <= Formats.now)
            let rating = try #require(Formats.integer(row[feedback.column("rating")]))
            #expect((1...5).contains(rating))
            #expect(!row[feedback.column("text")].isEmpty)
        }
        #expect(Set(feedback.values("feedback_id")).count == feedback.rows.count)
    }

    @Test func complaintTimesAreOrdered() throws {
        let fixture = try DemoFixture.shared.get()
        let orders = fixture.table("orders.csv")
        let complaints = fixture.table("complaints.csv")
        var orderRows: [String: [String]] = [:]
        for row in orders.rows { orderRows[row[orders.column("order_id")]] = row }
        #expect(!complaints.rows.isEmpty)
        #expect(complaints.rows.count * 100 <= orders.rows.count)
        for row in complaints.rows {
            #expect(Formats.isID(row[complaints.column("complaint_id")], prefix: "CP", digits: 8))
            let order = try #require(orderRows[row[complaints.column("order_id")]])
            #expect(row[complaints.column("partner_id")] == order[orders.column("partner_id")])
            let ordered = try #require(Formats.timestamp(order[orders.column("ordered_at")]))
            let opened = try #require(Formats.timestamp(row[complaints.column("opened_at")]))
            #expect(opened > ordered && opened <= Formats.now)
            let responseText = row[complaints.column("first_response_at")]
            let resolvedText = row[complaints.column("resolved_at")]
            if responseText.isEmpty {
                #expect(resolvedText.isEmpty)
            } else {
                let response = try #require(Formats.timestamp(responseText))
                #expect(response > opened && response <= Formats.now)
                if !resolvedText.isEmpty {
                    let resolved = try #require(Formats.timestamp(resolvedText))
                    #expect(resolved > response && resolved <= Formats.now)
                }
            }
            #expect(["low", "medium", "high"].contains(row[complaints.column("severity")]))
            #expect(["delivery", "quality", "price", "service"].contains(row[complaints.column("category")]))
        }
    }

    @Test func dealersAnswerComplaintsSlower() throws {
        // Needs more tickets than the shared fixture has: 60k lines give about 60 complaints.
        // Only the order files are streamed (the partners' tiers are read from the world).
        let directory = try DemoFixture.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let world = DemoWorld(lines: 60_000, seed: 11)
        var stream = OrderStream(world: world, lines: 60_000, seed: 11)
        var outputs = try OrderOutputs(directory: directory)
        try stream.write(to: &outputs)
        var rows: [String: Int] = [:]
        try outputs.finish(into: &rows)
        let complaints = try CSVTable.parse([UInt8](try Data(contentsOf: directory.appending(path: "complaints.csv"))))
        var tier: [String: String] = [:]
        for partner in world.partners { tier[String(format: "P%06d", partner.number)] = String(partner.tier) }
        var dealer: [Int] = []
        var others: [Int] = []
        for row in complaints.rows {
            guard let opened = Formats.timestamp(row[complaints.column("opened_at")]),
                let response = Formats.timestamp(row[complaints.column("first_response_at")])
            else { continue }
            if tier[row[complaints.column("partner_id")]] == "3" {
                dealer.append(response - opened)
            } else {
                others.append(response - opened)
            }
        }
        let median = { (values: [Int]) -> Int in values.sorted()[values.count / 2] }
        try #require(dealer.count >= 5 && others.count >= 5)
        #expect(median(dealer) > median(others))
    }
}
