import Foundation
import GitKit

/// A throwaway repository in a temporary folder, driven through the real `git` command line.
///
/// Each test builds its own; commits get strictly increasing dates so history order is deterministic.
public final class TestRepository {
    /// The work tree's root folder (no trailing slash).
    public let path: String
    private var clock = 1_700_000_000

    /// Creates an empty repository (`git init -b main`).
    public init(bare: Bool = false) throws {
        _ = TestEnvironment.home
        path = FileManager.default.temporaryDirectory.appendingPathComponent("quill-repo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
    }

    /// Clones `source` over `file://` with git's `options` (`--depth 1`, `--bare`, `--filter=blob:none`…),
    /// as a CI system or a mirror would: the transport, not a local copy of the object folder.
    public init(cloning source: TestRepository, options: [String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("quill-clone-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(["clone", "-q"] + options + ["file://" + source.path, "."])
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs git in the repository, with `environment` added to the tests' own; throws with git's
    /// stderr when it fails.
    @discardableResult
    public func git(_ arguments: [String], input: String? = nil, date: Int? = nil, environment: [String: String] = [:]) throws -> String {
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, arguments, in: path,
            environment: TestEnvironment.variables(date: date ?? clock, extra: environment),
            input: input.map { Data($0.utf8) })
        guard result.status == 0 else {
            throw TestFailure("git \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.output
    }

    /// Variadic form of `git(_:)`.
    @discardableResult
    public func git(_ arguments: String...) throws -> String { try git(arguments) }

    /// Writes a file in the work tree, creating folders.
    public func write(_ relativePath: String, _ content: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    /// Reads a work-tree file.
    public func read(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(relativePath)), as: UTF8.self)
    }

    /// Deletes a work-tree file.
    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + relativePath)
    }

    /// Stages everything and commits with the next date; returns the new commit id.
    @discardableResult
    public func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        return try commit(message, "--allow-empty")
    }

    /// Commits what is staged (plus `extra` arguments) with the next date; returns the new commit id.
    @discardableResult
    public func commit(_ message: String, _ extra: String...) throws -> String {
        try tick()
        try git(["commit", "-q", "-m", message] + extra)
        return try git("rev-parse", "HEAD")
    }

    /// Advances the clock used for the next commit's date.
    public func tick(by seconds: Int = 60) throws {
        clock += seconds
    }

    /// The current commit date the next git call uses.
    public var now: Int { clock }

    /// Opens the repository through GitKit.
    public func open() throws -> Repository {
        try Repository.open(at: path)
    }

    /// Runs `git fsck --strict`; throws with its output unless it is clean.
    public func fsck() throws {
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, ["fsck", "--strict", "--no-progress"], in: path, environment: TestEnvironment.variables())
        guard result.status == 0, result.stderr.isEmpty || !result.stderr.contains("error") else {
            throw TestFailure("git fsck --strict failed: \(result.stdout) \(result.stderr)")
        }
    }
}

/// A failure in test setup, with the message that explains it.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
