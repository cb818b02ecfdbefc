import ChannelServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Account administration through the API.
@Suite struct AdminAPITests {
    let fixture: ServerFixture

    init() throws { fixture = try ServerFixture.shared.get() }

    /// An admin who disables their own account is refused (409), and stays signed in and active.
    @Test func anAdminCannotDisableTheirOwnAccount() async throws {
        let server = try fixture.server()
        try await server.application(logger: Logger(label: "test")).test(.router) { client in
            let admin = try #require(try await Session.signIn(client, as: "admin"))
            try await client.execute(uri: "/api/v1/users/admin/disable", method: .post, headers: admin.headers) { response in
                #expect(response.status == .conflict)
                #expect(String(decoding: response.body.readableBytesView, as: UTF8.self).contains("your own account"))
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: admin.headers) { response in
                #expect(response.status == .ok)
                let accounts = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                let own = accounts?.first { $0["user_id"] as? String == "admin" }
                #expect(own?["is_active"] as? Bool == true)
            }
        }
    }
}
