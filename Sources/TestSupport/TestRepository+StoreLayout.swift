import Foundation

extension TestRepository {
    /// Rewrites the tip of `refs/quill/evals` as the store's layout 1 (docs/storage.md) wrote it, with
    /// git's own plumbing: every id-named entry moves from `ab/cd/ef…` back to `ab/cdef…` and
    /// `layout.json` goes, in a commit on the tip. Returns the layout-1 tree's id.
    @discardableResult
    public func rewriteEvalStoreAsLayoutOne() throws -> String {
        let lines = try git("ls-tree", "-r", "--full-tree", "refs/quill/evals").split(separator: "\n")
        let folders: Set<Substring> = ["records", "cases", "meta", "by-commit", "by-prompt"]
        var entries = [String]()
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1)
            var path = parts[1].split(separator: "/", omittingEmptySubsequences: false)
            guard path[0] != "layout.json" else { continue }
            if folders.contains(path[0]), path.count > 3 { path[2] = path[2] + path[3]; path.remove(at: 3) }
            entries.append("\(parts[0])\t\(path.joined(separator: "/"))")
        }
        let index = path + "/.git/layout-one-index"
        defer { try? FileManager.default.removeItem(atPath: index) }
        try git(["update-index", "--add", "--index-info"], input: entries.joined(separator: "\n") + "\n", environment: ["GIT_INDEX_FILE": index])
        let tree = try git(["write-tree"], environment: ["GIT_INDEX_FILE": index])
        let commit = try git("commit-tree", tree, "-p", "refs/quill/evals", "-m", "quill: record (layout 1)")
        try git("update-ref", "refs/quill/evals", commit)
        return tree
    }
}
