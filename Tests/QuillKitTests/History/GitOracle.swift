import Foundation
import TestSupport

/// One commit of `git log --follow --name-status -- PATH`, as git prints it.
struct GitFollowEntry: Equatable {
    let commit: String
    let author: String
    let email: String
    let date: String
    let subject: String
    /// The name-status letter: A, M, D, R or C (the score dropped).
    let status: Character
    /// For R and C, the source path.
    let previousPath: String?
    /// The path in this commit.
    let path: String
}

extension TestRepository {
    /// `git log --follow --name-status -- path`, parsed; the oracle for `Workspace.log(prompt:)`.
    func gitFollowLog(_ path: String) throws -> [GitFollowEntry] {
        let output = try git(["log", "--follow", "--name-status", "--format=%x00%H%x1f%an%x1f%ae%x1f%aI%x1f%s", "--", path])
        return try output.split(separator: "\0").map { record in
            let lines = record.split(separator: "\n", omittingEmptySubsequences: true)
            let header = lines[0].split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
            guard header.count == 5, lines.count == 2 else { throw TestFailure("unexpected git log record: \(record)") }
            let fields = lines[1].split(separator: "\t").map(String.init)
            let status = fields[0].first!
            return GitFollowEntry(
                commit: header[0], author: header[1], email: header[2], date: header[3], subject: header[4],
                status: status, previousPath: fields.count == 3 ? fields[1] : nil, path: fields[fields.count - 1])
        }
    }

    /// The blob ids of `REV:PATH` specs, in order (`nil` where missing), from one `git cat-file --batch-check`.
    func blobIDs(_ specs: [String]) throws -> [String?] {
        guard !specs.isEmpty else { return [] }
        let output = try git(["cat-file", "--batch-check=%(objectname) %(objecttype)"], input: specs.joined(separator: "\n") + "\n")
        return output.split(separator: "\n").map { line in
            line.hasSuffix(" missing") ? nil : String(line.split(separator: " ")[0])
        }
    }
}
