/// Rule violations raised by domain operations (as opposed to per-field validation issues).
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    case currencyMismatch(CurrencyCode, CurrencyCode)
    case overflow

    public var description: String {
        switch self {
        case .currencyMismatch(let a, let b): "cannot combine amounts in \(a) and \(b)"
        case .overflow: "amount is out of range"
        }
    }
}
