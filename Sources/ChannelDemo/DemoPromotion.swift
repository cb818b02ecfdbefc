/// The online shopping festivals that drive deep online discounts.
enum DemoPromotion: Sendable {
    /// JD's 618 festival, June 1-18.
    case sixEighteen
    /// National Day Golden Week, October 1-7.
    case goldenWeek
    /// Singles' Day, November 1-11.
    case doubleEleven

    /// The promotion running on a window-relative day, if any.
    static func on(_ day: Int) -> DemoPromotion? {
        let date = DemoCalendar.civil(day)
        switch (date.month, date.day) {
        case (6, 1...18): return .sixEighteen
        case (10, 1...7): return .goldenWeek
        case (11, 1...11): return .doubleEleven
        default: return nil
        }
    }

    /// How much more online demand the festival brings on a given day (the last day peaks).
    func onlineBoost(on day: Int) -> Double {
        let date = DemoCalendar.civil(day)
        switch self {
        case .sixEighteen: return date.day == 18 ? 6 : 2.6
        case .goldenWeek: return 2.0
        case .doubleEleven: return date.day == 11 ? 8 : 3.0
        }
    }
}
