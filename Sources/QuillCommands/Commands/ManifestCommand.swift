import ArgumentParser

/// `quill manifest`: vector-store manifests, stored on refs/quill/manifests.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Record vector-store snapshots (folders, Chroma, LlamaIndex, manifest files) as manifests on refs/quill/manifests; list, show and diff them.",
        subcommands: [ManifestRecordCommand.self, ManifestListCommand.self, ManifestShowCommand.self, ManifestDiffCommand.self])
}
