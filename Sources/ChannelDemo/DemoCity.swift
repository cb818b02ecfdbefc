/// A prefecture-level city under one of the 31 provinces.
struct DemoCity: Sendable {
    /// Six-digit region code, e.g. `130300` (province prefix, city number, `00`).
    let code: Int
    /// Display name.
    let name: String
    /// Index of the province in ``DemoVocabulary/provinces``.
    let province: Int
}
