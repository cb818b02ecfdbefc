extension DemoWorld {
    /// About 8 outlets per offline partner (1-3 for distributors), one web shop per online partner.
    static func makeOutlets(
        partners: inout [DemoPartner],
        cities: [DemoCity],
        provinceCities: [[Int]],
        random: inout DemoRandom
    ) -> [DemoOutlet] {
        var outlets: [DemoOutlet] = []
        // Distributors run warehouses and cash-and-carry, dealers run shops.
        let kindWeights: [[Double]] = [
            [], [0.15, 0.05, 0.10, 0.70], [0.35, 0.25, 0.25, 0.15], [0.30, 0.40, 0.25, 0.05],
        ]
        let kindPickers = kindWeights.map { WeightedPicker(weights: $0) }
        let window = DemoCalendar.windowDays
        for index in partners.indices {
            let partner = partners[index]
            let count = partner.isOnline ? 1 : partner.tier == 1 ? random.int(in: 1...3) : random.int(in: 3...14)
            for _ in 0..<count {
                let city: Int
                let kind: String
                if partner.isOnline {
                    city = partner.city
                    kind = "online_store"
                } else {
                    let sameProvince = provinceCities[cities[partner.city].province]
                    city = random.chance(0.6) ? partner.city : sameProvince[random.int(below: sameProvince.count)]
                    kind = DemoVocabulary.outletKinds[kindPickers[partner.tier].pick(using: &random)]
                }
                // Most outlets opened after the partner joined and before the window; some open during it.
                let opened =
                    random.chance(0.8)
                    ? partner.joinedDay + random.int(below: -partner.joinedDay)
                    : random.int(below: window - 30)
                let closed: Int? =
                    random.chance(0.08) && !partner.isOnline
                    ? random.int(in: (max(opened, 0) + 30)...(window - 1))
                    : nil
                partners[index].outlets.append(outlets.count)
                outlets.append(
                    DemoOutlet(
                        number: outlets.count + 1,
                        partner: index,
                        city: city,
                        kind: kind,
                        openedDay: opened,
                        closedDay: closed
                    )
                )
            }
        }
        return outlets
    }
}
