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
    ],
    targets: [
        // Pure domain: typed IDs, money, business dates, entities and their validation.
        .target(name: "ChannelCore", swiftSettings: swiftSettings),
        // The persistence contract: store protocol, bulk-write session, errors, change feed.
        .target(name: "ChannelStore", dependencies: ["ChannelCore"], swiftSettings: swiftSettings),
        // The embedded SQLite backend (GRDB, WAL, named forward-only migrations).
        .target(
            name: "ChannelStoreSQLite",
            dependencies: [
                "ChannelStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: hotPathSettings
        ),
        // The analytic engine: columnar in-memory facts following the store's change feed, KPI kernels, cube queries.
        .target(name: "ChannelAnalytics", dependencies: ["ChannelCore", "ChannelStore"], swiftSettings: hotPathSettings),
        // Bulk import: CSV/JSON Lines readers, encodings, column mappings, row validation.
        .target(
            name: "ChannelImport",
            dependencies: ["ChannelCore", "ChannelStore", .product(name: "Yams", package: "Yams")],
            swiftSettings: hotPathSettings
        ),
        // Deterministic generator of a realistic demo dataset in the DATASET.md layout.
        .target(name: "ChannelDemo", swiftSettings: swiftSettings),
        .executableTarget(
            name: "qudao",
            dependencies: [
                "ChannelCore", "ChannelStore", "ChannelStoreSQLite", "ChannelImport", "ChannelDemo", "ChannelAnalytics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ChannelCoreTests", dependencies: ["ChannelCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ChannelStoreTests",
            dependencies: ["ChannelStore", "ChannelStoreSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelImportTests",
            dependencies: ["ChannelImport", "ChannelStoreSQLite", "ChannelDemo"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelAnalyticsTests",
            dependencies: ["ChannelAnalytics", "ChannelStoreSQLite", "ChannelImport", "ChannelDemo"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ChannelDemoTests", dependencies: ["ChannelDemo"], swiftSettings: swiftSettings),
        .testTarget(
            name: "QudaoTests",
            dependencies: ["qudao", "ChannelCore", "ChannelDemo", "ChannelStoreSQLite"],
            swiftSettings: swiftSettings
        ),
    ]
)
