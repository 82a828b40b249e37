import Foundation
import QuillKit
import TestSupport
import Testing

/// `quill log` without a prompt names, for each prompt, the commit `git log -1 -- PATH` names: git's
/// simplified history, where a merge that kept one parent's version is followed into that parent only.
@Suite("Every prompt's latest version against git log -1")
struct LatestVersionsTests {
    @Test("latestVersions names the commit of git log -1 for every prompt at HEAD, on linear histories", arguments: [UInt64(3), 99, 5])
    func linearHistory(seed: UInt64) throws {
        var generator = HistoryGenerator(seed: seed, steps: 70, linear: true)
        let history = generator.generate()
        let repository = try TestRepository()
        try repository.importHistory(history)
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.map(\.path) == history.finalPromptPaths.sorted())
    }

    @Test("and on histories with merges and side branches", arguments: [UInt64(1), 7, 42, 2024])
    func historyWithMerges(seed: UInt64) throws {
        var generator = HistoryGenerator(seed: seed, steps: 90)
        let history = generator.generate()
        #expect(history.mergeCount >= 1)
        let repository = try TestRepository()
        try repository.importHistory(history)
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.map(\.path) == history.finalPromptPaths.sorted())
    }

    @Test("in a shallow clone, the boundary commits hold what lies beyond them, as git log -1 says", arguments: [2, 6])
    func shallowClone(depth: Int) throws {
        var generator = HistoryGenerator(seed: 42, steps: 90)
        let source = try TestRepository()
        try source.importHistory(generator.generate())
        let clone = try TestRepository(cloning: source, options: ["--depth", String(depth)])
        let boundary = Set(try clone.read(".git/shallow").split(separator: "\n").map(String.init))
        let catalog = try expectCatalogMatchesGit(clone)
        #expect(catalog.prompts.contains { boundary.contains($0.commit) }, "some prompt's latest version is a boundary commit")
    }

    /// dair-ai/Prompt-Engineering-Guide `pages/applications/coding.es.mdx`: the merge 8a239af kept
    /// neither side's version, so git log -1 names the merge.
    @Test("a merge that kept neither parent's version is the latest version")
    func mergeKeepingNeitherSide() throws {
        let repository = try TestRepository()
        let edits = try Self.forkedEdits(in: repository)
        let merge = try Self.mergeSide(in: repository, resolvedAs: "a wording of both\n")
        #expect(try repository.git("log", "-1", "--follow", "--format=%H", "--", Self.prompt) == edits["side"])
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.first { $0.path == Self.prompt }?.commit == merge)
        #expect(catalog.prompts.first { $0.path == Self.prompt }?.change == .modified)
    }

    /// dair-ai/Prompt-Engineering-Guide `pages/techniques/activeprompt.kr.mdx` (the merge kept main's
    /// version): the other parent's newer edit is never reached, so git log -1 names the kept one.
    @Test("a merge that kept one parent's version names that parent's edit, though the other's is newer", arguments: ["main", "side"])
    func keptOneSide(kept: String) throws {
        let repository = try TestRepository()
        let edits = try Self.forkedEdits(in: repository, sideFirst: kept == "side")
        try Self.mergeSide(in: repository, resolvedAs: kept == "main" ? Self.mainText : Self.sideText)
        let dropped = kept == "main" ? "side" : "main"
        #expect(try repository.git("log", "-1", "--follow", "--format=%H", "--", Self.prompt) == edits[dropped])
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.first { $0.path == Self.prompt }?.commit == edits[kept])
    }

    /// danielmiessler/fabric `.github/pull_request_template.md`: a side branch deleted the file and
    /// added it back unchanged; the merge equals main, so git log -1 names the commit that added it.
    @Test("a prompt a side branch deleted and restored names the commit that added it")
    func restoredOnSideBranch() throws {
        let repository = try TestRepository()
        try repository.write(Self.prompt, "first wording\n")
        try repository.write("README.md", "readme\n")
        let added = try repository.commitAll("add the prompt")
        try repository.git("switch", "-q", "-c", "side")
        try repository.remove(Self.prompt)
        try repository.commitAll("delete the prompt")
        try repository.write(Self.prompt, "first wording\n")
        try repository.commitAll("restore the prompt")
        try repository.git("switch", "-q", "main")
        try repository.write("README.md", "readme, edited\n")
        try repository.commitAll("edit the readme")
        try repository.tick()
        try repository.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.first { $0.path == Self.prompt }?.commit == added)
    }

    @Test("a prompt that only a merge added has the merge as its latest version, added")
    func addedByMerge() throws {
        let repository = try TestRepository()
        try repository.write("README.md", "readme\n")
        try repository.commitAll("root")
        try repository.git("switch", "-q", "-c", "side")
        try repository.write("prompts/side.md", "side\n")
        try repository.commitAll("side")
        try repository.git("switch", "-q", "main")
        try repository.write("prompts/main.md", "main\n")
        try repository.commitAll("main")
        try repository.git("merge", "-q", "--no-ff", "--no-commit", "side")
        try repository.write("prompts/merged.md", "written while merging\n")
        try repository.git("add", "prompts/merged.md")
        let merge = try repository.commit("merge side, adding a prompt")
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.first { $0.path == "prompts/merged.md" }?.commit == merge)
        #expect(catalog.prompts.first { $0.path == "prompts/merged.md" }?.change == .added)
    }

    @Test("with three parents, the first parent whose version the merge kept is followed")
    func octopusMerge() throws {
        let repository = try TestRepository()
        try repository.write(Self.prompt, "first wording\n")
        for name in ["one", "two", "three"] { try repository.write("notes/\(name).md", "\(name)\n") }
        try repository.commitAll("root")
        var edits = [String]()
        for name in ["one", "two"] {
            try repository.git("switch", "-q", "-c", name, "main")
            try repository.write("notes/\(name).md", "\(name), edited\n")
            if name == "two" { try repository.write(Self.prompt, "two's wording\n") }
            edits.append(try repository.commitAll("edit on \(name)"))
        }
        try repository.git("switch", "-q", "main")
        try repository.write("notes/three.md", "three, edited\n")
        try repository.commitAll("edit on main")
        try repository.tick()
        try repository.git("merge", "-q", "--no-ff", "-m", "merge one and two", "one", "two")
        let catalog = try expectCatalogMatchesGit(repository)
        #expect(catalog.prompts.first { $0.path == Self.prompt }?.commit == edits[1])
    }

    // MARK: - Helpers

    private static let prompt = "prompts/support.md"
    private static let mainText = "main's wording\n"
    private static let sideText = "the side's wording\n"

    /// A root with the prompt, then main's edit of it and the edit of the branch `side` forked from
    /// the root, the side's the newer unless `sideFirst`; returns each edit by branch. Leaves `main`
    /// checked out.
    private static func forkedEdits(in repository: TestRepository, sideFirst: Bool = false) throws -> [String: String] {
        try repository.write(prompt, "first wording\n")
        try repository.commitAll("add the prompt")
        try repository.git("branch", "side")
        var edits = [String: String]()
        for branch in sideFirst ? ["side", "main"] : ["main", "side"] {
            try repository.git("switch", "-q", branch)
            try repository.write(prompt, branch == "main" ? mainText : sideText)
            edits[branch] = try repository.commitAll("edit on \(branch)")
        }
        try repository.git("switch", "-q", "main")
        return edits
    }

    /// Merges `side` into main, its conflict on the prompt resolved as `text`; returns the merge.
    @discardableResult
    private static func mergeSide(in repository: TestRepository, resolvedAs text: String) throws -> String {
        _ = try? repository.git("merge", "-q", "--no-ff", "--no-commit", "side")
        try repository.write(prompt, text)
        try repository.git("add", prompt)
        return try repository.commit("merge side")
    }

    /// Checks every prompt of the catalog at HEAD against `git log -1 -- PATH` (commit, author,
    /// date, subject, HEAD's blob, and added or modified against the first parent); returns it.
    @discardableResult
    private func expectCatalogMatchesGit(_ repository: TestRepository) throws -> PromptCatalog {
        let workspace = try Workspace.open(from: repository.path)
        let catalog = try workspace.latestVersions()
        #expect(catalog.commit == (try repository.git("rev-parse", "HEAD")))
        let blobs = try repository.blobIDs(catalog.prompts.map { "HEAD:\($0.path)" })
        for (version, blob) in zip(catalog.prompts, blobs) {
            let expected = try repository.git("log", "-1", "--format=%H%x1f%an%x1f%aI%x1f%s", "--", version.path).split(separator: "\u{1f}").map(String.init)
            #expect(version.commit == expected[0], "\(version.path)")
            #expect(version.author == expected[1])
            #expect(version.date == expected[2])
            #expect(version.subject == expected[3])
            #expect(version.blob == blob)
            // Not `git log --diff-merges=…`: that lists merges the simplified history leaves out.
            let status = try repository.git("show", "--format=", "--name-status", "--no-renames", "--diff-merges=first-parent", expected[0], "--", version.path)
            #expect(version.change == (status.hasPrefix("A") ? .added : .modified), "\(version.path)")
        }
        return catalog
    }
}
