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
        ("postgres://a@b/c?sslmode=require", "sslmode"),
        ("postgres://a@b/c?timeout=3", "query parameter timeout"),
        ("postgres://a@b/c?host=relative", "host"),
    ])
    func badLocationsNameThePartThatIsWrong(_ text: String, _ part: String) {
        let error = #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation(parsing: text) }
        #expect(error?.part == part, "\(text): \(String(describing: error))")
    }
}
