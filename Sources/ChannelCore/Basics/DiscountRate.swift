/// A discount as an exact fraction of the price in parts per million: 0.35 is 350,000. Always in 0 ..< 1.
public struct DiscountRate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Parts per million, 0 ..< 1,000,000.
    public let partsPerMillion: Int32

    /// The denominator of `partsPerMillion`.
    public static let scale: Int64 = 1_000_000
    public static let none = DiscountRate(validPartsPerMillion: 0)

    public init(partsPerMillion: Int32) throws(FieldError) {
        guard partsPerMillion >= 0, Int64(partsPerMillion) < Self.scale else {
            throw FieldError("must be at least 0 and less than 1")
        }
        self.partsPerMillion = partsPerMillion
    }

    init(validPartsPerMillion: Int32) { self.partsPerMillion = validPartsPerMillion }

    /// Parses a fraction such as `0.35` (at most 6 decimal places).
    public init(parsing text: String) throws(FieldError) {
        let value = try ExactDecimal(parsing: text)
        guard value.scale <= 6 else { throw FieldError("has more than 6 decimal places") }
        guard let ppm = value.scaled(to: 6), ppm >= 0, ppm < Self.scale else {
            throw FieldError("must be at least 0 and less than 1")
        }
        self.partsPerMillion = Int32(ppm)
    }

    public var description: String { ExactDecimal(units: Int64(partsPerMillion), scale: 6).description }
}
