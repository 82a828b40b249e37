import ArgumentParser

/// `quill label`: movable names for prompt versions, with an audited history.
struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Movable names (production, staging) for prompt versions, kept with every move on refs/quill/labels.",
        subcommands: [LabelSetCommand.self, LabelListCommand.self, LabelLogCommand.self, LabelRemoveCommand.self])
}
