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

    /// Runs `quill` as `run(_:in:)` does, under GNU time, and returns its peak resident memory in
    /// kilobytes with the result (`/usr/bin/time`, package `time`, must be installed).
    public static func runMeasuringMemory(_ arguments: [String], in directory: String) throws -> (result: ProcessResult, peakKilobytes: Int) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("quill-time-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: report) }
        let result = try ProcessRunner.run(
            "/usr/bin/time", ["-f", "%M", "-o", report, path] + arguments, in: directory, environment: TestEnvironment.variables())
        let text = try String(contentsOfFile: report, encoding: .utf8)
        guard let peak = text.split(separator: "\n").last.flatMap({ Int($0) }) else {
            throw TestFailure("no peak memory in /usr/bin/time's report: \(text)")
        }
        return (result, peak)
    }
}
