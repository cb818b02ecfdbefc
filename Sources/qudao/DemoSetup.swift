import ArgumentParser
import ChannelAuth
import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelStore
import Foundation

/// The demo dataset and the demo's sign-ins, shared by `qudao demo` and `qudao serve --demo`.
enum DemoSetup {
    /// Generates the demo dataset into a temporary folder and imports it (a new database is built out of sight and
    /// loaded directly, see `StorageOptions.withStoreForLoading`).
    /// - Returns: the import's report and the seconds the generation took.
    static func load(into storage: StorageOptions, lines: Int, seed: UInt64) throws -> (ImportReport, Double) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-demo-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = Date()
        FileHandle.standardError.write(Data("generating \(ProgressDisplay.grouped(lines)) order lines (seed \(seed))...\n".utf8))
        _ = try DemoDataset(lines: lines, seed: seed).write(to: folder)
        let generated = Date().timeIntervalSince(started)
        let terminal = ProgressDisplay()
        let report = try storage.withStoreForLoading { store in
            try Importer(store: store, options: ImportOptions(actor: "demo")).run(paths: [folder.path]) { terminal.show($0) }
        }
        terminal.clear()
        guard report.isCommitted else {
            print(ImportSummary(report: report).text)
            throw CommandFailure("the demo data did not import")
        }
        return (report, generated)
    }

    /// The demo's accounts: `admin` (admin) and `partner` (a partner user of the first distributor), each given a
    /// new random password at every start so that the printed sign-in always works. Only for `--demo`.
    static func accounts(in store: any AccountStore & RecordStore) throws -> [(id: UserID, role: UserRole, password: String)] {
        let hasher = PasswordHasher()
        let policy = PasswordPolicy()
        var partnerID: PartnerID?
        let distributors = try store.records(.partners, RecordQuery(filters: ["tier": "1"], limit: 1))
        if let code = distributors.records.first?.key.first { partnerID = try PartnerID(parsing: code) }
        var users = [User(id: UserID("admin"), displayName: "演示管理员 Demo admin", role: .admin, partnerID: nil)]
        if let partnerID {
            users.append(User(id: UserID("partner"), displayName: "演示伙伴 Demo partner", role: .partnerUser, partnerID: partnerID))
        }
        var result: [(UserID, UserRole, String)] = []
        for user in users {
            let password = policy.makeRandomPassword()
            let hash = try hasher.hash(password)
            if try store.account(user.id) == nil {
                _ = try store.createUser(user, passwordHash: hash, actor: "demo", requestID: nil)
            } else {
                try store.setPasswordHash(user.id, hash, actor: "demo", requestID: nil)
                try store.setActive(user.id, true, actor: "demo", requestID: nil)
            }
            result.append((user.id, user.role, password))
        }
        return result
    }
}
