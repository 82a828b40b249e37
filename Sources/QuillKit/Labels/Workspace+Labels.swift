import Foundation
import GitKit

extension Workspace {
    /// Moves the label `name` on a prompt to its version at a revision (`PROMPT@REV`, HEAD when no
    /// revision is given), after `quill.yaml`'s policy for the label passed. One commit on
    /// `refs/quill/labels`; nothing is written when the label already points there.
    public func setLabel(_ name: String, on promptSpec: String, message: String? = nil) throws -> LabelMoveReport {
        try setLabel(name, on: promptSpec, message: message, environment: ProcessInfo.processInfo.environment)
    }

    /// `setLabel(_:on:message:)` moved by the identity and date `environment` names (`GIT_COMMITTER_*`).
    func setLabel(_ name: String, on promptSpec: String, message: String?, environment: [String: String]) throws -> LabelMoveReport {
        let label = try LabelName.checked(name)
        let (path, version) = try promptVersion(promptSpec)
        try LabelGate(workspace: self).check(label: label, prompt: path, blob: try ObjectID(checked: version.blob))
        return try moveLabel(label, prompt: path, to: version, message: message, environment: environment)
    }

    /// Removes the label `name` from a prompt (from its only prompt when `prompt` is `nil`); the
    /// removal is a move like any other, kept in the history.
    public func removeLabel(_ name: String, from prompt: String? = nil, message: String? = nil) throws -> LabelMoveReport {
        try removeLabel(name, from: prompt, message: message, environment: ProcessInfo.processInfo.environment)
    }

    /// `removeLabel(_:from:message:)` by the identity and date `environment` names.
    func removeLabel(_ name: String, from prompt: String?, message: String?, environment: [String: String]) throws -> LabelMoveReport {
        let label = try LabelName.checked(name)
        let path: String
        if let prompt {
            path = try repositoryPath(forUserPath: prompt)
        } else {
            let prompts = try labels(prompt: nil).labels.filter { $0.label == label }.map(\.prompt)
            guard prompts.count == 1 else {
                throw QuillError.badInput(prompts.isEmpty
                    ? "label '\(label)' is not set on any prompt; see 'quill label list'"
                    : "label '\(label)' is set on \(prompts.count) prompts (\(prompts.joined(separator: ", "))); name the prompt")
            }
            path = prompts[0]
        }
        return try moveLabel(label, prompt: path, to: nil, message: message, environment: environment)
    }

    /// Every label that is set (on `prompt` only, when given), each with what is wrong with its
    /// target if anything: a prompt gone at HEAD or a version missing from the repository is
    /// reported, never resolved to another version. Complexity: reads every label file.
    public func labels(prompt: String? = nil) throws -> LabelList {
        let store = LabelStore(repository: repository)
        let path = try prompt.map { try repositoryPath(forUserPath: $0) }
        guard let tree = try store.tipTree() else { return LabelList(labels: []) }
        let head = try repository.headCommitID().map(repository.treeID(ofCommit:))
        let entries = try store.labels(in: tree).filter { path == nil || $0.prompt == path }.map { stored in
            let version = stored.target.version!
            var problem: LabelEntry.Problem?
            if !repository.containsObject(try ObjectID(checked: version.blob)) {
                problem = .versionMissing
            } else if let head, try repository.treeEntry(atPath: stored.prompt, inTree: head) == nil {
                problem = .promptGoneAtHead
            }
            return LabelEntry(
                label: stored.label, prompt: stored.prompt, version: version, movedBy: stored.target.movedBy,
                movedAt: ISODate.format(seconds: stored.target.movedAt), problem: problem)
        }
        return LabelList(labels: entries)
    }

    /// Every move of the label `name` (on `prompt` only, when given), newest first, with the scores of
    /// both versions. Complexity: one walk of the label history and one index look-up per version.
    public func labelLog(_ name: String, prompt: String? = nil) throws -> LabelLog {
        let label = try LabelName.checked(name)
        let path = try prompt.map { try repositoryPath(forUserPath: $0) }
        let store = LabelStore(repository: repository)
        let moves = try store.moves(label: label, prompt: path)
        guard !moves.isEmpty else {
            throw QuillError.badInput("label '\(label)' was never set\(path.map { " on '\($0)'" } ?? ""); see 'quill label list'")
        }
        var scores = try LabelScores(workspace: self)
        var current = [String: LabelTarget]()
        if let tree = try store.tipTree() {
            for prompt in Set(moves.map(\.message.prompt)) {
                current[prompt] = try store.target(label: label, prompt: prompt, in: tree)
            }
        }
        var reports = [LabelMoveReport]()
        for move in moves {
            let isCurrent = current[move.message.prompt].map { $0.version == move.message.to && $0.movedAt == move.commit.committer.unixTime } ?? false
            if isCurrent { current[move.message.prompt] = nil }  // one current move per prompt: the newest that matches
            reports.append(try report(move.message, commit: move.commit, scores: &scores, isCurrent: isCurrent))
        }
        return LabelLog(label: label, prompt: path, moves: reports)
    }

    /// Writes a move and reports it; a move to where the label already is reports the move that put it there.
    private func moveLabel(_ label: String, prompt: String, to version: LabelVersion?, message: String?, environment: [String: String]) throws -> LabelMoveReport {
        let store = LabelStore(repository: repository)
        let signature = try repository.defaultSignature(for: .committer, environment: environment)
        var scores = try LabelScores(workspace: self)
        guard let moved = try store.move(label: label, prompt: prompt, to: version, note: message, signature: signature) else {
            guard let last = try store.moves(label: label, prompt: prompt).first else {
                throw QuillError(.repository, "label '\(label)' on '\(prompt)' is set but no move in the history set it")
            }
            return try report(last.message, commit: last.commit, scores: &scores, isCurrent: true)
        }
        let text = LabelMoveMessage(label: label, prompt: prompt, from: moved.from, to: version, note: message)
        return try report(text, commit: try repository.commit(moved.commit), scores: &scores, isCurrent: true)
    }

    private func report(_ move: LabelMoveMessage, commit: Commit, scores: inout LabelScores, isCurrent: Bool) throws -> LabelMoveReport {
        LabelMoveReport(
            id: commit.id.hex, label: move.label, prompt: move.prompt, from: move.from, to: move.to,
            movedBy: "\(commit.author.name) <\(commit.author.email)>", movedAt: ISODate.format(commit.author), message: move.note,
            fromScores: try scores.of(move.from), toScores: try scores.of(move.to), isCurrent: isCurrent)
    }

    /// A prompt path and its version at a revision, from `PROMPT[@REV]`: a path that exists as typed is
    /// a path, even with an `@` in it; otherwise the revision follows the last `@`.
    func promptVersion(_ spec: String) throws -> (path: String, version: LabelVersion) {
        var path = spec, revision = "HEAD"
        if let at = spec.lastIndex(of: "@"), at != spec.startIndex {
            let whole = try repositoryPath(forUserPath: spec)
            let exists = try repository.headCommitID().map { try repository.treeEntry(atPath: whole, inCommit: $0) != nil } ?? false
            if !exists {
                path = String(spec[..<at])
                revision = String(spec[spec.index(after: at)...])
            }
        }
        let relative = try repositoryPath(forUserPath: path)
        guard !relative.contains("\n") else {
            throw QuillError.badInput("prompt path '\(path)' contains a line break; expected a path without one")
        }
        let commit = revision == "HEAD" ? try requireHead() : try resolveUserCommit(revision)
        guard let entry = try repository.treeEntry(atPath: relative, inCommit: commit), !entry.isTree else {
            throw QuillError.badInput("prompt '\(relative)' does not exist at '\(revision)' (\(commit.abbreviated())); expected a file committed there")
        }
        return (relative, LabelVersion(blob: entry.id.hex, commit: commit.hex))
    }
}

extension ObjectID {
    /// The id a stored hex string names, or a repository error.
    init(checked hex: String) throws {
        guard let id = ObjectID(hex: hex) else { throw QuillError(.repository, "'\(hex)' is not an object id") }
        self = id
    }
}

extension ISODate {
    /// A time in seconds since 1970, as strict ISO 8601 in UTC.
    static func format(seconds: Int64) -> String {
        format(Signature(name: "", email: "", date: Date(timeIntervalSince1970: TimeInterval(seconds)), timeZoneOffsetMinutes: 0))
    }
}
