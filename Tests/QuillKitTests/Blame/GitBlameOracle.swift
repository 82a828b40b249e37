import Foundation
import TestSupport

/// One line of `git blame --porcelain`: the commit, the line's number there and the file's path there.
struct GitBlameLine: Equatable, CustomStringConvertible {
    let commit: String
    let originalLine: Int
    let path: String

    var description: String { "\(commit.prefix(8)) \(path):\(originalLine)" }
}

extension TestRepository {
    /// `git blame --porcelain REV -- path`, one entry per line of the file; the oracle for `Workspace.blame`.
    ///
    /// Porcelain prints a commit's `filename` with its first group only (unless the commit blames
    /// lines under several paths), so a group without one takes the commit's last known path.
    func gitBlame(_ path: String, revision: String = "HEAD") throws -> [GitBlameLine] {
        let output = try git(["blame", "--porcelain", revision, "--", path])
        var entries = [(commit: String, line: Int, group: Int)]()
        var groupPaths = [String?]()
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) where !line.hasPrefix("\t") {
            let fields = line.split(separator: " ")
            if fields.count >= 3, fields[0].count == 40, fields[0].allSatisfy(\.isHexDigit), let number = Int(fields[1]) {
                if fields.count == 4 { groupPaths.append(nil) }
                entries.append((String(fields[0]), number, groupPaths.count - 1))
            } else if line.hasPrefix("filename ") {
                groupPaths[groupPaths.count - 1] = String(line.dropFirst("filename ".count))
            }
        }
        var known = [String: String]()
        return try entries.map { entry in
            if let path = groupPaths[entry.group] { known[entry.commit] = path }
            guard let path = known[entry.commit] else { throw TestFailure("no filename for \(entry.commit) in git blame output") }
            return GitBlameLine(commit: entry.commit, originalLine: entry.line, path: path)
        }
    }
}
