import Foundation
import GitKit
import TestSupport

/// What real `git` pairs in one commit, for the rename-detection tests.
extension TestRepository {
    /// The `--name-status` line `git log --follow` shows for `commit` and `path` (`R052\tsource\tpath`,
    /// `C100\t…`, `A\tpath`): the pairing of `try_to_follow_renames`.
    func gitFollowStatus(_ commit: String, _ path: String) throws -> String {
        try git("log", "-1", "--follow", "--name-status", "--format=", commit, "--", path)
    }

    /// The path `git blame` takes the lines of `path` from in `commit`'s parent (`find_rename`): the
    /// file name of the lines `git blame commit^..commit` leaves at the boundary; `nil` when it leaves
    /// none (no rename, or a rename that shares no line, which blame cannot show).
    func gitBlameSource(_ commit: String, _ path: String) throws -> String? {
        let output = try git("blame", "--porcelain", commit + "^.." + commit, "--", path)
        var inBoundary = false
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count >= 3, fields[0].count == 40, fields[0].allSatisfy(\.isHexDigit) {
                inBoundary = !commit.hasPrefix(fields[0])
            } else if inBoundary, line.hasPrefix("filename ") {
                return String(line.dropFirst("filename ".count))
            }
        }
        return nil
    }

    /// `git diff -M --name-status parent commit`, one line per file.
    func gitRenameStatus(_ commit: String) throws -> [String] {
        try git("diff", "-M", "--name-status", commit + "^", commit).split(separator: "\n").map(String.init)
    }
}

extension Repository {
    /// Quill's answer in the shape of `gitFollowStatus`.
    func followStatus(_ commit: String, _ path: String) throws -> String {
        let id = try resolveCommit(commit)
        guard let parent = try self.commit(id).parentIDs.first else { throw TestFailure("\(commit) has no parent") }
        guard let change = try renameSource(of: path, from: treeID(ofCommit: parent), to: treeID(ofCommit: id), detecting: .copies) else {
            return "A\t\(path)"
        }
        return change.status + "\t\(change.oldPath)\t\(change.newPath)"
    }

    /// Quill's answer in the shape of `gitBlameSource`.
    func blameSource(_ commit: String, _ path: String) throws -> String? {
        let id = try resolveCommit(commit)
        guard let parent = try self.commit(id).parentIDs.first else { throw TestFailure("\(commit) has no parent") }
        return try renameSource(of: path, from: treeID(ofCommit: parent), to: treeID(ofCommit: id), detecting: .renames)?.oldPath
    }

    /// Quill's answer in the shape of `gitRenameStatus`.
    func renameStatus(_ commit: String) throws -> [String] {
        let id = try resolveCommit(commit)
        guard let parent = try self.commit(id).parentIDs.first else { throw TestFailure("\(commit) has no parent") }
        return try nameStatus(treeChanges(from: treeID(ofCommit: parent), to: treeID(ofCommit: id), detecting: .renames))
    }

    /// `changes` as `git diff --name-status` lists them.
    func nameStatus(_ changes: [TreeChange]) -> [String] {
        changes.map { change in
            switch change.kind {
            case .renamed, .copied: change.status + "\t\(change.oldPath)\t\(change.newPath)"
            case .added: "A\t\(change.newPath)"
            case .deleted: "D\t\(change.oldPath)"
            case .typeChanged: "T\t\(change.newPath)"
            default: "M\t\(change.newPath)"
            }
        }
    }
}

extension TreeChange {
    /// git's `--name-status` letter and score for a rename or copy (`R052`).
    var status: String { (kind == .copied ? "C" : "R") + String(format: "%03d", similarity) }
}

/// Numbered lines of equal length, for contents whose similarity is known by construction.
func lines(_ range: ClosedRange<Int>, _ tag: String = "line") -> String {
    range.map { String(format: "%@ %04d of the prompt text, padded to length\n", tag, $0) }.joined()
}
