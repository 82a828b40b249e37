import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("Tree export of an untrusted commit")
struct TreeExportTests {
    /// Every file, folder and link below `root`, as `path kind detail` lines (content, link target, mode bits).
    private func listing(_ root: String) throws -> [String] {
        let files = FileManager.default
        return try files.subpathsOfDirectory(atPath: root).sorted().map { path in
            let full = root + "/" + path
            let attributes = try files.attributesOfItem(atPath: full)
            switch attributes[.type] as? FileAttributeType {
            case .typeSymbolicLink?: return "\(path) link \(try files.destinationOfSymbolicLink(atPath: full))"
            case .typeDirectory?: return "\(path) folder"
            default:
                let executable = ((attributes[.posixPermissions] as? Int) ?? 0) & 0o100 != 0
                return "\(path) file \(executable ? "x" : "-") \(String(decoding: try Data(contentsOf: URL(fileURLWithPath: full)), as: UTF8.self))"
            }
        }
    }

    private func export(_ commit: String, in repository: TestRepository, to folder: String) throws {
        try TreeExport(repository: Repository.open(at: repository.path)).write(commit: #require(ObjectID(hex: commit)), to: folder)
    }

    @Test("writes what git archive writes: files, executable bits, nested folders, links as links (even out of the tree)")
    func matchesGitArchive() throws {
        let repository = try TestRepository()
        let outside = try TemporaryFolder()
        try repository.write("prompts/support.prompt", "Be kind.\n")
        try repository.write("prompts/deep/er/more.md", "More.\n")
        try repository.write("run.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repository.path + "/run.sh")
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/outside", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: repository.path + "/prompts/alias.prompt", withDestinationPath: "support.prompt")
        let commit = try repository.commitAll("files of every kind")
        try export(commit, in: repository, to: outside.path + "/quill")
        let archive = try repository.git("archive", "--format=tar", "-o", outside.path + "/archive.tar", commit)
        #expect(archive.isEmpty)
        try FileManager.default.createDirectory(atPath: outside.path + "/git", withIntermediateDirectories: false)
        let untar = try ProcessRunner.run("/usr/bin/tar", ["-xf", outside.path + "/archive.tar", "-C", outside.path + "/git"])
        #expect(untar.status == 0)
        let expected = try listing(outside.path + "/git")
        #expect(expected.contains("outside link \(outside.path)"))
        #expect(try listing(outside.path + "/quill") == expected)
    }

    @Test("refuses an entry name git refuses, naming the commit and path, and writes nothing through it",
          arguments: ["..", ".", "", ".git", ".GIT", ".git.", ".git ", ".Git::$INDEX_ALLOCATION", "git~1", "GIT~1 .", ".g\u{200C}it", "\u{FEFF}.git", "a/b", "../.."],
          ["40000", "100644"])
    func refusesNames(name: String, mode: String) throws {
        let repository = try TestRepository()
        let outside = try TemporaryFolder()
        let blob = try repository.writeBlob("escaped\n")
        // Three levels of `name`, then a file: with `..` that is three folders up from the export, in `outside`.
        var tree = try repository.writeRawTree([.init("100644", "escaped", blob)])
        for _ in 0..<3 { tree = try repository.writeRawTree([.init("40000", name, tree)]) }
        let root = try repository.writeRawTree([.init("100644", "README.md", blob)] + (mode == "40000" ? [.init(mode, name, tree)] : [.init(mode, name, blob)]))
        let commit = try repository.commitTree(root)
        let folder = outside.path + "/up/up/export"
        let error = try #require(throws: QuillError.self) { try export(commit, in: repository, to: folder) }
        #expect(error.kind == .badInput)
        #expect(error.message.hasPrefix("commit '\(commit)' has the tree entry '\(name)', which git refuses ("), "\(error.message)")
        let written = try FileManager.default.subpathsOfDirectory(atPath: outside.path).filter { $0.hasSuffix("escaped") || $0.hasSuffix(name) && !name.isEmpty }
        #expect(written.isEmpty, "written: \(written)")
    }

    @Test("a link and a folder of one name never write into the link's target, in either order", arguments: [false, true])
    func linkThenFolder(folderFirst: Bool) throws {
        let repository = try TestRepository()
        let outside = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: outside.path + "/x", withIntermediateDirectories: false)
        let link = try repository.writeBlob(outside.path + "/x")
        let file = try repository.writeRawTree([.init("100644", "b", try repository.writeBlob("written through the link\n"))])
        let entries: [TestRepository.RawEntry] = [.init("120000", "a", link), .init("40000", "a", file)]
        let commit = try repository.commitTree(try repository.writeRawTree(folderFirst ? entries.reversed() : entries))
        let error = try #require(throws: QuillError.self) { try export(commit, in: repository, to: outside.path + "/export") }
        #expect(error.message == "commit '\(commit)' has the tree entry 'a', which git refuses (a name given twice); bisect does not export it")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path + "/x").isEmpty)
    }
}
