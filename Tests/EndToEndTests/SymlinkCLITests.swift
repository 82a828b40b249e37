import Foundation
import TestSupport
import Testing

/// A hostile checkout whose prompts are symbolic links to a secret file and to `/etc/passwd`,
/// run through the built binary: no command, in no format, prints what a link points to.
@Suite("symbolic links on the command line")
struct SymlinkCLITests {
    private func expectNoLeak(_ result: ProcessResult, _ source: SourceLocation = #_sourceLocation) {
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains("doNotLeak"), sourceLocation: source)
            #expect(!text.contains(HostileSymlinks.passwdLine), sourceLocation: source)
        }
    }

    @Test("diff, status and show print link texts, never targets, in every format", arguments: ["text", "markdown", "json"])
    func readCommands(format: String) throws {
        let fixture = try HostileSymlinks(committed: true)
        let path = fixture.repository.path
        let diff = try QuillBinary.run(["diff", "main", "--format", format], in: path)
        #expect(diff.status == 0, "\(diff.stderr)")
        expectNoLeak(diff)
        #expect(diff.stdout.contains("/etc/passwd"))
        for (link, target) in fixture.links where link.hasSuffix(".md") {
            #expect(diff.stdout.contains(link))
            #expect(diff.stdout.contains(target), "\(link)")
        }
        let range = try QuillBinary.run(["diff", "main...evil", "--format", format], in: path)
        #expect(range.status == 0, "\(range.stderr)")
        expectNoLeak(range)
        let show = try QuillBinary.run(["show", "evil:prompts/passwd.md", "--format", format], in: path)
        #expect(show.status == 0, "\(show.stderr)")
        expectNoLeak(show)
        try fixture.repository.git("checkout", "-q", "main")
        for (link, target) in fixture.links {
            try FileManager.default.createSymbolicLink(atPath: path + "/" + link, withDestinationPath: target)
        }
        let status = try QuillBinary.run(["status", "--format", format], in: path)
        #expect(status.status == 0, "\(status.stderr)")
        expectNoLeak(status)
        #expect(status.stdout.contains("prompts/env.md"))
    }

    @Test("commit stores what git add stores; a path through a linked folder is refused with one line")
    func commit() throws {
        let fixture = try HostileSymlinks(committed: false)
        let path = fixture.repository.path
        let committed = try QuillBinary.run(["commit", "-m", "links", "--format", "json"], in: path)
        #expect(committed.status == 0, "\(committed.stderr)")
        expectNoLeak(committed)
        let quillTree = try fixture.repository.git("ls-tree", "-r", "HEAD")
        try fixture.repository.git("reset", "-q", "--soft", "HEAD~1")
        try fixture.repository.git("add", "-A")
        #expect(try fixture.repository.git("write-tree") == (try fixture.repository.git("rev-parse", "HEAD@{1}^{tree}")))
        #expect(quillTree.contains("120000 blob"))
        let refused = try QuillBinary.run(["diff", "HEAD", "--", "prompts/linked/leak.md"], in: path)
        #expect(refused.status == 2)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        expectNoLeak(refused)
    }

    @Test("git's textconv driver and quill textconv read a link as its text")
    func textconv() throws {
        let fixture = try HostileSymlinks(committed: true)
        let path = fixture.repository.path
        #expect(try QuillBinary.run(["init", "--git-diff"], in: path).status == 0)
        let driver = try QuillBinary.run(["textconv", "prompts/env.md"], in: path)
        #expect(driver.status == 0, "\(driver.stderr)")
        expectNoLeak(driver)
        #expect(driver.stdout.contains(try #require(fixture.links["prompts/env.md"])))
        let environ = fixture.repository.path + "/environ.md"
        try FileManager.default.createSymbolicLink(atPath: environ, withDestinationPath: "/proc/self/environ")
        let viaProc = try QuillBinary.run(["textconv", environ], in: path, extra: ["QUILL_CANARY": "doNotLeak"])
        expectNoLeak(viaProc)
        #expect(viaProc.stdout.contains("/proc/self/environ"))
        let gitDiff = try ProcessRunner.run(
            TestEnvironment.gitPath, ["diff", "main", "--", "prompts"], in: path,
            environment: TestEnvironment.variables(extra: ["PATH": (QuillBinary.path as NSString).deletingLastPathComponent + ":/usr/bin:/bin"]))
        #expect(gitDiff.status == 0, "\(gitDiff.stderr)")
        #expect(!gitDiff.stdout.contains("doNotLeak"))
        #expect(gitDiff.stdout.contains("+/etc/passwd"))
    }
}
