import Foundation

/// The built `quill` executable, for end-to-end tests that run it as users do.
public enum QuillBinary {
    /// The executable's path: beside the test bundle in the build folder.
    public static let path: String = {
        let executableFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            executableFolder.appendingPathComponent("quill").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("quill").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/quill").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }()

    /// Runs `quill` with `arguments` in `directory`, in the isolated test environment.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String, extra: [String: String] = [:], date: Int? = nil) throws -> ProcessResult {
        try ProcessRunner.run(path, arguments, in: directory, environment: TestEnvironment.variables(date: date, extra: extra))
    }
}
