// The JSON shapes of contingency types: instants as ISO 8601 text, currencies as their code, and amounts as decimal
// text in major units (`"38.50"`), exactly as plans files write them. `Money`, `Instant` and `CurrencyCode` have
// synthesized `Codable` forms of their own (nested objects), which the API must not show.

extension KeyedDecodingContainer {
    /// An instant written as ISO 8601 text with a zone.
    func decodeInstant(forKey key: Key) throws -> Instant {
        let text = try decode(String.self, forKey: key)
        do { return try Instant(iso8601: text) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "`\(text)` \(error.reason)")
        }
    }

    /// An instant written as ISO 8601 text, or nil when the key is absent or null.
    func decodeInstantIfPresent(forKey key: Key) throws -> Instant? {
        guard try decodeIfPresent(String.self, forKey: key) != nil else { return nil }
        return try decodeInstant(forKey: key)
    }

    /// A currency written as its ISO 4217 code (`CNY`), or nil when the key is absent.
    func decodeCurrencyIfPresent(forKey key: Key) throws -> CurrencyCode? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        do { return try CurrencyCode(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "`\(text)` \(error.reason)")
        }
    }

    /// An amount in `currency` written as decimal text (`"38.50"`) or as a whole JSON number (`38`).
    ///
    /// Fractional JSON numbers are refused: decoders read them as binary floating point, which is not exact.
    func decodeMoney(forKey key: Key, currency: CurrencyCode) throws -> Money {
        let text: String
        if let written = try? decode(String.self, forKey: key) {
            text = written
        } else if let whole = try? decode(Int64.self, forKey: key) {
            text = String(whole)
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "write amounts as decimal text, e.g. \"38.50\"")
        }
        do { return try Money(parsing: text, currency: currency) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "`\(text)` \(error.reason)")
        }
    }

    /// An amount in `currency`, or nil when the key is absent or null.
    func decodeMoneyIfPresent(forKey key: Key, currency: CurrencyCode) throws -> Money? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeMoney(forKey: key, currency: currency)
    }
}

extension KeyedEncodingContainer {
    /// Writes an instant as ISO 8601 text, or null.
    mutating func encodeInstant(_ instant: Instant?, forKey key: Key) throws {
        try encode(instant?.iso8601, forKey: key)
    }

    /// Writes an amount as decimal text in major units (`"38.50"`); nothing when `money` is nil.
    mutating func encodeAmountIfPresent(_ money: Money?, forKey key: Key) throws {
        guard let money else { return }
        try encode(money.decimalText, forKey: key)
    }
}
