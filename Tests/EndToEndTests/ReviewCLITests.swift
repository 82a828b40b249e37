import Foundation
import TestSupport
import Testing

/// `quill review`, run as the built binary: its exit statuses and formats.
@Suite("quill review command line")
struct ReviewCLITests {
    /// A pull request on `prompts/a.md` with accuracy recorded at the base and at the head.
    private func pullRequest(base: Double, head: Double) throws -> TestRepository {
        let (repository, baseCommit, headCommit) = try TestRepository.pullRequest(
            base: ["prompts/a.md": "Answer briefly.\n"], head: ["prompts/a.md": "Answer briefly.\nBe rude.\n"])
        try repository.record(#"{"accuracy": \#(base)}"#, prompt: "prompts/a.md", commit: baseCommit)
        try repository.record(#"{"accuracy": \#(head)}"#, prompt: "prompts/a.md", commit: headCommit)
        return repository
    }

    @Test("a regression exits 1 in every format, --no-gate exits 0 with the same report; no regression exits 0")
    func exitStatus() throws {
        let regressed = try pullRequest(base: 0.825, head: 0.625)
        for format in ["text", "markdown", "json", "html", "github"] {
            let result = try QuillBinary.run(["review", "main", "--format", format], in: regressed.path)
            #expect(result.status == 1, "\(format): \(result.stderr)")
            #expect(result.stderr.isEmpty)
            let ungated = try QuillBinary.run(["review", "main", "HEAD", "--format", format, "--no-gate"], in: regressed.path)
            #expect(ungated.status == 0 && ungated.stdout == result.stdout)
        }
        let github = try QuillBinary.run(["review", "main", "--format", "github"], in: regressed.path)
        #expect(github.stdout.hasPrefix("::error file=prompts/a.md,line=2,endLine=2,title=quill review%3A accuracy regressed::default accuracy: 0.825 → 0.625"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try QuillBinary.run(["review", "main", "--format", "json"], in: regressed.path).stdout.utf8)) as? [String: Any])
        #expect((json["gate"] as? [String: Any])?["failed"] as? Bool == true)
        #expect(Set(json.keys) == ["schema", "base", "head", "mergeBase", "policy", "rule", "prompts", "gate"])
        let passing = try pullRequest(base: 0.85, head: 0.84)
        let text = try QuillBinary.run(["review", "main"], in: passing.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("gate passed: no regression"))
    }

    @Test("bad input exits 2 with one line", arguments: [
        (["review", "no-such-branch"], "error: unknown revision 'no-such-branch'; expected a commit such as 'HEAD~1', a branch, a tag or a commit id\n"),
        (["review"], "error: no BASE given and 'origin/HEAD' is not set; name the branch the pull request merges into, as in 'quill review origin/main', or run 'git remote set-head origin --auto'\n"),
        (["review", "main", "--max-chars", "10"], "error: --max-chars must be at least 2000; see 'quill --help'\n"),
        (["review", "main", "--format", "pdf"], nil),
    ])
    func badInput(arguments: [String], message: String?) throws {
        let repository = try pullRequest(base: 0.8, head: 0.8)
        let result = try QuillBinary.run(arguments, in: repository.path)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        if let message { #expect(result.stderr == message) }
        #expect(result.stdout.isEmpty)
    }
}
