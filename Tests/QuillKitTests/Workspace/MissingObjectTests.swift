import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Missing objects: partial clones and a lost blob")
struct MissingObjectTests {
    /// A prompt edited, renamed with an edit (git needs both blobs to see the rename), and edited
    /// again; the source lets clones filter objects out (clones are made without a checkout, which
    /// would fetch HEAD's blobs).
    private func source() throws -> (TestRepository, [String]) {
        let source = try TestRepository()
        try source.git("config", "uploadpack.allowFilter", "true")
        let body = (1...30).map { "Rule \($0): answer the customer's question about order \($0) politely." }
        try source.write("prompts/a.md", body.joined(separator: "\n") + "\n")
        var commits = [try source.commitAll("add")]
        try source.git("mv", "prompts/a.md", "prompts/b.md")
        try source.write("prompts/b.md", (body + ["Rule 31: cite the policy."]).joined(separator: "\n") + "\n")
        commits.append(try source.commitAll("rename with an edit"))
        try source.write("prompts/b.md", (body + ["Rule 31: cite the policy section."]).joined(separator: "\n") + "\n")
        commits.append(try source.commitAll("edit"))
        return (source, commits)
    }

    @Test("in a blob:none partial clone, reads name the file, commit and fetch; renames through missing files are warned about")
    func blobNone() throws {
        let (source, commits) = try source()
        let clone = try TestRepository(cloning: source, options: ["--filter=blob:none", "--no-checkout"])
        let workspace = try Workspace.open(from: clone.path)
        let log = try workspace.log(prompt: "prompts/b.md")
        #expect(log.versions.map(\.commit) == Array(commits[1...].reversed()), "the rename's source cannot be read, so history stops there")
        #expect(workspace.warnings.count == 1)
        #expect(workspace.warnings.first?.hasPrefix("rename detection could not read ") == true)
        #expect(workspace.warnings.first?.hasSuffix("took them as not similar; the answer may be incomplete") == true)

        let blob = try clone.git("rev-parse", "HEAD:prompts/b.md")
        for attempt in [{ _ = try workspace.show("HEAD:prompts/b.md") }, { _ = try workspace.blame(prompt: "prompts/b.md") }] {
            let error = #expect(throws: QuillError.self) { try attempt() }
            #expect(error?.kind == .repository)
            #expect(error?.message.hasPrefix("cannot read 'prompts/b.md' at \(commits[2].prefix(7)) (blob \(blob.prefix(7))): this partial clone (filter 'blob:none' from 'origin') left it out") == true, "\(error?.message ?? "")")
        }
        // The command the error names fetches the blob, after which the read works.
        let error = try #require(#expect(throws: QuillError.self) { try workspace.show("HEAD:prompts/b.md") })
        let hint = try #require(error.message.range(of: "run 'git -C ")).upperBound
        let command = error.message[hint...].prefix { $0 != "'" }.split(separator: " ").map(String.init)
        #expect(command.count == 4 && command[1] == "cat-file" && command[3] == blob)
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["-C"] + command, environment: TestEnvironment.variables()).status == 0)
        #expect(try Workspace.open(from: clone.path).show("HEAD:prompts/b.md").prompts.map(\.path) == ["prompts/b.md"])
    }

    @Test("with blob:limit=1k, a diff reaching a large left-out blob names it; small ones are read")
    func blobLimit() throws {
        let (source, commits) = try source()
        try source.write("prompts/small.md", "Be brief.\n")
        try source.commitAll("small prompt")
        try source.write("prompts/small.md", "Be very brief.\n")
        try source.commitAll("edit small prompt")
        let clone = try TestRepository(cloning: source, options: ["--filter=blob:limit=1k", "--no-checkout"])
        let workspace = try Workspace.open(from: clone.path)
        #expect(try workspace.diff(DiffRequest(revisions: ["HEAD~1", "HEAD"], paths: [])).prompts.map(\.path) == ["prompts/small.md"])
        let error = #expect(throws: QuillError.self) { try workspace.diff(DiffRequest(revisions: [commits[1], commits[2]], paths: [])) }
        #expect(error?.kind == .repository)
        #expect(error?.message.hasPrefix("cannot read 'prompts/b.md' at \(commits[1].prefix(7))") == true, "\(error?.message ?? "")")
        let filter = try clone.git("config", "remote.origin.partialclonefilter")
        #expect(filter.hasPrefix("blob:limit="))
        #expect(error?.message.contains("(filter '\(filter)' from 'origin')") == true)
    }

    @Test("blame in a blob:limit=1k clone: its own rename search takes a left-out file as not similar and says so once")
    func blameRenameSearchInPartialClone() throws {
        let source = try TestRepository()
        try source.git("config", "uploadpack.allowFilter", "true")
        let large = (1...60).map { "Rule \($0): answer the customer's question about order \($0) politely." }.joined(separator: "\n") + "\n"
        try source.write("prompts/large.md", large)
        try source.write("README.md", "readme\n")
        try source.commitAll("add a large prompt")
        // The large prompt goes as the small one comes: git blame's rename search (deleted files
        // as sources) must read the large one's size to rule it out.
        try source.remove("prompts/large.md")
        try source.write("prompts/small.md", "Be brief.\n")
        try source.commitAll("replace the large prompt with a small one")
        try source.write("prompts/small.md", "Be brief.\nCite the order number.\n")
        try source.commitAll("edit the small prompt")
        let fullWorkspace = try Workspace.open(from: source.path)
        let full = try fullWorkspace.blame(prompt: "prompts/small.md")
        #expect(fullWorkspace.warnings.isEmpty)
        let expected = try source.git("blame", "--porcelain", "HEAD", "--", "prompts/small.md")
            .split(separator: "\n").filter { $0.count > 40 && $0.prefix(40).allSatisfy(\.isHexDigit) }.map { String($0.prefix(40)) }
        #expect(full.lines.map(\.commit) == expected)

        let clone = try TestRepository(cloning: source, options: ["--filter=blob:limit=1k", "--no-checkout"])
        // Listed as missing without fetching it (cat-file would fetch the promised blob).
        let largeBlob = try source.git("rev-parse", "HEAD~2:prompts/large.md")
        #expect(try clone.git("rev-list", "--objects", "--missing=print", "--all").split(separator: "\n").contains("?" + largeBlob[...]))
        let workspace = try Workspace.open(from: clone.path)
        let partial = try workspace.blame(prompt: "prompts/small.md")
        #expect(partial.lines.map(\.commit) == expected)
        #expect(workspace.warnings == ["rename detection could not read 1 file missing from the repository and took them as not similar; the answer may be incomplete"])
    }

    @Test("a blob deleted from a full repository is named, with fsck as the hint")
    func deletedLooseObject() throws {
        let (repository, commits) = try source()
        let blob = try repository.git("rev-parse", "HEAD:prompts/b.md")
        try FileManager.default.removeItem(atPath: repository.path + "/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
        let error = #expect(throws: QuillError.self) { try Workspace.open(from: repository.path).show("HEAD:prompts/b.md") }
        #expect(error?.kind == .repository)
        #expect(error?.message.hasPrefix("cannot read 'prompts/b.md' at \(commits[2].prefix(7)) (blob \(blob.prefix(7))): the object is missing from the repository; 'git -C ") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(" fsck' lists what else is missing") == true)
    }
}
