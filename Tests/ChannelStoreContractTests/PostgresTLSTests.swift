import ChannelStore
import Foundation
import ChannelStoreTestSupport
import Testing

@testable import ChannelStorePostgres

/// `sslmode` and `sslrootcert` as libpq means them, against a server of its own that serves TLS with a certificate
/// for 127.0.0.1 and localhost (and listens on 127.0.0.2 too, which the certificate does not name).
@Suite struct PostgresTLSTests {
    @Test func connectionsAreEncryptedAndCertificatesCheckedAsTheModeAsks() throws {
        let server = try TLSPostgres.start()
        defer { server.stop() }
        func encrypted(_ query: String, host: String = "127.0.0.1") throws -> Bool {
            try PostgresAdmin.isEncrypted(try server.location(host: host, query))
        }
        let ca = "sslrootcert=\(server.authority)"
        #expect(try encrypted("sslmode=disable") == false)
        #expect(try encrypted("") == true, "prefer (the default) takes TLS when the server offers it")
        #expect(try encrypted("sslmode=require") == true)
        #expect(try encrypted("sslmode=require", host: "127.0.0.2") == true, "require alone checks no certificate")
        #expect(try encrypted("sslmode=verify-ca&\(ca)") == true)
        #expect(try encrypted("sslmode=verify-ca&\(ca)", host: "127.0.0.2") == true, "verify-ca does not check the name")
        #expect(try encrypted("sslmode=verify-full&\(ca)") == true)
        #expect(try encrypted("sslmode=verify-full&\(ca)", host: "localhost") == true)

        // Refused: another server's name, an authority that did not sign it, the system's authorities (which do not
        // know the test's), a root file that is not there.
        for (query, host, why) in [
            ("sslmode=verify-full&\(ca)", "127.0.0.2", "a certificate that names another host"),
            ("sslmode=verify-ca&sslrootcert=\(server.otherAuthority)", "127.0.0.1", "a certificate another authority signed"),
            ("sslmode=require&sslrootcert=\(server.otherAuthority)", "127.0.0.1", "require with a root file checks the certificate"),
            ("sslmode=verify-full", "127.0.0.1", "an authority the system does not trust"),
        ] {
            let refused = #expect(throws: StoreError.self, "\(why)") { try encrypted(query, host: host) }
            #expect(refused?.code == .unavailable && refused?.message.contains("cannot connect to PostgreSQL") == true, "\(why): \(String(describing: refused))")
        }
        let missing = #expect(throws: StoreError.self) { try encrypted("sslmode=verify-full&sslrootcert=/nonexistent/ca.pem") }
        #expect(missing?.message.contains("/nonexistent/ca.pem (sslrootcert)") == true, "\(String(describing: missing))")
    }

    @Test func aRoleThatNeedsAPasswordSignsInWithThePasswordFiles() throws {
        let server = try TLSPostgres.start()
        defer { server.stop() }
        try PostgresAdmin.execute("CREATE ROLE keeper LOGIN PASSWORD 'kept:secret'", on: try server.location(""))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = "\(folder)/pgpass"
        try "127.0.0.1:\(server.port):*:keeper:kept\\:secret\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let keeper = try PostgresLocation(parsing: "postgres://keeper@127.0.0.1:\(server.port)/postgres")

        #expect(throws: StoreError.self, "without a password the server refuses") { try PostgresAdmin.isEncrypted(keeper) }
        let signedIn = keeper.withPassword(from: ["PGPASSFILE": file]) { Issue.record("refused: \($0)") }
        #expect(signedIn.password == "kept:secret")
        #expect(try PostgresAdmin.isEncrypted(signedIn), "signed in with the file's password (over TLS, as preferred)")
    }

    @Test func requireRefusesAServerWithoutTLSAndPreferDoesWithout() throws {
        let plain = try TemporaryPostgres.instance().server
        var prefer = plain
        prefer.tlsMode = .prefer
        // (Skipped when the tests' server is given by QUDAO_TEST_POSTGRES_URL and serves TLS.)
        guard try !PostgresAdmin.isEncrypted(prefer) else { return }
        var require = plain
        require.tlsMode = .require
        let refused = #expect(throws: StoreError.self) { try PostgresAdmin.isEncrypted(require) }
        #expect(refused?.message.contains("cannot connect to PostgreSQL") == true, "\(String(describing: refused))")
    }
}
