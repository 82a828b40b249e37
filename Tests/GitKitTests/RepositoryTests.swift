import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Repository")
struct RepositoryTests {
    @Test("creates a repository that git recognises, with an unborn HEAD")
    func createsRepository() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-create-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let repository = try Repository.create(at: folder, initialBranch: "trunk")
        #expect(repository.workTreePath != nil)
        #expect(try repository.headCommitID() == nil)
        #expect(try repository.headBranchName() == "refs/heads/trunk")
        let result = try ProcessRunner.run(TestEnvironment.gitPath, ["symbolic-ref", "HEAD"], in: folder, environment: TestEnvironment.variables())
        #expect(result.output == "refs/heads/trunk")
    }

    @Test("creates bare repositories")
    func createsBare() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quill-bare-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let repository = try Repository.create(at: folder, bare: true)
        #expect(repository.workTreePath == nil)
        let result = try ProcessRunner.run(TestEnvironment.gitPath, ["rev-parse", "--is-bare-repository"], in: folder, environment: TestEnvironment.variables())
        #expect(result.output == "true")
    }

    @Test("discovers the repository from a subfolder, but open does not search")
    func discoversFromSubfolder() throws {
        let repository = try TestRepository()
        try repository.write("prompts/deep/a.prompt", "hi\n")
        let discovered = try Repository.discover(from: repository.path + "/prompts/deep")
        #expect(discovered.workTreePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
            == URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path)
        #expect(throws: GitError.self) { try Repository.open(at: repository.path + "/prompts/deep") }
    }

    @Test("reports a missing repository as not found")
    func missingRepository() throws {
        let error = try #require(throws: GitError.self) { try Repository.open(at: "/nonexistent/quill/repo") }
        #expect(error.code == .notFound)
    }

    @Test("follows HEAD through a branch and when detached")
    func readsHead() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "one\n")
        let first = try repository.commitAll("first")
        try repository.write("a.txt", "two\n")
        try repository.commitAll("second")
        try repository.git("checkout", "-q", "--detach", first)
        let opened = try repository.open()
        #expect(opened.isHeadDetached)
        #expect(try opened.headCommitID()?.hex == first)
        #expect(try opened.headBranchName() == nil)
    }

    @Test("reads config values git wrote, and sets values git reads")
    func readsAndWritesConfig() throws {
        let repository = try TestRepository()
        try repository.git("config", "quill.answer", "42")
        try repository.git("config", "core.bare", "false")
        let opened = try repository.open()
        #expect(try opened.configString("quill.answer") == "42")
        #expect(try opened.configBool("core.bare") == false)
        #expect(try opened.configString("quill.missing") == nil)
        try opened.setConfigString("quill.written", to: "yes")
        try opened.addConfigValue("notes.rewriteRef", "refs/notes/quill")
        try opened.addConfigValue("notes.rewriteRef", "refs/notes/quill")
        try opened.addConfigValue("notes.rewriteRef", "refs/notes/other")
        #expect(try repository.git("config", "quill.written") == "yes")
        #expect(try repository.git("config", "--get-all", "notes.rewriteRef") == "refs/notes/quill\nrefs/notes/other")
    }

    @Test("takes the signature from GIT_AUTHOR_* over user.name, and names the remedy when there is none")
    func defaultSignature() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let error = try #require(throws: GitError.self) { try opened.defaultSignature(for: .author, environment: [:]) }
        #expect(error.message.contains("author identity unknown"))
        #expect(error.message.contains("git config --global user.email"))
        try repository.git("config", "user.name", "Config Name")
        try repository.git("config", "user.email", "config@example.com")
        let fromConfig = try opened.defaultSignature(for: .author, environment: [:])
        #expect(fromConfig.name == "Config Name")
        let fromEnvironment = try opened.defaultSignature(
            for: .committer,
            environment: ["GIT_COMMITTER_NAME": "Env Name", "GIT_COMMITTER_EMAIL": "env@example.com", "GIT_COMMITTER_DATE": "@1700000000 +0130"])
        #expect(fromEnvironment.name == "Env Name")
        #expect(fromEnvironment.unixTime == 1_700_000_000)
        #expect(fromEnvironment.timeZoneOffsetMinutes == 90)
        let iso = try opened.defaultSignature(for: .author, environment: ["GIT_AUTHOR_DATE": "2024-02-03T04:05:06Z"])
        #expect(iso.unixTime == 1_706_933_106)
    }

    @Test("a GIT_AUTHOR_DATE git accepts gives git's own time and zone (git var GIT_AUTHOR_IDENT), in every form scripts write", arguments: [
        "@1700000000 +0100", "1700000000 -0530", "@0 +0000", "1700000000", "2023-11-14T22:13:20Z", "2023-11-14 22:13:20+02:00",
        "2023-11-14T22:13:20-07:00", "2023-11-14T22:13:20.5Z", "2023-11-14T22:13:20+0200", "2024-02-29T23:59:59+14:00",
    ])
    func datesAsGitReadsThem(date: String) throws {
        let repository = try TestRepository()
        try repository.git("config", "user.name", "A")
        try repository.git("config", "user.email", "a@example.com")
        let ident = try repository.git(["var", "GIT_AUTHOR_IDENT"], environment: ["GIT_AUTHOR_DATE": date, "TZ": "UTC"]).split(separator: " ")
        let signature = try repository.open().defaultSignature(for: .author, environment: ["GIT_AUTHOR_DATE": date])
        #expect(String(signature.unixTime) == ident[ident.count - 2], "\(date)")
        let offset = signature.timeZoneOffsetMinutes
        let zone = String(format: "%@%02d%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
        #expect(zone == ident[ident.count - 1], "\(date)")
    }
}
