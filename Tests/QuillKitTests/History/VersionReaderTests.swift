import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

/// `VersionReader`'s two-ended protocol on its own: a reader thread takes steps from the front while
/// the walk goes on, the caller takes them from the back once it is over, and every step must come
/// back exactly once, in the order added, whichever thread read it.
@Suite("version reader: the reader thread and the caller share the steps")
struct VersionReaderTests {
    /// A prompt edited in 200 commits (renamed halfway), and its log's steps as the walk hands them to `log`.
    private static func steps() throws -> (TestRepository, Workspace, [RenameFollowingWalk.Step]) {
        var stream = ""
        for number in 1...200 {
            let path = number <= 100 ? "prompts/a.md" : "prompts/renamed.md"
            let body = "You answer questions.\nRevision \(number).\n"
            stream += "commit refs/heads/main\ncommitter Q <q@example.com> \(1_700_000_000 + number * 60) +0000\n"
            stream += "data \("edit \(number)".utf8.count)\nedit \(number)\n"
            if number == 101 { stream += "D prompts/a.md\n" }
            stream += "M 100644 inline \(path)\ndata \(body.utf8.count)\n\(body)\n"
        }
        let repository = try TestRepository()
        try repository.importStream(stream)
        let workspace = try Workspace.open(from: repository.path)
        let steps = try RenameFollowingWalk(repository: workspace.repository).steps(from: try workspace.requireHead(), path: "prompts/renamed.md")
        return (repository, workspace, steps)
    }

    /// What one thread reading every step in order gives: each step's commit, path and blob.
    private static func expected(_ steps: [RenameFollowingWalk.Step], _ repository: Repository) throws -> [String] {
        try steps.map { step in
            let commit = try repository.commit(step.commit)
            return "\(step.commit.hex) \(commit.subject) \(step.path) \(step.previousPath ?? "-") \(step.blob?.id.hex ?? "-") \(step.change)"
        }
    }

    private static func described(_ reads: VersionReader.Reads) -> [String] {
        reads.versions.map { "\($0.commit) \($0.subject) \($0.path) \($0.previousPath ?? "-") \($0.blob ?? "-") \($0.change)" }
    }

    @Test("every step read once and in order, however the adds, the pauses and the caller's help interleave",
          arguments: [0, 1, 63, 64, 65, 150, Int.max])
    func interleavings(pauseAfter: Int) throws {
        let (repository, workspace, steps) = try Self.steps()
        defer { withExtendedLifetime(repository) {} }
        #expect(steps.count == 200, "a log long enough for several batches of 64, across a rename")
        let expected = try Self.expected(steps, workspace.repository)
        for round in 0..<5 {
            let reader = VersionReader(gitDirectory: workspace.repository.gitDirectoryPath, storeTree: nil)
            for (index, step) in steps.enumerated() {
                reader.add(step)
                // Give the reader time to take the front while the caller has not started.
                if index == pauseAfter { Thread.sleep(forTimeInterval: 0.002 * Double(round)) }
            }
            let reads = try reader.finish(helpingWith: workspace.repository)
            #expect(Self.described(reads) == expected, "pause after \(pauseAfter), round \(round)")
        }
    }

    @Test("a step that cannot be read fails finish, at the front (the reader's) or the back (the caller's), and never hangs",
          arguments: [true, false])
    func failure(atFront: Bool) throws {
        let (repository, workspace, steps) = try Self.steps()
        defer { withExtendedLifetime(repository) {} }
        let missing = RenameFollowingWalk.Step(
            commit: try #require(ObjectID(hex: String(repeating: "ab", count: 20))), path: "prompts/gone.md", previousPath: nil, blob: nil, change: .added,
            object: nil)
        let reader = VersionReader(gitDirectory: workspace.repository.gitDirectoryPath, storeTree: nil)
        for step in atFront ? [missing] + steps : steps + [missing] { reader.add(step) }
        #expect(throws: (any Error).self) { try reader.finish(helpingWith: workspace.repository) }
    }

    @Test("stop returns with steps still queued (the reader thread ends; a hang or a trap fails the run), and the repository reads on")
    func stop() throws {
        let (repository, workspace, steps) = try Self.steps()
        defer { withExtendedLifetime(repository) {} }
        let reader = VersionReader(gitDirectory: workspace.repository.gitDirectoryPath, storeTree: nil)
        steps.prefix(100).forEach(reader.add)
        reader.stop()
        let again = VersionReader(gitDirectory: workspace.repository.gitDirectoryPath, storeTree: nil)
        steps.forEach(again.add)
        #expect(Self.described(try again.finish(helpingWith: workspace.repository)) == (try Self.expected(steps, workspace.repository)))
    }
}
