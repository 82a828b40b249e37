import Foundation
import GitKit

/// A commit's files written to a temporary folder, for running an evaluation command there without
/// touching the user's work tree, index or HEAD.
struct CandidateCheckout {
    /// The folder holding the commit's files.
    let folder: String
    /// Where the command is asked to write its results (outside `folder`).
    let output: String
    private let root: String

    /// Writes every file of `commit`'s tree below a new temporary folder.
    init(repository: Repository, commit: ObjectID) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("quill-bisect-\(UUID().uuidString)").path
        folder = root + "/tree"
        output = root + "/results.json"
        for (path, entry) in try repository.treeFiles(repository.treeID(ofCommit: commit)) where entry.mode != .commit {
            let url = URL(fileURLWithPath: folder + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try repository.blobData(entry.id)
            if entry.mode == .symlink {
                try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: String(decoding: data, as: UTF8.self))
            } else {
                try data.write(to: url)
                if entry.mode == .executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            }
        }
    }

    /// Runs `command` with `/bin/sh -c` in the checkout, with `QUILL_PROMPT` (the prompt's path in
    /// the checkout), `QUILL_PROMPT_FILE`, `QUILL_OUTPUT` and `QUILL_COMMIT` in its environment;
    /// returns its exit status. Its output goes to this process's stderr.
    func run(_ command: String, prompt: String, commit: ObjectID) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["QUILL_PROMPT"] = prompt
        environment["QUILL_PROMPT_FILE"] = folder + "/" + prompt
        environment["QUILL_OUTPUT"] = output
        environment["QUILL_COMMIT"] = commit.hex
        process.environment = environment
        process.standardOutput = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Deletes the checkout and the results file.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
