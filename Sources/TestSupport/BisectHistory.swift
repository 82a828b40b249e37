import Foundation

/// A generated history for bisect tests: one prompt edited every few commits (renamed once on the way),
/// a second prompt and other files changed in between, and one known commit that makes the prompt worse.
///
/// The evaluator is a shell script that scores the prompt by its content: `accuracy` 0.9 and `latency_ms`
/// 100, or 0.55 and 400 once the prompt asks to "answer tersely" (the culprit's edit). It appends each
/// evaluated commit to `runsFile`; it exits with the status listed for a commit in `failuresFile`
/// (`<commit> <status>` lines); while `holdFile` exists it touches `startedFile` and waits.
public final class BisectHistory {
    public let repository: TestRepository
    /// Where the evaluator and its control files live (outside the repository).
    public let folder: TemporaryFolder
    /// Every commit, oldest first.
    public let commits: [String]
    /// The commits that changed the bisected prompt (renames included), oldest first.
    public let promptCommits: [String]
    /// The commit that made the prompt worse.
    public let culprit: String
    /// The prompt's path at HEAD.
    public let prompt = "prompts/agent.prompt"

    /// Builds `count` commits with the culprit at index `culpritIndex` and the rename at `renameIndex`.
    public init(count: Int = 45, culpritIndex: Int = 29, renameIndex: Int = 20) throws {
        repository = try TestRepository()
        folder = try TemporaryFolder()
        try repository.git("config", "user.name", "Bea Bisector")
        try repository.git("config", "user.email", "bea@example.com")
        try repository.write("quill.yaml", "metrics:\n  accuracy: {direction: higher}\n  latency_ms: {direction: lower}\n")
        var lines = (1...10).map { "Rule \($0): be kind to customer \($0)." }
        var path = "prompts/support.prompt"
        try repository.write(path, lines.joined(separator: "\n") + "\n")
        try repository.write("prompts/other.prompt", "Summarise the ticket.\n")
        try repository.write("README.md", "Support bot\n")
        var commits = [try repository.commitAll("Start the support bot")]
        var promptCommits = [String]()
        var culprit = ""
        for index in 1..<count {
            var changesPrompt = true
            if index == culpritIndex {
                lines.append("Answer tersely.")
                try repository.write(path, lines.joined(separator: "\n") + "\n")
            } else if index == renameIndex {
                try repository.git("mv", path, prompt)
                path = prompt
            } else if index % 3 == 0 {
                lines.append("Rule \(index + 10): mention order \(index).")
                try repository.write(path, lines.joined(separator: "\n") + "\n")
            } else {
                changesPrompt = false
                if index % 2 == 0 {
                    try repository.write("prompts/other.prompt", "Summarise the ticket in \(index) words.\n")
                } else {
                    try repository.write("src/app\(index % 4).txt", "build \(index)\n")
                }
            }
            let commit = try repository.commitAll(index == culpritIndex ? "Ask for short answers" : "Change \(index)")
            commits.append(commit)
            if changesPrompt { promptCommits.append(commit) }
            if index == culpritIndex { culprit = commit }
        }
        self.commits = commits
        self.promptCommits = promptCommits
        self.culprit = culprit
        try Data(BisectHistory.script(folder: folder.path).utf8).write(to: URL(fileURLWithPath: evaluator))
    }

    /// The evaluator script's path.
    public var evaluator: String { folder.path + "/evaluate.sh" }
    /// The command to bisect with; `jsonl` makes the evaluator write JSON Lines cases instead of Quill JSON.
    public func command(jsonl: Bool = false) -> String { "sh '\(evaluator)'" + (jsonl ? " jsonl" : "") }
    public var runsFile: String { folder.path + "/runs" }
    public var failuresFile: String { folder.path + "/failures" }
    public var holdFile: String { folder.path + "/hold" }
    public var startedFile: String { folder.path + "/started" }

    /// The commits the evaluator ran on, in order.
    public func runs() -> [String] {
        let text = (try? String(contentsOfFile: runsFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Makes the evaluator exit with `status` on `commit`.
    public func fail(_ commit: String, status: Int) throws {
        let existing = (try? String(contentsOfFile: failuresFile, encoding: .utf8)) ?? ""
        try Data((existing + "\(commit) \(status)\n").utf8).write(to: URL(fileURLWithPath: failuresFile))
    }

    /// A DVC-style metrics file with these scores, to record against an endpoint.
    public func metricsFile(accuracy: Double, latency: Double) throws -> String {
        let file = folder.path + "/metrics-\(UUID().uuidString).json"
        try Data(#"{"accuracy": \#(accuracy), "latency_ms": \#(latency)}"#.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    private static func script(folder: String) -> String {
        """
        #!/bin/sh
        echo "$QUILL_COMMIT" >> '\(folder)/runs'
        if [ -f '\(folder)/hold' ]; then
          touch '\(folder)/started'
          while [ -f '\(folder)/hold' ]; do sleep 0.05; done
        fi
        status=$(grep "^$QUILL_COMMIT " '\(folder)/failures' 2>/dev/null | cut -d' ' -f2)
        [ -n "$status" ] && exit "$status"
        if grep -q tersely "$QUILL_PROMPT"; then passing=5; latency=400; else passing=9; latency=100; fi
        if [ "$1" = jsonl ]; then
          : > "$QUILL_OUTPUT"
          for case in 1 2 3 4 5 6 7 8 9 10; do
            if [ "$case" -le "$passing" ]; then score=1; else score=0; fi
            echo "{\\"id\\": \\"case-$case\\", \\"accuracy\\": $score, \\"latency_ms\\": $latency}" >> "$QUILL_OUTPUT"
          done
        else
          if [ "$passing" = 9 ]; then accuracy=0.9; else accuracy=0.55; fi
          printf '{"quill": 1, "metrics": {"accuracy": %s, "latency_ms": %s}}\\n' "$accuracy" "$latency" > "$QUILL_OUTPUT"
        fi
        """
    }
}

/// What bisect must leave alone: HEAD, the index file and the work tree's status.
public struct WorkTreeSnapshot: Equatable, CustomStringConvertible {
    public let head: String
    public let symbolicHead: String
    public let indexChecksum: String
    public let status: String

    /// Takes the snapshot with the real `git`.
    public init(_ repository: TestRepository) throws {
        head = try repository.git("rev-parse", "HEAD")
        symbolicHead = try repository.git("symbolic-ref", "HEAD")
        indexChecksum = try repository.git("hash-object", "--no-filters", ".git/index")
        status = try repository.git("status", "--porcelain", "--untracked-files=all")
    }

    public var description: String { "HEAD \(head) (\(symbolicHead)), index \(indexChecksum), status [\(status)]" }
}
