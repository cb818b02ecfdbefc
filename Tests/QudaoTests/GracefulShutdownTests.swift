import ChannelAuth
import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// SIGTERM while writes are arriving: the server stops taking new connections, finishes what it took, and every
/// write it acknowledged is in the database afterwards.
@Suite(.serialized) struct GracefulShutdownTests {
    @Test func sigtermDuringLoadLosesNoAcknowledgedWrite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qudao-sigterm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("serve.sqlite").path
        let store = try SQLiteChannelStore(path: database)
        try store.createUser(
            User(id: UserID("loader"), displayName: "loader", role: .channelManager, partnerID: nil), passwordHash: nil, actor: "test",
            requestID: nil)
        let key = APIKeySecret.generate()
        try store.createAPIKey(
            APIKeyRecord(keyID: key.keyID, name: "load", owner: UserID("loader"), scopes: ["write", "read"], createdAt: Instant(Date())),
            secretHash: key.secretHash, actor: "test", requestID: nil)

        let port = Int.random(in: 20_000...60_000)
        let server = Process()
        server.executableURL = try CrashTests.qudaoBinary()
        server.arguments = ["serve", "--db", database, "--port", String(port)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await Self.status(URLRequest(url: URL(string: "\(base)/health")!))) == 200
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(up, "the server did not answer /health")

        let acknowledged = Acknowledged()
        let writers = (0..<8).map { worker in
            Task {
                for n in 0..<10_000 {
                    let sku = "SKU-LOAD-\(worker)-\(n)"
                    var request = URLRequest(url: URL(string: "\(base)/api/v1/products")!)
                    request.httpMethod = "POST"
                    request.setValue("Bearer \(key.presented)", forHTTPHeaderField: "Authorization")
                    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                    request.httpBody = Data(
                        #"{"sku": "\#(sku)", "name": "load \#(n)", "category": "测试", "list_price": "9.90", "unit_cost": "4.00", "weight_kg": "0.200", "launched_on": "2026-01-01"}"#
                            .utf8)
                    guard let status = try? await Self.status(request) else { return }
                    if status == 201 { await acknowledged.add(sku) }
                }
            }
        }
        while await acknowledged.count < 40 { try await Task.sleep(for: .milliseconds(20)) }
        kill(server.processIdentifier, SIGTERM)
        for writer in writers { await writer.value }
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)

        let skus = await acknowledged.skus
        #expect(skus.count >= 40)
        let after = try SQLiteChannelStore(path: database)
        for sku in skus {
            #expect(try after.record(.products, key: [sku], partnerScope: nil) != nil, "acknowledged \(sku) is missing")
        }
        #expect(try after.integrityCheck() == ["ok"])
    }

    static func status(_ request: URLRequest) async throws -> Int {
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}

actor Acknowledged {
    private(set) var skus: [String] = []
    var count: Int { skus.count }
    func add(_ sku: String) { skus.append(sku) }
}
