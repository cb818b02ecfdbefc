public import ChannelStorePostgres

/// A throwaway PostgreSQL 15 server of its own that serves TLS (`LocalServer.start(tls:)`), for the tests of
/// `sslmode`: its certificate names 127.0.0.1 and localhost, it listens on 127.0.0.1 and 127.0.0.2, and
/// `authority` is the PEM file of the certificate authority that signed it; `otherAuthority` signed nothing. The role
/// `keeper`, once created, signs in only with its password.
public struct TLSPostgres: Sendable {
    public let port: Int
    public let authority: String
    public let otherAuthority: String
    private let folder: String

    public static func start() throws -> TLSPostgres {
        let started = try LocalServer.start(tls: true)
        guard case .tcp(_, let port) = started.location.endpoint else { throw TemporaryPostgresError("the server has no TCP port") }
        return TLSPostgres(port: port, authority: "\(started.folder)/ca.crt", otherAuthority: "\(started.folder)/other-ca.crt", folder: started.folder)
    }

    /// The `postgres` database on `host` with these URL query parameters.
    public func location(host: String = "127.0.0.1", _ query: String) throws -> PostgresLocation {
        try PostgresLocation(parsing: "postgres://postgres@\(host):\(port)/postgres" + (query.isEmpty ? "" : "?\(query)"))
    }

    public func stop() { LocalServer.stop(folder: folder) }
}
