import Foundation
import GitKit

/// What a commit changed of what a prompt's evaluation depends on: the prompt (its messages, its front
/// matter's model and parameters), the files it includes, and, for a value the records name, the lines
/// of any file that set it.
struct CandidateExaminer {
    let repository: Repository
    /// How each prompt file is read (`quill.yaml`'s `formats`).
    let config: QuillConfig

    /// Files larger than this are not searched for record settings.
    static let settingFileLimit = 1 << 20

    /// What `commit` changed of the prompt at `path` (at `parentPath` in its first parent) and the files
    /// it includes; `nil` when it changed none of these.
    func candidate(_ commit: ObjectID, path: String, parentPath: String?) throws -> RegressionCandidate? {
        let details = try repository.commit(commit)
        let tree = details.treeID
        let parentTree = try details.parentIDs.first.map { try repository.treeID(ofCommit: $0) }
        let now = try repository.treeEntry(atPath: path, inTree: tree)
        let before = try parentTree.flatMap { tree in try parentPath.flatMap { try repository.treeEntry(atPath: $0, inTree: tree) } }
        var kinds = Set<RegressionCandidate.Kind>()
        var changedLines = [String]()
        if now?.id != before?.id {
            changedLines = try self.changedLines(from: before?.id, to: now?.id)
            kinds.formUnion(try promptChangeKinds(from: before?.id, to: now?.id, path: path))
        }
        let includes = try includeChanges(of: (now, path), and: (before, parentPath), tree: tree, parentTree: parentTree)
        if !includes.isEmpty { kinds.insert(.prompt) }
        guard !kinds.isEmpty else { return nil }
        return try candidate(commit, details: details, kinds: kinds, changedLines: changedLines, includes: includes)
    }

    /// A candidate for `commit` with nothing but `kinds` (a commit that only set a record's value).
    func candidate(
        _ commit: ObjectID, details: Commit? = nil, kinds: Set<RegressionCandidate.Kind>, changedLines: [String] = [],
        includes: [IncludedFileChange] = []
    ) throws -> RegressionCandidate {
        let details = try details ?? repository.commit(commit)
        return RegressionCandidate(
            commit: commit.hex, author: details.author.name, date: ISODate.format(details.author), subject: details.subject,
            kinds: RegressionCandidate.Kind.allCases.filter(kinds.contains), changedLines: changedLines, includes: includes)
    }

    /// The lines `commit` added (against its first parent) that hold one of `needles` (a value, and the
    /// key that must be on the same line), with their files; for a needle that is a path the commit
    /// changed, that file's changed lines. Empty when no such line was added.
    func settingLines(_ commit: ObjectID, needles: [(String, key: String?)]) throws -> [IncludedFileChange] {
        let details = try repository.commit(commit)
        let parentTree = try details.parentIDs.first.map { try repository.treeID(ofCommit: $0) }
        var found = [IncludedFileChange]()
        for change in try repository.treeChanges(from: parentTree, to: details.treeID) {
            guard let newID = change.newID else { continue }
            if needles.contains(where: { $0.0 == change.newPath }) {
                found.append(IncludedFileChange(path: change.newPath, changedLines: try changedLines(from: change.oldID, to: newID)))
                continue
            }
            guard try repository.blobSize(newID) <= CandidateExaminer.settingFileLimit else { continue }
            let lines = try changedLines(from: change.oldID, to: newID).filter { line in
                line.hasPrefix("+") && needles.contains { needle in
                    line.contains(needle.0) && (needle.key.map { line.contains($0) } ?? true)
                }
            }
            if !lines.isEmpty { found.append(IncludedFileChange(path: change.newPath, changedLines: lines)) }
        }
        return found
    }

    /// Where a record's value is set: a file, and the key its line holds before the value (`nil`: any
    /// change of the file, for a value that is the file's own path or stands on a line without a key).
    struct SettingSite: Hashable {
        let path: String
        let key: String?
    }

    /// The sites of the lines `settingLines` found for `needles`.
    static func sites(of found: [IncludedFileChange], needles: [(String, key: String?)]) -> Set<SettingSite> {
        var sites = Set<SettingSite>()
        for file in found {
            guard !needles.contains(where: { $0.0 == file.path }) else {
                sites.insert(SettingSite(path: file.path, key: nil))
                continue
            }
            for line in file.changedLines {
                for needle in needles {
                    guard let value = line.range(of: needle.0) else { continue }
                    let key = line[line.index(after: line.startIndex)..<value.lowerBound].trimmingCharacters(in: .whitespaces)
                    sites.insert(SettingSite(path: file.path, key: key.isEmpty ? nil : key))
                }
            }
        }
        return sites
    }

    /// The lines `commit` changed (against its first parent) at `sites`: a changed line whose text
    /// starts with a site's key, or every changed line of a site without one. A commit that set a value
    /// the next commit replaced again shows here though no record names its value.
    func siteLines(_ commit: ObjectID, sites: Set<SettingSite>) throws -> [IncludedFileChange] {
        let details = try repository.commit(commit)
        let parentTree = try details.parentIDs.first.map { try repository.treeID(ofCommit: $0) }
        let paths = Set(sites.map(\.path))
        var found = [IncludedFileChange]()
        for change in try repository.treeChanges(from: parentTree, to: details.treeID, paths: paths.sorted())
        where paths.contains(change.newPath) || paths.contains(change.oldPath) {
            let oversized = try [change.oldID, change.newID].compactMap { $0 }.contains { try repository.blobSize($0) > CandidateExaminer.settingFileLimit }
            guard !oversized else { continue }
            let keys = sites.filter { $0.path == change.newPath || $0.path == change.oldPath }.map(\.key)
            let lines = try changedLines(from: change.oldID, to: change.newID).filter { line in
                let text = line.dropFirst().drop { $0 == " " || $0 == "\t" }
                return keys.contains { $0.map { text.hasPrefix($0) } ?? true }
            }
            if !lines.isEmpty { found.append(IncludedFileChange(path: change.newPath, changedLines: lines)) }
        }
        return found
    }

    /// The commits a merge brought in: its second parent's first-parent history down to (not into)
    /// history its first parent already has, newest first, at most `limit`.
    func branchCommits(of merge: ObjectID, limit: Int = 1000) throws -> [ObjectID] {
        let parents = try repository.commit(merge).parentIDs
        guard parents.count > 1 else { return [] }
        var branch = [ObjectID]()
        var node: ObjectID? = parents[1]
        while let commit = node, branch.count < limit, try !repository.isAncestor(commit, of: parents[0]) {
            branch.append(commit)
            node = try repository.commit(commit).parentIDs.first
        }
        return branch
    }

    /// How many levels of includes are followed (a prompt's includes are level 1, theirs level 2, …).
    static let includeDepth = 8
    /// The most included files read for one commit.
    static let includeLimit = 256

    /// The files either version of the prompt includes, directly or through included files (to
    /// `includeDepth` levels, `includeLimit` files, each once), that differ between `tree` and `parentTree`.
    private func includeChanges(
        of version: (entry: TreeEntry?, path: String), and parent: (entry: TreeEntry?, path: String?),
        tree: ObjectID, parentTree: ObjectID?
    ) throws -> [IncludedFileChange] {
        var level = Set<String>()
        // Most candidates leave the prompt as it was: its one blob is then read and scanned once.
        let isUnchanged = parent.entry?.id == version.entry?.id && parent.path == version.path
        for (entry, path) in [(version.entry, Optional(version.path))] + (isUnchanged ? [] : [(parent.entry, parent.path)]) {
            guard let entry, let path else { continue }
            level.formUnion(try includes(of: entry, at: path))
        }
        var paths = Set([version.path, parent.path].compactMap { $0 })
        let prompts = paths
        for _ in 0..<CandidateExaminer.includeDepth where !level.isEmpty && paths.count - prompts.count < CandidateExaminer.includeLimit {
            level.subtract(paths)
            var next = Set<String>()
            for path in level.sorted().prefix(CandidateExaminer.includeLimit - (paths.count - prompts.count)) {
                paths.insert(path)
                var read = Set<ObjectID>()
                for version in [tree] + (parentTree.map { [$0] } ?? []) {
                    guard let entry = try repository.treeEntry(atPath: path, inTree: version), read.insert(entry.id).inserted else { continue }
                    next.formUnion(try includes(of: entry, at: path))
                }
            }
            level = next
        }
        return try paths.subtracting(prompts).sorted().compactMap { path in
            let new = try repository.treeEntry(atPath: path, inTree: tree).flatMap { $0.isFile ? $0 : nil }
            let old = try parentTree.flatMap { try repository.treeEntry(atPath: path, inTree: $0) }.flatMap { $0.isFile ? $0 : nil }
            guard new?.id != old?.id else { return nil }
            return IncludedFileChange(path: path, changedLines: try changedLines(from: old?.id, to: new?.id))
        }
    }

    /// The paths the file `entry` at `path` includes; none for a tree, a file over `settingFileLimit`
    /// or one that is not UTF-8.
    private func includes(of entry: TreeEntry, at path: String) throws -> [String] {
        guard entry.isFile, try repository.blobSize(entry.id) <= CandidateExaminer.settingFileLimit,
              let text = String(validating: try repository.blobData(entry.id), as: UTF8.self) else { return [] }
        return PromptIncludes.paths(in: text, promptPath: path)
    }

    /// The lines of a blob diff, `-` removed and `+` added.
    private func changedLines(from old: ObjectID?, to new: ObjectID?) throws -> [String] {
        try repository.lineDiff(from: old, to: new).hunks.flatMap(\.lines).compactMap { line in
            line.kind == .added ? "+" + line.text : line.kind == .removed ? "-" + line.text : nil
        }
    }

    /// `model` when the front matter (model, parameters) differs, `prompt` when the messages do;
    /// `prompt` alone when either side does not parse.
    private func promptChangeKinds(from old: ObjectID?, to new: ObjectID?, path: String) throws -> Set<RegressionCandidate.Kind> {
        guard let old, let new,
              let before = try? PromptParser.parse(repository.blobData(old), path: path, reading: config.reading(for: path)),
              let after = try? PromptParser.parse(repository.blobData(new), path: path, reading: config.reading(for: path)) else { return [.prompt] }
        var kinds = Set<RegressionCandidate.Kind>()
        if before.frontMatter != after.frontMatter || before.model != after.model { kinds.insert(.model) }
        if before.messages != after.messages { kinds.insert(.prompt) }
        return kinds.isEmpty ? [.prompt] : kinds
    }
}
