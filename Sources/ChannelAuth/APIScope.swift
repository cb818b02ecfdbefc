/// What an API key may do. A key acts as its owner, so it never gets more than the owner's role and partner scope
/// allow: scopes only narrow that down. Stored space-separated with the key.
public enum APIScope: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Read records (partners, outlets, products, orders, shipments, stock, feedback, complaints) through the API.
    case read
    /// Create and change records through the API (orders, shipments, feedback, ...).
    case write
    /// Upload files for bulk import (CSV, JSON Lines) through the API.
    case `import`
    /// Run KPI and cube queries (the analytic engine) through the API.
    case kpi
    /// Administer: users, API keys and the audit trail. Includes every other scope.
    case admin

    public var description: String { rawValue }

    /// Whether a key with this scope may do what `needed` allows (`admin` includes every scope).
    public func includes(_ needed: APIScope) -> Bool { self == needed || self == .admin }

    /// Reads a scope name; the error lists the known ones.
    public init(parsing name: String) throws(CredentialError) {
        guard let scope = APIScope(rawValue: name) else {
            let known = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw CredentialError(.unknownScope, "unknown API scope '\(name)'; known scopes: \(known)")
        }
        self = scope
    }

    /// Reads scope names, dropping repeats and keeping the first-given order.
    public static func parseList(_ names: [String]) throws(CredentialError) -> [APIScope] {
        var scopes: [APIScope] = []
        for name in names {
            let scope = try APIScope(parsing: name)
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        return scopes
    }

    /// Whether any of `granted` includes `needed`.
    public static func allows(_ granted: some Sequence<APIScope>, _ needed: APIScope) -> Bool {
        granted.contains { $0.includes(needed) }
    }
}
