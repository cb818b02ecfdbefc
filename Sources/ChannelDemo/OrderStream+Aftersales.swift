extension OrderStream {
    private static let severities: [StaticString] = ["low", "medium", "high"]
    private static let categories: [StaticString] = ["delivery", "quality", "price", "service"]

    /// Rates about 1 % of delivered orders.
    mutating func considerFeedback(on order: DemoOrder, to csv: inout CSVFileWriter) throws {
        guard order.status == .delivered, let deliveredAt = order.deliveredAt, DemoCalendar.now - deliveredAt >= 2
        else { return }
        if feedbackRandom.chance(0.01) {
            try writeFeedback(on: order, to: &csv)
        } else if feedbackFallback == nil {
            feedbackFallback = order
        }
    }

    /// Writes one rating, lower when the delivery came after the promised time.
    mutating func writeFeedback(on order: DemoOrder, to csv: inout CSVFileWriter) throws {
        guard let deliveredAt = order.deliveredAt else { return }
        let center = order.isLate ? 3.0 : 4.3
        let rating = min(5, max(1, Int((center + 0.9 * feedbackRandom.normal()).rounded())))
        let texts =
            rating >= 4
            ? DemoVocabulary.positiveFeedback
            : rating <= 2 ? DemoVocabulary.negativeFeedback : DemoVocabulary.neutralFeedback
        let text = texts[feedbackRandom.int(below: texts.count)]
        var createdAt = deliveredAt + feedbackRandom.int(in: 3_600...(7 * DemoCalendar.secondsPerDay))
        if createdAt > DemoCalendar.now {
            createdAt = deliveredAt + max(1, (DemoCalendar.now - deliveredAt) / 2)
        }
        feedbackCount += 1
        csv.id("FB", feedbackCount, width: 8)
        csv.comma()
        csv.id("SO", order.number, width: 9)
        csv.comma()
        csv.id("P", order.partner + 1, width: 6)
        csv.comma()
        csv.id("O", order.outlet + 1, width: 7)
        csv.comma()
        csv.ascii(order.isOnline ? "online" : "offline")
        csv.comma()
        csv.timestamp(createdAt)
        csv.comma()
        csv.int(rating)
        csv.comma()
        csv.field(text)
        try csv.endRow()
    }

    /// Opens a ticket on about 0.3 % of orders.
    mutating func considerComplaint(on order: DemoOrder, to csv: inout CSVFileWriter) throws {
        if complaintRandom.chance(0.003) {
            try writeComplaint(on: order, to: &csv)
        } else if complaintFallback == nil {
            complaintFallback = order
        }
    }

    /// Writes one ticket; tier-3 dealers answer three times slower, and times after "now" stay empty.
    mutating func writeComplaint(on order: DemoOrder, to csv: inout CSVFileWriter) throws {
        let now = DemoCalendar.now
        var openedAt =
            order.orderedAt + complaintRandom.int(in: DemoCalendar.secondsPerDay...(10 * DemoCalendar.secondsPerDay))
        if openedAt >= now {
            openedAt = order.orderedAt + max(1, (now - order.orderedAt) / 2)
        }
        let slowdown = order.tier == 3 ? 3 : 1
        let responseAt = openedAt + max(60, Int(complaintRandom.logNormal(mu: 1.5, sigma: 1.0) * 3_600)) * slowdown
        let resolvedAt = responseAt + max(60, Int(complaintRandom.logNormal(mu: 3.0, sigma: 0.8) * 3_600))
        let severity = severityPicker.pick(using: &complaintRandom)
        let category: Int
        if order.status == .cancelled {
            category = complaintRandom.chance(0.5) ? 3 : 2
        } else if order.isLate, complaintRandom.chance(0.6) {
            category = 0
        } else {
            category = complaintRandom.int(below: Self.categories.count)
        }
        complaintCount += 1
        csv.id("CP", complaintCount, width: 8)
        csv.comma()
        csv.id("SO", order.number, width: 9)
        csv.comma()
        csv.id("P", order.partner + 1, width: 6)
        csv.comma()
        csv.timestamp(openedAt)
        csv.comma()
        if responseAt <= now {
            csv.timestamp(responseAt)
            csv.comma()
            if resolvedAt <= now {
                csv.timestamp(resolvedAt)
            }
        } else {
            csv.comma()
        }
        csv.comma()
        csv.ascii(Self.severities[severity])
        csv.comma()
        csv.ascii(Self.categories[category])
        try csv.endRow()
    }
}
