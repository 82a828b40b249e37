import ArgumentParser

/// The `quill` command tree.
struct Quill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quill",
        abstract: "Git-native version control for LLM prompts: versions, scores, diffs and blame.",
        version: "0.1.0",
        subcommands: [
            InitCommand.self, StatusCommand.self, CommitCommand.self, LogCommand.self, ShowCommand.self, DiffCommand.self, BlameCommand.self,
            BisectCommand.self, EvalCommand.self, ReviewCommand.self, LabelCommand.self, GetCommand.self, SyncCommand.self, DemoCommand.self,
            ManifestCommand.self, DriftCommand.self, TextconvCommand.self,
        ])
}
