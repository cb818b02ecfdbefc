/// The rules a new password must meet, each refusal saying why.
///
/// - at least 12 characters (length matters more than anything else);
/// - at most 72 bytes in UTF-8, because bcrypt ignores the rest;
/// - no control characters, and no space at either end (easily lost when the password is copied);
/// - not made of a single kind of character (only lowercase letters, only digits, ...).
public struct PasswordPolicy: Sendable {
    /// The fewest characters accepted.
    public var minimumLength: Int

    /// The policy with its standard minimum of 12 characters.
    public init(minimumLength: Int = 12) { self.minimumLength = minimumLength }

    /// Kinds of character; a password must use at least two.
    enum CharacterKind: CaseIterable {
        case lowercase, uppercase, digit, uncasedLetter, symbol

        init(_ character: Character) {
            if character.isLowercase {
                self = .lowercase
            } else if character.isUppercase {
                self = .uppercase
            } else if character.isNumber {
                self = .digit
            } else if character.isLetter {
                self = .uncasedLetter
            } else {
                self = .symbol
            }
        }

        var name: String {
            switch self {
            case .lowercase: "lowercase letters"
            case .uppercase: "capital letters"
            case .digit: "digits"
            case .uncasedLetter: "letters without case (such as Chinese characters)"
            case .symbol: "symbols and spaces"
            }
        }
    }

    /// Throws `.weakPassword` with the reason when `password` breaks a rule.
    public func check(_ password: String) throws(CredentialError) {
        if let reason = refusal(of: password) { throw CredentialError(.weakPassword, "the password \(reason)") }
    }

    /// Why `password` is refused ("is 8 characters long; use at least 12"), or nil when it is accepted.
    public func refusal(of password: String) -> String? {
        let length = password.count
        if length < minimumLength {
            return "is \(length) character\(length == 1 ? "" : "s") long; use at least \(minimumLength)"
        }
        if let problem = PasswordHasher.bcryptProblem(password) { return problem }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains a control character (a tab, a line break, ...)"
        }
        if let first = password.first, let last = password.last, first.isWhitespace || last.isWhitespace {
            return "starts or ends with a space, which is easily lost when it is copied"
        }
        let kinds = Set(password.map(CharacterKind.init))
        if kinds.count == 1, let kind = kinds.first {
            return "uses only \(kind.name); mix in another kind (capital letters, digits or symbols)"
        }
        return nil
    }

    /// A random password that this policy accepts, with lowercase and capital letters and digits, from an alphabet
    /// without look-alikes (no 0/O/o, 1/l/I), to be shown once to whoever will use it.
    public func makeRandomPassword(length: Int = 20) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let count = min(max(length, minimumLength, 12), PasswordHasher.maximumPasswordBytes)
        while true {
            let password = Randomness.string(count, from: alphabet)
            let kinds = Set(password.map(CharacterKind.init))
            // Almost every draw has all three kinds; the rare one that lacks one is drawn again.
            if kinds.isSuperset(of: [.lowercase, .uppercase, .digit]), refusal(of: password) == nil { return password }
        }
    }
}
