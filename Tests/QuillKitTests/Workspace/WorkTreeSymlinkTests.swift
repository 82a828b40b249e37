import Foundation
import GitKit
import QuillKit
import TestSupport
import Testing

/// Work-tree symbolic links are read as git reads them (their link text), never followed.
@Suite("Work-tree symbolic links")
struct WorkTreeSymlinkTests {
    private func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private func expectNoLeak(_ text: String, _ source: SourceLocation = #_sourceLocation) {
        #expect(!text.contains(HostileSymlinks.secret), sourceLocation: source)
        #expect(!text.contains("doNotLeak"), sourceLocation: source)
        #expect(!text.contains(HostileSymlinks.passwdLine), sourceLocation: source)
    }

    @Test("diff against main shows each committed link's text, with git's blob ids, and nothing it points to")
    func diffCommittedLinks() throws {
        let fixture = try HostileSymlinks(committed: true)
        let workspace = try Workspace.open(from: fixture.repository.path)
        for revisions in [["main"], ["main..evil"], ["main...evil"]] {
            let report = try workspace.diff(DiffRequest(revisions: revisions))
            expectNoLeak(try json(report))
            let byPath = Dictionary(uniqueKeysWithValues: report.prompts.map { ($0.path, $0) })
            #expect(Set(byPath.keys) == ["prompts/env.md", "prompts/env.prompt", "prompts/passwd.md", "prompts/linked", "prompts/dangling.md"])
            for (path, target) in fixture.links {
                let diff = try #require(byPath[path])
                #expect(diff.toBlob == (try fixture.repository.git("rev-parse", "evil:" + path)))
                #expect(try fixture.repository.git("cat-file", "-p", "evil:" + path) == target)
                #expect(try json(diff).contains(target.replacingOccurrences(of: "/", with: "\\/")), "\(revisions) \(path)")
            }
        }
    }

    @Test("status and diff of uncommitted links read the link text; a folder link is one entry, as git lists it")
    func uncommittedLinks() throws {
        let fixture = try HostileSymlinks(committed: false)
        let workspace = try Workspace.open(from: fixture.repository.path)
        let status = try workspace.status()
        expectNoLeak(try json(status))
        let porcelain = try fixture.repository.git("status", "--porcelain", "--untracked-files=all").split(separator: "\n")
            .map { String($0.dropFirst(3)) }
        #expect(status.changes.map(\.path).sorted() == porcelain.sorted())
        #expect(porcelain.contains("prompts/linked"))
        try fixture.repository.git("add", "-N", ".")
        let diff = try workspace.diff(DiffRequest())
        expectNoLeak(try json(diff))
        for prompt in diff.prompts {
            let target = try #require(fixture.links[prompt.path])
            #expect(prompt.toBlob == (try fixture.repository.git(["hash-object", "--stdin"], input: target)))
        }
    }

    @Test("commit stores links (dangling ones too) as git does: mode 120000 and the link text")
    func commitLinks() throws {
        let fixture = try HostileSymlinks(committed: false)
        let workspace = try Workspace.open(from: fixture.repository.path)
        let report = try workspace.commit(message: "links", paths: ["prompts/env.prompt", "prompts/dangling.md", "prompts/linked"])
        #expect(report.changes.map(\.path).sorted() == ["prompts/dangling.md", "prompts/env.prompt", "prompts/linked"])
        for path in ["prompts/env.prompt", "prompts/dangling.md", "prompts/linked"] {
            #expect(try fixture.repository.git("ls-tree", "HEAD", path).hasPrefix("120000 blob "))
            #expect(try fixture.repository.git("cat-file", "-p", "HEAD:" + path) == fixture.links[path])
        }
    }

    @Test("a path through a linked folder is outside the repository; a named link names itself")
    func userPaths() throws {
        let fixture = try HostileSymlinks(committed: true)
        let workspace = try Workspace.open(from: fixture.repository.path)
        #expect(try workspace.repositoryPath(forUserPath: "prompts/env.md") == "prompts/env.md")
        #expect(try workspace.repositoryPath(forUserPath: fixture.repository.path + "/prompts/linked") == "prompts/linked")
        #expect(throws: QuillError.self) { try workspace.repositoryPath(forUserPath: "prompts/linked/leak.md") }
        let shown = try workspace.show("HEAD:prompts/env.prompt")
        expectNoLeak(try json(shown))
        let limited = try workspace.diff(DiffRequest(revisions: ["main"], paths: ["prompts/env.md"]))
        #expect(limited.prompts.map(\.path) == ["prompts/env.md"])
    }

    @Test("a quill.yaml that is a link is read as its link text, which is no configuration")
    func configLink() throws {
        let fixture = try HostileSymlinks(committed: false)
        try fixture.repository.remove("prompts/linked")
        try FileManager.default.createSymbolicLink(
            atPath: fixture.repository.path + "/quill.yaml", withDestinationPath: try #require(fixture.links["prompts/env.md"]))
        let error = try #require(throws: (any Error).self) { try Workspace.open(from: fixture.repository.path) }
        expectNoLeak("\(error)")
    }

    @Test("init --git-diff refuses to extend a .gitattributes that is a link, and leaves its target as it was")
    func attributesLink() throws {
        let fixture = try HostileSymlinks(committed: false)
        let target = fixture.outside.path + "/attributes"
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: fixture.repository.path + "/.gitattributes", withDestinationPath: target)
        #expect(throws: QuillError.self) { try Workspace.open(from: fixture.repository.path).registerDiffDriver() }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "kept\n")
    }

    @Test("WorkTreeFile reads files, link texts, and nothing beyond a linked folder or of another kind")
    func reader() throws {
        let fixture = try HostileSymlinks(committed: false)
        let root = fixture.repository.path
        #expect(try WorkTreeFile.contents(of: "prompts/support.md", in: root, limit: 1 << 20) == Data("Be brief.\n".utf8))
        for (path, target) in fixture.links {
            #expect(try WorkTreeFile.contents(of: path, in: root, limit: 1 << 20) == Data(target.utf8))
            #expect(WorkTreeFile.exists(path, in: root))
        }
        #expect(try WorkTreeFile.contents(of: "prompts/linked/leak.md", in: root, limit: 1 << 20) == nil)
        #expect(!WorkTreeFile.exists("prompts/linked/leak.md", in: root))
        #expect(try WorkTreeFile.contents(of: "prompts/../prompts/support.md", in: root, limit: 1 << 20) == nil)
        #expect(try WorkTreeFile.contents(of: "prompts", in: root, limit: 1 << 20) == nil)
        #expect(mkfifo(root + "/prompts/pipe.md", 0o644) == 0)
        #expect(try WorkTreeFile.contents(of: "prompts/pipe.md", in: root, limit: 1 << 20) == nil)
        #expect(try WorkTreeFile.contents(atPath: "/proc/self/environ", limit: 1 << 20) != nil)
        try FileManager.default.createSymbolicLink(atPath: root + "/environ.md", withDestinationPath: "/proc/self/environ")
        #expect(try WorkTreeFile.contents(of: "environ.md", in: root, limit: 1 << 20) == Data("/proc/self/environ".utf8))
    }
}
