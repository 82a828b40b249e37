import Foundation
import TestSupport
import Testing

/// The built binary in a `git clone --bare` repository, as mirrors and CI caches hold them.
@Suite("quill in a bare repository")
struct BareRepositoryCLITests {
    @Test("commands that need no work tree answer; those that need one say so in one line, exit 3")
    func bareClone() throws {
        let (source, first) = try twoVersions()
        let bare = try TestRepository(cloning: source, options: ["--bare"])

        let log = try QuillBinary.run(["log", "prompts/a.md", "--format", "json"], in: bare.path)
        #expect(log.status == 0 && log.stderr.isEmpty, "\(log.stderr)")
        let decoded = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any]
        let versions = try #require(decoded?["versions"] as? [[String: Any]])
        #expect(versions.compactMap { $0["commit"] as? String } == (try bare.git("log", "--format=%H", "--", "prompts/a.md").split(separator: "\n").map(String.init)))
        for arguments in [["blame", "prompts/a.md"], ["show", "HEAD:prompts/a.md"], ["diff", first, "HEAD"], ["eval", "list", "prompts/a.md"], ["log"]] {
            let result = try QuillBinary.run(arguments, in: bare.path)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        }
        for (arguments, purpose) in [(["status"], "'quill status'"), (["diff"], "a diff against the work tree"), (["commit", "-m", "x"], "'quill commit'")] {
            let result = try QuillBinary.run(arguments, in: bare.path)
            #expect(result.status == 3)
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.contains("is a bare repository; \(purpose) needs a work tree"), "\(result.stderr)")
        }
    }

    /// Git takes a folder it finds to be a git directory as bare: inside `.git/`, or a mirror whose
    /// config file is missing (libgit2 gives either the parent folder as work tree).
    @Test("inside .git/ and in a git folder without a config file, paths are the tree's, as git takes them there")
    func gitFolders() throws {
        let (source, first) = try twoVersions()
        let mirror = try TestRepository(cloning: source, options: ["--bare"])
        try FileManager.default.removeItem(atPath: mirror.path + "/config")
        for folder in [source.path + "/.git", mirror.path] {
            let git = try ProcessRunner.run(
                TestEnvironment.gitPath, ["log", "--follow", "--format=%H", "--", "prompts/a.md"], in: folder,
                environment: TestEnvironment.variables(date: nil, extra: [:]))
            #expect(git.status == 0 && git.output.split(separator: "\n").count == 2, "\(folder): \(git.stderr)")
            let log = try QuillBinary.run(["log", "prompts/a.md", "--format", "json"], in: folder)
            #expect(log.status == 0, "\(folder): \(log.stderr)")
            let decoded = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any]
            let versions = try #require(decoded?["versions"] as? [[String: Any]], "\(folder)")
            #expect(versions.compactMap { $0["commit"] as? String } == git.output.split(separator: "\n").map(String.init), "\(folder)")
            let diff = try QuillBinary.run(["diff", first, "HEAD", "--", "prompts/a.md"], in: folder)
            #expect(diff.status == 0 && diff.stdout.contains("Cite {+two +}sources."), "\(folder): \(diff.stderr)")
            let status = try QuillBinary.run(["status"], in: folder)
            #expect(status.status == 3 && status.stderr.contains("needs a work tree"), "\(folder): \(status.stderr)")
        }
    }

    /// A repository where `prompts/a.md` has two versions, and the first commit.
    private func twoVersions() throws -> (TestRepository, String) {
        let source = try TestRepository()
        try source.write("prompts/a.md", "Answer briefly.\nCite sources.\n")
        let first = try source.commitAll("first")
        try source.write("prompts/a.md", "Answer briefly.\nCite two sources.\n")
        try source.commitAll("second")
        return (source, first)
    }
}
