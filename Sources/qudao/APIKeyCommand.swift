import ArgumentParser
import ChannelAuth
import ChannelCore
import ChannelStore
import Foundation

/// `qudao apikey`: creates, lists and revokes API keys.
struct APIKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Manage API keys.",
        discussion: """
            An API key (qk_<key id>_<secret>) acts as its owner, narrowed to its scopes: \
            \(APIScope.allCases.map(\.rawValue).joined(separator: ", ")). Its secret is printed once, at creation; the \
            store keeps only a SHA-256 of it. Creating and revoking keys is recorded in the audit trail (entity \
            api_keys) without the secret.
            """,
        subcommands: [Create.self, List.self, Revoke.self])
}

extension APIKeyCommand {
    /// `qudao apikey create`: a new key, printed once.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key for a user and print it once.")

        @OptionGroup var storage: StorageOptions

        @Option(help: ArgumentHelp("The user the key acts as.", valueName: "id"))
        var user: String

        @Option(help: ArgumentHelp("What the key is for, e.g. \"ERP nightly sync\".", valueName: "name"))
        var name: String

        @Option(
            name: .customLong("scope"),
            help: ArgumentHelp(
                "A scope to grant (repeat for several): \(APIScope.allCases.map(\.rawValue).joined(separator: ", ")).",
                valueName: "scope"))
        var scopes: [String] = []

        @Option(
            name: .customLong("expires-in-days"),
            help: ArgumentHelp("Days until the key stops working (1...3650); no expiry by default.", valueName: "days"))
        var expiresInDays: Int?

        func validate() throws {
            _ = try UserCommand.userID(user)
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name is empty") }
            _ = try parsedScopes()
            if let expiresInDays, !(1...3650).contains(expiresInDays) {
                throw ValidationError("--expires-in-days must be between 1 and 3650, not \(expiresInDays)")
            }
        }

        func run() throws {
            let owner = try UserCommand.userID(user)
            let store = try storage.openExistingStore()
            guard let account = try store.account(owner) else { throw CommandFailure("there is no user \(owner)") }
            let key = APIKeySecret.generate()
            let now = Instant(Date())
            let expiresAt = expiresInDays.map {
                Instant(millisecondsSinceEpoch: now.millisecondsSinceEpoch + Int64($0) * 86_400_000)
            }
            let record = APIKeyRecord(
                keyID: key.keyID, name: name, owner: owner, scopes: try parsedScopes().map(\.rawValue), createdAt: now,
                expiresAt: expiresAt)
            try store.createAPIKey(record, secretHash: key.secretHash, actor: UserCommand.actor, requestID: nil)
            let scopes = record.scopes.joined(separator: " ")
            let expiry = expiresAt.map { "expires \($0.iso8601)" } ?? "no expiry"
            print("created API key \(key.keyID) for \(owner) (\(account.role.rawValue)), scopes \(scopes), \(expiry)")
            if !account.isActive { print("note: user \(owner) is disabled; the key works only once it is enabled") }
            print("key: \(key.presented)")
            print("Store this key now: it will not be shown again.")
        }

        private func parsedScopes() throws -> [APIScope] {
            guard !scopes.isEmpty else {
                let known = APIScope.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("give at least one --scope: \(known)")
            }
            do { return try APIScope.parseList(scopes) } catch { throw ValidationError(error.message) }
        }
    }

    /// `qudao apikey list`: keys without their secrets.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (never their secrets).")

        @OptionGroup var storage: StorageOptions

        @Option(help: ArgumentHelp("Only the keys of this user.", valueName: "id"))
        var user: String?

        func validate() throws { if let user { _ = try UserCommand.userID(user) } }

        func run() throws {
            let store = try storage.openExistingStore()
            let owner = try user.map(UserCommand.userID)
            if let owner, try store.account(owner) == nil { throw CommandFailure("there is no user \(owner)") }
            let keys = try store.apiKeys(owner: owner)
            let now = Instant(Date())
            var table = TextTable(header: ["key id", "name", "user", "scopes", "status", "created", "expires", "last used"])
            for key in keys {
                let status =
                    if let revokedAt = key.revokedAt, revokedAt <= now {
                        "revoked"
                    } else if let expiresAt = key.expiresAt, expiresAt <= now {
                        "expired"
                    } else {
                        "active"
                    }
                table.rows.append([
                    key.keyID, key.name, key.owner.rawValue, key.scopes.joined(separator: " "), status, key.createdAt.iso8601,
                    key.expiresAt?.iso8601 ?? "never", key.lastUsedAt?.iso8601 ?? "never",
                ])
            }
            print(table.text)
            print("\(keys.count) key\(keys.count == 1 ? "" : "s")")
        }
    }

    /// `qudao apikey revoke`: the key stops working at once.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key; it stops working at once.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: ArgumentHelp("The key id (or the whole key).", valueName: "key-id"))
        var keyID: String

        func validate() throws { _ = try resolvedKeyID() }

        func run() throws {
            let keyID = try resolvedKeyID()
            let store = try storage.openExistingStore()
            try store.revokeAPIKey(keyID, at: Instant(Date()), actor: UserCommand.actor, requestID: nil)
            print("revoked API key \(keyID)")
        }

        /// The key id, also when the whole key was pasted (its secret is not echoed back).
        private func resolvedKeyID() throws -> String {
            if APIKeySecret.isKeyID(keyID) { return keyID }
            if let key = try? APIKeySecret(parsing: keyID) { return key.keyID }
            // Not echoed: it may be a mistyped secret.
            throw ValidationError("the argument is not an API key id (12 characters of a-z and 2-7) nor a whole key")
        }
    }
}
