/// Where a PostgreSQL database is: parsed from `postgres://user:pass@host:port/db` (or `postgresql://`), the form
/// `--db` takes.
///
/// User, password, host and database are percent-decoded; the port defaults to 5432. Query parameters, as libpq reads
/// them: `sslmode` (`TLSMode`; `prefer` when absent), `sslrootcert=/path` (the authorities to trust, PEM; the system's
/// when absent) and `host=/path` for a unix socket directory (a host of `%2Fpath` means the same; no TLS over a
/// socket). Its `description` never shows the password.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// Whether and how the connection is encrypted: libpq's `sslmode`, with its names and meanings.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, else plain; the certificate is not checked (libpq's default).
        case prefer
        /// TLS or no connection; the certificate is checked only when `sslrootcert` is given (then as `verify-ca`).
        case require
        /// TLS with a certificate signed by a trusted authority (`sslrootcert`, else the system's).
        case verifyCA = "verify-ca"
        /// `verify-ca`, and the certificate names the host (a DNS name, or the address for a host given as one).
        case verifyFull = "verify-full"
    }

    /// How to reach the server.
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The socket directory; the socket file is `<directory>/.s.PGSQL.<port>`, as libpq names it.
        case unixSocket(directory: String, port: Int)
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// The PEM file of the certificate authorities to trust (`sslrootcert`); nil: the system's.
    public var rootCertificates: String?

    public init(
        endpoint: Endpoint, user: String, password: String?, database: String, tlsMode: TLSMode = .prefer, rootCertificates: String? = nil
    ) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
        self.tlsMode = tlsMode
        self.rootCertificates = rootCertificates
    }

    /// Whether `text` is meant as a PostgreSQL location (rather than a SQLite file path).
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `postgres://user[:password]@host[:port]/database[?sslmode=verify-full&sslrootcert=/ca.pem&host=/socket/dir]`.
    /// - Throws: `PostgresLocation.ParseError` naming the part that is wrong.
    public init(parsing text: String) throws(ParseError) {
        let scheme: Substring
        if text.hasPrefix("postgres://") {
            scheme = "postgres://"
        } else if text.hasPrefix("postgresql://") {
            scheme = "postgresql://"
        } else {
            throw ParseError(part: "scheme", reason: "must start with postgres:// or postgresql://")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw ParseError(part: "database", reason: "is missing (write /name after the host)")
        }
        let authority = rest[..<slash]
        let databaseText = rest[rest.index(after: slash)...]
        database = try Self.decode(databaseText, part: "database")
        guard !database.isEmpty else { throw ParseError(part: "database", reason: "is empty") }
        guard !database.contains("/") else { throw ParseError(part: "database", reason: "contains '/'") }

        // The user info ends at the last '@' (a password may hold an encoded one, never a raw one, but be lenient).
        guard let at = authority.lastIndex(of: "@") else {
            throw ParseError(part: "user", reason: "is missing (write user@host)")
        }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]
        if let colon = userInfo.firstIndex(of: ":") {
            user = try Self.decode(userInfo[..<colon], part: "user")
            password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
        } else {
            user = try Self.decode(userInfo, part: "user")
            password = nil
        }
        guard !user.isEmpty else { throw ParseError(part: "user", reason: "is empty") }

        var hostText = hostPort
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            hostText = hostPort[..<colon]
            let portText = hostPort[hostPort.index(after: colon)...]
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw ParseError(part: "port", reason: "'\(portText)' is not a number from 1 to 65535")
            }
            port = number
        }
        if hostText.hasPrefix("["), hostText.hasSuffix("]") { hostText = hostText.dropFirst().dropLast() }
        var host = try Self.decode(hostText, part: "host")
        var socketDirectory: String?
        var tlsMode = TLSMode.prefer
        var rootCertificates: String?
        if host.hasPrefix("/") {
            socketDirectory = host
            host = ""
        }

        for parameter in query.split(separator: "&") where !parameter.isEmpty {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(pair[0], part: "query parameter")
            let value = pair.count > 1 ? try Self.decode(pair[1], part: "query parameter \(name)") : ""
            switch name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw ParseError(
                        part: "sslmode", reason: "'\(value)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tlsMode = mode
            case "sslrootcert":
                guard !value.isEmpty else { throw ParseError(part: "sslrootcert", reason: "is empty (write the path of a PEM file)") }
                rootCertificates = value
            case "host":
                guard value.hasPrefix("/") else {
                    throw ParseError(part: "host", reason: "the host parameter must be a socket directory (an absolute path)")
                }
                socketDirectory = value
            default:
                throw ParseError(part: "query parameter \(name)", reason: "is not one Qudao knows (sslmode, sslrootcert, host)")
            }
        }
        self.tlsMode = tlsMode
        self.rootCertificates = rootCertificates
        if let socketDirectory {
            endpoint = .unixSocket(directory: socketDirectory, port: port)
        } else {
            guard !host.isEmpty else { throw ParseError(part: "host", reason: "is empty") }
            endpoint = .tcp(host: host, port: port)
        }
    }

    /// The location with the password replaced by `***`, for logs and messages.
    public var redacted: String { spelled(password: password == nil ? nil : "***") }

    public var description: String { redacted }

    /// The same server with another database.
    public func withDatabase(_ name: String) -> PostgresLocation {
        var location = self
        location.database = name
        return location
    }

    /// The location with a password when the URL gives none, found where libpq looks, so that the password need not be
    /// on the command line, where other users of the machine can read it: `PGPASSWORD` in `environment`, else the first
    /// matching line of the password file (`PGPASSFILE`, else `~/.pgpass`; `PostgresPasswordFile`). A password file that
    /// is not used (others may read it) goes to `refused`, for a warning, as libpq warns.
    public func withPassword(
        from environment: [String: String], refused: (PostgresPasswordFile.Refusal) -> Void
    ) -> PostgresLocation {
        guard password == nil else { return self }
        var location = self
        if let given = environment["PGPASSWORD"], !given.isEmpty {
            location.password = given
            return location
        }
        do {
            location.password = try PostgresPasswordFile.load(from: environment)?.password(for: self)
        } catch {
            refused(error)
        }
        return location
    }

    /// A URL that parses back to this location (with the password), for handing to another process.
    public var url: String { spelled(password: password.map(Self.encode)) }

    /// The URL with the password as given (already encoded, or a mask).
    private func spelled(password shownPassword: String?) -> String {
        let credentials = Self.encode(user) + (shownPassword.map { ":" + $0 } ?? "")
        var query: [String] = []
        let authority: String
        switch endpoint {
        case .tcp(let host, let port):
            authority = (host.contains(":") ? "[\(host)]" : Self.encode(host)) + ":\(port)"
        case .unixSocket(let directory, let port):
            authority = ":\(port)"
            query.append("host=\(Self.encode(directory))")
        }
        if tlsMode != .prefer { query.append("sslmode=\(tlsMode.rawValue)") }
        if let rootCertificates { query.append("sslrootcert=\(Self.encode(rootCertificates))") }
        return "postgres://\(credentials)@\(authority)/\(Self.encode(database))" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// A part of a location that does not parse.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Which part: scheme, user, password, host, port, database, sslmode, a query parameter.
        public var part: String
        public var reason: String

        public var description: String { "PostgreSQL location: \(part) \(reason)" }
    }

    private static func decode(_ text: Substring, part: String) throws(ParseError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first < utf8.endIndex, utf8.index(after: first) < utf8.endIndex,
                    let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)])
                else {
                    throw ParseError(part: part, reason: "has a '%' that is not followed by two hex digits")
                }
                bytes.append(high << 4 | low)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ParseError(part: part, reason: "is not UTF-8 once percent-decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    private static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
