import Foundation

/// How many orders fall on each day of the window, and how many of them are online.
///
/// Daily intensity = growth trend × weekday pattern × yearly wave × Spring Festival effect × noise.
/// Online demand is multiplied on 618, Golden Week and Double 11, so those days have more
/// orders and a larger online share.
struct DemoDemand: Sendable {
    /// Orders placed on each window day (sums to the requested order count).
    let ordersPerDay: [Int]
    /// Probability that an order of that day is an online order.
    let onlineShare: [Double]
    /// The promotion running on each day, if any.
    let promotions: [DemoPromotion?]
    /// Whether the day is in the Spring Festival holiday week (slow logistics).
    let isHoliday: [Bool]

    private static let weekdayFactors = [1.0, 0.95, 0.95, 1.0, 1.1, 1.25, 1.2]
    private static let baseOnlineShare = 0.22

    init(orders: Int, random: inout DemoRandom) {
        let days = DemoCalendar.windowDays
        var weights: [Double] = []
        var shares: [Double] = []
        var promotions: [DemoPromotion?] = []
        var holidays: [Bool] = []
        for day in 0..<days {
            let trend = 1 + 0.15 * Double(day) / 365
            let weekly = Self.weekdayFactors[DemoCalendar.weekday(day)]
            let yearly = 1 + 0.15 * sin(2 * Double.pi * Double(DemoCalendar.dayOfYear(day) - 100) / 365)
            var festival = 1.0
            var isHoliday = false
            for newYear in DemoCalendar.springFestivals {
                if (newYear - 21)..<newYear ~= day {
                    festival = 1.6  // stocking up for the New Year
                } else if newYear..<(newYear + 7) ~= day {
                    festival = 0.55
                    isHoliday = true
                }
            }
            let noise = random.logNormal(mu: 0, sigma: 0.08)
            let promotion = DemoPromotion.on(day)
            let boost = promotion?.onlineBoost(on: day) ?? 1
            let online = Self.baseOnlineShare * boost
            let offline = 1 - Self.baseOnlineShare
            weights.append(trend * weekly * yearly * festival * noise * (offline + online))
            shares.append(online / (offline + online))
            promotions.append(promotion)
            holidays.append(isHoliday)
        }
        ordersPerDay = Self.apportion(orders, weights: weights)
        onlineShare = shares
        self.promotions = promotions
        isHoliday = holidays
    }

    /// Splits `total` into integer counts proportional to `weights` (largest remainder).
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total > 0 else { return Array(repeating: 0, count: weights.count) }
        var counts: [Int] = []
        var remainders: [(fraction: Double, index: Int)] = []
        for (index, weight) in weights.enumerated() {
            let exact = Double(total) * weight / sum
            let whole = Int(exact)
            counts.append(whole)
            remainders.append((exact - Double(whole), index))
        }
        var missing = total - counts.reduce(0, +)
        remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.index < $1.index }
        var position = 0
        while missing > 0, !remainders.isEmpty {
            counts[remainders[position % remainders.count].index] += 1
            missing -= 1
            position += 1
        }
        return counts
    }
}
