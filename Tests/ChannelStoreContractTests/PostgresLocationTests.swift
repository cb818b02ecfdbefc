import Foundation
import Testing

import ChannelStorePostgres

@Suite struct PostgresLocationTests {
    @Test func parsesEveryPart() throws {
        let location = try PostgresLocation(parsing: "postgres://qudao:p%40ss%3Aw%2Frd@db.example.com:6543/channel%20data?sslmode=disable")
        #expect(location.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(location.user == "qudao")
        #expect(location.password == "p@ss:w/rd")
        #expect(location.database == "channel data")
    }

    @Test func defaultsAndTheOtherScheme() throws {
        let location = try PostgresLocation(parsing: "postgresql://app@localhost/qudao")
        #expect(location.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(location.password == nil)
    }

    @Test func unixSockets() throws {
        let query = try PostgresLocation(parsing: "postgres://app@:5433/qudao?host=/var/run/postgresql")
        #expect(query.endpoint == .unixSocket(directory: "/var/run/postgresql", port: 5433))
        let encoded = try PostgresLocation(parsing: "postgres://app@%2Ftmp%2Fpg/qudao")
        #expect(encoded.endpoint == .unixSocket(directory: "/tmp/pg", port: 5432))
    }

    @Test func tlsModesAsLibpqNamesThem() throws {
        #expect(try PostgresLocation(parsing: "postgres://a@b/c").tlsMode == .prefer)
        for mode in PostgresLocation.TLSMode.allCases {
            let location = try PostgresLocation(parsing: "postgres://a:pw@db.example.com/c?sslmode=\(mode.rawValue)&sslrootcert=%2Fetc%2Fca.pem")
            #expect(location.tlsMode == mode && location.rootCertificates == "/etc/ca.pem")
            #expect(try PostgresLocation(parsing: location.url) == location)
            #expect(location.redacted.contains("sslrootcert=%2Fetc%2Fca.pem") && !location.redacted.contains("pw"))
            #expect(location.withDatabase("d").tlsMode == mode)
        }
        let socket = try PostgresLocation(parsing: "postgres://app@:5433/qudao?host=/run/pg&sslmode=disable")
        #expect(socket.url == "postgres://app@:5433/qudao?host=%2Frun%2Fpg&sslmode=disable")
        #expect(try PostgresLocation(parsing: "postgres://a@b/c").url == "postgres://a@b:5432/c", "the default mode is not written")
    }

    @Test func thePasswordCanComeFromPGPASSWORD() throws {
        let bare = try PostgresLocation(parsing: "postgres://qudao@db/qudao")
        let noRefusal: (PostgresPasswordFile.Refusal) -> Void = { Issue.record("refused: \($0)") }
        #expect(bare.withPassword(from: ["PGPASSWORD": "s3cret"], refused: noRefusal).password == "s3cret")
        #expect(bare.withPassword(from: ["PGPASSWORD": ""], refused: noRefusal).password == nil)
        #expect(bare.withPassword(from: [:], refused: noRefusal).password == nil)
        let given = try PostgresLocation(parsing: "postgres://qudao:inurl@db/qudao")
        #expect(given.withPassword(from: ["PGPASSWORD": "s3cret"], refused: noRefusal).password == "inurl", "the URL's password wins")
    }

    @Test func aPasswordFileLineMatchesAsLibpqMatchesIt() throws {
        let file = PostgresPasswordFile(
            text: """
                # host:port:database:user:password
                db.internal:5432:qudao:qudao:first\\:one
                db.internal:*:qudao:qudao:second
                *:*:*:reporter:pa:ss:word
                localhost:5433:*:*:from-a-socket\r
                h\\:x:\\*:*:*:escaped
                h\\:x:*:*:*:host-with-colon

                too:few:fields
                """)
        func password(_ url: String) throws -> String? { file.password(for: try PostgresLocation(parsing: url)) }
        #expect(try password("postgres://qudao@db.internal/qudao") == #"first:one"#, #"the first match wins; \: is a colon"#)
        #expect(try password("postgres://qudao@db.internal:6000/qudao") == "second", "* matches any port")
        #expect(try password("postgres://reporter@elsewhere/any") == "pa:ss:word", "the password is the rest of the line")
        #expect(try password("postgres://app@:5433/qudao?host=/run/pg") == "from-a-socket", "a socket is localhost; CR dropped")
        #expect(try password("postgres://app@localhost:5433/qudao") == "from-a-socket")
        #expect(try password("postgres://app@%2Frun%2Fpg:5432/qudao") == nil, "another port")
        #expect(try password("postgres://app@h%3Ax:5432/qudao") == "host-with-colon", #"\* is a star, not a wildcard"#)
        #expect(try password("postgres://other@db.internal/qudao") == nil, "no line names this user")
    }

    @Test func thePasswordFileIsReadWhenNeitherTheURLNorPGPASSWORDGiveOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = directory.path, named = directory.appendingPathComponent("named").path
        let pgpass = directory.appendingPathComponent(".pgpass").path
        try "db:*:qudao:qudao:from-home\n".write(toFile: pgpass, atomically: true, encoding: .utf8)
        try "db:*:qudao:qudao:from-named\n".write(toFile: named, atomically: true, encoding: .utf8)
        for path in [pgpass, named] { try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        let bare = try PostgresLocation(parsing: "postgres://qudao@db/qudao")
        var refusals: [PostgresPasswordFile.Refusal] = []
        let refused: (PostgresPasswordFile.Refusal) -> Void = { refusals.append($0) }

        #expect(bare.withPassword(from: ["HOME": home], refused: refused).password == "from-home")
        #expect(bare.withPassword(from: ["HOME": home, "PGPASSFILE": named], refused: refused).password == "from-named")
        #expect(bare.withPassword(from: ["HOME": home, "PGPASSWORD": "env"], refused: refused).password == "env", "PGPASSWORD first")
        #expect(bare.withPassword(from: ["PGPASSFILE": home + "/missing"], refused: refused).password == nil)
        #expect(refusals.isEmpty)

        // Like libpq, a file others may read is not used, and says why.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pgpass)
        #expect(bare.withPassword(from: ["HOME": home], refused: refused).password == nil)
        #expect(refusals.map(\.path) == [pgpass])
        #expect(refusals.map(\.description) == ["the password file \(pgpass) is not used: others than its owner may read or write it (mode 644); make it 0600"])
        #expect(bare.withPassword(from: ["PGPASSFILE": home], refused: refused).password == nil)
        #expect(refusals.last?.reason == "it is not a plain file")
    }

    @Test func theDescriptionHidesThePassword() throws {
        let location = try PostgresLocation(parsing: "postgres://qudao:topsecret@db:5432/qudao")
        #expect(location.redacted == "postgres://qudao:***@db:5432/qudao")
        #expect(!"\(location)".contains("topsecret"))
        #expect(try PostgresLocation(parsing: location.url) == location)
    }

    @Test(arguments: [
        ("mysql://a@b/c", "scheme"),
        ("postgres://a@b", "database"),
        ("postgres://a@b/", "database"),
        ("postgres://b/c", "user"),
        ("postgres://:pw@b/c", "user"),
        ("postgres://a@b:0/c", "port"),
        ("postgres://a@b:http/c", "port"),
        ("postgres://a@/c", "host"),
        ("postgres://a%zz@b/c", "user"),
        ("postgres://a@b/c?sslmode=allow", "sslmode"),
        ("postgres://a@b/c?sslrootcert=", "sslrootcert"),
        ("postgres://a@b/c?timeout=3", "query parameter timeout"),
        ("postgres://a@b/c?host=relative", "host"),
    ])
    func badLocationsNameThePartThatIsWrong(_ text: String, _ part: String) {
        let error = #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation(parsing: text) }
        #expect(error?.part == part, "\(text): \(String(describing: error))")
    }
}
