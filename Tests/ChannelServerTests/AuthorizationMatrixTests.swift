import ChannelAnalytics
import ChannelAuth
import ChannelCore
import ChannelServer
import ChannelStore
import ChannelStoreSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Every route x every role: anonymous callers get 401 wherever a caller is needed, a role without the route's
/// permission gets 403, and every other answer is about the request itself (never 401 or 403). Then every scoped
/// entity x partner user: records of the user's own tree are there, another partner's are not, by list and by id.
@Suite struct AuthorizationMatrixTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static let roles: [(user: String, role: UserRole)] = [
        ("admin", .admin), ("manager", .channelManager), ("analyst", .analyst), ("partner", .partnerUser), ("client", .apiClient),
    ]

    @Test func everyRouteAnswersEveryRoleAsItsAccessSays() async throws {
        let server = try fixture.server()
        let endpoints = server.endpoints().endpoints.filter { $0.path != "/api/v1/auth/logout" }
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            var sessions: [String: Session] = [:]
            for (user, _) in Self.roles {
                let session = try #require(try await Session.signIn(client, as: user))
                sessions[user] = session
            }
            for endpoint in endpoints {
                // Keys that exist nowhere: handlers answer 404/400, and nothing is changed.
                let path = endpoint.pathParameters.reduce(endpoint.path) { $0.replacingOccurrences(of: "{\($1)}", with: "MATRIX-NONE") }
                let body = endpoint.method == .get || endpoint.method == .delete ? nil : ByteBuffer(string: "{}")
                let endless = endpoint.responseMediaType == "text/event-stream"
                try await Self.execute(client, path, endpoint.method, [.contentType: "application/json"], body, endless: endless) {
                    response in
                    if endpoint.access == .anonymous {
                        #expect(response.status != .unauthorized, "\(endpoint.method) \(endpoint.path) anonymous")
                    } else {
                        #expect(response.status == .unauthorized, "\(endpoint.method) \(endpoint.path) anonymous: \(response.status)")
                    }
                }
                for (user, role) in Self.roles {
                    let session = try #require(sessions[user])
                    let allowed: Bool
                    switch endpoint.access {
                    case .anonymous, .authenticated: allowed = true
                    case .requires(let permission): allowed = Permission.granted(to: role).contains(permission)
                    }
                    try await Self.execute(client, path, endpoint.method, session.headers, body, endless: endless) { response in
                        if allowed {
                            #expect(
                                response.status != .unauthorized && response.status != .forbidden,
                                "\(endpoint.method) \(endpoint.path) as \(user): \(response.status)")
                        } else {
                            #expect(response.status == .forbidden, "\(endpoint.method) \(endpoint.path) as \(user): \(response.status)")
                        }
                    }
                }
            }
        }
    }

    /// Sends a request and checks its response. The router test client returns once the whole body is written, which
    /// for an endless stream (the alert events) is never: such a request is cut off after a moment, which ends the
    /// stream and leaves its status to check.
    static func execute(
        _ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, _ headers: HTTPFields, _ body: ByteBuffer?,
        endless: Bool, _ check: @escaping @Sendable (TestResponse) -> Void
    ) async throws {
        guard endless else { return try await client.execute(uri: uri, method: method, headers: headers, body: body) { check($0) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.execute(uri: uri, method: method, headers: headers, body: body) { check($0) } }
            group.addTask { try? await Task.sleep(for: .milliseconds(300)) }
            try await group.next()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    @Test(arguments: [EntityKind.partners, .outlets, .orders, .orderLines, .shipments, .feedback, .complaints])
    func aPartnerUserSeesTheirTreeAndNothingElse(kind: EntityKind) async throws {
        let store = try SQLiteChannelStore(path: fixture.databasePath)
        let own = try store.records(kind, RecordQuery(limit: 5, partnerScope: [fixture.ownPartner])).records
        let foreign = try store.records(kind, RecordQuery(limit: 5, partnerScope: [fixture.foreignPartner])).records
        let server = try fixture.server()
        let segment = kind.name.replacingOccurrences(of: "_", with: "-")
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let partner = try #require(try await Session.signIn(client, as: "partner"))
            var listed: Set<String> = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/\(segment)?limit=1000" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: partner.headers) { response in
                    #expect(response.status == .ok)
                    let page = (try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
                    for item in page["items"] as? [[String: Any]] ?? [] {
                        listed.insert(kind.keyColumns.map { "\(item[$0] ?? "")" }.joined(separator: "/"))
                    }
                    cursor = page["next_cursor"] as? String
                }
            } while cursor != nil
            for record in foreign {
                #expect(!listed.contains(record.key.joined(separator: "/")), "\(kind.name) \(record.key) of another partner is listed")
                try await client.execute(uri: "/api/v1/\(segment)/\(record.key.joined(separator: "/"))", method: .get, headers: partner.headers) {
                    response in
                    #expect(response.status == .notFound, "\(kind.name) \(record.key) of another partner is readable")
                }
            }
            for record in own {
                #expect(listed.contains(record.key.joined(separator: "/")), "own \(kind.name) \(record.key) is not listed")
                try await client.execute(uri: "/api/v1/\(segment)/\(record.key.joined(separator: "/"))", method: .get, headers: partner.headers) {
                    response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}
