// swift-tools-version: 6.1
import Foundation
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "escrow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "escrow", targets: ["escrow"]),
        .library(name: "EscrowCore", targets: ["EscrowCore"]),
        .library(name: "EscrowStore", targets: ["EscrowStore"]),
        .library(name: "EscrowUsers", targets: ["EscrowUsers"]),
        .library(name: "EscrowStoreSQLite", targets: ["EscrowStoreSQLite"]),
        .library(name: "EscrowStorePostgres", targets: ["EscrowStorePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    ],
    targets: [
        .target(
            name: "EscrowCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "EscrowStore",
            dependencies: [
                "EscrowCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcoming
        ),
        // The server's users, tokens and approvals: the `UserDirectory` protocol and the rules
        // every store of them shares, without a database.
        .target(
            name: "EscrowUsers",
            dependencies: ["EscrowCore"],
            swiftSettings: upcoming
        ),
        .target(
            name: "EscrowStoreSQLite",
            dependencies: [
                "EscrowCore",
                "EscrowStore",
                "EscrowUsers",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "EscrowStorePostgres",
            dependencies: [
                "EscrowCore",
                "EscrowStore",
                "EscrowUsers",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // ISO 20022 bank files: pain.001 out; camt.053, camt.054, camt.052 and pain.002 in.
        .target(
            name: "EscrowBank",
            dependencies: ["EscrowCore"],
            swiftSettings: upcoming
        ),
        .target(
            name: "EscrowServer",
            dependencies: [
                "EscrowCore",
                "EscrowBank",
                "EscrowStore",
                "EscrowUsers",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            // The OpenAPI document served at /openapi.json: this file is its only copy. The
            // agreement's text is what the web desk's clause citations link to.
            resources: [.copy("Resources/openapi.json"), .copy("Resources/escrow-agreement-2005.txt")],
            swiftSettings: upcoming
        ),
        .target(
            name: "EscrowCLI",
            dependencies: [
                "EscrowCore",
                "EscrowBank",
                "EscrowStore",
                "EscrowUsers",
                "EscrowStoreSQLite",
                "EscrowStorePostgres",
                "EscrowServer",
                "EscrowSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcoming
        ),
        // The deterministic simulation (`escrow simulate`): generated agreements driven through
        // the real service and SQLite store with crashes, clock jumps and duplicate deliveries.
        .target(
            name: "EscrowSimulation",
            dependencies: ["EscrowCore", "EscrowStore", "EscrowStoreSQLite"],
            swiftSettings: upcoming
        ),
        // Test support: fixed times, store factories, the PostgreSQL test server and the event
        // store conformance checks, shared by every test target.
        .target(
            name: "EscrowTesting",
            dependencies: [
                "EscrowCore",
                "EscrowStore",
                "EscrowStoreSQLite",
                "EscrowStorePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "escrow",
            dependencies: [
                "EscrowCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "EscrowBench",
            dependencies: [
                "EscrowCore",
                "EscrowStore",
                "EscrowStoreSQLite",
                "EscrowStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: upcoming
        ),
        // Reads and matches a camt.053 statement of 100,000 entries beside `xmllint --stream`
        // (scripts/bench-bank).
        .executableTarget(
            name: "EscrowBankBench",
            dependencies: ["EscrowCore", "EscrowBank"],
            swiftSettings: upcoming
        ),
        // A bare Hummingbird route: the ceiling for the server benchmark (scripts/bench-server).
        .executableTarget(
            name: "EscrowServerCeiling",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: upcoming
        ),
        // Appends events until it is killed; the crash test in EscrowStoreTests runs it as a
        // separate process (found beside the test bundle, not linked into it).
        .executableTarget(
            name: "EscrowStoreWriter",
            dependencies: ["EscrowStore", "EscrowStoreSQLite", "EscrowStorePostgres", "EscrowCore"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "EscrowCoreTests",
            dependencies: [
                "EscrowTesting",
                "EscrowCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Yams", package: "Yams"),
            ],
            // QuantLib's holiday tables, read from the source tree (scripts/calendar-reference).
            exclude: ["CalendarReference"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "EscrowStoreTests",
            dependencies: [
                "EscrowTesting",
                "EscrowCore",
                "EscrowStore",
                "EscrowUsers",
                "EscrowStoreSQLite",
                "EscrowStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "EscrowServerTests",
            dependencies: [
                "EscrowTesting",
                "EscrowBank",
                "EscrowServer",
                "EscrowCore",
                "EscrowStore",
                "EscrowUsers",
                "EscrowStoreSQLite",
                "EscrowStorePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "EscrowBankTests",
            dependencies: ["EscrowTesting", "EscrowBank", "EscrowCore", "EscrowStore"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "EscrowCLITests",
            dependencies: [
                "EscrowTesting",
                "EscrowCLI",
                "EscrowCore",
                "EscrowStore",
                "EscrowStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "EscrowSimulationTests",
            dependencies: ["EscrowSimulation", "EscrowCore", "EscrowStore"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer targets exist only for scripts/fuzz, which sets ESCROW_FUZZ=1 and builds them
// with the sanitizer flags in their own scratch path (.build-fuzz); the normal build never sees them.
if ProcessInfo.processInfo.environment["ESCROW_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(name: "EscrowFuzz", dependencies: ["EscrowCore", "EscrowStore"], swiftSettings: upcoming))
}
