import HummingbirdBcrypt

/// Hashes and verifies passwords with bcrypt (salted, deliberately slow, the cost adjustable as machines get faster).
///
/// Hashing at the default cost 12 takes a few hundred milliseconds of CPU: call it off the request executor in a
/// server. Tests use the lowest cost, 4.
public struct PasswordHasher: Sendable {
    /// The cost (log2 of the rounds) used unless another is given.
    public static let defaultCost = 12
    /// The costs bcrypt accepts.
    public static let acceptedCosts = 4...31
    /// bcrypt reads at most this many bytes of a password and ignores the rest.
    public static let maximumPasswordBytes = 72

    /// log2 of bcrypt's rounds.
    public let cost: Int

    /// A hasher at the default cost, 12.
    public init() { cost = Self.defaultCost }

    /// A hasher at another cost (4 for tests, more than 12 as hardware gets faster).
    public init(cost: Int) throws(CredentialError) {
        guard Self.acceptedCosts.contains(cost) else {
            throw CredentialError(.invalidCost, "bcrypt cost \(cost) is outside \(Self.acceptedCosts)")
        }
        self.cost = cost
    }

    /// The bcrypt hash (`$2b$12$...`, 60 characters, salt included) of a password.
    ///
    /// Refuses what bcrypt would silently weaken: a NUL character (the C code stops there) and more than 72 bytes (it
    /// ignores the rest). This is not the password policy: check `PasswordPolicy` first for a new password.
    public func hash(_ password: String) throws(CredentialError) -> String {
        if let problem = Self.bcryptProblem(password) { throw CredentialError(.weakPassword, "the password \(problem)") }
        return Bcrypt.hash(password, cost: UInt8(cost))
    }

    /// Whether `password` matches `hash`. With no hash (an unknown user, or one without a password) it still spends
    /// the time of a real check and answers false, so the response time does not tell whether the user exists.
    public func verify(_ password: String, against hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: dummyHash)
            return false
        }
        // No stored hash was made from such a password (see `hash`), but bcrypt would compare only its first part.
        guard Self.bcryptProblem(password) == nil else {
            _ = Bcrypt.verify("", hash: dummyHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// Whether a stored hash was made at a lower cost than this hasher's (rehash it at the next successful sign-in),
    /// or is not a bcrypt hash Qudao understands.
    public func needsRehash(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, let stored = Int(parts[2]) else { return true }
        return stored < cost
    }

    /// A well-formed hash at this cost that no password matches: bcrypt runs its full cost on it and compares.
    var dummyHash: String {
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$2b$\(costText)$" + String(repeating: ".", count: 53)
    }

    /// Why bcrypt cannot take `password` as it is; nil when it can.
    static func bcryptProblem(_ password: String) -> String? {
        if password.utf8.contains(0) { return "contains a NUL character" }
        let bytes = password.utf8.count
        if bytes > maximumPasswordBytes {
            return "is \(bytes) bytes long in UTF-8; bcrypt uses only the first \(maximumPasswordBytes), so use at most that"
        }
        return nil
    }
}
