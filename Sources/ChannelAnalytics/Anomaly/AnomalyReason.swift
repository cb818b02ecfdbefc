/// Why something was flagged, in Chinese and in English: the baseline compared against and how far off it is.
public struct AnomalyReason: Sendable, Hashable {
    public let chinese: String
    public let english: String

    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }
}
