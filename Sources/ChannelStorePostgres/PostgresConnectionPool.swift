import ChannelStore
import Dispatch
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// A small blocking pool of PostgresNIO connections for the store's synchronous contract.
///
/// `withSession` takes an idle connection (opening one while fewer than `capacity` are open, else waiting for one to
/// come back), runs the body on the caller's thread and returns the connection. A connection that failed is closed
/// instead of returned. Queries wait on their `EventLoopFuture` from the caller's thread, never on an event loop
/// thread (NIO refuses that), so the store's callers must not call it from an event loop.
final class PostgresConnectionPool: Sendable {
    let location: PostgresLocation
    let logger: Logger
    private let capacity: DispatchSemaphore
    private let state = Mutex(State())
    private let eventLoopGroup: any EventLoopGroup
    /// The connections' TLS, set up once (reading the trusted authorities' file), or why it could not be.
    private let tls: Result<PostgresConnection.Configuration.TLS, StoreError>

    private struct State {
        var idle: [PostgresConnection] = []
        var nextID = 1
        var closed = false
    }

    init(location: PostgresLocation, capacity: Int, logger: Logger) {
        self.location = location
        self.logger = logger
        self.capacity = DispatchSemaphore(value: capacity)
        eventLoopGroup = MultiThreadedEventLoopGroup.singleton
        tls = Result { () throws(StoreError) in try Self.tls(for: location) }
    }

    /// Runs `body` with a connection of its own.
    func withSession<Result>(_ body: (PostgresSession) throws -> Result) throws -> Result {
        capacity.wait()
        defer { capacity.signal() }
        let session = try PostgresSession(connection: takeConnection(), logger: logger)
        do {
            let result = try body(session)
            giveBack(session)
            return result
        } catch {
            giveBack(session)
            throw error
        }
    }

    /// Closes every idle connection and refuses further sessions; connections in use close when they come back.
    func close() {
        let idle = state.withLock { state in
            state.closed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in idle { _ = try? connection.close().wait() }
    }

    deinit {
        // Never wait here: the last reference may go away on any thread.
        let idle = state.withLock { state in
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in idle { Self.closeInBackground(connection) }
    }

    /// Closes `connection` without waiting, keeping it alive until it is closed (PostgresNIO requires a connection to
    /// be closed before it goes away).
    private static func closeInBackground(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// A session on a connection of its own, outside the pool (not counted in its capacity, never shared), for state
    /// that lives as long as a connection does: a session-level advisory lock. Close it with `close(dedicated:)`.
    func dedicatedSession() throws -> PostgresSession {
        let id = try state.withLock { state in
            guard !state.closed else { throw StoreError(.unavailable, "the PostgreSQL store at \(location) is closed") }
            defer { state.nextID += 1 }
            return state.nextID
        }
        return PostgresSession(connection: try connect(id: id), logger: logger)
    }

    /// Closes a session of `dedicatedSession()`, without waiting.
    func close(dedicated session: PostgresSession) { Self.closeInBackground(session.connection) }

    private func takeConnection() throws -> PostgresConnection {
        let (reused, id): (PostgresConnection?, Int) = try state.withLock { state in
            guard !state.closed else { throw StoreError(.unavailable, "the PostgreSQL store at \(location) is closed") }
            if let connection = state.idle.popLast() { return (connection, 0) }
            defer { state.nextID += 1 }
            return (nil, state.nextID)
        }
        if let reused, !reused.isClosed { return reused }
        return try connect(id: id)
    }

    private func giveBack(_ session: PostgresSession) {
        let connection = session.connection
        guard session.isReusable, !connection.isClosed else {
            Self.closeInBackground(connection)
            return
        }
        let keep = state.withLock { state in
            guard !state.closed else { return false }
            state.idle.append(connection)
            return true
        }
        if !keep { _ = try? connection.close().wait() }
    }

    /// The connections' TLS, as the location's `sslmode` and `sslrootcert` ask (libpq's meanings); none over a unix
    /// socket.
    private static func tls(for location: PostgresLocation) throws(StoreError) -> PostgresConnection.Configuration.TLS {
        if case .unixSocket = location.endpoint { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.tlsMode {
        case .disable: return .disable
        case .prefer: configuration.certificateVerification = .none
        case .require: configuration.certificateVerification = location.rootCertificates == nil ? .none : .noHostnameVerification
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let path = location.rootCertificates { configuration.trustRoots = .file(path) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            let roots = location.rootCertificates.map { "the certificate authorities in \($0) (sslrootcert)" } ?? "the system's certificate authorities"
            throw StoreError(.unavailable, "cannot set up TLS to PostgreSQL at \(location) with \(roots): \(error)", underlying: error)
        }
        return location.tlsMode == .prefer ? .prefer(context) : .require(context)
    }

    private func connect(id: Int) throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: location.user, password: location.password, database: location.database,
                tls: try tls.get())
        case .unixSocket(let directory, let port):
            configuration = .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: location.user, password: location.password,
                database: location.database)
        }
        do {
            return try PostgresConnection.connect(
                on: eventLoopGroup.next(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw StoreError(
                .unavailable, "cannot connect to PostgreSQL at \(location): \(PostgresSession.describe(error))", underlying: error)
        }
    }
}
