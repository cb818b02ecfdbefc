/// The UI's languages: Chinese first (the default), English second.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// The `lang` attribute of the page.
    public var htmlCode: String { self == .chinese ? "zh-CN" : "en" }

    /// Picks the text for this language.
    public func pick(_ chinese: String, _ english: String) -> String { self == .chinese ? chinese : english }

    /// `zh` / `en` (and `zh-CN`, `en-US` ...), else nil.
    public init?(code: String) {
        let lowered = code.lowercased()
        if lowered.hasPrefix("zh") { self = .chinese } else if lowered.hasPrefix("en") { self = .english } else { return nil }
    }
}
