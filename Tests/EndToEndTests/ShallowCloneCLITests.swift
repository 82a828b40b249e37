import Foundation
import TestSupport
import Testing

/// The built binary in a `git clone --depth 1` checkout, as CI systems make them.
@Suite("quill in a shallow clone")
struct ShallowCloneCLITests {
    @Test("log and blame answer as git does and warn once on stderr; A...B beyond the boundary is exit 2 naming the fetch")
    func depthOne() throws {
        let source = try TestRepository()
        try source.write("prompts/a.md", "Answer briefly.\nCite sources.\n")
        try source.commitAll("first")
        try source.write("prompts/a.md", "Answer briefly.\nCite two sources.\n")
        try source.commitAll("second")
        try source.git("branch", "side", "HEAD~1")
        let clone = try TestRepository(cloning: source, options: ["--depth", "1", "--no-single-branch"])
        let head = try clone.git("rev-parse", "HEAD")
        let warning = "warning: history ends at the shallow boundary \(head.prefix(7)); 'git fetch --unshallow' for more\n"

        let log = try QuillBinary.run(["log", "prompts/a.md", "--format", "json"], in: clone.path)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stderr == warning)
        let decoded = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any]
        let versions = try #require(decoded?["versions"] as? [[String: Any]])
        #expect(versions.compactMap { $0["commit"] as? String } == [try clone.git("log", "--follow", "--format=%H", "--", "prompts/a.md")])

        let blame = try QuillBinary.run(["blame", "prompts/a.md"], in: clone.path)
        #expect(blame.status == 0, "\(blame.stderr)")
        #expect(blame.stderr == warning)
        let gitBlame = try clone.git("blame", "prompts/a.md").split(separator: "\n")
        #expect(blame.stdout.split(separator: "\n").map { $0.prefix(8) } == gitBlame.map { $0.prefix(8) }, "boundary lines carry git's '^'")

        let diff = try QuillBinary.run(["diff", "origin/main...origin/side"], in: clone.path)
        #expect(diff.status == 2)
        #expect(diff.stderr.split(separator: "\n").count == 1)
        #expect(diff.stderr.contains("'git fetch --deepen=100' (or 'git fetch --unshallow')"), "\(diff.stderr)")
        #expect(try clone.git("status", "--porcelain").isEmpty)
    }
}
