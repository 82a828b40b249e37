// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Quill",
    products: [
        .executable(name: "quill", targets: ["quill"]),
        .library(name: "QuillKit", targets: ["QuillKit"]),
        .library(name: "GitKit", targets: ["GitKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "CDeferredConnectionSetup", dependencies: ["CLibGit2"]),
        .target(name: "GitKit", dependencies: ["CLibGit2", "CDeferredConnectionSetup", "CLibDeflate", "CZstd"]),
        .target(
            name: "QuillKit",
            dependencies: [
                "GitKit", "Yams", .product(name: "Mustache", package: "swift-mustache"), "TOMLKit", "SwiftCSV", "ZIPFoundation",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "QuillCommands",
            dependencies: [
                "QuillKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(name: "quill", dependencies: ["QuillCommands"]),
        .target(name: "TestSupport", dependencies: ["GitKit", "QuillKit"]),
        .executableTarget(name: "AttributionBench", dependencies: ["QuillKit", "TestSupport"]),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(name: "QuillKitTests", dependencies: ["QuillKit", "GitKit", "TestSupport", "ZIPFoundation", "TOMLKit", "Yams"]),
        .testTarget(name: "QuillCommandsTests", dependencies: ["QuillCommands", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["quill", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
