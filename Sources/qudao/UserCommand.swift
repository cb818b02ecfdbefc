import ArgumentParser
import ChannelAuth
import ChannelCore
import ChannelStore
import Foundation

/// `qudao user`: creates accounts, lists them, disables and enables them, resets passwords.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage user accounts.",
        discussion: """
            Passwords are stored as bcrypt hashes and never printed, except a generated one, once. Every change is \
            recorded in the audit trail (entity users) under the actor cli:<$USER>, without any hash.
            """,
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    /// The audit actor of command-line changes: `cli:<login>`.
    static var actor: String { "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")" }

    /// Parses a user id given on the command line.
    static func userID(_ text: String) throws -> UserID {
        do { return try UserID(parsing: text) } catch { throw ValidationError("user id '\(text)' \(error.reason)") }
    }

    /// A new password: from standard input (one line) when asked, else generated. Returns it and whether it was
    /// generated (and must be shown once).
    static func newPassword(fromStandardInput: Bool) throws -> (password: String, isGenerated: Bool) {
        let policy = PasswordPolicy()
        guard fromStandardInput else { return (policy.makeRandomPassword(), true) }
        guard let line = readLine(strippingNewline: true) else {
            throw CommandFailure("--password-stdin: standard input is empty; pipe the password in, one line")
        }
        do {
            try policy.check(line)
        } catch {
            throw CommandFailure("--password-stdin: \(error.message)")
        }
        return (line, false)
    }

    /// Prints a generated password, the one time anybody sees it.
    static func showOnce(password: String, of id: UserID) {
        print("password: \(password)")
        print("This password is shown only this once: give it to \(id) now; it cannot be displayed again.")
    }
}

extension UserCommand {
    /// `qudao user add`: creates an account.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user account.",
            discussion: """
                ROLE is one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")). A partner_user needs \
                --partner, the code of an existing partner, and sees only that partner's data. Without \
                --password-stdin a strong password is generated and printed once.
                """)

        @OptionGroup var storage: StorageOptions

        @Option(name: .customLong("id"), help: ArgumentHelp("The user id (login), e.g. alice.", valueName: "id"))
        var id: String

        @Option(help: ArgumentHelp("The name shown for the user.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("The role: admin, channel_manager, analyst, partner_user or api_client.", valueName: "role"))
        var role: String

        @Option(help: ArgumentHelp("The partner code a partner_user belongs to.", valueName: "code"))
        var partner: String?

        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (one line).")
        var passwordFromStandardInput = false

        func validate() throws { _ = try user() }

        func run() throws {
            let user = try user()
            let (password, isGenerated) = try UserCommand.newPassword(fromStandardInput: passwordFromStandardInput)
            let hash = try PasswordHasher().hash(password)
            let store = try storage.openStore()
            let account = try store.createUser(user, passwordHash: hash, actor: UserCommand.actor, requestID: nil)
            let partner = account.partnerID.map { " of partner \($0)" } ?? ""
            print("created user \(account.userID) (\(account.role.rawValue)\(partner))")
            if isGenerated { UserCommand.showOnce(password: password, of: account.userID) }
        }

        private func user() throws -> User {
            let id = try UserCommand.userID(self.id)
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name is empty") }
            guard let role = UserRole(rawValue: role) else {
                let known = UserRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown role '\(role)'; roles: \(known)")
            }
            var partnerID: PartnerID?
            if let partner {
                do { partnerID = try PartnerID(parsing: partner) } catch {
                    throw ValidationError("--partner '\(partner)' \(error.reason)")
                }
            }
            let user = User(id: id, displayName: name, role: role, partnerID: partnerID)
            if role == .partnerUser, partnerID == nil {
                throw ValidationError("a partner_user needs --partner CODE, the partner whose data it may see")
            }
            if role != .partnerUser, partnerID != nil {
                throw ValidationError("--partner is only for the partner_user role")
            }
            if let issue = user.validate().first { throw ValidationError("\(issue)") }
            return user
        }
    }

    /// `qudao user list`: every account, without credentials.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List user accounts.")

        @OptionGroup var storage: StorageOptions

        func run() throws {
            let accounts = try storage.openExistingStore().accounts()
            var table = TextTable(header: ["user", "name", "role", "partner", "active", "password", "created"])
            for account in accounts {
                table.rows.append([
                    account.userID.rawValue, account.displayName, account.role.rawValue, account.partnerID?.rawValue ?? "",
                    account.isActive ? "yes" : "no", account.hasPassword ? "set" : "none", account.createdAt.iso8601,
                ])
            }
            print(table.text)
            print("\(accounts.count) user\(accounts.count == 1 ? "" : "s")")
        }
    }

    /// `qudao user disable`: the account can no longer sign in; its sessions end.
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user account (it cannot sign in; its sessions end and its API keys stop working).")

        @OptionGroup var storage: StorageOptions

        @Argument(help: ArgumentHelp("The user id.", valueName: "id"))
        var id: String

        func validate() throws { _ = try UserCommand.userID(id) }

        func run() throws { try UserCommand.setActive(try UserCommand.userID(id), false, storage: storage) }
    }

    /// `qudao user enable`: the account can sign in again.
    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user account.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: ArgumentHelp("The user id.", valueName: "id"))
        var id: String

        func validate() throws { _ = try UserCommand.userID(id) }

        func run() throws { try UserCommand.setActive(try UserCommand.userID(id), true, storage: storage) }
    }

    /// `qudao user reset-password`: sets a new password and ends the user's sessions.
    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password for a user (generated and printed once unless --password-stdin); ends its sessions.")

        @OptionGroup var storage: StorageOptions

        @Argument(help: ArgumentHelp("The user id.", valueName: "id"))
        var id: String

        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (one line).")
        var passwordFromStandardInput = false

        func validate() throws { _ = try UserCommand.userID(id) }

        func run() throws {
            let id = try UserCommand.userID(id)
            let store = try storage.openExistingStore()
            guard try store.account(id) != nil else { throw CommandFailure("there is no user \(id)") }
            let (password, isGenerated) = try UserCommand.newPassword(fromStandardInput: passwordFromStandardInput)
            try store.setPasswordHash(id, try PasswordHasher().hash(password), actor: UserCommand.actor, requestID: nil)
            print("set a new password for \(id); its sessions are ended")
            if isGenerated { UserCommand.showOnce(password: password, of: id) }
        }
    }

    static func setActive(_ id: UserID, _ active: Bool, storage: StorageOptions) throws {
        let store = try storage.openExistingStore()
        guard let account = try store.account(id) else { throw CommandFailure("there is no user \(id)") }
        guard account.isActive != active else {
            print("user \(id) is already \(active ? "enabled" : "disabled")")
            return
        }
        try store.setActive(id, active, actor: actor, requestID: nil)
        print(active ? "enabled user \(id)" : "disabled user \(id); its sessions are ended and its API keys refused")
    }
}
