public import ChannelCore

/// What an endpoint needs the caller to be allowed to do.
public enum Permission: String, Sendable, CaseIterable, Codable {
    /// Read records, the audit trail of what one may see, KPIs.
    case read
    /// Create, update and delete records, move orders through their lifecycle.
    case write
    /// Upload files for bulk import.
    case `import`
    /// KPI and cube queries.
    case kpi
    /// Accounts, API keys, the whole audit trail.
    case admin
    /// Figures across every partner (the benchmark KPIs, the audit trail): staff only, never a partner user.
    case allPartners = "all_partners"

    /// What each role may do. Partner users read and query KPIs within their own partner tree; analysts read.
    public static func granted(to role: UserRole) -> Set<Permission> {
        switch role {
        case .admin: [.read, .write, .import, .kpi, .admin, .allPartners]
        case .channelManager: [.read, .write, .import, .kpi, .allPartners]
        case .analyst: [.read, .kpi, .allPartners]
        case .partnerUser: [.read, .kpi]
        case .apiClient: [.read, .write, .import, .kpi, .allPartners]
        }
    }
}

/// The authenticated caller of a request.
public struct Principal: Sendable, Hashable {
    public enum Credential: Sendable, Hashable {
        /// A browser session; state-changing form posts must carry its CSRF token.
        case session(csrfToken: String)
        /// An API key (its public id).
        case apiKey(String)
    }

    public var userID: UserID
    public var displayName: String
    public var role: UserRole
    /// The partner a partner user is bound to.
    public var partnerID: PartnerID?
    public var credential: Credential
    /// What this caller may do: the role's permissions, narrowed by an API key's scopes.
    public var permissions: Set<Permission>

    public init(
        userID: UserID, displayName: String, role: UserRole, partnerID: PartnerID?, credential: Credential,
        keyScopes: Set<Permission>? = nil
    ) {
        self.userID = userID
        self.displayName = displayName
        self.role = role
        self.partnerID = partnerID
        self.credential = credential
        let granted = Permission.granted(to: role)
        permissions = keyScopes.map { granted.intersection($0) } ?? granted
    }

    /// Partner codes whose trees bound what this caller sees; nil for staff who see everything.
    public var partnerScope: [String]? {
        guard role == .partnerUser else { return nil }
        return [partnerID?.rawValue ?? ""]
    }

    /// The audit trail's actor for this caller.
    public var actor: String {
        switch credential {
        case .session: "user:\(userID.rawValue)"
        case .apiKey(let key): "apikey:\(key)"
        }
    }
}
