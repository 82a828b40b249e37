import Foundation
import TestSupport
import Testing

/// `quill manifest` through the built binary: record, list, show, diff in every format, exit codes.
@Suite("quill manifest command line")
struct ManifestCLITests {
    @Test("record prints the id; list, show and diff read it back; eval record names it by latest:NAME")
    func recordListShowDiff() throws {
        let repository = try TestRepository()
        try repository.write("docs/policy.md", "Refunds within 30 days.\n")
        try repository.write("docs/faq.md", "Ask support.\n")
        let first = try QuillBinary.run(["manifest", "record", "docs"], in: repository.path)
        #expect(first.status == 0, "\(first.stderr)")
        let old = String(first.stdout.prefix(40))
        #expect(try repository.git("cat-file", "-t", old) == "tree")
        try repository.write("docs/policy.md", "Refunds within 14 days.\n")
        let second = try QuillBinary.run(["manifest", "record", "docs", "--format", "json"], in: repository.path)
        #expect(second.stdout.contains("\"documentsRead\" : 2") || second.stdout.contains("\"documentsRead\" : 1"), "\(second.stdout)")
        let list = try QuillBinary.run(["manifest", "list"], in: repository.path)
        #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 2 && list.stdout.contains("docs"))
        let show = try QuillBinary.run(["manifest", "show", "latest:docs"], in: repository.path)
        #expect(show.status == 0 && show.stdout.contains("policy.md") && show.stdout.contains("2 documents"))

        let text = try QuillBinary.run(["manifest", "diff", old, "latest:docs"], in: repository.path)
        #expect(text.status == 0 && text.stdout.contains("~ policy.md") && text.stdout.contains("[-30-]{+14+}"), "\(text.stdout)")
        let markdown = try QuillBinary.run(["manifest", "diff", old, "latest:docs", "--format", "markdown"], in: repository.path)
        #expect(markdown.stdout.contains("| changed |") && markdown.stdout.contains("```diff"))
        let json = try QuillBinary.run(["manifest", "diff", old, "latest:docs", "--format", "json"], in: repository.path)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((decoded?["counts"] as? [String: Any])?["changed"] as? Int == 1)
        let html = try QuillBinary.run(["manifest", "diff", old, "latest:docs", "--format", "html"], in: repository.path)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("policy.md") && html.stdout.contains("class=\"del\""))
    }

    @Test("bad input exits 2 with one line naming the file, and leaves the store as it was")
    func badInput() throws {
        let repository = try TestRepository()
        try repository.write("docs/ok.md", "fine\n")
        #expect(try QuillBinary.run(["manifest", "record", "docs"], in: repository.path).status == 0)
        let tip = try repository.git("rev-parse", "refs/quill/manifests")
        try Data([0xC3, 0x28]).write(to: URL(fileURLWithPath: repository.path + "/docs/bad.txt"))
        let refused = try QuillBinary.run(["manifest", "record", "docs"], in: repository.path)
        #expect(refused.status == 2 && refused.stderr.contains("'docs/bad.txt' is not UTF-8") && refused.stderr.split(separator: "\n").count == 1)
        let unknown = try QuillBinary.run(["manifest", "show", "abcdef12"], in: repository.path)
        #expect(unknown.status == 2 && unknown.stderr.contains("no manifest 'abcdef12'"))
        #expect(try repository.git("rev-parse", "refs/quill/manifests") == tip)
    }

    @Test("a Chroma index_metadata.pickle that imports Python code exits 2 with one line, nothing run or stored")
    func hostilePickle() throws {
        let repository = try TestRepository()
        try repository.write("docs/ok.md", "fine\n")
        #expect(try QuillBinary.run(["manifest", "record", "docs"], in: repository.path).status == 0)
        let tip = try repository.git("rev-parse", "refs/quill/manifests")
        let store = repository.path + "/store"
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/manifests/chroma-flushed-v1")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: store)
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: store).first { !$0.contains(".") })
        let marker = repository.path + "/ran"
        // pickle.loads would call os.system("touch …/ran").
        let pickle = "\u{80}\u{02}cos\nsystem\n(Vtouch \(marker)\ntR."
        try Data(pickle.unicodeScalars.map { UInt8($0.value) }).write(to: URL(fileURLWithPath: store + "/" + segment + "/index_metadata.pickle"))
        let refused = try QuillBinary.run(["manifest", "record", "store"], in: repository.path)
        #expect(refused.status == 2 && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("store/\(segment)/index_metadata.pickle': byte 2: opcode GLOBAL names Python code"))
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try repository.git("rev-parse", "refs/quill/manifests") == tip)
    }
}
