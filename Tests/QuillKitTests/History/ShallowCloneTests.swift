import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Shallow clones against git in the same clone")
struct ShallowCloneTests {
    @Test("log and blame stop at the shallow boundary exactly as git log --follow and git blame do", arguments: [1, 2, 5])
    func logAndBlame(depth: Int) throws {
        var generator = BlameHistoryGenerator(seed: 11, commits: 120)
        let source = try TestRepository()
        try source.importStream(generator.generate().stream)
        let clone = try TestRepository(cloning: source, options: ["--depth", String(depth)])
        let boundary = Set(try clone.read(".git/shallow").split(separator: "\n").map(String.init))
        #expect(!boundary.isEmpty)
        let paths = try clone.git("ls-tree", "-r", "--name-only", "HEAD", "--", "prompts").split(separator: "\n").map(String.init)
        #expect(!paths.isEmpty)
        for path in paths {
            let expected = try clone.git("log", "--follow", "--format=%H", "--", path).split(separator: "\n").map(String.init)
            let workspace = try Workspace.open(from: clone.path)
            let log = try workspace.log(prompt: path)
            #expect(log.versions.map(\.commit) == expected, "\(path) at depth \(depth)")
            // The boundary shows as the commit that added the prompt, and the warning names it.
            let reachesBoundary = expected.contains(where: boundary.contains)
            let warning = try #require(boundary.first { expected.contains($0) }.map { shallowWarning($0) } ?? .some(""))
            #expect(workspace.warnings == (reachesBoundary ? [warning] : []), "\(path)")

            let blamed = try Workspace.open(from: clone.path).blame(prompt: path)
            #expect(blamed.lines.map { GitBlameLine(commit: $0.commit, originalLine: $0.originalLine, path: $0.originalPath) } == (try clone.gitBlame(path)))
            let gitBoundaries = try clone.gitBlameBoundaries(path)
            #expect(Set(blamed.commits.filter(\.isBoundary).map(\.version.commit)) == gitBoundaries, "\(path)")
            #expect(!gitBoundaries.isDisjoint(with: boundary) || depth > 1, "a depth-1 clone blames every line on its one commit")
        }
    }

    @Test("a clone made shallow after its commit-graph was written, and its linked work tree, stop at the boundary too")
    func commitGraphAndLinkedWorkTree() throws {
        var generator = BlameHistoryGenerator(seed: 5, commits: 60)
        let source = try TestRepository()
        try source.importStream(generator.generate().stream)
        let clone = try TestRepository(cloning: source, options: [])
        try clone.git("commit-graph", "write", "--reachable")
        try clone.git("fetch", "-q", "--depth=3", "origin")
        #expect(FileManager.default.fileExists(atPath: clone.path + "/.git/objects/info/commit-graph"))
        let linked = try TemporaryFolder()
        try clone.git("worktree", "add", "-q", linked.path + "/wt", "HEAD")
        let paths = try clone.git("ls-tree", "-r", "--name-only", "HEAD", "--", "prompts").split(separator: "\n").map(String.init)
        for path in paths {
            let expected = try clone.git("log", "--follow", "--format=%H", "--", path).split(separator: "\n").map(String.init)
            #expect(try Workspace.open(from: clone.path).log(prompt: path).versions.map(\.commit) == expected, "\(path)")
            #expect(try Workspace.open(from: linked.path + "/wt").log(prompt: path).versions.map(\.commit) == expected, "\(path) in the linked work tree")
        }
    }

    @Test("regressions and eval list walk up to the boundary and warn; without it they are silent")
    func regressionsAndEvalList() throws {
        let source = try TestRepository()
        try source.write("quill.yaml", "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n")
        var commits = [String]()
        for step in 0..<6 {
            try source.write("prompts/a.prompt", "Answer briefly.\nStep \(step).\n")
            commits.append(try source.commitAll("step \(step)"))
        }
        let clone = try TestRepository(cloning: source, options: ["--depth", "3"])
        try clone.git("config", "user.name", "Eve Evaluator")
        try clone.git("config", "user.email", "eve@example.com")
        for (offset, commit) in commits.suffix(3).enumerated() {
            try clone.recordMetrics("{\"accuracy\": \(offset == 2 ? 0.5 : 0.9)}", commit: commit, prompt: "prompts/a.prompt")
        }
        let workspace = try Workspace.open(from: clone.path)
        let report = try workspace.regressions(prompt: "prompts/a.prompt", metric: "accuracy")
        #expect(report.evaluatedCommits == 3)
        #expect(workspace.warnings == [shallowWarning(commits[3])])

        let listed = try Workspace.open(from: clone.path)
        #expect(try listed.listEvaluations(prompt: "prompts/a.prompt", commit: nil).records.count == 3)
        #expect(listed.warnings == [shallowWarning(commits[3])])

        try clone.git("fetch", "-q", "--unshallow")
        let full = try Workspace.open(from: clone.path)
        #expect(try full.log(prompt: "prompts/a.prompt").versions.count == 6)
        #expect(full.warnings.isEmpty)
    }

    @Test("A...B finds a merge base inside the clone as git does, and names the fetch when it is outside")
    func mergeBase() throws {
        let source = try TestRepository()
        try source.write("prompts/a.prompt", "one\n")
        let base = try source.commitAll("base")
        for step in 0..<4 {
            try source.write("prompts/a.prompt", "main \(step)\n")
            try source.commitAll("main \(step)")
        }
        try source.git("checkout", "-q", "-b", "side", base)
        try source.write("prompts/a.prompt", "side\n")
        try source.commitAll("side")
        try source.git("checkout", "-q", "main")

        let deep = try TestRepository(cloning: source, options: ["--depth", "5", "--no-single-branch"])
        #expect(try deep.git("merge-base", "origin/main", "origin/side") == base)
        let report = try Workspace.open(from: deep.path).diff(DiffRequest(revisions: ["origin/main...origin/side"], paths: []))
        #expect(report.from.commit == base)

        let shallow = try TestRepository(cloning: source, options: ["--depth", "1", "--no-single-branch"])
        let failure = #expect(throws: QuillError.self) {
            try Workspace.open(from: shallow.path).diff(DiffRequest(revisions: ["origin/main...origin/side"], paths: []))
        }
        #expect(failure?.kind == .badInput)
        #expect(failure?.message.contains("'git fetch --deepen=") == true)
        #expect(failure?.message.contains("'git fetch --unshallow'") == true)
    }

    @Test("bisect in a shallow clone finds the culprit inside it, and a search that reaches the boundary says so")
    func bisect() throws {
        let history = try BisectHistory(count: 45, culpritIndex: 38)
        let clone = try TestRepository(cloning: history.repository, options: ["--depth", "12"])
        try clone.git("config", "user.name", "Bea Bisector")
        try clone.git("config", "user.email", "bea@example.com")
        let record = { (accuracy: Double, commit: String) in
            _ = try Workspace.open(from: clone.path).recordEvaluations(RecordRequest(
                files: [history.metricsFile(accuracy: accuracy, latency: 100)], prompt: history.prompt, commit: commit))
        }
        try record(0.55, "HEAD")
        let failure = #expect(throws: QuillError.self) {
            try Workspace.open(from: clone.path).bisect(BisectRequest(metric: "accuracy", command: history.command()))
        }
        #expect(failure?.message.hasSuffix("pass --good REV; " + shallowWarning(history.commits[33])) == true, "\(failure?.message ?? "")")

        try record(0.9, history.commits[34])
        let report = try Workspace.open(from: clone.path).bisect(BisectRequest(metric: "accuracy", command: history.command()))
        #expect(report.firstBad?.commit == history.culprit)
        let followed = try clone.git("log", "--follow", "--format=%H", "\(history.commits[34])..HEAD", "--", history.prompt)
        #expect(report.candidates == followed.split(separator: "\n").count)
    }

    private func shallowWarning(_ commit: String) -> String {
        "history ends at the shallow boundary \(commit.prefix(7)); 'git fetch --unshallow' for more"
    }
}

extension TestRepository {
    /// The commits `git blame --porcelain` marks `boundary` for `path` at HEAD.
    func gitBlameBoundaries(_ path: String) throws -> Set<String> {
        var boundaries = Set<String>()
        var commit = ""
        for line in try git("blame", "--porcelain", "--", path).split(separator: "\n") where !line.hasPrefix("\t") {
            let fields = line.split(separator: " ")
            if fields.count >= 3, fields[0].count == 40, fields[0].allSatisfy(\.isHexDigit) {
                commit = String(fields[0])
            } else if line == "boundary" {
                boundaries.insert(commit)
            }
        }
        return boundaries
    }
}
