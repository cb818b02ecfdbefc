import Testing

@testable import ChannelAuth

@Suite struct PasswordHasherTests {
    /// The lowest bcrypt cost keeps the tests fast; the algorithm is the same.
    let hasher: PasswordHasher

    init() throws { hasher = try PasswordHasher(cost: 4) }

    @Test func hashesAndVerifies() throws {
        let hash = try hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$2b$04$"))
        #expect(hash.count == 60)
        #expect(hasher.verify("correct horse battery staple", against: hash))
        #expect(!hasher.verify("correct horse battery stapler", against: hash))
        #expect(!hasher.verify("", against: hash))
    }

    @Test func saltsEveryHash() throws {
        let first = try hasher.hash("same password 123")
        let second = try hasher.hash("same password 123")
        #expect(first != second)
        #expect(hasher.verify("same password 123", against: first))
        #expect(hasher.verify("same password 123", against: second))
    }

    @Test func defaultCostIsTwelve() {
        #expect(PasswordHasher().cost == 12)
        #expect(PasswordHasher().needsRehash("$2b$04$" + String(repeating: ".", count: 53)))
        #expect(!PasswordHasher().needsRehash("$2b$12$" + String(repeating: ".", count: 53)))
        #expect(PasswordHasher().needsRehash("not a bcrypt hash"))
    }

    @Test(arguments: [0, 3, 32, 100])
    func refusesCostsBcryptCannotUse(cost: Int) {
        #expect(throws: CredentialError.self) { try PasswordHasher(cost: cost) }
    }

    @Test func missingHashIsFalseAfterRealWork() {
        #expect(!hasher.verify("anything at all", against: nil))
        #expect(hasher.dummyHash.count == 60)
        #expect(hasher.dummyHash.hasPrefix("$2b$04$"))
    }

    @Test func malformedStoredHashIsFalse() {
        #expect(!hasher.verify("anything at all", against: ""))
        #expect(!hasher.verify("anything at all", against: "$2b$04$short"))
    }

    /// bcrypt would compare only the first 72 bytes (or stop at a NUL): such passwords are never hashed, and never match.
    @Test func refusesWhatBcryptWouldTruncate() throws {
        let long = String(repeating: "Ab1", count: 24)  // 72 bytes: accepted
        let hash = try hasher.hash(long)
        #expect(hasher.verify(long, against: hash))
        #expect(!hasher.verify(long + "extra", against: hash))
        #expect(throws: CredentialError.self) { try hasher.hash(long + "x") }
        let error = #expect(throws: CredentialError.self) { try hasher.hash("abc\u{0}defghijklmn") }
        #expect(error?.code == .weakPassword)
        let prefix = try hasher.hash("abcdefghijkl")
        #expect(!hasher.verify("abcdefghijkl\u{0}tail", against: prefix))
    }
}

@Suite struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test(arguments: [
        ("short1A", "is 7 characters long; use at least 12"),
        ("", "is 0 characters long; use at least 12"),
        ("abcdefghijklmnop", "uses only lowercase letters"),
        ("ABCDEFGHIJKLMNOP", "uses only capital letters"),
        ("1234567890123", "uses only digits"),
        ("渠道管理系统密码很长很长", "uses only letters without case"),
        (" leading space 1", "starts or ends with a space"),
        ("tab\tinside password", "contains a control character"),
        (String(repeating: "a1", count: 37), "is 74 bytes long in UTF-8; bcrypt uses only the first 72"),
    ])
    func refusesWithReason(password: String, reason: String) {
        let error = #expect(throws: CredentialError.self) { try policy.check(password) }
        #expect(error?.code == .weakPassword)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "no error")")
        #expect(error?.message.contains(password) != true || password.isEmpty, "the refusal must not repeat the password")
    }

    @Test(arguments: ["correct horse battery", "Tr0ub4dor&3xyz", "渠道管理系统密码2025年", "abcdefghijk1", "ALL CAPS AND SPACES"])
    func accepts(password: String) throws {
        try policy.check(password)
        #expect(policy.refusal(of: password) == nil)
    }

    @Test func minimumIsConfigurable() {
        #expect(PasswordPolicy(minimumLength: 16).refusal(of: "abcdefghijk1") == "is 12 characters long; use at least 16")
    }

    @Test func randomPasswordsPassAndDiffer() {
        let passwords = (0..<50).map { _ in policy.makeRandomPassword() }
        #expect(Set(passwords).count == passwords.count)
        for password in passwords {
            #expect(password.count == 20)
            #expect(policy.refusal(of: password) == nil)
            #expect(password.contains(where: \.isLowercase) && password.contains(where: \.isUppercase))
            #expect(password.contains { $0.isNumber })
            #expect(!password.contains(where: { "0Oo1lI".contains($0) }))
        }
        #expect(policy.makeRandomPassword(length: 4).count == 12)
        #expect(policy.makeRandomPassword(length: 500).count == 72)
    }
}
