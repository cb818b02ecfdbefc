/// An enumeration stored and exchanged as a lower-case code (`distributor`, `delivered`, ...).
public protocol CodedValue: RawRepresentable, CaseIterable, Hashable, Sendable, Codable where RawValue == String {}

extension CodedValue {
    /// Parses a code, naming the accepted ones when it is unknown.
    public init(parsing text: String) throws(FieldError) {
        guard let value = Self(rawValue: text) else {
            let known = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError("is not one of: \(known)")
        }
        self = value
    }
}
