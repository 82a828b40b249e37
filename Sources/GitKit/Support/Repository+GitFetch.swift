import Foundation

/// Which program receives the pack of `Repository.fetch`.
public enum FetchReceiver: Sendable, Equatable {
    /// The `git` executable when it can be run, else libgit2.
    case automatic
    /// libgit2, whether or not `git` is installed (except in a shallow clone, which needs `git`).
    case libgit2
}

/// How much history a fetch by the `git` executable brings (`Repository.fetchWithGit`).
public enum FetchDepth: Sendable, Equatable {
    /// All of it.
    case full
    /// At most this many commits from each fetched tip (`git fetch --depth=N`).
    case tips(Int)
    /// This many commits more below a shallow clone's current boundary (`git fetch --deepen=N`).
    case deeper(Int)
}

extension Repository {
    /// Fetches `sources` (a commit id, or `refs/heads/NAME` with a destination such as
    /// `+refs/heads/main:refs/remotes/origin/main`) from the configured remote `remote` with the `git`
    /// executable, which, unlike libgit2 1.5, fetches into a shallow clone and deepens it.
    ///
    /// Only the refspecs given move references: the remote's configured refspecs are not applied
    /// (`--refmap=`), tags are not followed, nothing is pruned, `FETCH_HEAD` is not written,
    /// submodules are not fetched, and no hook, automatic maintenance or terminal prompt runs.
    /// Credentials come from git's configured helpers. The remote and refspecs follow
    /// `--end-of-options`, so none of them is read as an option. Open a new `Repository` afterwards
    /// to read the new history: this one keeps the shallow boundary and packs it read.
    ///
    /// Throws `.notFound` when the remote has no such branch and `.generic` for any other failure
    /// (the remote cannot be reached, refuses, sends something git refuses), with git's message on
    /// one line.
    public func fetchWithGit(remote: String, sources: [String], depth: FetchDepth) throws(GitError) {
        try GitProcess.fetch(gitDirectory: commonDirectoryPath, remote: remote, sources: sources, depth: depth)
    }

    /// `fetch(remote:refspecs:accept:)` by the `git` executable: the objects are received into a
    /// quarantine folder (`GIT_OBJECT_DIRECTORY`, with the repository's objects as alternates; always as
    /// a pack). `accept` sees the fetched references through a handle that reads the quarantine; only when
    /// it returns do the packs join `objects/pack/` and the refspecs' destinations move. `refspecs` are
    /// `[+]SOURCE:DESTINATION`, with at most one `*` each side.
    ///
    /// A remote that `git fetch-pack` reaches itself (`GitProcess.fetchPackURL`) is fetched by it, with
    /// every received object checked by `git index-pack --strict` (`GitProcess.fetchPack`); any other
    /// (http, a remote helper) and any fetch into a shallow clone by `git fetch`, whose connectivity
    /// walk reads every tree of the local tips, with the references received into a private namespace,
    /// `refs/quill-incoming/<pid>-<id>/`, removed once they are read.
    func fetchWithGitInQuarantine(
        remote: String, refspecs: [String], accept: (Repository, [Reference]) throws -> Void
    ) throws -> [Reference] {
        removeStaleIncomingReferences()
        let folder = try TemporaryObjectFolder(objects: commonDirectoryPath + "objects")
        defer { folder.remove() }
        // git refuses a source the remote does not have; libgit2's fetch, which this stands in for, skips it.
        let advertised = try remoteReferences(remote).map(\.name)
        let mappings = try refspecs.map { try RefspecMapping($0) }.filter { mapping in advertised.contains { mapping.destination(of: $0) != nil } }
        guard !mappings.isEmpty else { return [] }
        let received: [Reference]
        if !isShallow, try !remoteSetsTransport(remote), let url = GitProcess.fetchPackURL(gitDirectory: commonDirectoryPath, remote: remote) {
            // Only real names: a remote speaking protocol 0 advertises a tag's peeled target as `NAME^{}`.
            let sources = advertised.filter { name in Repository.isValidReferenceName(name) && mappings.contains { $0.destination(of: name) != nil } }
            received = try GitProcess.fetchPack(
                gitDirectory: commonDirectoryPath, url: url, references: sources, quarantine: folder.path, alternate: commonDirectoryPath + "objects")
        } else {
            received = try fetchIntoIncomingNamespace(remote: remote, mappings: mappings, quarantine: folder)
        }
        let quarantined = try quarantineHandle(reading: folder)
        try accept(quarantined, received)
        try quarantined.publishQuarantine(folder)
        for reference in received {
            guard case .direct(let id) = reference.target, let destination = mappings.lazy.compactMap({ $0.destination(of: reference.name) }).first else {
                continue
            }
            let current = try referenceTarget(destination)
            if current != id { try updateReference(destination, to: id, expecting: current, message: "quill: fetch") }
        }
        return received
    }

    /// Whether the configured remote `remote` names its own upload program or remote helper
    /// (`remote.<name>.uploadpack`, `remote.<name>.vcs`), which only `git fetch` honours.
    private func remoteSetsTransport(_ remote: String) throws(GitError) -> Bool {
        guard try remoteURL(named: remote) != nil else { return false }
        for key in ["uploadpack", "vcs"] where try configString("remote.\(remote).\(key)") != nil { return true }
        return false
    }

    /// `git fetch` of the `mappings`' sources into `refs/quill-incoming/<pid>-<id>/` and the objects into
    /// `quarantine`; the references it received, by their names on the remote. The namespace is removed
    /// before this returns: nothing but this process reads the quarantine.
    private func fetchIntoIncomingNamespace(remote: String, mappings: [RefspecMapping], quarantine: TemporaryObjectFolder) throws -> [Reference] {
        let incoming = "\(Repository.incomingNamespace)\(getpid())-\(UUID().uuidString.prefix(8))/"
        defer {
            for reference in (try? references(under: incoming)) ?? [] { try? deleteReference(reference.name) }
            // The folders git made for the loose refs; the namespace's own folder only when no other fetch uses it.
            try? FileManager.default.removeItem(atPath: commonDirectoryPath + incoming)
            rmdir(commonDirectoryPath + Repository.incomingNamespace)
        }
        try GitProcess.fetch(
            gitDirectory: commonDirectoryPath, remote: remote, sources: mappings.map { "+\($0.source):\(incoming)\($0.source.dropFirst("refs/".count))" },
            depth: .full, quarantine: quarantine.path, alternate: commonDirectoryPath + "objects")
        return try references(under: incoming).map { Reference(name: "refs/" + $0.name.dropFirst(incoming.count), target: $0.target) }
    }
}

extension Repository {
    /// Where a fetch by `git fetch` keeps the references it received while they are checked.
    static let incomingNamespace = "refs/quill-incoming/"

    /// Deletes the incoming references a killed fetch left (their process is gone): they name objects of
    /// a quarantine folder that is removed too.
    private func removeStaleIncomingReferences() {
        for reference in (try? references(under: Repository.incomingNamespace)) ?? [] {
            let owner = reference.name.dropFirst(Repository.incomingNamespace.count).prefix { $0 != "-" }
            guard let pid = Int32(owner), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? deleteReference(reference.name)
        }
    }
}

/// One fetch refspec, `[+]SOURCE:DESTINATION`, where a `*` in the source stands for the same text in
/// the destination.
struct RefspecMapping {
    let source: String
    let destination: String

    init(_ refspec: String) throws(GitError) {
        let text = refspec.hasPrefix("+") ? refspec.dropFirst() : Substring(refspec)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("refs/"), parts.allSatisfy({ $0.filter { $0 == "*" }.count <= 1 }),
            parts[0].contains("*") == parts[1].contains("*") else {
            throw GitError(code: .invalidSpec, message: "unsupported refspec '\(refspec)'", function: "RefspecMapping")
        }
        source = String(parts[0])
        destination = String(parts[1])
    }

    /// Where the remote reference `name` goes, or `nil` when the source does not match it.
    func destination(of name: String) -> String? {
        guard let star = source.firstIndex(of: "*") else { return name == source ? destination : nil }
        let prefix = source[..<star], suffix = source[source.index(after: star)...]
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count >= prefix.count + suffix.count else { return nil }
        let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
        return destination.replacingOccurrences(of: "*", with: middle)
    }
}

/// Runs the `git` executable without a terminal, in the C locale, and keeps the end of what it says.
enum GitProcess {
    /// The most of standard error kept: a remote's messages are untrusted and may be long.
    static let stderrLimit = 16_384

    /// Whether `git` can be run (`git --version` succeeds); asked once per process.
    static let isAvailable = run(["--version"]).status == 0

    /// `git fetch` of `sources` from `remote` into the repository at `gitDirectory` (see
    /// `Repository.fetchWithGit`); with `quarantine`, new objects go there as a pack and `alternate` is read.
    static func fetch(
        gitDirectory: String, remote: String, sources: [String], depth: FetchDepth, quarantine: String? = nil, alternate: String? = nil
    ) throws(GitError) {
        var arguments = [
            "--git-dir=\(gitDirectory)", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false",
            "-c", "submodule.recurse=false", "-c", "fetch.writeCommitGraph=false", "-c", "gc.auto=0", "-c", "maintenance.auto=false",
            "-c", "fetch.unpackLimit=1",
            "fetch", "--quiet", "--no-tags", "--no-prune", "--no-write-fetch-head", "--no-recurse-submodules", "--no-auto-maintenance",
            "--no-show-forced-updates", "--refmap=",
        ]
        switch depth {
        case .full: break
        case .tips(let commits): arguments.append("--depth=\(commits)")
        case .deeper(let commits): arguments.append("--deepen=\(commits)")
        }
        arguments += ["--end-of-options", remote] + sources
        var environment = sshBatchMode(gitDirectory: gitDirectory)
        if let quarantine { environment["GIT_OBJECT_DIRECTORY"] = quarantine }
        if let alternate { environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = alternate }
        let (status, stderr) = run(arguments, environment: environment)
        guard status != 0 else { return }
        let message = oneLine(stderr)
        throw GitError(
            code: stderr.contains("couldn't find remote ref") ? .notFound : .generic,
            message: message.isEmpty ? "git fetch exited with status \(status)" : message, function: "git fetch '\(remote)'")
    }

    /// `git push --porcelain` of `refspecs` to `remote` from the repository at `gitDirectory`, without
    /// hooks: the references the remote did not update, with git's reason (`non-fast-forward`, the
    /// server's message). Throws when the push failed otherwise.
    static func push(gitDirectory: String, remote: String, refspecs: [String]) throws(GitError) -> [PushRejection] {
        let arguments = [
            "--git-dir=\(gitDirectory)", "-c", "core.hooksPath=/dev/null", "-c", "push.recurseSubmodules=no",
            "push", "--porcelain", "--no-verify", "--end-of-options", remote,
        ] + refspecs
        let (status, output) = run(arguments, environment: sshBatchMode(gitDirectory: gitDirectory), mergingOutput: true)
        // `!<TAB>source:destination<TAB>[rejected] (reason)` for each reference not updated.
        let rejections = output.split(separator: "\n").compactMap { line -> PushRejection? in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[0] == "!", let colon = fields[1].lastIndex(of: ":") else { return nil }
            let summary = fields[2]
            let reason = summary.firstIndex(of: "(").map { summary[summary.index(after: $0)...].dropLast(summary.hasSuffix(")") ? 1 : 0) } ?? summary
            return PushRejection(reference: String(fields[1][fields[1].index(after: colon)...]), reason: oneLine(String(reason)))
        }
        guard status != 0, rejections.isEmpty else { return rejections }
        let message = oneLine(output.split(separator: "\n").filter { !$0.hasPrefix("To ") && $0 != "Done" }.joined(separator: "\n"))
        throw GitError(code: .generic, message: message.isEmpty ? "git push exited with status \(status)" : message, function: "git push '\(remote)'")
    }

    /// `GIT_SSH_COMMAND` for ssh in batch mode (no passphrase, password or host-key question: a CI
    /// job fails at once instead of hanging) when neither the environment (`GIT_SSH_COMMAND`,
    /// `GIT_SSH`) nor the configuration (`core.sshCommand`) of `gitDirectory` names an ssh command.
    static func sshBatchMode(gitDirectory: String) -> [String: String] {
        let environment = ProcessInfo.processInfo.environment
        guard environment["GIT_SSH_COMMAND"] == nil, environment["GIT_SSH"] == nil,
              (try? Repository.open(at: gitDirectory).configString("core.sshCommand")) == nil else { return [:] }
        return ["GIT_SSH_COMMAND": "ssh -o BatchMode=yes"]
    }

    /// Runs `git ARGUMENTS` with `environment` added; its exit status (-1 when it could not be started)
    /// and the tail of its standard error (with `mergingOutput`, of its standard output and error).
    /// With `output`, standard output goes to that file instead.
    static func run(
        _ arguments: [String], environment extra: [String: String] = [:], mergingOutput: Bool = false, output: FileHandle? = nil
    ) -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GCM_INTERACTIVE"] = "never"
        environment["GIT_ASKPASS"] = "/bin/false"
        environment["SSH_ASKPASS"] = "/bin/false"
        environment["LC_ALL"] = "C"
        process.environment = environment.merging(extra) { $1 }
        let stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output ?? (mergingOutput ? stderr : FileHandle.nullDevice)
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            return (-1, "cannot run git: \(error.localizedDescription)")
        }
        var tail = Data()
        while case let chunk = stderr.fileHandleForReading.availableData, !chunk.isEmpty {
            tail.append(chunk)
            if tail.count > stderrLimit { tail.removeFirst(tail.count - stderrLimit) }
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: tail, as: UTF8.self))
    }

    /// git's lines joined on one line (by `: `) without `fatal: ` / `error: ` prefixes; control characters
    /// (a remote's escape sequences) become `?`; at most 400 characters.
    static func oneLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { line -> String in
            var line = Substring(line)
            for prefix in ["fatal: ", "error: "] where line.hasPrefix(prefix) { line = line.dropFirst(prefix.count) }
            return String(line.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        }
        let joined = lines.filter { !$0.isEmpty }.reduce("") { text, line in
            text.isEmpty ? line : text + (text.hasSuffix(":") ? " " : ": ") + line
        }
        return joined.count > 400 ? String(joined.prefix(399)) + "…" : joined
    }
}
