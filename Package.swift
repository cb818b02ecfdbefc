// swift-tools-version: 6.2
import Foundation
import PackageDescription

/// `QUDAO_STRICT=1` (set by .ci/run) turns every warning of Qudao's own targets into an error.
let strict = ProcessInfo.processInfo.environment["QUDAO_STRICT"] != nil

let swiftSettings: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ] + (strict ? [.treatAllWarnings(as: .error)] : [])

/// The bulk-import hot path (store writer, importer) runs without the runtime's dynamic exclusivity checks, which
/// cost about a tenth of its time (thread-local bookkeeping on every access to a class property). The compiler's
/// static exclusivity checking still applies, and every test runs with these modules built the same way.
let hotPathSettings = swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "qudao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qudao", targets: ["qudao"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Pure domain: typed IDs, money, business dates, entities and their validation, alert rules (read from
        // YAML/JSON text with Yams; no I/O).
        .target(name: "ChannelCore", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        // The persistence contract: store protocol, bulk-write session, errors, change feed.
        // It also defines what every backend shares: the stored columns, records' canonical text and the audit hash chain.
        .target(
            name: "ChannelStore", dependencies: ["ChannelCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The embedded SQLite backend (GRDB, WAL, named forward-only migrations).
        .target(
            name: "ChannelStoreSQLite",
            dependencies: [
                "ChannelStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: hotPathSettings
        ),
        // The PostgreSQL backend (PostgresNIO; the same migrations' meaning and behaviour as SQLite), for several
        // servers on one database.
        .target(
            name: "ChannelStorePostgres",
            dependencies: [
                "ChannelCore", "ChannelStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: hotPathSettings
        ),
        // For the store's tests: a throwaway PostgreSQL server (or QUDAO_TEST_POSTGRES_URL's) with a fresh database per
        // test, and a small complete dataset.
        .target(
            name: "ChannelStoreTestSupport",
            dependencies: ["ChannelCore", "ChannelStore", "ChannelStorePostgres"],
            swiftSettings: swiftSettings
        ),
        // The analytic engine: columnar in-memory facts following the store's change feed, KPI kernels, cube queries.
        .target(name: "ChannelAnalytics", dependencies: ["ChannelCore", "ChannelStore"], swiftSettings: hotPathSettings),
        // Bulk import: CSV/JSON Lines readers, encodings, column mappings, row validation.
        .target(
            name: "ChannelImport",
            dependencies: ["ChannelCore", "ChannelStore", .product(name: "Yams", package: "Yams")],
            swiftSettings: hotPathSettings
        ),
        // Credentials: password hashing (bcrypt), API keys and session tokens (random, stored as SHA-256).
        .target(
            name: "ChannelAuth",
            dependencies: [
                "ChannelCore", "ChannelStore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Webhooks: signing (HMAC-SHA256), the retry policy, and the dispatcher that sends the store's pending deliveries
        // over HTTP (AsyncHTTPClient; NIOCore and NIOHTTP1 for its request and response types).
        .target(
            name: "ChannelNotify",
            dependencies: [
                "ChannelCore", "ChannelStore", "ChannelAuth",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // A webhook receiver on 127.0.0.1 that checks every signature, for the tests of the dispatcher and the server.
        .target(
            name: "ChannelNotifyTestSupport",
            dependencies: [
                "ChannelNotify", "ChannelStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Server-rendered pages: view models (pure functions of plain values), Mustache templates, SVG charts, the
        // UI's texts in Chinese and English, its stylesheet, and CSV/XLSX exports. No HTTP here.
        .target(
            name: "ChannelWeb",
            dependencies: [
                "ChannelCore", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP server: REST API under /api/v1, OpenAPI document, sessions and API keys, roles and scoping.
        .target(
            name: "ChannelServer",
            dependencies: [
                "ChannelCore", "ChannelStore", "ChannelAnalytics", "ChannelImport", "ChannelAuth", "ChannelWeb", "ChannelNotify",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // Deterministic generator of a realistic demo dataset in the DATASET.md layout.
        .target(name: "ChannelDemo", swiftSettings: swiftSettings),
        .executableTarget(
            name: "qudao",
            dependencies: [
                "ChannelCore", "ChannelStore", "ChannelStoreSQLite", "ChannelStorePostgres", "ChannelImport", "ChannelDemo",
                "ChannelAnalytics", "ChannelAuth", "ChannelServer",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ChannelCoreTests", dependencies: ["ChannelCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ChannelStoreTests",
            dependencies: ["ChannelStore", "ChannelStoreSQLite", "ChannelStoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The store contract's tests, each run against SQLite and PostgreSQL.
        .testTarget(
            name: "ChannelStoreContractTests",
            dependencies: [
                "ChannelCore", "ChannelStore", "ChannelStoreSQLite", "ChannelStorePostgres", "ChannelStoreTestSupport", "ChannelImport",
                "ChannelDemo", .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelImportTests",
            dependencies: ["ChannelImport", "ChannelStoreSQLite", "ChannelDemo", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelAnalyticsTests",
            dependencies: ["ChannelAnalytics", "ChannelStoreSQLite", "ChannelImport", "ChannelDemo"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ChannelAuthTests", dependencies: ["ChannelAuth"], swiftSettings: swiftSettings),
        // Deliveries go to a Hummingbird receiver on 127.0.0.1 (a free port) that checks every signature.
        .testTarget(
            name: "ChannelNotifyTests",
            dependencies: [
                "ChannelNotify", "ChannelNotifyTestSupport", "ChannelStore", "ChannelStoreSQLite", "ChannelCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelWebTests",
            dependencies: ["ChannelWeb", "ChannelCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelServerTests",
            dependencies: [
                "ChannelServer", "ChannelStoreSQLite", "ChannelDemo", "ChannelImport", "ChannelAuth", "ChannelAnalytics",
                "ChannelNotify", "ChannelNotifyTestSupport", "ChannelStorePostgres", "ChannelStoreTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ChannelDemoTests", dependencies: ["ChannelDemo"], swiftSettings: swiftSettings),
        .testTarget(
            name: "QudaoTests",
            dependencies: [
                "qudao", "ChannelCore", "ChannelDemo", "ChannelStoreSQLite", "ChannelStore", "ChannelAuth", "ChannelImport",
                "ChannelStorePostgres", "ChannelStoreTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
