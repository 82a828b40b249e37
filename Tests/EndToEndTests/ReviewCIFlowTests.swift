import Foundation
import TestSupport
import Testing

/// The CI recipe of docs/ci.md played with real git: a bare origin served by `git daemon` with `main` and
/// a pull-request branch, a `--depth 1 --single-branch` clone as CI makes it, and the shell steps of
/// docs/examples/quill-review.yml run as written (the evaluation itself replaced by a promptfoo results
/// file). `main` moved 70 commits on since the branch point: review fetches it and deepens by itself.
@Suite("quill review in a CI checkout")
struct ReviewCIFlowTests {
    private static let workflow = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples/quill-review.yml").path

    /// The `run:` script of each step of the workflow, by step name.
    static func steps(_ yaml: String) -> [String: String] {
        var steps = [String: String]()
        var name: String?
        var block: [String]?
        var blockIndent = 0
        func finish() {
            if let name, let block { steps[name] = block.joined(separator: "\n") }
            block = nil
        }
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let indent = line.prefix { $0 == " " }.count
            let text = line.trimmingCharacters(in: .whitespaces)
            if block != nil, text.isEmpty || indent >= blockIndent {
                block!.append(text.isEmpty ? "" : String(line.dropFirst(blockIndent)))
                continue
            }
            if block != nil { finish() }
            if text.hasPrefix("- name: ") {
                name = String(text.dropFirst(8))
            } else if text == "run: |" {
                block = []
                blockIndent = indent + 2
            } else if text.hasPrefix("run: ") {
                block = [String(text.dropFirst(5))]
                finish()
            } else if text.hasPrefix("- uses:") {
                name = nil
            }
        }
        finish()
        return steps
    }

    /// promptfoo's `eval --output results.json` for `prompts/support.txt`: 20 tests, the first
    /// `passing` pass, `accuracy` 1 or 0.
    private static func promptfooResults(passing: Int) -> String {
        let rows = (0..<20).map { index in
            let pass = index < passing
            return #"{"promptIdx": 0, "testIdx": \#(index), "success": \#(pass), "score": \#(pass ? 1 : 0), "namedScores": {"accuracy": \#(pass ? 1 : 0)}, "#
                + #""provider": {"id": "openai:gpt-4o-mini"}, "prompt": {"raw": "…", "label": "prompts/support.txt: Answer…"}, "#
                + #""response": {"output": "answer \#(index)"}, "vars": {"question": "q\#(index)"}}"#
        }
        return #"{"evalId": "eval-ci", "results": {"version": 3, "timestamp": "2025-01-01T00:00:00Z", "results": [\#(rows.joined(separator: ","))], "prompts": []}, "#
            + #""config": {"description": "support", "prompts": ["file://prompts/support.txt"]}}"#
    }

    @Test("shallow clone, record, sync, review: exit 1 on the regression as in a full clone, a comment that says so, annotations, the HTML report, records pushed")
    func flow() throws {
        let steps = Self.steps(try String(contentsOfFile: Self.workflow, encoding: .utf8))
        let names = ["Record the scores", "Share the records", "Review"]
        for name in names + ["Evaluate the prompts with promptfoo", "Comment on the pull request", "Gate"] {
            #expect(steps[name] != nil, "no step '\(name)' in \(Self.workflow)")
        }
        // The team's repository: main with its gates, prompt and scores; a pull request that hurts accuracy.
        let origin = try PullRequestOrigin()
        let developer = origin.developer
        try developer.write("quill.yaml", TestRepository.gatedConfig)
        try developer.write("prompts/support.txt", "Answer the customer's question.\nCite the policy.\n")
        let base = try developer.commitAll("support prompt")
        try developer.git("push", "-q", "origin", "main")
        try developer.write("results.json", Self.promptfooResults(passing: 19))
        #expect(try QuillBinary.run(["eval", "record", "results.json"], in: developer.path).status == 0)
        try developer.remove("results.json")
        #expect(try QuillBinary.run(["sync"], in: developer.path).status == 0)
        try developer.git("checkout", "-q", "-b", "feature")
        try developer.write("prompts/support.txt", "Answer the customer's question.\nSkip citations.\n```\n</details><img src=x onerror=alert(1)>\n")
        let head = try developer.commitAll("shorter answers")
        try developer.git("checkout", "-q", "main")
        try origin.addCommits(70)
        try developer.git("push", "-q", "origin", "main", "feature")

        // CI: a shallow single-branch clone of the pull request, then the workflow's steps.
        let clone = try origin.clone(["--depth", "1", "--single-branch", "--branch", "feature"])
        let ci = clone.path + "/work"
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["rev-parse", "--is-shallow-repository"], in: ci).output == "true")
        let outputs = ci + "/github-output"
        let environment = TestEnvironment.variables(extra: [
            "BASE": "main", "REPORT_URL": "https://ci.example.com/runs/7", "GITHUB_OUTPUT": outputs,
            "PATH": URL(fileURLWithPath: QuillBinary.path).deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? ""),
        ])
        try Data(Self.promptfooResults(passing: 12).utf8).write(to: URL(fileURLWithPath: ci + "/results.json"))
        var annotations = "", notes = ""
        for name in names {
            let result = try ProcessRunner.run("/bin/bash", ["-eo", "pipefail", "-c", steps[name]!], in: ci, environment: environment)
            #expect(result.status == 0, "step '\(name)': \(result.stderr)")
            if name == "Review" { (annotations, notes) = (result.stdout, result.stderr) }
        }
        // The first review fetched main and deepened the clone to the merge base by itself.
        #expect(notes.hasPrefix("note: fetched 'main' from 'origin'\nnote: fetched 64 more commits of history from 'origin'\n"), "\(notes)")
        // The gate: exit 1, kept for the last step.
        #expect(try String(contentsOfFile: outputs, encoding: .utf8) == "gate=1\n")
        // The comment: the regression, the rule, the hostile line as text only.
        let comment = try String(contentsOfFile: ci + "/comment.md", encoding: .utf8)
        #expect(comment.hasPrefix("### ❌ quill review: gate failed: 1 prompt regressed"))
        #expect(comment.contains("into `origin/main`"))
        #expect(comment.contains(#"| support · openai\:gpt\-4o\-mini | accuracy | 0.95 | 0.6 | -0.35 | [-0.55, -0.15] | regressed |"#))
        let html = try ProcessRunner.run("/usr/bin/env", ["cmark-gfm", "--extension", "table", "--unsafe"], input: Data(comment.utf8)).stdout
        #expect(!html.contains("<img") && html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(annotations.hasPrefix("::error file=prompts/support.txt,line=2,endLine=4,title=quill review%3A accuracy regressed::"))
        let report = try String(contentsOfFile: ci + "/quill-review.html", encoding: .utf8)
        #expect(report.contains("<circle class=\"point base\"") && report.contains("<circle class=\"point pr\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ci + "/quill-review.json"))) as? [String: Any])
        #expect((json["mergeBase"] as? [String: Any])?["commit"] as? String == base)
        #expect((json["head"] as? [String: Any])?["commit"] as? String == head)
        // A full clone of the pull request says the same, with the same exit status.
        let full = try origin.clone(["--branch", "feature"])
        let fullReview = try QuillBinary.run(["review", "origin/main", "--format", "json"], in: full.path + "/work")
        #expect(fullReview.status == 1, "\(fullReview.stderr)")
        let fullJSON = try #require(try JSONSerialization.jsonObject(with: Data(fullReview.stdout.utf8)) as? [String: Any])
        #expect(fullJSON.filter { $0.key != "fetched" } as NSDictionary == json.filter { $0.key != "fetched" } as NSDictionary)
        // The head's records reached origin: a fresh clone sees them.
        let later = try TestRepository.evaluated()
        try later.git("remote", "add", "origin", origin.url)
        try later.git("fetch", "-q", "origin", "refs/quill/*:refs/quill/*")
        let records = try later.git("ls-tree", "-r", "--name-only", "refs/quill/evals").split(separator: "\n").filter { $0.hasPrefix("records/") }
        #expect(records.count == 2)
    }
}
