// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for Quill's parsers and importers (docs/security.md, "Fuzzing"). Build and run
// them with scripts/fuzz/run-all.sh; the build needs `-Xswiftc -sanitize=fuzzer,address`.

/// SwiftPM names a path dependency after its folder, so the main package's name is that of the
/// checkout this folder sits in.
let quill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "QuillFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .systemLibrary(name: "CFuzzer"),
        .executableTarget(
            name: "quill-fuzz",
            dependencies: [
                "CFuzzer",
                .product(name: "QuillKit", package: quill),
                .product(name: "GitKit", package: quill),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
