import Foundation

extension TestRepository {
    /// Rewrites the tip of `refs/quill/evals` as the store's layout 1 (docs/storage.md) wrote it, with
    /// git's own plumbing: every id-named entry moves from `ab/cd/ef…` back to `ab/cdef…`, and
    /// `layout.json` and the score summaries (`scores/`) go, in a commit on the tip. Returns the
    /// layout-1 tree's id.
    @discardableResult
    public func rewriteEvalStoreAsLayoutOne() throws -> String {
        try rewriteEvalStore(message: "quill: record (layout 1)") { path in
            let folders: Set<Substring> = ["records", "cases", "meta", "by-commit", "by-prompt"]
            guard path[0] != "layout.json", path[0] != "scores" else { return nil }
            var path = path
            if folders.contains(path[0]), path.count > 3 { path[2] = path[2] + path[3]; path.remove(at: 3) }
            return path
        }
    }

    /// Rewrites the tip of `refs/quill/evals` as the store's layout 2 wrote it: the score summaries
    /// (`scores/`) go and `layout.json` is layout 2's, in a commit on the tip. Returns the tree's id.
    @discardableResult
    public func rewriteEvalStoreAsLayoutTwo() throws -> String {
        let marker = try git(["hash-object", "-w", "--stdin"], input: #"{"fanout":2,"quill":1}"#)
        return try rewriteEvalStore(message: "quill: record (layout 2)", marker: marker) { path in path[0] == "scores" ? nil : path }
    }

    /// Where the score summaries of `refs/quill/evals` (`scores/…`, docs/storage.md) disagree with its
    /// `by-prompt/` folders and `meta/` entries, read with git's own `ls-tree` and `cat-file`: each
    /// version's summary must hold exactly one line per record of its folder, sorted by record id,
    /// each naming the record's provenance blob. Empty when they agree.
    public func evalStoreSummaryMismatches() throws -> [String] {
        var folders = [String: [String]](), summaries = [String: String](), meta = [String: String]()
        for line in try git("ls-tree", "-r", "--full-tree", "refs/quill/evals").split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            let id = String(parts[0].split(separator: " ")[2]), path = parts[1].split(separator: "/")
            let joined = path.dropFirst().joined()
            switch path[0] {
            case "by-prompt": folders[String(path.dropFirst().dropLast().joined()), default: []].append(String(path.last!))
            case "scores": summaries[String(joined.dropLast(6))] = id
            case "meta": meta[String(joined.dropLast(5))] = id
            default: continue
            }
        }
        var mismatches = [String]()
        for version in Set(folders.keys).union(summaries.keys).sorted() {
            let text = try summaries[version].map { try git("cat-file", "blob", $0) } ?? ""
            let lines = try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
            let ids = lines.map { $0["id"] as? String ?? "" }
            if ids != (folders[version] ?? []).sorted() { mismatches.append("\(version): summary lists \(ids), by-prompt \(folders[version] ?? [])") }
            for line in lines where (line["meta"] as? String) != meta[line["id"] as? String ?? ""] {
                mismatches.append("\(version): the line of \(line["id"] ?? "?") names the provenance \(line["meta"] ?? "none"), meta/ \(meta[line["id"] as? String ?? ""] ?? "none")")
            }
        }
        return mismatches
    }

    /// Rewrites the tip's entries through `move` (`nil` drops one), `layout.json` then pointing at
    /// `marker` when given, and commits the tree on the tip.
    private func rewriteEvalStore(
        message: String, marker: String? = nil, _ move: ([Substring]) -> [Substring]?
    ) throws -> String {
        let lines = try git("ls-tree", "-r", "--full-tree", "refs/quill/evals").split(separator: "\n")
        var entries = [String]()
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard let path = move(parts[1].split(separator: "/", omittingEmptySubsequences: false)) else { continue }
            let info = path == ["layout.json"] && marker != nil ? "100644 blob \(marker!)" : String(parts[0])
            entries.append("\(info)\t\(path.joined(separator: "/"))")
        }
        let index = self.path + "/.git/rewritten-store-index"
        defer { try? FileManager.default.removeItem(atPath: index) }
        try git(["update-index", "--add", "--index-info"], input: entries.joined(separator: "\n") + "\n", environment: ["GIT_INDEX_FILE": index])
        let tree = try git(["write-tree"], environment: ["GIT_INDEX_FILE": index])
        let commit = try git("commit-tree", tree, "-p", "refs/quill/evals", "-m", message)
        try git("update-ref", "refs/quill/evals", commit)
        return tree
    }
}
