/// Writes commits as a `git fast-import` stream: whole trees, marks as commit numbers, a clock that only moves forward.
struct FastImportWriter {
    private var stream = ""
    /// The number of the last commit written (its mark).
    private(set) var mark = 0
    private var clock = 1_700_000_000

    /// Appends a commit on `branch` holding exactly `files` (path, text); returns its mark.
    mutating func commit(
        branch: String, parent: Int?, merge: Int?, minutesLater: Int, clockSkewed: Bool, message: String, files: [(String, String)]
    ) -> Int {
        mark += 1
        clock += 60 * minutesLater
        stream += "commit refs/heads/\(branch)\nmark :\(mark)\n"
        stream += "author Ada Tester <ada@example.com> \(clock) +0100\n"
        // A skewed committer clock runs an hour slow, so a child can be dated before its parent.
        stream += "committer \(TestEnvironment.authorName) <\(TestEnvironment.authorEmail)> \(clockSkewed ? clock - 3600 : clock) +0000\n"
        stream += data(message + "\n")
        if let parent { stream += "from :\(parent)\n" }
        if let merge { stream += "merge :\(merge)\n" }
        stream += "deleteall\n"
        for (path, text) in files { stream += "M 100644 inline \(path)\n" + data(text) }
        stream += "\n"
        return mark
    }

    /// The whole stream, ended.
    func finished() -> String { stream + "done\n" }

    private func data(_ text: String) -> String { "data \(text.utf8.count)\n\(text)\n" }
}
