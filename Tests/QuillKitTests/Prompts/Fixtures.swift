import Foundation

/// Files under the package's `Fixtures/` folder, found from this file's path (no SwiftPM resources).
enum Fixtures {
    /// The package root: three folders above `Tests/QuillKitTests/Prompts/`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The bytes of `Fixtures/<relativePath>`.
    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relativePath))
    }
}
