extension DemoWorld {
    /// The catalogue: half the SKUs launched long before the window, the rest spread through it.
    static func makeProducts(count: Int, random: inout DemoRandom) -> [DemoProduct] {
        var products: [DemoProduct] = []
        products.reserveCapacity(count)
        for index in 0..<count {
            let category = random.int(below: DemoVocabulary.categories.count)
            let nouns = DemoVocabulary.productNouns[category]
            let noun = nouns[random.int(below: nouns.count)]
            let pack = DemoVocabulary.packSizes[random.int(below: DemoVocabulary.packSizes.count)]
            let listCents = Int(((random.logNormal(mu: 3.6, sigma: 0.8) + 1) * 100).rounded())
            let costCents = Int((Double(listCents) * random.uniform(0.35, 0.65)).rounded())
            let weightGrams = max(1, Int((random.logNormal(mu: -0.5, sigma: 0.8) * 1_000).rounded()))
            let launchDay = index < count / 2 ? -800 : random.int(in: -800...(DemoCalendar.windowDays - 121))
            products.append(
                DemoProduct(
                    number: index + 1,
                    name: "\(noun)\(pack)-\(String(index + 1).leftPadded(to: 5))",
                    category: category,
                    listCents: listCents,
                    costCents: min(costCents, listCents - 1),
                    weightGrams: weightGrams,
                    launchDay: launchDay
                )
            )
        }
        return products
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
