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
        #expect(bare.withPassword(from: ["PGPASSWORD": "s3cret"]).password == "s3cret")
        #expect(bare.withPassword(from: ["PGPASSWORD": ""]).password == nil)
        #expect(bare.withPassword(from: [:]).password == nil)
        let given = try PostgresLocation(parsing: "postgres://qudao:inurl@db/qudao")
        #expect(given.withPassword(from: ["PGPASSWORD": "s3cret"]).password == "inurl", "the URL's password wins")
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
