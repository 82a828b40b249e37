// swift-tools-version:6.0
import PackageDescription

// An application that loads a labelled prompt through Quill's library, depending on Quill by path.
let package = Package(
    name: "load-prompt",
    dependencies: [
        .package(name: "Quill", path: "../../.."),
    ],
    targets: [
        .executableTarget(name: "load-prompt", dependencies: [.product(name: "QuillKit", package: "Quill")]),
    ],
    swiftLanguageModes: [.v6]
)
