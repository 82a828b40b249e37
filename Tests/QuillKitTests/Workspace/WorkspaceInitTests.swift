import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Workspace initialize")
struct WorkspaceInitTests {
    @Test("in an empty folder, creates the repository, writes quill.yaml and sets notes.rewriteRef")
    func emptyFolder() throws {
        let folder = try TemporaryFolder()
        let report = try Workspace.initialize(at: folder.path)
        #expect(report.createdRepository)
        #expect(report.wroteConfig)
        #expect(report.root == URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path)
        #expect(report.configPath == report.root + "/quill.yaml")
        let text = try String(contentsOfFile: folder.path + "/quill.yaml", encoding: .utf8)
        #expect(text == QuillConfig.defaultText)
        let config = try QuillConfig.parse(Data(text.utf8), path: "quill.yaml")
        #expect(config.prompts == QuillConfig.defaultPrompts)
        #expect(try folder.git("rev-parse", "--is-inside-work-tree").output == "true")
        #expect(try folder.git("config", "--get-all", "notes.rewriteRef").output == "refs/notes/quill")
        #expect(try folder.git("fsck", "--strict", "--no-progress").status == 0)
        #expect(try Workspace.open(from: folder.path).config == config)
    }

    @Test("a second run changes nothing")
    func idempotent() throws {
        let folder = try TemporaryFolder()
        _ = try Workspace.initialize(at: folder.path)
        let config = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/quill.yaml"))
        let second = try Workspace.initialize(at: folder.path)
        #expect(!second.createdRepository)
        #expect(!second.wroteConfig)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/quill.yaml")) == config)
        #expect(try folder.git("config", "--get-all", "notes.rewriteRef").output == "refs/notes/quill")
    }

    @Test("in an existing repository, never overwrites quill.yaml, even from a subfolder")
    func existingConfig() throws {
        let repository = try TestRepository()
        let custom = "prompts: \"**/*.prompt\"\nnotes: false\n"
        try repository.write("quill.yaml", custom)
        try repository.write("src/deep/file.txt", "x\n")
        let report = try Workspace.initialize(at: repository.path + "/src/deep")
        #expect(!report.createdRepository)
        #expect(!report.wroteConfig)
        #expect(report.root == URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path)
        #expect(try repository.read("quill.yaml") == custom)
        #expect(try repository.git("config", "--get-all", "notes.rewriteRef") == "refs/notes/quill")
        #expect(try Workspace.open(from: repository.path).config.prompts.map(\.pattern) == ["**/*.prompt"])
    }

    @Test("an existing notes.rewriteRef value is kept and ours added once")
    func keepsOtherRewriteRefs() throws {
        let repository = try TestRepository()
        try repository.git("config", "--add", "notes.rewriteRef", "refs/notes/commits")
        _ = try Workspace.initialize(at: repository.path)
        _ = try Workspace.initialize(at: repository.path)
        #expect(try repository.git("config", "--get-all", "notes.rewriteRef") == "refs/notes/commits\nrefs/notes/quill")
    }

    @Test("an invalid existing quill.yaml is an error naming its line, and nothing is changed")
    func invalidConfig() throws {
        let repository = try TestRepository()
        try repository.write("quill.yaml", "prompt: x\n")
        let error = try #require(throws: InputFileError.self) { try Workspace.initialize(at: repository.path) }
        #expect(String(describing: error) == "quill.yaml:1:1: unknown key 'prompt'; expected one of prompts, metrics, notes, labels, drift, formats")
        #expect(try repository.read("quill.yaml") == "prompt: x\n")
        #expect(throws: TestFailure.self) { try repository.git("config", "--get-all", "notes.rewriteRef") }
    }
}
