import ArgumentParser

/// `quill eval`: record, list and show evaluation results.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Record, list and show evaluation results stored on refs/quill/evals.",
        subcommands: [EvalRecordCommand.self, EvalListCommand.self, EvalShowCommand.self])
}
