import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelDemo
import ChannelImport
import ChannelServer
import ChannelStore
import ChannelStoreSQLite
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging

/// A demo dataset in a temporary database with one account per role, served by a `QudaoServer` with a cheap
/// password hash (tests sign in often).
struct ServerFixture: Sendable {
    static let password = "correct horse battery staple"
    static let shared: Result<ServerFixture, any Error> = Result { try ServerFixture() }

    let folder: URL
    var databasePath: String { folder.appending(path: "server.sqlite").path }
    /// A partner with downstream partners, and one outside its tree.
    let ownPartner: String
    let foreignPartner: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qudao-server-\(UUID().uuidString)")
        let data = folder.appending(path: "data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        _ = try DemoDataset(lines: 3_000, seed: 11).write(to: data)
        let store = try SQLiteChannelStore(path: folder.appending(path: "server.sqlite").path)
        _ = try Importer(store: store).run(paths: [data.path])
        let hash = try PasswordHasher(cost: 4).hash(Self.password)
        // The tier-1 partner with the most downstream partners, and another tier-1 partner.
        let roots = try store.accountsFixturePartners()
        ownPartner = roots.own
        foreignPartner = roots.foreign
        for (id, role, partner) in [
            ("admin", UserRole.admin, nil), ("manager", .channelManager, nil), ("analyst", .analyst, nil),
            ("partner", .partnerUser, ownPartner), ("client", .apiClient, nil),
        ] as [(String, UserRole, String?)] {
            try store.createUser(
                User(id: UserID(id), displayName: id, role: role, partnerID: partner.map { PartnerID($0) }), passwordHash: hash,
                actor: "test", requestID: nil)
        }
    }

    /// Limits high enough that no test but the rate-limit test itself meets them (the matrix sends every route
    /// unauthenticated from one address, faster than a person would).
    static let testConfiguration = ServerConfiguration(
        callerLimit: .init(rate: 100_000, burst: 100_000), addressLimit: .init(rate: 100_000, burst: 100_000), secureCookies: false,
        alertCheckInterval: nil, webhooks: nil)

    /// A server on the fixture's database, or on `path` (a `copy()`, for tests that write).
    func server(configuration: ServerConfiguration = testConfiguration, path: String? = nil) throws -> QudaoServer {
        let store = try SQLiteChannelStore(path: path ?? databasePath)
        return QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: configuration,
            hasher: try PasswordHasher(cost: 4))
    }

    /// A fresh copy of the database, for tests that write.
    func copy() throws -> String {
        let path = folder.appending(path: "copy-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: databasePath, toPath: path)
        return path
    }
}

extension SQLiteChannelStore {
    /// Two tier-1 partners: the one with the most partners below it, and another.
    func accountsFixturePartners() throws -> (own: String, foreign: String) {
        let page = try records(.partners, RecordQuery(filters: ["tier": "1"], limit: 1000))
        let codes = page.records.compactMap { $0["partner_id"] }
        let children = try records(.partners, RecordQuery(filters: ["tier": "2"], limit: 1000)).records
        let counts = Dictionary(grouping: children.compactMap { $0["parent_id"] }, by: { $0 }).mapValues(\.count)
        let own = codes.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? ""
        return (own, codes.first { $0 != own } ?? "")
    }
}

/// Signs in through the API and keeps the session cookie and CSRF token for later requests.
struct Session {
    var cookie: String
    var csrf: String

    static func signIn(_ client: some TestClientProtocol, as user: String, password: String = ServerFixture.password) async throws
        -> Session?
    {
        let body = ByteBuffer(string: #"{"user_id": "\#(user)", "password": "\#(password)"}"#)
        return try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"], body: body) {
            response in
            guard response.status == .ok, let setCookie = response.headers[.setCookie] else { return nil }
            let cookie = String(setCookie.split(separator: ";")[0])
            let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            return Session(cookie: cookie, csrf: json?["csrf_token"] as? String ?? "")
        }
    }

    /// Creates a pending offline order `id` at `outlet` (an outlet record), ordered at `at`, through the API; returns the
    /// answer's status.
    func createOrder(_ client: some TestClientProtocol, id: String, outlet: Record, at: Instant) async throws -> HTTPResponse.Status {
        let order = ByteBuffer(
            string: """
                {"order_id": "\(id)", "partner_id": "\(outlet["partner_id"] ?? "")", "outlet_id": "\(outlet["outlet_id"] ?? "")",
                 "channel": "offline", "ordered_at": "\(at.iso8601)", "status": "pending"}
                """)
        return try await client.execute(uri: "/api/v1/orders", method: .post, headers: headers, body: order) { $0.status }
    }

    /// The number of orders the cube counts (its `orders` measure over all data), asked as this session.
    func orderCount(_ client: some TestClientProtocol) async throws -> Int {
        try await client.execute(
            uri: "/api/v1/cube", method: .post, headers: headers, body: ByteBuffer(string: #"{"measures": ["orders"]}"#)
        ) { response in
            guard response.status == .ok,
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
                let total = json["total"] as? [Any]
            else { return -1 }
            return (total.first as? String).flatMap { Int($0) } ?? -1
        }
    }

    var headers: HTTPFields {
        var fields: HTTPFields = [.cookie: cookie, .contentType: "application/json"]
        fields[HTTPField.Name("X-CSRF-Token")!] = csrf
        return fields
    }
}
