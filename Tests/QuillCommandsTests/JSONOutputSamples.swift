import Foundation
import TestSupport
import Testing

/// One JSON output of the built `quill`: the command's path in the command tree (`["eval", "record"]`)
/// and what it printed.
struct JSONOutputSample {
    let command: [String]
    let arguments: [String]
    let json: String
}

/// Real JSON outputs of every command that prints JSON, run as users run them on repositories built
/// here: prompts with front matter, records with cases, a manifest recorded twice, labels moved and
/// removed, a pull request with a regression, a drifted collection, a synced remote, a bisect session
/// and a regression attributed and bisected.
final class JSONOutputSamples {
    private(set) var samples = [JSONOutputSample]()
    private var keep = [AnyObject]()

    init() throws {
        try collectMain()
        try collectBisect()
        try collectRegressions()
    }

    /// Runs `quill ARGUMENTS` in `directory`, expects exit status `status`, and keeps its output as a sample of `command`.
    @discardableResult
    private func run(_ command: [String], _ arguments: [String], in directory: String, status: Int32 = 0) throws -> String {
        let result = try QuillBinary.run(arguments, in: directory)
        guard result.status == status else {
            throw TestFailure("quill \(arguments.joined(separator: " ")) exited \(result.status), expected \(status): \(result.stderr) \(result.stdout)")
        }
        samples.append(JSONOutputSample(command: command, arguments: arguments, json: result.stdout))
        return result.stdout
    }

    /// The value of `key` at the top of a JSON object.
    private func field(_ json: String, _ key: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        guard let value = object?[key] as? String else { throw TestFailure("no string '\(key)' in \(json)") }
        return value
    }

    private func collectMain() throws {
        let repository = try TestRepository.evaluated()
        keep.append(repository)
        let folder = try TemporaryFolder()
        keep.append(folder)
        let path = repository.path
        try repository.write("README.md", "Support bot\n")
        try repository.commitAll("start")
        try run(["init"], ["init", "--git-diff", "--format", "json"], in: path)
        try repository.write("quill.yaml", TestRepository.gatedConfig)
        try repository.git("add", "quill.yaml")
        try repository.write("prompts/support.prompt", """
            ---
            model: gpt-4o
            config:
              temperature: 0.2
            input:
              schema:
                question: string
            ---
            {{role "system"}}
            Answer the customer's question politely.
            Cite the policy.
            {{role "user"}}
            {{question}}

            """)
        try repository.write("prompts/notes.md", "Summarise the ticket.\n")
        try run(["commit"], ["commit", "-m", "Add the support prompt", "--format", "json"], in: path)
        let base = try repository.git("rev-parse", "HEAD")

        try repository.write("docs/policy.md", "Refunds within 30 days.\n")
        try repository.write("docs/faq.md", "Ask support.\n")
        let firstManifest = try field(try run(["manifest", "record"], ["manifest", "record", "docs", "--name", "kb", "--format", "json"], in: path), "id")
        try repository.write("docs/policy.md", "Refunds within 14 days.\n")
        try run(["manifest", "record"], ["manifest", "record", "docs", "--name", "kb", "--embedding-model", "text-embedding-3-small", "--embedding-dimension", "1536", "--distance", "cosine", "--format", "json"], in: path)
        try run(["manifest", "list"], ["manifest", "list", "--format", "json"], in: path)
        try run(["manifest", "show"], ["manifest", "show", "latest:kb", "--format", "json"], in: path)
        try run(["manifest", "diff"], ["manifest", "diff", firstManifest, "latest:kb", "--format", "json"], in: path)

        let cases = { (passes: [Bool]) in
            passes.enumerated().map { index, pass in
                #"{"id": "c\#(index)", "pass": \#(pass), "metrics": {"accuracy": \#(pass ? 1 : 0)}}"#
            }.joined(separator: ",")
        }
        let baseResults = folder.path + "/base.json"
        try Data(#"{"quill": 1, "suite": "smoke", "model": "gpt-4o", "dataset": {"name": "tickets", "id": "v3"}, "cases": [\#(cases((0..<30).map { $0 != 9 }))]}"#.utf8)
            .write(to: URL(fileURLWithPath: baseResults))
        let recorded = try run(["eval", "record"], ["eval", "record", baseResults, "--prompt", "prompts/support.prompt", "--manifest", "latest:kb", "--output", "json"], in: path)
        let recordID = try #require((try JSONSerialization.jsonObject(with: Data(recorded.utf8)) as? [String: Any])?["records"] as? [[String: Any]])
            .first?["id"] as? String
        try run(["eval", "show"], ["eval", "show", try #require(recordID), "--format", "json"], in: path)
        try run(["label", "set"], ["label", "set", "production", "prompts/support.prompt", "-m", "Ship the first version", "--format", "json"], in: path)

        try repository.git("checkout", "-q", "-b", "feature")
        try repository.write("prompts/support.prompt", try repository.read("prompts/support.prompt")
            .replacingOccurrences(of: "Cite the policy.", with: "Answer tersely.").replacingOccurrences(of: "gpt-4o", with: "gpt-4o-mini"))
        try repository.write("prompts/notes.md", "Summarise the ticket in one line.\n")
        let head = try repository.commitAll("Make answers terse")
        let headResults = folder.path + "/head.json"
        try Data(#"{"quill": 1, "suite": "smoke", "model": "gpt-4o", "cases": [\#(cases((0..<30).map { $0 % 3 != 2 && $0 != 9 }))]}"#.utf8)
            .write(to: URL(fileURLWithPath: headResults))
        try run(["eval", "record"], ["eval", "record", headResults, "--prompt", "prompts/support.prompt", "--manifest", "latest:kb", "--output", "json"], in: path)
        try run(["label", "set"], ["label", "set", "staging", "prompts/support.prompt", "--format", "json"], in: path)
        try run(["label", "set"], ["label", "set", "production", "prompts/support.prompt", "--format", "json"], in: path)
        try run(["label", "rm"], ["label", "rm", "staging", "-m", "Not needed", "--format", "json"], in: path)
        try run(["label", "list"], ["label", "list", "--format", "json"], in: path)
        try run(["label", "log"], ["label", "log", "production", "--format", "json"], in: path)
        try run(["get"], ["get", "prompts/support.prompt@production", "--format", "json"], in: path)
        try run(["get"], ["get", "prompts/support.prompt", "--render", "--var", "question=Where is my parcel?", "--format", "json"], in: path)

        try run(["review"], ["review", "main", "--format", "json"], in: path, status: 1)
        try run(["diff"], ["diff", base, head, "--format", "json"], in: path)
        try run(["log"], ["log", "prompts/support.prompt", "--format", "json"], in: path)
        try run(["log"], ["log", "--format", "json"], in: path)
        try run(["show"], ["show", "HEAD", "--format", "json"], in: path)
        try run(["blame"], ["blame", "prompts/support.prompt", "--format", "json"], in: path)
        try run(["eval", "list"], ["eval", "list", "prompts/support.prompt", "--format", "json"], in: path)

        try repository.write("prompts/notes.md", "Summarise the ticket in two lines.\n")
        try repository.write("prompts/broken.prompt", "---\nmodel: [unclosed\n---\nHi\n")
        try run(["status"], ["status", "--format", "json"], in: path)
        try run(["diff"], ["diff", "--format", "json"], in: path)

        try repository.write("corpus/before.txt", "The refund takes thirty days. Ask support for help.\n")
        try repository.write("corpus/after.txt", "Refunds are instant now. Chat with the bot. It answers at once.\n")
        try run(["drift"], ["drift", "corpus/before.txt", "corpus/after.txt", "--format", "json", "--no-gate"], in: path)
        try run(["drift"], ["drift", "manifest:\(firstManifest)", "manifest:latest:kb", "--format", "json", "--no-gate"], in: path)

        let remote = try TestRepository(bare: true)
        keep.append(remote)
        try run(["sync"], ["sync", remote.path, "--format", "json"], in: path)
    }

    private func collectBisect() throws {
        let history = try BisectHistory(count: 20, culpritIndex: 12, renameIndex: 8)
        keep.append(history)
        let path = history.repository.path
        #expect(try QuillBinary.run(["eval", "record", history.metricsFile(accuracy: 0.9, latency: 100), "--prompt", "prompts/support.prompt", "--commit", history.commits[0]], in: path).status == 0)
        #expect(try QuillBinary.run(["eval", "record", history.metricsFile(accuracy: 0.55, latency: 400), "--prompt", history.prompt], in: path).status == 0)
        // Every candidate fails at first: the session stops with a candidate to skip, then resumes.
        for commit in history.promptCommits { try history.fail(commit, status: 1) }
        let stopped = try QuillBinary.run(["bisect", "--metric", "accuracy", "--run", history.command(), "--format", "json"], in: path)
        #expect(stopped.status != 0)
        try run(["bisect", "status"], ["bisect", "status", "--format", "json"], in: path)
        try run(["bisect", "skip"], ["bisect", "skip", "--format", "json"], in: path)
        try FileManager.default.removeItem(atPath: history.failuresFile)
        try run(["bisect"], ["bisect", "--format", "json"], in: path)
        try run(["bisect", "status"], ["bisect", "status", "--format", "json"], in: path)
        try run(["bisect", "reset"], ["bisect", "reset", "--format", "json"], in: path)
        try run(["bisect", "reset"], ["bisect", "reset", "--format", "json"], in: path)
    }

    private func collectRegressions() throws {
        let (repository, _) = try TestRepository.modelSwitch(pinned: true, gap: [19, 20, 21])
        keep.append(repository)
        let folder = try TemporaryFolder()
        keep.append(folder)
        try Data("""
            if grep -q mini config/model.yaml; then a=0.75; m=gpt-4o-mini; else a=0.80; m=gpt-4o; fi
            printf '{"quill": 1, "model": "%s", "metrics": {"accuracy": %s}}' "$m" "$a" > "$QUILL_OUTPUT"
            """.utf8).write(to: URL(fileURLWithPath: folder.path + "/evaluate.sh"))
        try run(["blame"], ["blame", "prompts/a.md", "--metric", "accuracy", "--format", "json"], in: repository.path)
        try run(["blame"], ["blame", "prompts/a.md", "--metric", "accuracy", "--bisect", "--run", "sh '\(folder.path)/evaluate.sh'", "--format", "json"], in: repository.path)
    }
}
