import Foundation
import GitKit

/// Builds the demo repository: a support team's prompts with a short, realistic history.
public enum DemoRepository {
    /// One step of the demo history: files to write (nil content deletes) and the commit message.
    struct Step {
        let message: String
        let files: [String: String?]
        var renames: [(from: String, to: String)] = []
    }

    /// Creates the repository in `directory` (which must be missing or empty) and commits the history.
    /// Returns the workspace, ready for `log`, `show` and `diff`.
    public static func build(at directory: String) throws -> Workspace {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw QuillError.badInput("demo folder '\(directory)' is not empty; expected a new or empty folder")
        }
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try Workspace.initialize(at: directory)
        let workspace = try Workspace.open(from: directory)
        var clock = 1_735_700_000  // 2025-01-01, one commit a day
        var commits = [String]()
        for (number, step) in steps.enumerated() {
            for (from, to) in step.renames {
                let root = try workspace.workTree(for: "'quill demo'")
                try manager.moveItem(atPath: root + "/" + from, toPath: root + "/" + to)
            }
            for (path, content) in step.files {
                let url = URL(fileURLWithPath: try workspace.workTree(for: "'quill demo'")).appendingPathComponent(path)
                if let content {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(content.utf8).write(to: url)
                } else {
                    try manager.removeItem(at: url)
                }
            }
            clock += 86_400
            let identity = [
                "GIT_AUTHOR_NAME": "Dana Demo", "GIT_AUTHOR_EMAIL": "dana@demo.quill.invalid",
                "GIT_COMMITTER_NAME": "Dana Demo", "GIT_COMMITTER_EMAIL": "dana@demo.quill.invalid",
                "GIT_AUTHOR_DATE": "@\(clock) +0000", "GIT_COMMITTER_DATE": "@\(clock) +0000",
            ]
            // The first commit also carries the quill.yaml that `initialize` wrote.
            let paths = step.files.keys.sorted() + step.renames.flatMap { [$0.from, $0.to] } + (number == 0 ? [QuillConfig.fileName] : [])
            commits.append(try workspace.commit(message: step.message, paths: paths, environment: identity).commit)
        }
        try DemoEvaluations.record(in: workspace, commits: commits.compactMap { ObjectID(hex: $0) })
        return workspace
    }

    static let steps: [Step] = [
        Step(message: "Add support agent and FAQ prompts", files: [
            "prompts/support.prompt": DemoPrompts.supportV1,
            "prompts/faq.md": DemoPrompts.faq,
        ]),
        Step(message: "Support: ask for the order number before answering", files: ["prompts/support.prompt": DemoPrompts.supportV2]),
        Step(message: "Add ticket classifier", files: ["prompts/classify.json": DemoPrompts.classifier]),
        Step(message: "Support: switch to a cheaper model, lower temperature", files: ["prompts/support.prompt": DemoPrompts.supportV3]),
        Step(message: "Rename FAQ prompt to answer-from-docs", files: [:], renames: [("prompts/faq.md", "prompts/answer-from-docs.md")]),
        Step(message: "Support: cite the help-centre article", files: ["prompts/support.prompt": DemoPrompts.supportV4]),
    ]
}
