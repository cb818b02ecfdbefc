/// Who owns a plan step: a role (`planner`), resolved to a user when the plan starts, or one named user
/// (`user:li.wei`).
///
/// Written and encoded as one text: the role's code, or `user:` followed by the user's id.
public enum StepOwner: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Whoever holds the role when the plan starts.
    case role(OwnerRole)
    /// This user, whatever the roles.
    case user(UserID)

    /// The prefix that marks a named user: `user:li.wei`.
    public static let userPrefix = "user:"

    /// Parses `planner` (a role code) or `user:NAME`.
    ///
    /// - Throws: ``FieldError`` listing the roles when `text` is neither.
    public init(parsing text: String) throws(FieldError) {
        if text.hasPrefix(Self.userPrefix) {
            let name = String(text.dropFirst(Self.userPrefix.count))
            do {
                self = .user(try UserID(parsing: name))
            } catch {
                throw FieldError("names no user: the user id after `user:` \(error.reason)")
            }
            return
        }
        guard let role = OwnerRole(rawValue: text) else {
            let roles = OwnerRole.allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError("is not an owner; use a role (\(roles)) or user:NAME")
        }
        self = .role(role)
    }

    /// `planner` or `user:li.wei`.
    public var description: String {
        switch self {
        case .role(let role): role.rawValue
        case .user(let user): Self.userPrefix + user.rawValue
        }
    }

    /// Decodes the text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try StepOwner(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "`\(text)` \(error.reason)")
        }
    }

    /// Encodes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
