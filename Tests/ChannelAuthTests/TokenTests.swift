import Testing

@testable import ChannelAuth

@Suite struct APIKeySecretTests {
    @Test func generatedKeyHasTheDocumentedShape() throws {
        let key = APIKeySecret.generate()
        let presented = key.presented
        #expect(presented.hasPrefix("qk_"))
        #expect(presented.count == 3 + 12 + 1 + 64)
        #expect(APIKeySecret.isKeyID(key.keyID))
        #expect(presented.dropFirst(3).prefix(12) == Substring(key.keyID))
        #expect(presented[presented.index(presented.startIndex, offsetBy: 15)] == "_")
        #expect(presented.suffix(64).allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func keysAreRandom() {
        let keys = (0..<200).map { _ in APIKeySecret.generate() }
        #expect(Set(keys.map(\.keyID)).count == keys.count)
        #expect(Set(keys.map(\.presented)).count == keys.count)
        // Every base32 character turns up somewhere in 2,400 draws.
        #expect(Set(keys.flatMap(\.keyID)) == Set(APIKeySecret.keyIDAlphabet))
    }

    @Test func parsesWhatItPresents() throws {
        let key = APIKeySecret.generate()
        let parsed = try APIKeySecret(parsing: "  \(key.presented)\n")
        #expect(parsed.keyID == key.keyID)
        #expect(parsed.presented == key.presented)
        #expect(parsed.secretHash == key.secretHash)
    }

    @Test(arguments: [
        "", "qk_", "qk_abcdefghijkl", "xx_abcdefghijkl_" + String(repeating: "a", count: 64),
        "qk_abcdefghijk1_" + String(repeating: "a", count: 64),  // 1 is not base32
        "qk_ABCDEFGHIJKL_" + String(repeating: "a", count: 64),
        "qk_abcdefghijkl-" + String(repeating: "a", count: 64),
        "qk_abcdefghijkl_" + String(repeating: "g", count: 64),
        "qk_abcdefghijkl_" + String(repeating: "a", count: 63),
        "qk_abcdefghijkl_" + String(repeating: "a", count: 65),
        "qk_abcdefghijkl_" + String(repeating: "A", count: 64),
        "qk_abcdéfghijkl_" + String(repeating: "a", count: 63),
    ])
    func refusesMalformedKeys(text: String) {
        let error = #expect(throws: CredentialError.self) { try APIKeySecret(parsing: text) }
        #expect(error?.code == .malformedAPIKey)
    }

    @Test func storesSHA256OfTheSecret() throws {
        let key = APIKeySecret.generate()
        let expected = SHA256Hex.digest(of: key.secret)
        #expect(key.secretHash == expected)
        #expect(key.secretHash.count == 64)
        #expect(key.matches(secretHash: expected))
        #expect(!key.matches(secretHash: APIKeySecret.generate().secretHash))
        #expect(!key.matches(secretHash: ""))
        #expect(!key.presented.contains(key.secretHash))
    }

    @Test func printsRedacted() {
        let key = APIKeySecret.generate()
        #expect("\(key)" == "qk_\(key.keyID)_…")
        #expect(!String(describing: key).contains(key.secret))
        #expect(!String(reflecting: key).contains(key.secret))
    }

    /// SHA-256 of a known input, to pin the encoding (lowercase hex of the UTF-8 text).
    @Test func knownDigest() {
        #expect(SHA256Hex.digest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct SessionTokenTests {
    @Test func tokensAreRandomHexAndStoredHashed() throws {
        let tokens = (0..<100).map { _ in SessionToken.generate() }
        #expect(Set(tokens.map(\.value)).count == tokens.count)
        for token in tokens {
            #expect(token.value.count == 64)
            #expect(token.hash.count == 64)
            #expect(token.hash != token.value)
            #expect(try SessionToken(parsing: token.value).hash == token.hash)
        }
    }

    @Test(arguments: ["", "abc", String(repeating: "z", count: 64), String(repeating: "A", count: 64), String(repeating: "a", count: 65)])
    func refusesMalformedCookies(text: String) {
        let error = #expect(throws: CredentialError.self) { try SessionToken(parsing: text) }
        #expect(error?.code == .malformedSessionToken)
    }

    @Test func csrfTokensAreRandom() {
        let tokens = (0..<100).map { _ in SessionToken.makeCSRFToken() }
        #expect(Set(tokens).count == tokens.count)
        #expect(tokens.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func printsRedacted() {
        let token = SessionToken.generate()
        #expect(!"\(token)".contains(token.value))
    }
}

@Suite struct ConstantTimeTests {
    @Test func comparesWholeValues() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
        #expect(!ConstantTime.equals("", "a"))
        #expect(ConstantTime.equals("", ""))
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [0, 2, 3] as [UInt8]))
    }
}

@Suite struct RandomnessTests {
    @Test(arguments: [0, 1, 7, 8, 9, 32, 33])
    func producesTheRequestedCount(count: Int) {
        #expect(Randomness.bytes(count).count == count)
    }

    @Test func bytesCoverTheRange() {
        // 4,096 draws miss one of 256 values with probability about 256 * e^-16: never.
        #expect(Set(Randomness.bytes(4_096)).count == 256)
    }
}

@Suite struct APIScopeTests {
    @Test func namesAreStable() {
        #expect(APIScope.allCases.map(\.rawValue) == ["read", "write", "import", "kpi", "admin"])
    }

    @Test func parsesListsWithoutRepeats() throws {
        #expect(try APIScope.parseList(["read", "kpi", "read"]) == [.read, .kpi])
        let error = #expect(throws: CredentialError.self) { try APIScope.parseList(["read", "delete"]) }
        #expect(error?.code == .unknownScope)
        #expect(error?.message == "unknown API scope 'delete'; known scopes: read, write, import, kpi, admin")
    }

    @Test func adminIncludesEveryScope() {
        for scope in APIScope.allCases {
            #expect(APIScope.admin.includes(scope))
            #expect(scope.includes(scope))
        }
        #expect(!APIScope.read.includes(.write))
        #expect(!APIScope.write.includes(.read))
        #expect(APIScope.allows([.read, .kpi], .kpi))
        #expect(!APIScope.allows([.read, .kpi], .import))
        #expect(!APIScope.allows([], .read))
    }
}
