import ArgumentParser
import QuillKit

struct SyncCommand: ParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch, union-merge and push Quill's refs (refs/quill/*, refs/notes/quill).",
        discussion: HelpText.discussion(
            """
                Fetches the remote's refs/quill/* and refs/notes/quill into refs/quill-remotes/<remote>/, merges each \
                into the local ref as the union of both (nothing is lost: records are named by their content), and \
                pushes the results back without force. When the remote moved in between, sync starts over, up to 10 \
                times. REMOTE is a configured remote, a URL (ssh with the ssh agent, git://, file://, https) or a path.
                """,
            examples: ["quill sync", "quill sync upstream --format json"]))

    static let schemas: [OutputSchema] = [.sync]

    @Argument(help: "The remote's name, URL or path.")
    var remote = "origin"

    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try CommandContext.open()
        try context.print(try context.workspace.sync(remote: remote), format: output.format)
    }
}

extension SyncReport: TextRenderable {
    static let schema = OutputSchema.sync

    func renderText(_ terminal: Terminal) -> String {
        var lines = refs.map { $0.renderLine(remote: remote) }
        if refs.isEmpty { lines.append("nothing to sync: neither side has refs/quill/* or refs/notes/quill") }
        if retries > 0 { lines.append("the remote moved during sync; retried \(retries) time\(retries == 1 ? "" : "s")") }
        return lines.joined(separator: "\n")
    }
}

extension SyncedReference {
    /// `refs/quill/evals: merged 3 records from origin, pushed 2`
    func renderLine(remote: String) -> String {
        var parts = [String]()
        switch action {
        case .upToDate: break
        case .fastForwarded: parts.append("fast-forwarded \(count(fromRemote)) from \(remote)")
        case .merged: parts.append("merged \(count(fromRemote)) from \(remote)")
        }
        if pushed { parts.append("pushed \(toRemote)") }
        return "\(reference): " + (parts.isEmpty ? "up to date" : parts.joined(separator: ", "))
    }

    private func count(_ number: Int) -> String {
        "\(number) \(number == 1 ? String(unit.dropLast()) : unit)"
    }
}
