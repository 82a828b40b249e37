import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("Diff revisions")
struct DiffRevisionTests {
    /// main: c1 (a v1, b v1) → c2 (a v2); side (from c1): c3 (b v2); work tree: a v3, uncommitted.
    private func history() throws -> (DiffFixture, c1: String, c2: String, c3: String) {
        let fixture = try DiffFixture()
        let c1 = try fixture.commit("c1", ["prompts/a.md": "Hello {{name}}\n", "prompts/b.md": "Bye {{name}}\n", "README": "x\n"])
        try fixture.repository.git("branch", "side")
        let c2 = try fixture.commit("c2", ["prompts/a.md": "Hello there {{name}}\n"])
        try fixture.repository.git("checkout", "-q", "side")
        let c3 = try fixture.commit("c3", ["prompts/b.md": "Goodbye {{name}}\n"])
        try fixture.repository.git("checkout", "-q", "main")
        try fixture.repository.write("prompts/a.md", "Hello there, {{name}}!\n")
        try fixture.repository.write("README", "changed, not a prompt\n")
        return (fixture, c1, c2, c3)
    }

    private func paths(_ report: DiffReport) -> [String] { report.prompts.map(\.path) }

    @Test("no revision compares the work tree with HEAD")
    func workTreeAgainstHead() throws {
        let (fixture, _, c2, _) = try history()
        let report = try fixture.diff([])
        #expect(report.from == DiffReport.Side(label: "HEAD", commit: c2))
        #expect(report.to == DiffReport.Side(label: "work tree", commit: nil))
        #expect(paths(report) == ["prompts/a.md"])
        let blob = try fixture.repository.git(["hash-object", "prompts/a.md"])
        #expect(report.prompts.first?.toBlob == blob)
    }

    @Test("one revision compares the work tree with it")
    func workTreeAgainstRevision() throws {
        let (fixture, c1, _, _) = try history()
        let report = try fixture.diff(["HEAD~1"])
        #expect(report.from.commit == c1 && report.to.commit == nil)
        #expect(paths(report) == ["prompts/a.md"])
        #expect(report.prompts.first?.fromBlob == (try fixture.repository.git("rev-parse", "\(c1):prompts/a.md")))
    }

    @Test("two revisions and A..B compare A with B; the diff is the same either way")
    func twoRevisions() throws {
        let (fixture, c1, c2, _) = try history()
        let pair = try fixture.diff(["HEAD~1", "HEAD"])
        let range = try fixture.diff(["HEAD~1..HEAD"])
        #expect(pair.prompts == range.prompts)
        #expect(pair.from.commit == c1 && pair.to.commit == c2)
        #expect(paths(pair) == ["prompts/a.md"])
        #expect(try fixture.diff(["HEAD~1.."]).to.commit == c2)
    }

    @Test("A...B compares the merge base of A and B with B, as git diff A...B does")
    func mergeBase() throws {
        let (fixture, c1, _, c3) = try history()
        let report = try fixture.diff(["main...side"])
        #expect(report.from.commit == c1)
        #expect(report.to.commit == c3)
        #expect(paths(report) == ["prompts/b.md"])
        let git = try fixture.repository.git("diff", "--name-only", "main...side")
        #expect(git == "prompts/b.md")
        #expect(paths(try fixture.diff(["main..side"])) == ["prompts/a.md", "prompts/b.md"])
    }

    @Test("A...B of histories that share no commit is bad input, as git refuses it")
    func noMergeBase() throws {
        let (fixture, _, _, _) = try history()
        try fixture.repository.git("checkout", "-q", "--orphan", "unrelated")
        try fixture.repository.write("prompts/a.md", "Another start.\n")
        try fixture.repository.commitAll("unrelated root")
        // The premise, from the oracle: git refuses this range too.
        #expect(throws: (any Error).self) { try fixture.repository.git("diff", "main...unrelated") }
        let error = try #require(throws: QuillError.self) { try fixture.diff(["main...unrelated"]) }
        #expect(error.kind == .badInput)
        #expect(error.message == "'main' and 'unrelated' have no common ancestor; expected revisions that share history")
    }

    @Test("'-- PROMPT' limits the diff; a path named explicitly is diffed even outside the globs; a file needs no '--'")
    func limits() throws {
        let (fixture, _, _, _) = try history()
        #expect(paths(try fixture.diff(["main", "side"], paths: ["prompts/b.md"])) == ["prompts/b.md"])
        #expect(paths(try fixture.diff(["main", "side"], paths: ["prompts"])) == ["prompts/a.md", "prompts/b.md"])
        // Like git, a trailing argument that is no revision but a file is a path.
        #expect(paths(try fixture.diff(["HEAD~1", "prompts/a.md"])) == ["prompts/a.md"])
        #expect(try fixture.diff(["HEAD~1", "prompts/a.md"]).to.commit == nil)
        let readme = try fixture.diff([], paths: ["README"])
        #expect(paths(readme) == ["README"])
        #expect(readme.prompts.first?.structure?.messages.map(\.kind) == [.changed])
    }

    @Test("an unknown revision, a bad path or too many revisions is bad input naming it", arguments: [
        (["no-such-branch"], [String](), "unknown revision 'no-such-branch'"),
        (["HEAD", "nope"], [], "unknown revision 'nope'"),
        (["HEAD~1..HEAD", "HEAD"], [], "'HEAD~1..HEAD' is a range"),
        (["HEAD", "HEAD", "HEAD"], [], "too many revisions"),
        (["HEAD~1", "HEAD"], ["prompts/missing.md"], "path 'prompts/missing.md' is in neither 'HEAD~1' nor 'HEAD'"),
        ([], ["../outside.md"], "is outside the repository"),
    ])
    func badInput(revisions: [String], paths: [String], message: String) throws {
        let (fixture, _, _, _) = try history()
        let error = try #require(throws: QuillError.self) { try fixture.diff(revisions, paths: paths) }
        #expect(error.kind == .badInput)
        #expect(error.message.contains(message), "\(error.message)")
    }
}
