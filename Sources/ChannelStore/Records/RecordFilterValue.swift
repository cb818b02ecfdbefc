import ChannelCore

/// A filter value of `RecordQuery` as the stored column holds it, the same on every backend.
package enum RecordFilterValue {
    /// `value` as `column` stores it; nil for an empty value.
    /// - Parameter currencyDigits: the digits of the store's currency, in which money filters are written; asked only
    ///   for a money column.
    /// - Throws: `.invalid` naming the column when the value does not parse as that column's type.
    package static func stored(_ column: RecordColumn, _ value: String, currencyDigits: () throws -> Int) throws -> DBValue? {
        guard !value.isEmpty else { return nil }
        func invalid(_ reason: String) -> StoreError {
            StoreError(.invalid, "filter on \(column.name): '\(value)' \(reason)")
        }
        do {
            switch column.type {
            case .text, .reference: return .text(value)
            case .code(let codes):
                guard codes.contains(value) else { throw invalid("is not one of: \(codes.joined(separator: ", "))") }
                return .text(value)
            case .integer:
                guard let number = Int64(value) else { throw invalid("is not a whole number") }
                return .integer(number)
            case .money:
                let digits = try currencyDigits()
                let decimal = try ExactDecimal(parsing: value)
                guard decimal.scale <= digits, let units = decimal.scaled(to: digits) else {
                    throw invalid("has more than \(digits) decimal places")
                }
                return .integer(units)
            case .discount:
                return .integer(Int64(try DiscountRate(parsing: value).partsPerMillion))
            case .thousandths:
                let decimal = try ExactDecimal(parsing: value)
                guard decimal.scale <= 3, let units = decimal.scaled(to: 3) else { throw invalid("has more than 3 decimal places") }
                return .integer(units)
            case .instant:
                return .integer(try Instant(iso8601: value).millisecondsSinceEpoch)
            case .date:
                return .text(try CalendarDay(parsing: value).description)
            }
        } catch let error as FieldError {
            throw invalid(error.reason)
        }
    }
}
