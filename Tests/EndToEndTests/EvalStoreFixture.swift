import Foundation
import TestSupport
import Testing

/// A repository with one prompt edited over a few commits, Quill result files for it, and readings of
/// `refs/quill/evals` and `refs/notes/quill` through git itself, for tests that hammer `quill eval record`.
final class EvalStoreFixture {
    static let prompt = "prompts/support.prompt"

    let repository: TestRepository
    /// The commits that changed the prompt, oldest first.
    let commits: [String]

    /// A repository whose prompt has `count` versions, one commit each.
    init(commits count: Int) throws {
        repository = try TestRepository()
        var commits = [String]()
        for version in 1...count {
            try repository.write(EvalStoreFixture.prompt, "Answer {{question}} politely (v\(version)).\n")
            commits.append(try repository.commitAll("support prompt v\(version)"))
        }
        self.commits = commits
    }

    var path: String { repository.path }

    /// Writes a Quill results file with one evaluation per score (metric `score`, suite `suite`), each with
    /// `cases` per-case results, and returns its path.
    func writeResults(_ name: String, suite: String, scores: some Sequence<Int>, cases: Int = 0) throws -> String {
        let evaluations = scores.map { score -> [String: Any] in
            var evaluation: [String: Any] = ["prompt": EvalStoreFixture.prompt, "suite": suite, "metrics": ["score": score]]
            if cases > 0 {
                evaluation["cases"] = (0..<cases).map { ["id": "case-\($0)", "pass": ($0 + score) % 3 != 0, "output": "answer \(score)-\($0)"] }
            }
            return evaluation
        }
        let data = try JSONSerialization.data(withJSONObject: ["quill": 1, "evaluations": evaluations], options: [.sortedKeys])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quill-results-\(name)-\(UUID().uuidString).json").path
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Runs `quill eval record FILE --commit COMMIT --output json` and returns the ids it acknowledged
    /// (exit 0), or throws with its stderr.
    func record(_ file: String, at commit: String) throws -> [String] {
        try EvalStoreFixture.record(file, at: commit, in: path)
    }

    /// `record(_:at:)` in the repository at `path`, for concurrent workers.
    static func record(_ file: String, at commit: String, in path: String) throws -> [String] {
        let result = try QuillBinary.run(["eval", "record", file, "--commit", commit, "--output", "json"], in: path)
        guard result.status == 0 else {
            throw TestFailure("quill eval record exited \(result.status): \(result.stderr)")
        }
        return try EvalStoreFixture.acknowledgedIDs(in: result.stdout)
    }

    /// The record ids of a `quill eval record --output json` report.
    static func acknowledgedIDs(in report: String) throws -> [String] {
        let decoded = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
        let records = try #require(decoded?["records"] as? [[String: Any]])
        return records.compactMap { $0["id"] as? String }
    }

    /// The record ids in the tree of `refs/quill/evals`, as git lists them (`records/ab/cdef….json`).
    func storedRecordIDs() throws -> Set<String> {
        let names = try repository.git("ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "records")
        return Set(names.split(separator: "\n").map { $0.dropFirst("records/".count).replacingOccurrences(of: "/", with: "").replacingOccurrences(of: ".json", with: "") })
    }

    /// The number of index entries under `by-commit/` for `commit`, as git lists them.
    func indexedRecordCount(forCommit commit: String) throws -> Int {
        let folder = "by-commit/\(commit.prefix(2))/\(commit.dropFirst(2).prefix(2))/\(commit.dropFirst(4))/"
        return try repository.git("ls-tree", "--name-only", "refs/quill/evals", folder).split(separator: "\n").count
    }

    /// What `quill eval list --format json` lists: record id → "commit suite score".
    func listedRecords() throws -> [String: String] {
        let result = try QuillBinary.run(["eval", "list", "--format", "json"], in: path)
        guard result.status == 0 else { throw TestFailure("quill eval list exited \(result.status): \(result.stderr)") }
        let decoded = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let records = try #require(decoded?["records"] as? [[String: Any]])
        var listed = [String: String]()
        for record in records {
            let score = (record["metrics"] as? [String: Any])?["score"] as? Double ?? .nan
            listed[record["id"] as? String ?? ""] = "\(record["commit"] as? String ?? "") \(record["suite"] as? String ?? "") \(Int(score))"
        }
        return listed
    }

    /// The note `git notes --ref=quill show` prints for `commit`, split into its per-record parts.
    func noteParts(on commit: String) throws -> [String] {
        let note = try repository.git("notes", "--ref=quill", "show", commit)
        #expect(note.hasPrefix("quill: "), "\(note)")
        return note.dropFirst("quill: ".count).components(separatedBy: "; ")
    }

    /// The part of a note that describes the record with `suite` and `score`.
    static func notePart(suite: String, score: Int) -> String {
        "\(prompt) [\(suite)] score=\(score)"
    }

    /// Lock files anywhere in the git folder (`*.lock`), relative to it.
    func lockFiles() -> [String] {
        let gitFolder = path + "/.git"
        let all = FileManager.default.enumerator(atPath: gitFolder)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".lock") }.sorted()
    }

    /// Leaves the lock file of the reference `reference` (its path in the git folder) as a killed
    /// writer would: ten minutes old, so no live writer holds it. Returns its full path.
    func leaveStaleLock(_ reference: String) throws -> String {
        let lock = path + "/.git/" + reference + ".lock"
        try FileManager.default.createDirectory(atPath: (lock as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: lock, contents: Data("0000\n".utf8)))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: lock)
        return lock
    }

    /// Runs `git fsck --strict` and returns its report; fails the test unless git exits 0 with nothing
    /// but dangling objects to say.
    @discardableResult
    func fsck() throws -> ProcessResult {
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, ["fsck", "--strict", "--no-progress"], in: path, environment: TestEnvironment.variables())
        #expect(result.status == 0, "git fsck --strict: \(result.stdout) \(result.stderr)")
        let complaints = (result.stdout + result.stderr).split(separator: "\n").filter { !$0.hasPrefix("dangling ") }
        #expect(complaints.isEmpty, "git fsck --strict: \(complaints.joined(separator: "\n"))")
        return result
    }
}
