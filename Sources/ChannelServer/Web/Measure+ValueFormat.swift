import ChannelAnalytics
import ChannelWeb

extension Measure {
    /// How the UI shows this measure's values: money in yuan, counts, rates as percentages, hours, ratings.
    var valueFormat: ValueFormat {
        switch self {
        case .netSales, .averageOrderValue: .money
        case .units, .orders, .complaints: .count
        case .returnRate, .onTimeRate, .activeOutletRate, .coverage, .stockOutRate: .rate
        case .cycleTimeMean, .cycleTimeP50, .cycleTimeP90, .complaintResponseHours, .complaintResolutionHours: .hours
        case .csat: .rating
        case .inventoryTurnoverDays, .weeksOfCover, .winWinIndex: .score
        }
    }

    /// The measure's name in the UI's language.
    func title(_ language: Language) -> String { language.pick(title.zh, title.en) }
}
