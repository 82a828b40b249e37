import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("manifest store")
struct ManifestStoreTests {
    @Test("a recorded folder is a git tree whose id is the manifest id; git reads its header, documents and contents")
    func manifestIsATree() throws {
        let fixture = try ManifestFixture()
        try fixture.write("guide/intro.md", "Welcome to the product.\n")
        try fixture.write("faq.txt", "Q: how?\nA: like this.\n")
        let report = try fixture.record()
        #expect(report.isNew && report.documents == 2 && report.chunks == 2)
        let git = fixture.repository
        #expect(try git.git("cat-file", "-t", report.id) == "tree")
        #expect(try git.git("rev-parse", "refs/quill/manifests:manifests/\(report.id.prefix(2))/\(report.id.dropFirst(2))") == report.id)
        let header = try git.git("cat-file", "-p", "\(report.id):manifest.json")
        #expect(header.contains(#""store":{"kind":"folder"}"#) && header.contains(#""documents":2"#))
        let lines = try git.git("cat-file", "-p", "\(report.id):documents.jsonl").split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines == lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let faqBlob = try git.git(["hash-object", "--stdin"], input: "Q: how?\nA: like this.\n")
        #expect(try git.git("cat-file", "-p", "\(report.id):contents/\(faqBlob.prefix(2))/\(faqBlob.dropFirst(2))") == "Q: how?\nA: like this.")
        #expect(lines.contains { $0.contains(#""content":"\#(faqBlob)""#) && $0.contains(#""id":"faq.txt""#) })
        try git.fsck()
    }

    @Test("the same snapshot recorded twice is one manifest; a second name adds a naming, not a manifest")
    func equalSnapshotsEqualIDs() throws {
        let fixture = try ManifestFixture()
        try fixture.write("a.md", "alpha\n")
        let first = try fixture.record()
        let tip = try fixture.storeTip()
        let again = try fixture.record()
        #expect(again.id == first.id && !again.isNew)
        #expect(try fixture.storeTip() == tip)
        let other = try fixture.record(name: "mirror")
        #expect(other.id == first.id && other.isNew)
        let list = try fixture.workspace().manifests()
        #expect(list.manifests.map(\.name) == ["mirror", "docs"])
    }

    @Test("--content hash keeps content ids and sizes only: the same documents list, no contents folder")
    func contentHash() throws {
        let fixture = try ManifestFixture()
        try fixture.write("a.md", "alpha beta\n")
        let blobs = try fixture.record(name: "full")
        let hashed = try fixture.record(name: "hashed", content: .hash)
        let git = fixture.repository
        #expect(try git.git("cat-file", "-p", "\(hashed.id):documents.jsonl") == (try git.git("cat-file", "-p", "\(blobs.id):documents.jsonl")))
        #expect(try git.git("ls-tree", "--name-only", hashed.id) == "documents.jsonl\nmanifest.json")
        #expect(throws: QuillError.self) { try fixture.workspace().manifestTexts(hashed.id) }
        #expect(try fixture.workspace().manifestTexts(blobs.id) == [ManifestText(id: "a.md", text: "alpha beta\n")])
    }

    @Test("a re-record reads only the files that changed, and gives the id a fresh record gives")
    func reuseMatchesFreshRecord() throws {
        let fixture = try ManifestFixture()
        for index in 0..<40 { try fixture.write("d/\(index).txt", "document \(index) " + String(repeating: "word ", count: index * 30)) }
        let first = try fixture.record()
        #expect(first.documentsRead == 40 && first.documentsReused == 0)
        // Files modified after the scan started are read again (their stamps may hide a change); with
        // modification times well before it, the next record after that reuses every file.
        try setOldTimes(fixture)
        let reread = try fixture.record()
        #expect(reread.id == first.id && reread.documentsRead == 40)
        let settled = try fixture.record()
        #expect(settled.id == first.id && settled.documentsReused == 40)
        try fixture.write("d/3.txt", "document three, rewritten")
        try fixture.write("new.txt", "a new document")
        try FileManager.default.removeItem(atPath: fixture.documents.path + "/d/7.txt")
        let second = try fixture.record()
        #expect(second.documentsRead == 2 && second.documentsReused == 38 && second.documents == 40)
        // The same folder recorded from scratch (no cache) in another repository has the same id.
        let fresh = try ManifestFixture()
        let scratch = try fresh.record(source: fixture.documents.path)
        #expect(scratch.id == second.id)
        try fixture.repository.fsck()
    }

    private func setOldTimes(_ fixture: ManifestFixture) throws {
        let old = Date(timeIntervalSinceNow: -3600)
        let enumerator = FileManager.default.enumerator(atPath: fixture.documents.path)!
        while let path = enumerator.nextObject() as? String {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: fixture.documents.path + "/" + path)
        }
    }

    @Test("bad input is refused with one line naming the file, and the store is left as it was", arguments: [
        ("bad.bin", Data([0x66, 0xFF, 0xFE, 0x00]), "is not UTF-8"),
        ("", Data(), "holds no documents"),
    ])
    func badInput(name: String, bytes: Data, message: String) throws {
        let fixture = try ManifestFixture()
        try fixture.write("ok.md", "fine\n")
        let before = try fixture.record(name: "other").id
        let tip = try fixture.storeTip()
        let folder = try TemporaryFolder()
        if !name.isEmpty { try bytes.write(to: URL(fileURLWithPath: folder.path + "/" + name)) }
        let error = try #require(throws: QuillError.self) { try fixture.record(source: folder.path) }
        #expect(error.kind == .badInput && error.message.contains(message) && !error.message.contains("\n"))
        #expect(try fixture.storeTip() == tip && !before.isEmpty)
    }

    @Test("a file whose name holds a tab or a line feed is cached like any other; deleting it later gives the fresh record's id")
    func tabInName() throws {
        let fixture = try ManifestFixture()
        try fixture.write("a.md", "alpha\n")
        try fixture.write("odd\tname.md", "odd\n")
        try fixture.write("odd\nline.md", "line\n")
        try fixture.record()
        try FileManager.default.removeItem(atPath: fixture.documents.path + "/odd\tname.md")
        let again = try fixture.record()
        let fresh = try ManifestFixture().record(source: fixture.documents.path)
        #expect(again.documents == 2 && again.id == fresh.id)
    }

    @Test("hidden files and links are not documents; nothing outside the folder is read")
    func linksAndHiddenFiles() throws {
        let fixture = try ManifestFixture()
        let outside = try TemporaryFolder()
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: outside.path + "/secret.txt"))
        try fixture.write("a.md", "alpha\n")
        try fixture.write(".hidden/b.md", "hidden\n")
        try FileManager.default.createSymbolicLink(atPath: fixture.documents.path + "/link.txt", withDestinationPath: outside.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: fixture.documents.path + "/linked", withDestinationPath: outside.path)
        let report = try fixture.record()
        #expect(try fixture.workspace().manifest(report.id).documents.map(\.id) == ["a.md"])
    }

    @Test("latest:NAME is the later of two recordings made in the same second")
    func latestWithinOneSecond() throws {
        let fixture = try ManifestFixture()
        var ids = [String]()
        for text in ["one\n", "two\n", "three\n"] {
            try fixture.write("a.md", text)
            ids.append(try fixture.workspace().recordManifest(
                ManifestRecordRequest(source: fixture.documents.path, name: "docs"), environment: TestEnvironment.variables(date: 1_800_000_000)).id)
        }
        #expect(Set(ids).count == 3)
        #expect(try fixture.workspace().resolveManifest("latest:docs") == ids[2])
    }

    @Test("manifests are named by id, by a unique prefix, or by latest:NAME; an unknown one is bad input")
    func resolving() throws {
        let fixture = try ManifestFixture()
        try fixture.write("a.md", "one\n")
        let first = try fixture.record()
        try fixture.write("a.md", "two\n")
        let second = try fixture.record()
        let workspace = try fixture.workspace()
        #expect(try workspace.resolveManifest("latest:docs") == second.id)
        #expect(try workspace.resolveManifest(String(first.id.prefix(10))) == first.id)
        #expect(throws: QuillError.self) { try workspace.resolveManifest("latest:nope") }
        #expect(throws: QuillError.self) { try workspace.resolveManifest(String(repeating: "0", count: 40)) }
        #expect(throws: QuillError.self) { try workspace.resolveManifest("xyz") }
    }
}
