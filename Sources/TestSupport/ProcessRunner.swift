import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Standard output without its trailing newline.
    public var output: String { stdout.trimmingCharacters(in: .newlines) }
}

/// Runs programs for tests, with pipes for their output.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` in `directory` and waits for it.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String]? = nil, input: Data? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let outputFile = try TemporaryFile()
        let errorFile = try TemporaryFile()
        process.standardOutput = outputFile.handle
        process.standardError = errorFile.handle
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: try outputFile.contents(), stderr: try errorFile.contents())
    }
}

/// A file that collects a child's output (pipes can fill up and block a child that writes a lot).
private final class TemporaryFile {
    let url: URL
    let handle: FileHandle

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("quill-out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
    }

    func contents() throws -> String {
        try handle.close()
        defer { try? FileManager.default.removeItem(at: url) }
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }
}
