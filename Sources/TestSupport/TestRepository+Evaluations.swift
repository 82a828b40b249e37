import Foundation
import QuillKit

extension TestRepository {
    /// A repository whose git identity is an evaluator's, so `recordEvaluations` can sign its commits.
    public static func evaluated() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.git("config", "user.name", "Eve Evaluator")
        try repository.git("config", "user.email", "eve@example.com")
        return repository
    }

    /// Records metrics (a JSON object) for `prompt` at `commit` (default HEAD).
    public func recordMetrics(_ json: String, commit: String? = nil, prompt: String = "prompts/a.md") throws {
        let name = "results/\(UUID().uuidString).json"
        try write(name, json)
        _ = try Workspace.open(from: path).recordEvaluations(RecordRequest(files: [path + "/" + name], prompt: prompt, commit: commit))
    }

    /// Commits `count` changes to `prompts/a.md` and an unrelated file: a new rule every third commit,
    /// the harmful line `Skip citations.` at `culprit`, the unrelated file otherwise; returns the commits.
    public func commitPromptHistory(count: Int, culprit: Int) throws -> [String] {
        var lines = ["Answer the customer's question.", "Cite the policy."]
        var commits = [String]()
        for index in 0..<count {
            if index == culprit || index % 3 == 0 {
                lines.append(index == culprit ? "Skip citations." : "Rule \(index).")
                try write("prompts/a.md", lines.joined(separator: "\n") + "\n")
            } else {
                try write("src/app.py", "print(\(index))\n")
            }
            commits.append(try commitAll("change \(index)"))
        }
        return commits
    }

    /// 40 commits of `prompts/a.prompt`, a Dotprompt that includes the partial `prompts/_tone.prompt`:
    /// commit 24 changes only the partial (`Cite the policy.` → `Skip citations.`), commit 12 only an
    /// unrelated prompt, the rest an unrelated file. Accuracy is recorded for `prompts/a.prompt` on
    /// every commit but 22–25, 0.80 before commit 24 and 0.75 from it, with noise of ±0.005.
    ///
    /// `nested`: the line is in `prompts/rules/_cite.prompt`, a partial of the partial (which includes
    /// `{{> tone}}` back, a cycle), and commit 24 changes only that file.
    public static func partialRegression(nested: Bool = false) throws -> (TestRepository, [String]) {
        let repository = try evaluated()
        let changed = nested ? "prompts/rules/_cite.prompt" : "prompts/_tone.prompt"
        let prefix = nested ? "{{> tone}}\n" : "Be polite.\n"
        try repository.write("prompts/a.prompt", "---\nmodel: gpt-4o\n---\n{{role \"system\"}}\n{{> tone}}\n{{role \"user\"}}\n{{question}}\n")
        if nested { try repository.write("prompts/_tone.prompt", "Be polite.\n{{> rules/cite}}\n") }
        try repository.write(changed, prefix + "Cite the policy.\n")
        try repository.write("prompts/b.prompt", "{{role \"user\"}}\nUnrelated.\n")
        var commits = [try repository.commitAll("start")]
        for index in 1..<40 {
            switch index {
            case 24: try repository.write(changed, prefix + "Skip citations.\n")
            case 12: try repository.write("prompts/b.prompt", "{{role \"user\"}}\nUnrelated \(index).\n")
            default: try repository.write("src/app.py", "print(\(index))\n")
            }
            commits.append(try repository.commitAll("change \(index)"))
        }
        try repository.recordAccuracyDrop(on: commits, at: 24, skipping: Set(22...25), seed: 7, prompt: "prompts/a.prompt")
        return (repository, commits)
    }

    /// Records accuracy for `prompt` on each of `commits` but those at `skipping`: 0.80 before the
    /// commit at index `drop` and 0.75 from it, with noise of ±0.005 drawn from `seed`.
    public func recordAccuracyDrop(on commits: [String], at drop: Int, skipping: Set<Int>, seed: UInt64, prompt: String = "prompts/a.md") throws {
        var random = SplitMix64(seed: seed)
        for (index, commit) in commits.enumerated() where !skipping.contains(index) {
            let accuracy = 0.8 - (index >= drop ? 0.05 : 0) + 0.005 * Double.random(in: -1...1, using: &random)
            try recordMetrics(#"{"accuracy": \#(accuracy)}"#, commit: commit, prompt: prompt)
        }
    }

    /// A repository of 40 commits: a prompt rule every third commit, `config/model.yaml` switched to `gpt-4o-mini` at
    /// `switchAt` (when `pinned`), an unrelated file otherwise. Accuracy 0.80 ± 0.005 drops to 0.75 from
    /// `switchAt`, with records naming the model in use; none at `gap`. Returns the repository and its commits.
    public static func modelSwitch(pinned: Bool, gap: Set<Int>, switchAt: Int = 20) throws -> (TestRepository, [String]) {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "notes: false\nmetrics:\n  accuracy: {direction: higher}\n")
        try repository.write("config/model.yaml", "model: gpt-4o\n")
        var rules = ["Answer the question."]
        var commits = [String]()
        for index in 0..<40 {
            if index == switchAt, pinned {
                try repository.write("config/model.yaml", "model: gpt-4o-mini\n")
            } else if index % 3 == 0 {
                rules.append("Rule \(index).")
                try repository.write("prompts/a.md", rules.joined(separator: "\n") + "\n")
            } else {
                try repository.write("src/app.py", "print(\(index))\n")
            }
            commits.append(try repository.commitAll("change \(index)"))
        }
        var random = SplitMix64(seed: 5)
        for (index, commit) in commits.enumerated() where !gap.contains(index) {
            let accuracy = 0.8 - (index >= switchAt ? 0.05 : 0) + 0.005 * Double.random(in: -1...1, using: &random)
            let model = index >= switchAt ? "gpt-4o-mini" : "gpt-4o"
            try repository.recordMetrics(#"{"quill": 1, "model": "\#(model)", "metrics": {"accuracy": \#(accuracy)}}"#, commit: commit)
        }
        return (repository, commits)
    }
}
