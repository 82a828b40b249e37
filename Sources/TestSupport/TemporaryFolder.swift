import Foundation

/// An empty temporary folder, removed when the value goes away; git run inside it is isolated like `TestRepository`'s.
public final class TemporaryFolder {
    /// The folder's path (no trailing slash).
    public let path: String

    public init() throws {
        _ = TestEnvironment.home
        path = FileManager.default.temporaryDirectory.appendingPathComponent("quill-folder-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs git in the folder with the isolated environment; returns the whole result, failures included.
    @discardableResult
    public func git(_ arguments: String...) throws -> ProcessResult {
        try ProcessRunner.run(TestEnvironment.gitPath, arguments, in: path, environment: TestEnvironment.variables())
    }
}
