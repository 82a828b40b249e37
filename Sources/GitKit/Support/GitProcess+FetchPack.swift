import Foundation

/// `git fetch-pack` into a quarantine: a fetch whose received objects git checks one by one instead of
/// walking the whole history they join.
///
/// `git fetch` ends with a connectivity check, `git rev-list --objects --not --all`, which reads every
/// tree of every local tip: for an eval store of a million records, three million objects for any
/// fetch, however small. `git fetch-pack` runs no such walk; with `fetch.fsckObjects` it runs
/// `git index-pack --strict`, which checks every object it receives (well-formed, `git fsck`'s rules)
/// and that every object one of them names was received or is already in the repository, with the
/// type it is named with. The local objects are complete (git wrote them so), so a received tip whose
/// objects all pass is complete too: the same guarantee for the cost of the new objects alone.
extension GitProcess {
    /// The fsck checks of entry names that `git index-pack --strict` only warns about here: Quill checks
    /// a fetched tip's names itself and refuses one with a message naming the ref and path.
    static let namesQuillChecks = ["emptyName", "fullPathname", "hasDot", "hasDotdot", "hasDotgit"]

    /// The URL `git fetch` would fetch `remote` (a configured remote's name, a URL or a path) from, with
    /// `url.<base>.insteadOf` applied (`git ls-remote --get-url`), when `git fetch-pack` reaches it
    /// itself: a local path, `file://`, `git://`, `ssh://` or scp-like `host:path`. `nil` for http(s),
    /// a remote helper (`transport::address`), or a URL `fetch-pack` would read as an option.
    static func fetchPackURL(gitDirectory: String, remote: String) -> String? {
        let (status, output) = run(["--git-dir=\(gitDirectory)", "ls-remote", "--get-url", "--end-of-options", remote], mergingOutput: true)
        guard status == 0, let url = output.split(whereSeparator: \.isNewline).last.map(String.init),
              !url.hasPrefix("-"), !url.contains("::") else { return nil }
        guard let scheme = url.range(of: "://") else { return url }
        return ["file", "git", "ssh", "git+ssh", "ssh+git"].contains(url[..<scheme.lowerBound].lowercased()) ? url : nil
    }

    /// `git fetch-pack` of `references` (full names the remote advertises) from `url` into the repository
    /// at `gitDirectory`, the objects into `quarantine` as one pack (`alternate` read), each checked by
    /// `git index-pack --strict`; returns the references fetched, by their names on the remote.
    ///
    /// Not a thin pack: the pack holds only the objects this repository lacks, none of them a delta
    /// against an object it has. For a thin pack a server without a reachability bitmap searches the
    /// objects it sends for deltas against those at the same paths in the common commits, and
    /// `index-pack --fix-thin` copies each base it used into the pack. For 100,000 records into a
    /// million-record store that was half the server's CPU (15 s to 8 s without) and a quarter of
    /// `index-pack`'s (13.5 s to 10 s) for a pack a third smaller (120 MB against 183 MB), the size a
    /// server with a bitmap sends either way. No tags, no hooks, no automatic maintenance, no terminal
    /// prompt; ssh in batch mode unless configured otherwise. Throws `.generic` with git's message on one
    /// line when the remote cannot be reached or refuses, or when an object it sent is malformed or names
    /// one that is neither sent nor here.
    static func fetchPack(
        gitDirectory: String, url: String, references: [String], quarantine: String, alternate: String
    ) throws(GitError) -> [Reference] {
        var arguments = [
            "--git-dir=\(gitDirectory)", "-c", "core.hooksPath=/dev/null", "-c", "gc.auto=0", "-c", "maintenance.auto=false",
            "-c", "fetch.unpackLimit=1", "-c", "fetch.fsckObjects=true",
        ]
        for check in namesQuillChecks { arguments += ["-c", "fetch.fsck.\(check)=warn"] }
        // `--lock-pack`: git 2.39's fetch-pack crashes when it fscks a pack it keeps without one; the
        // `.keep` file it leaves stays in the quarantine, which is removed.
        arguments += ["fetch-pack", "--keep", "--lock-pack", "--quiet", "--no-progress", url] + references
        var environment = sshBatchMode(gitDirectory: gitDirectory)
        environment["GIT_OBJECT_DIRECTORY"] = quarantine
        environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = alternate
        // Standard output to a file: a pipe read only after standard error's end could fill and stall git.
        let outputPath = quarantine + "/fetch-pack.out"
        guard FileManager.default.createFile(atPath: outputPath, contents: nil), let output = FileHandle(forWritingAtPath: outputPath) else {
            throw GitError(code: .generic, message: "cannot create '\(outputPath)'", function: "git fetch-pack '\(url)'")
        }
        let (status, stderr) = run(arguments, environment: environment, output: output)
        try? output.close()
        guard status == 0 else {
            let message = oneLine(stderr)
            throw GitError(code: .generic, message: message.isEmpty ? "git fetch-pack exited with status \(status)" : message, function: "git fetch-pack '\(url)'")
        }
        // `<id> <name>` for each reference fetched; `lock <path>` for the pack.
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let id = ObjectID(hex: String(fields[0])), references.contains(String(fields[1])) else { return nil }
            return Reference(name: String(fields[1]), target: .direct(id))
        }
    }
}
