extension OrderStream {
    /// Mean of log(qty) per tier (online, distributor, agent, dealer).
    private static let quantityMu = [0.6, 5.0, 3.6, 2.2]
    /// Price paid relative to list price per tier.
    private static let priceFactor = [0.95, 0.70, 0.78, 0.85]
    /// Relative number of lines per order per tier.
    private static let lineCountFactor = [0.7, 1.6, 1.25, 1.0]

    /// Writes the order's lines and returns their total weight in grams.
    ///
    /// The line count is drawn around the remaining lines per remaining order and clamped so
    /// that every later order can still get 1...8 lines: the file ends with exactly the
    /// requested number of lines.
    mutating func writeLines(of order: DemoOrder, to csv: inout CSVFileWriter) throws -> Int {
        let maxLines = LineCountSampler.maxLines
        let ordersLeft = orderCount - order.number
        // Tier factors are normalized by their running average so that the remaining lines
        // per remaining order stays the overall mean.
        let factor = Self.lineCountFactor[order.tier]
        lineFactorSum += factor
        let averageFactor = lineFactorSum / Double(order.number)
        let mean = Double(remainingLines) / Double(ordersLeft + 1) * factor / averageFactor
        let lowest = max(1, remainingLines - maxLines * ordersLeft)
        let highest = min(maxLines, remainingLines - ordersLeft)
        let drawn = lineCounts.draw(mean: mean, random: &lineRandom)
        let lineCount = drawn < lowest ? lowest : drawn > highest ? highest : drawn
        remainingLines -= lineCount

        // Hoisted out of the loop: every property read costs a retain/release in debug builds.
        let quantityMu = Self.quantityMu[order.tier]
        let priceFactor = Self.priceFactor[order.tier]
        let listCents = listCents
        let launchDays = launchDays
        let weightGrams = weightGrams
        let returnRateFactor = returnRateFactor
        let skuPicker = skuPicker
        let alwaysLaunched = world.alwaysLaunchedCount
        let isDelivered = order.status == .delivered
        let discountsDeep = order.isOnline && order.promotion != nil
        let returnRate = order.isOnline ? 0.06 : 0.015
        var grams = 0
        var lineNumber = 0
        while lineNumber < lineCount {
            lineNumber += 1
            var sku = skuPicker.pick(using: &lineRandom)
            if launchDays[sku] > order.day {
                sku = lineRandom.int(below: alwaysLaunched)
            }
            var quantity = max(1, Int(lineRandom.logNormal(mu: quantityMu, sigma: 0.6).rounded()))
            let noise = lineRandom.uniform(0.98, 1.02)
            var priceCents = max(1, Int((Double(listCents[sku]) * priceFactor * noise).rounded()))
            var discount = 0
            if discountsDeep {
                discount = lineRandom.int(in: 10...35)
            } else if order.isOnline {
                discount = lineRandom.chance(0.05) ? 5 : 0
            } else {
                discount = lineRandom.chance(0.05) ? 3 : 0
            }
            // Planted anomalies: a fat-finger quantity or a price keyed in at a tenth.
            let anomaly = lineRandom.unit()
            if anomaly < 0.000_2 {
                quantity *= lineRandom.int(in: 40...120)
            } else if anomaly < 0.000_3 {
                priceCents = max(1, Int((Double(priceCents) * 0.1).rounded()))
            }
            let returned =
                isDelivered
                ? lineRandom.binomial(trials: quantity, probability: returnRate * returnRateFactor[sku]) : 0

            csv.id("SO", order.number, width: 9)
            csv.comma()
            csv.int(lineNumber)
            csv.comma()
            csv.id("SKU", sku + 1, width: 5)
            csv.comma()
            csv.int(quantity)
            csv.comma()
            csv.fixed(priceCents, scale: 2)
            csv.comma()
            csv.fixed(discount, scale: 2)
            csv.comma()
            csv.int(returned)
            try csv.endRow()

            unitsBySKU[sku] += quantity
            grams += quantity * weightGrams[sku]
        }
        return grams
    }
}
