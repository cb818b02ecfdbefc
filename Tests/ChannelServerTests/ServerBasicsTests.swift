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
import Synchronization
import Testing

@Suite struct ServerBasicsTests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    @Test func healthAndSecurityHeadersNeedNoCredentials() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["status"] as? String == "ok")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
        }
    }

    @Test func theAPIRefusesAnonymousCallersInTheOneErrorShape() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for uri in ["/api/v1/measures", "/api/v1/auth/me", "/api/v1/kpis/q1_monthly_sales"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    let error = try Self.json(response)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "unauthorized")
                    #expect((error?["message"] as? String)?.isEmpty == false)
                    #expect(error?["details"] is [Any])
                }
            }
            try await client.execute(uri: "/api/v1/measures", method: .get, headers: [.authorization: "Bearer nonsense"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func theDocumentDescribesEveryEndpointOnce() throws {
        let server = try fixture.server()
        let endpoints = server.endpoints().endpoints
        let document = try JSONSerialization.jsonObject(with: Data(server.openAPIDocument())) as? [String: Any]
        let paths = document?["paths"] as? [String: [String: Any]] ?? [:]
        var documented = 0
        for (path, operations) in paths { for method in operations.keys where method != "parameters" { documented += 1; _ = path } }
        #expect(documented == endpoints.count)
        for endpoint in endpoints {
            #expect(paths[endpoint.path]?[endpoint.method.rawValue.lowercased()] != nil, "\(endpoint.method) \(endpoint.path)")
        }
        #expect(Set(endpoints.map(\.operationID)).count == endpoints.count)
        #expect((document?["openapi"] as? String) == "3.1.0")
    }

    @Test func signInShowsWhoYouAreAndSignOutEndsIt() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let session = try #require(try await Session.signIn(client, as: "analyst"))
            try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: session.headers) { response in
                #expect(response.status == .ok)
                let me = try Self.json(response)
                #expect(me["role"] as? String == "analyst")
                #expect((me["permissions"] as? [String])?.contains("write") == false)
            }
            // A state-changing request from a session needs its CSRF token.
            var noToken = session.headers
            noToken[HTTPField.Name("X-CSRF-Token")!] = nil
            try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: noToken) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/auth/logout", method: .post, headers: session.headers) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: session.headers) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func theThrottleBlocksLongerAfterEveryFurtherFailureAndASuccessClearsIt() {
        let clock = Mutex(1_000.0)
        let throttle = LoginThrottle(allowed: 2, now: { clock.withLock { $0 } })
        throttle.failed("u@a")
        throttle.failed("u@a")
        #expect(throttle.wait("u@a") == nil)
        throttle.failed("u@a")
        #expect(throttle.wait("u@a") == 5)
        #expect(throttle.wait("v@a") == nil)
        clock.withLock { $0 += 5 }
        #expect(throttle.wait("u@a") == nil)
        throttle.failed("u@a")
        #expect(throttle.wait("u@a") == 10)
        throttle.succeeded("u@a")
        #expect(throttle.wait("u@a") == nil)
    }

    @Test func repeatedWrongPasswordsAreThrottled() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for _ in 0..<5 { #expect(try await Session.signIn(client, as: "manager", password: "wrong password!!") == nil) }
            let body = ByteBuffer(string: #"{"user_id": "manager", "password": "wrong password!!"}"#)
            try await client.execute(uri: "/api/v1/auth/login", method: .post, body: body) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/auth/login", method: .post, body: body) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[HTTPField.Name("Retry-After")!] != nil)
            }
        }
    }

    @Test func aPartnerUsersCubeStaysInsideTheirTree() async throws {
        let app = try fixture.server().application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let session = try #require(try await Session.signIn(client, as: "partner"))
            let body = ByteBuffer(string: #"{"measures": ["net_sales"], "dimensions": ["upstream"], "scope": ["\#(fixture.foreignPartner)"]}"#)
            try await client.execute(uri: "/api/v1/cube", method: .post, headers: session.headers, body: body) { response in
                #expect(response.status == .ok)
                let rows = try Self.json(response)["rows"] as? [[String: Any]] ?? []
                let codes = rows.compactMap { ($0["keys"] as? [[String: Any]])?.first?["code"] as? String }
                #expect(codes == [fixture.ownPartner])
            }
            try await client.execute(uri: "/api/v1/kpis/q7_partner_index", method: .get, headers: session.headers) { response in
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func anAPIKeyIsNarrowedByItsScopes() async throws {
        let path = try fixture.copy()
        let store = try SQLiteChannelStore(path: path)
        let key = APIKeySecret.generate()
        try store.createAPIKey(
            APIKeyRecord(keyID: key.keyID, name: "reporting", owner: UserID("client"), scopes: ["kpi"], createdAt: Instant(Date())),
            secretHash: key.secretHash, actor: "test", requestID: nil)
        let server = QudaoServer(
            store: store, engine: try AnalyticsEngine(store: store), configuration: .init(secureCookies: false),
            hasher: try PasswordHasher(cost: 4))
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(key.presented)"]
            try await client.execute(uri: "/api/v1/kpis/q4_active_outlets?as_of=2026-10-31T23:59:59Z", method: .get, headers: headers) {
                response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect((body["columns"] as? [String])?.first == "province")
            }
            try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: headers) { response in
                let body = try Self.json(response)
                #expect((body["permissions"] as? [String])?.sorted() == ["all_partners", "kpi"])
            }
        }
    }

    @Test func callersOverTheirRateAreToldWhenToComeBack() async throws {
        let configuration = ServerConfiguration(addressLimit: .init(rate: 0.001, burst: 3), secureCookies: false)
        let app = try fixture.server(configuration: configuration).application(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 {
                try await client.execute(uri: "/health", method: .get) { statuses.append($0.status) }
            }
            #expect(statuses.prefix(3).allSatisfy { $0 == .ok })
            #expect(statuses.last == .tooManyRequests)
        }
    }
}
