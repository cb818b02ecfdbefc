/// The replenishment decision explained in plain language, once in Chinese and once in English.
public struct ReplenishmentReason: Sendable, Equatable {
    /// Explanation for Chinese-speaking planners, e.g. "库存位置 120 低于再订货点 180（…），建议补货 200（按箱规 50 取整）".
    public let chinese: String
    /// The same explanation in English.
    public let english: String

    /// Creates a reason from its two texts.
    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }
}
