import Foundation

/// Streams orders with their lines, shipments, feedback and complaints, one order at a time.
///
/// Only per-order state lives in memory; per SKU it keeps the units sold, which the
/// inventory snapshots are scaled by.
struct OrderStream {
    /// Seconds in the 08:00-24:00 China-time trading day.
    static let tradingSeconds = 16 * 3_600

    let world: DemoWorld
    let demand: DemoDemand
    let orderCount: Int
    var remainingLines: Int
    var orderRandom: DemoRandom
    var lineRandom: DemoRandom
    var shipmentRandom: DemoRandom
    var feedbackRandom: DemoRandom
    var complaintRandom: DemoRandom
    let offlinePartners: WeightedPicker
    let onlinePartners: WeightedPicker
    let skuPicker: WeightedPicker
    let modePicker: WeightedPicker
    let severityPicker = WeightedPicker(weights: [0.6, 0.3, 0.1])
    let lineCounts = LineCountSampler()
    /// Sum of the line-count factors of the orders so far.
    var lineFactorSum = 0.0
    // Flat product columns: cheaper to read in the per-line loop than the structs.
    let listCents: [Int]
    let launchDays: [Int]
    let weightGrams: [Int]
    let returnRateFactor: [Double]
    // Flat partner and outlet columns. A partner's outlets are contiguous in `world.outlets`.
    let partnerTiers: [Int]
    let firstOutlet: [Int]
    let outletCounts: [Int]
    let outletOpened: [Int]
    let outletClosed: [Int]
    let onlineCarrierNames: [[UInt8]]
    /// Per online partner, the index of the carrier it always uses, if it runs its own logistics.
    let onlineOwnCarrier: [Int?]
    let offlineCarrierNames: [[UInt8]]
    /// Units ordered per SKU over the whole window.
    var unitsBySKU: [Int]
    var shipmentCount = 0
    var feedbackCount = 0
    var complaintCount = 0
    var feedbackFallback: DemoOrder?
    var complaintFallback: DemoOrder?

    init(world: DemoWorld, lines: Int, seed: UInt64) {
        self.world = world
        orderCount = max(1, lines / 3)
        remainingLines = lines
        var demandRandom = DemoRandom(seed: seed, stream: 5)
        demand = DemoDemand(orders: orderCount, random: &demandRandom)
        orderRandom = DemoRandom(seed: seed, stream: 6)
        lineRandom = DemoRandom(seed: seed, stream: 7)
        shipmentRandom = DemoRandom(seed: seed, stream: 8)
        feedbackRandom = DemoRandom(seed: seed, stream: 9)
        complaintRandom = DemoRandom(seed: seed, stream: 10)
        offlinePartners = WeightedPicker(weights: world.partners[..<world.offlineCount].map(\.orderWeight))
        onlinePartners = WeightedPicker(weights: world.partners[world.offlineCount...].map(\.orderWeight))
        // Zipf-like popularity over a shuffled ranking of the SKUs.
        var popularityRandom = DemoRandom(seed: seed, stream: 12)
        var ranks = Array(1...world.products.count)
        for index in stride(from: ranks.count - 1, to: 0, by: -1) {
            ranks.swapAt(index, popularityRandom.int(below: index + 1))
        }
        skuPicker = WeightedPicker(weights: ranks.map { 1 / pow(Double($0), 0.9) })
        modePicker = WeightedPicker(weights: DemoVocabulary.modes.map(\.share))
        listCents = world.products.map(\.listCents)
        launchDays = world.products.map(\.launchDay)
        weightGrams = world.products.map(\.weightGrams)
        // Some categories (every third) come back more often.
        returnRateFactor = world.products.map { $0.category % 3 == 0 ? 1.5 : 1 }
        partnerTiers = world.partners.map(\.tier)
        firstOutlet = world.partners.map { $0.outlets.first ?? 0 }
        outletCounts = world.partners.map(\.outlets.count)
        outletOpened = world.outlets.map(\.openedDay)
        outletClosed = world.outlets.map { $0.closedDay ?? Int.max }
        onlineCarrierNames = DemoVocabulary.onlineCarriers.map { Array($0.utf8) }
        onlineOwnCarrier = DemoVocabulary.onlinePartners.map { partner in
            partner.ownCarrier.flatMap { DemoVocabulary.onlineCarriers.firstIndex(of: $0) }
        }
        offlineCarrierNames = DemoVocabulary.offlineCarriers.map { Array($0.utf8) }
        unitsBySKU = Array(repeating: 0, count: world.products.count)
    }

    /// Generates every order, day by day in time order, into `outputs`.
    mutating func write(to outputs: inout OrderOutputs) throws {
        var number = 0
        var offsets: [Int] = []
        var spacings: [Double] = []
        let ordersPerDay = demand.ordersPerDay
        for day in 0..<DemoCalendar.windowDays {
            let count = ordersPerDay[day]
            guard count > 0 else { continue }
            sortedOffsets(count: count, into: &offsets, scratch: &spacings)
            for offset in offsets {
                number += 1
                let order = makeOrder(number: number, day: day, secondOfDay: offset)
                try writeOrder(order, to: &outputs.orders)
                let grams = try writeLines(of: order, to: &outputs.lines)
                if order.shippedAt != nil {
                    try writeShipment(of: order, grams: grams, to: &outputs.shipments)
                }
                try considerFeedback(on: order, to: &outputs.feedback)
                try considerComplaint(on: order, to: &outputs.complaints)
            }
        }
        // Small datasets still get at least one feedback and one complaint row.
        if feedbackCount == 0, let order = feedbackFallback {
            try writeFeedback(on: order, to: &outputs.feedback)
        }
        if complaintCount == 0, let order = complaintFallback {
            try writeComplaint(on: order, to: &outputs.complaints)
        }
    }

    /// `count` sorted uniform seconds of the trading day, drawn as normalized sums of
    /// exponential spacings (sorted by construction, no sort needed).
    private mutating func sortedOffsets(count: Int, into offsets: inout [Int], scratch sums: inout [Double]) {
        offsets.removeAll(keepingCapacity: true)
        sums.removeAll(keepingCapacity: true)
        var total = 0.0
        var index = 0
        while index <= count {
            total -= log(1 - orderRandom.unit())
            sums.append(total)
            index += 1
        }
        let scale = total > 0 ? Double(Self.tradingSeconds) / total : 0
        index = 0
        while index < count {
            offsets.append(min(Self.tradingSeconds - 1, Int(sums[index] * scale)))
            index += 1
        }
    }

    private mutating func makeOrder(number: Int, day: Int, secondOfDay: Int) -> DemoOrder {
        let isOnline = orderRandom.chance(demand.onlineShare[day])
        let partnerIndex =
            isOnline
            ? world.offlineCount + onlinePartners.pick(using: &orderRandom)
            : offlinePartners.pick(using: &orderRandom)
        let outlet = pickOutlet(of: partnerIndex, on: day)
        let promotion = demand.promotions[day]
        let orderedAt = day * DemoCalendar.secondsPerDay + secondOfDay
        let promisedAt = orderedAt + (isOnline ? 72 : 48) * 3_600
        // Warehouses fall behind during online festivals and stop over the Spring Festival.
        var delayMu = 2.3
        if isOnline, promotion != nil { delayMu += 0.7 }
        if demand.isHoliday[day] { delayMu += 1.0 }
        let shipDelay = max(300, Int(orderRandom.logNormal(mu: delayMu, sigma: 0.7) * 3_600))
        let isCancelled = orderRandom.chance(0.01)

        // Road distance from the warehouse; nothing in mainland China is much beyond 4,800 km.
        let distance = min(4_800, Int(shipmentRandom.logNormal(mu: isOnline ? 5.9 : 5.3, sigma: 0.8)) + 5)
        var mode = modePicker.pick(using: &shipmentRandom)
        if isOnline, distance > 1_200, shipmentRandom.chance(0.3) {
            mode = DemoVocabulary.airMode
        }
        let carrierCount = isOnline ? onlineCarrierNames.count : offlineCarrierNames.count
        var carrier = shipmentRandom.int(below: carrierCount)
        if isOnline, let own = onlineOwnCarrier[partnerIndex - world.offlineCount] {
            carrier = own  // JD ships its own orders
        }
        let handlingHours = shipmentRandom.logNormal(mu: 2.6, sigma: 0.5)
        let transit = max(1_800, Int((Double(distance) / DemoVocabulary.modes[mode].speed + handlingHours) * 3_600))

        let shippedAt = orderedAt + shipDelay
        let arrivalAt = shippedAt + transit
        let status: DemoOrderStatus
        if isCancelled {
            status = .cancelled
        } else if shippedAt > DemoCalendar.now {
            status = .pending
        } else if arrivalAt > DemoCalendar.now {
            status = .shipped
        } else {
            status = .delivered
        }
        return DemoOrder(
            number: number,
            partner: partnerIndex,
            outlet: outlet,
            tier: partnerTiers[partnerIndex],
            isOnline: isOnline,
            day: day,
            orderedAt: orderedAt,
            promisedAt: promisedAt,
            arrivalAt: arrivalAt,
            shippedAt: status == .shipped || status == .delivered ? shippedAt : nil,
            deliveredAt: status == .delivered ? arrivalAt : nil,
            status: status,
            promotion: promotion,
            carrier: carrier,
            mode: mode,
            distanceKm: distance
        )
    }

    /// One of the partner's outlets, preferring one that is open on `day`.
    private mutating func pickOutlet(of partner: Int, on day: Int) -> Int {
        let first = firstOutlet[partner]
        let count = outletCounts[partner]
        var chosen = first + orderRandom.int(below: count)
        var attempts = 0
        while attempts < 4, outletOpened[chosen] > day || outletClosed[chosen] <= day {
            chosen = first + orderRandom.int(below: count)
            attempts += 1
        }
        return chosen
    }

    private func writeOrder(_ order: DemoOrder, to csv: inout CSVFileWriter) throws {
        csv.id("SO", order.number, width: 9)
        csv.comma()
        csv.id("P", order.partner + 1, width: 6)
        csv.comma()
        csv.id("O", order.outlet + 1, width: 7)
        csv.comma()
        csv.ascii(order.isOnline ? "online" : "offline")
        csv.comma()
        csv.timestamp(order.orderedAt)
        csv.comma()
        csv.timestamp(order.promisedAt)
        csv.comma()
        csv.timestamp(order.shippedAt)
        csv.comma()
        csv.timestamp(order.deliveredAt)
        csv.comma()
        csv.ascii(order.status.code)
        try csv.endRow()
    }

    private mutating func writeShipment(of order: DemoOrder, grams: Int, to csv: inout CSVFileWriter) throws {
        shipmentCount += 1
        csv.id("SH", shipmentCount, width: 9)
        csv.comma()
        csv.id("SO", order.number, width: 9)
        csv.comma()
        csv.bytes(order.isOnline ? onlineCarrierNames[order.carrier] : offlineCarrierNames[order.carrier])
        csv.comma()
        csv.ascii(DemoVocabulary.modes[order.mode].name)
        csv.comma()
        csv.int(order.distanceKm)
        csv.comma()
        csv.fixed((grams + 50) / 100, scale: 1)
        csv.comma()
        csv.timestamp(order.shippedAt)
        csv.comma()
        csv.timestamp(order.deliveredAt)
        try csv.endRow()
    }
}
