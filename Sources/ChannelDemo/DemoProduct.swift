/// A SKU of the brand's catalogue.
struct DemoProduct: Sendable {
    /// 1-based number, written as `SKU00001`.
    let number: Int
    let name: String
    /// Index in ``DemoVocabulary/categories``.
    let category: Int
    /// List price in fen (cents), at least 100.
    let listCents: Int
    /// Unit cost in fen, `0 <= cost < list`.
    let costCents: Int
    /// Weight in grams, at least 1 (written in kg with 3 decimals).
    let weightGrams: Int
    /// Window-relative launch day.
    let launchDay: Int
}
