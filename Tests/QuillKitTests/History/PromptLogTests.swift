import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Prompt history against git log --follow")
struct PromptLogTests {
    static let seeds: [UInt64] = [1, 7, 42, 2024, 31337, 0xC0FFEE]

    @Test("log lists exactly the commits of git log --follow for every prompt, on random histories, with and without a commit-graph",
          arguments: seeds)
    func randomHistory(seed: UInt64) throws {
        var generator = HistoryGenerator(seed: seed, steps: 90)
        let history = generator.generate()
        #expect(history.commitCount >= 60)
        #expect(history.mergeCount >= 1)
        #expect(history.renameCount >= 5)
        #expect(history.copyCount + history.skewCount >= 1)
        let repository = try TestRepository()
        try repository.importHistory(history)
        try repository.writeCommitGraph(.forSeed(Self.seeds.firstIndex(of: seed)!))
        let workspace = try Workspace.open(from: repository.path)

        let atHead = Set(try repository.git("ls-tree", "-r", "--name-only", "HEAD").split(separator: "\n").map(String.init))
            .filter { $0.hasPrefix("prompts/") }
        #expect(atHead == history.finalPromptPaths)
        for path in history.promptPaths.sorted() {
            try expectLogMatchesGit(path, workspace: workspace, repository: repository)
        }
    }

    @Test("a linear history lists the same commits too", arguments: [UInt64(3), 99])
    func linearHistory(seed: UInt64) throws {
        var generator = HistoryGenerator(seed: seed, steps: 70, linear: true)
        let history = generator.generate()
        let repository = try TestRepository()
        try repository.importHistory(history)
        let workspace = try Workspace.open(from: repository.path)
        for path in history.promptPaths.sorted() {
            try expectLogMatchesGit(path, workspace: workspace, repository: repository)
        }
    }

    @Test("a rename on a side branch, merged back after main edited the old name, is followed as git does")
    func renameOnSideBranch() throws {
        let repository = try TestRepository()
        let body = (1...12).map { "line \($0) of the support prompt" }
        try repository.write("prompts/support.txt", body.joined(separator: "\n") + "\n")
        try repository.write("README.md", "readme\n")
        let added = try repository.commitAll("add support")
        try repository.git("switch", "-q", "-c", "side")
        try repository.remove("prompts/support.txt")
        try repository.write("prompts/help/support.txt", body.joined(separator: "\n") + "\n")
        let renamed = try repository.commitAll("move support into help")
        try repository.git("switch", "-q", "main")
        try repository.write("prompts/support.txt", (body + ["one more line"]).joined(separator: "\n") + "\n")
        let editedOld = try repository.commitAll("edit support on main")
        try repository.tick()
        try repository.git(["merge", "-q", "--no-ff", "-m", "merge side", "side"])
        try repository.write("prompts/help/support.txt", (body + ["one more line", "and another"]).joined(separator: "\n") + "\n")
        let editedNew = try repository.commitAll("edit support after the merge")

        let workspace = try Workspace.open(from: repository.path)
        let log = try workspace.log(prompt: "prompts/help/support.txt")
        // git walks by date: main's edit of the old name comes after the rename, so --follow misses it.
        #expect(log.versions.map(\.commit) == [editedNew, renamed, added])
        #expect(log.versions.map(\.change) == [.modified, .renamed, .added])
        #expect(log.versions[1].previousPath == "prompts/support.txt")
        #expect(log.versions.map(\.commit) == (try repository.gitFollowLog("prompts/help/support.txt").map(\.commit)))
        let oldLog = try workspace.log(prompt: "prompts/support.txt")
        #expect(oldLog.versions.map(\.commit) == (try repository.gitFollowLog("prompts/support.txt").map(\.commit)))
        #expect(oldLog.versions.map(\.commit).contains(editedOld))
    }

    @Test("a prompt copied from another, unchanged one follows the original's history as git log --follow does")
    func copiedPrompt() throws {
        let repository = try TestRepository()
        let body = (1...12).map { "line \($0) of the sales prompt" }
        try repository.write("prompts/sales.txt", body.joined(separator: "\n") + "\n")
        try repository.commitAll("add sales")
        try repository.write("prompts/sales.txt", (body + ["tuned"]).joined(separator: "\n") + "\n")
        try repository.commitAll("tune sales")
        try repository.write("prompts/sales-v2.txt", (body + ["tuned", "v2"]).joined(separator: "\n") + "\n")
        try repository.commitAll("start sales v2 from sales")
        let workspace = try Workspace.open(from: repository.path)
        let log = try workspace.log(prompt: "prompts/sales-v2.txt")
        let git = try repository.gitFollowLog("prompts/sales-v2.txt")
        #expect(git.map(\.status) == ["C", "M", "A"])
        #expect(log.versions.map(\.commit) == git.map(\.commit))
        #expect(log.versions.first?.previousPath == "prompts/sales.txt")
    }

    /// Found by compare-with-git.sh on dair-ai/Prompt-Engineering-Guide (`pages/introduction/_meta.fi.json`,
    /// added by the merge 8185da5): git log --follow lists nothing, and neither does quill log.
    @Test("a prompt that only a merge commit added has an empty history, as git log --follow shows it")
    func addedByMerge() throws {
        let repository = try TestRepository()
        try repository.commitAll("empty root")
        for branch in ["main", "side"] {
            if branch == "side" { try repository.git("checkout", "-q", "-b", "side", "HEAD~1") }
            try repository.write("prompts/\(branch).md", "\(branch)\n")
            try repository.commitAll(branch)
        }
        try repository.git("checkout", "-q", "main")
        try repository.git("merge", "-q", "--no-ff", "--no-commit", "side")
        try repository.write("prompts/merged.md", "written while merging\n")
        try repository.git("add", "prompts/merged.md")
        try repository.commit("merge side, adding a prompt")
        let workspace = try Workspace.open(from: repository.path)
        #expect(try repository.gitFollowLog("prompts/merged.md").isEmpty)
        #expect(try workspace.log(prompt: "prompts/merged.md").versions.isEmpty)
        #expect(throws: QuillError.self) { try workspace.log(prompt: "prompts/never.md") }
    }

    @Test("author dates in every time zone, from 1970 to 9999, read as git's %aI prints them")
    func datesAcrossZones() throws {
        let repository = try TestRepository()
        let dates = [
            "@0 +0000", "@1700000000 -0930", "@951782400 +1400", "@4102444800 +0100", "@253402300799 +0000",
            "@253402300800 -0001", "@86399 +0059", "@1 -0000", "@1234567890 +0545", "@978307199 -1200",
        ]
        for (index, date) in dates.enumerated() {
            try repository.write("prompts/dated.md", "version \(index)\n")
            try repository.git("add", "-A")
            try repository.tick()
            try repository.git(["commit", "-q", "-m", "dated \(index)"], environment: ["GIT_AUTHOR_DATE": date])
        }
        let workspace = try Workspace.open(from: repository.path)
        let expected = try repository.git("log", "--format=%aI", "--", "prompts/dated.md").split(separator: "\n").map(String.init)
        #expect(expected.count == dates.count)
        #expect(try workspace.log(prompt: "prompts/dated.md").versions.map(\.date) == expected)
    }

    /// Compares `Workspace.log(prompt:)` with `git log --follow` field by field.
    @Test("author dates at the ends of the range and with every kind of offset are written as git's %aI writes them")
    func authorDates() throws {
        // The epoch; a local date in year 9999 whose UTC date is in 10000, and one in 10000 (five
        // digits); the widest offsets.
        let dates = ["0 +0000", "253402300800 -0530", "253402300800 +0100", "4102444800 +1400", "1699996460 -1200", "951782400 +0545"]
        var stream = ""
        for (number, date) in dates.enumerated() {
            let body = "Revision \(number).\n"
            stream += "commit refs/heads/main\nauthor A <a@example.com> \(date)\ncommitter Q <q@example.com> \(1_700_000_000 + number) +0000\n"
            stream += "data 5\nedit\nM 100644 inline prompts/a.md\ndata \(body.utf8.count)\n\(body)\n"
        }
        let repository = try TestRepository()
        try repository.importStream(stream)
        let workspace = try Workspace.open(from: repository.path)
        try expectLogMatchesGit("prompts/a.md", workspace: workspace, repository: repository)
        #expect(try workspace.log(prompt: "prompts/a.md").versions.count == dates.count)
    }

    private func expectLogMatchesGit(_ path: String, workspace: Workspace, repository: TestRepository) throws {
        let expected = try repository.gitFollowLog(path)
        let log = try workspace.log(prompt: path)
        #expect(log.prompt == path)
        try #require(log.versions.map(\.commit) == expected.map(\.commit), "commits of \(path)")
        let blobs = try repository.blobIDs(expected.map { "\($0.commit):\($0.path)" })
        for ((version, git), blob) in zip(zip(log.versions, expected), blobs) {
            let context = Comment(rawValue: "\(path) at \(git.commit.prefix(8)) (\(git.subject))")
            #expect(version.author == git.author, context)
            #expect(version.authorEmail == git.email, context)
            #expect(version.date == git.date, context)
            #expect(version.subject == git.subject, context)
            #expect(version.path == git.path, context)
            #expect(version.previousPath == git.previousPath, context)
            #expect(version.blob == (git.status == "D" ? nil : blob), context)
            let change: PromptVersion.Change = switch git.status {
            case "A": .added
            case "D": .deleted
            case "R": .renamed
            case "C": .copied
            default: .modified
            }
            #expect(version.change == change, context)
        }
    }
}
