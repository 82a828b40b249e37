import Foundation
@testable import QuillKit
import TestSupport
import Testing

/// Chroma and LlamaIndex stores written by the real packages (`Fixtures/manifests/make-fixtures.py`),
/// and Quill's manifest file.
@Suite("manifest sources")
struct ManifestSourceTests {
    /// A copy of `Fixtures/manifests/<name>` in a temporary folder.
    private func copy(_ name: String, into folder: TemporaryFolder) throws -> String {
        let target = folder.path + "/" + name
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("manifests/\(name)").path, toPath: target)
        return target
    }

    /// Runs Python's sqlite3 (the tests' oracle for SQLite files) on `database` with `script`'s statements.
    private func sqlite(_ database: String, _ script: String) throws -> Data {
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["python3", "-c", "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\n" + script + "\nc.commit()", database],
            in: FileManager.default.temporaryDirectory.path, environment: TestEnvironment.variables())
        guard result.status == 0 else { throw TestFailure("python3 sqlite3 failed: \(result.stderr)") }
        return Data(result.output.utf8)
    }

    @Test("a Chroma directory: records, documents, metadata, dimension, distance and embedding checksums git agrees with")
    func chroma() throws {
        let fixture = try ManifestFixture()
        let folder = try TemporaryFolder()
        let path = try copy("chroma-v1", into: folder)
        let report = try fixture.record(name: "chroma", source: path)
        let shown = try fixture.workspace().manifest(report.id)
        #expect(shown.header.store == .init(kind: "chroma", collection: "support"))
        #expect(shown.header.embedding == .init(dimension: 8, distance: "cosine") && shown.header.chunking.method == "as-stored")
        #expect(shown.documents.map(\.id) == ["refunds", "shipping", "warranty"])
        let refunds = try #require(shown.documents.first)
        #expect(refunds.metadata == ["source": .string("refunds.md")])
        #expect(try fixture.workspace().manifestTexts(report.id).first?.text.hasPrefix("Refunds are issued within 30 days") == true)
        // The vector as Chroma stored it, hashed by git.
        let vectorFile = folder.path + "/vector.bin"
        _ = try sqlite(path + "/chroma.sqlite3", "open('\(vectorFile)', 'wb').write(c.execute(\"SELECT vector FROM embeddings_queue WHERE id='refunds'\").fetchone()[0])")
        let blob = try fixture.repository.git("hash-object", vectorFile)
        #expect(refunds.chunks == [ManifestChunk(id: "refunds", start: 0, end: refunds.size, embedding: "blob:" + blob)])
    }

    @Test("two versions of a Chroma store: a document edited, one added, one removed, one re-embedded")
    func chromaDiff() throws {
        let fixture = try ManifestFixture()
        let folder = try TemporaryFolder()
        let old = try fixture.record(name: "chroma", source: try copy("chroma-v1", into: folder))
        let new = try fixture.record(name: "chroma", source: try copy("chroma-v2", into: folder))
        let diff = try fixture.workspace().diffManifests(old.id, new.id)
        #expect(diff.added.map(\.id) == ["returns"] && diff.removed.map(\.id) == ["warranty"])
        #expect(diff.changed.map(\.id) == ["refunds", "shipping"])
        let shipping = try #require(diff.changed.last)
        #expect(!shipping.contentChanged && shipping.chunksReembedded == 1)
        let refunds = try #require(diff.changed.first)
        #expect(refunds.contentChanged && refunds.text?.hunks.first?.lines.first?.words?.contains(WordSpan(kind: .added, text: "14")) == true)
    }

    @Test("a LlamaIndex storage folder: source documents from their nodes, chunks with spans and checksums")
    func llamaIndex() throws {
        let fixture = try ManifestFixture()
        let folder = try TemporaryFolder()
        let old = try fixture.record(name: "li", source: try copy("llamaindex-v1", into: folder))
        let new = try fixture.record(name: "li", source: try copy("llamaindex-v2", into: folder))
        let shown = try fixture.workspace().manifest(old.id)
        #expect(shown.header.store.kind == "llamaindex" && shown.header.embedding?.dimension == 8)
        #expect(shown.documents.map(\.id) == ["refunds", "shipping", "warranty"])
        #expect(shown.documents.allSatisfy { $0.chunks.allSatisfy { $0.embedding?.hasPrefix("blob:") == true && $0.start != nil } })
        let diff = try fixture.workspace().diffManifests(old.id, new.id)
        #expect(diff.added.map(\.id) == ["returns"] && diff.removed.map(\.id) == ["warranty"])
        #expect(diff.changed.first { $0.id == "refunds" }?.contentChanged == true)
        #expect(diff.changed.first { $0.id == "shipping" }?.contentChanged == false)
    }

    @Test("Quill's manifest files: JSON with texts, JSON Lines with content ids only (--content hash)")
    func quillFormat() throws {
        let fixture = try ManifestFixture()
        try fixture.write("m.json", #"{"quill-manifest": 1, "embedding": {"model": "e5"}, "documents": [{"id": "a", "text": "alpha beta", "metadata": {"lang": "en"}}]}"#)
        let json = try fixture.record(name: "m", source: fixture.documents.path + "/m.json")
        let shown = try fixture.workspace().manifest(json.id)
        #expect(shown.header.store.kind == "quill" && shown.header.embedding?.model == "e5" && shown.documents.first?.chunks.count == 1)
        let blob = try fixture.repository.git(["hash-object", "--stdin"], input: "alpha beta")
        try fixture.write("m.jsonl", "{\"quill-manifest\": 1}\n{\"id\": \"a\", \"content\": \"\(blob)\", \"size\": 10, \"metadata\": {\"lang\": \"en\"}, \"chunks\": [{\"id\": \"a#0\", \"start\": 0, \"end\": 10}]}\n")
        let hashed = try fixture.record(name: "m", source: fixture.documents.path + "/m.jsonl", content: .hash)
        #expect(try fixture.workspace().manifest(hashed.id).documents == shown.documents)
        let error = try #require(throws: QuillError.self) { try fixture.record(name: "m", source: fixture.documents.path + "/m.jsonl") }
        #expect(error.message.contains("m.jsonl:2") && error.message.contains("--content hash"))
    }

    enum Damage: String, CaseIterable {
        case unknownSchema, corrupt, locked, emptyCollection, llamaShape, missingID
    }

    @Test("bad stores are refused with one line naming the file, the store unchanged", arguments: Damage.allCases)
    func badStores(damage: Damage) throws {
        let fixture = try ManifestFixture()
        try fixture.write("ok.md", "fine\n")
        try fixture.record(name: "other")
        let tip = try fixture.storeTip()
        let folder = try TemporaryFolder()
        var source: String
        var expected: String
        var holder: Process?
        switch damage {
        case .unknownSchema:
            source = try copy("chroma-v1", into: folder)
            _ = try sqlite(source + "/chroma.sqlite3", "c.execute(\"INSERT INTO migrations (dir, version, filename, sql, hash) VALUES ('sysdb', 99, 'x', '', '')\")")
            expected = "chroma.sqlite3' has Chroma schema 'sysdb' version 99"
        case .corrupt:
            source = try copy("chroma-v1", into: folder)
            try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: source + "/chroma.sqlite3"))
            expected = "chroma.sqlite3' is not a readable SQLite database"
        case .locked:
            source = try copy("chroma-v1", into: folder)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sqlite3,sys,time\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked',flush=True)\ntime.sleep(30)", source + "/chroma.sqlite3"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            _ = pipe.fileHandleForReading.availableData  // waits for "locked"
            holder = process
            expected = "chroma.sqlite3' is locked by another process"
        case .emptyCollection:
            source = try copy("chroma-v1", into: folder)
            _ = try sqlite(source + "/chroma.sqlite3", "c.execute('DELETE FROM embeddings')")
            expected = "collection 'support' in '\(source)/chroma.sqlite3' holds no records"
        case .llamaShape:
            source = try copy("llamaindex-v1", into: folder)
            try Data(#"{"docstore/nodes": {}}"#.utf8).write(to: URL(fileURLWithPath: source + "/docstore.json"))
            expected = "docstore.json' is not LlamaIndex storage Quill knows; expected an object with 'docstore/data'"
        case .missingID:
            source = folder.path + "/m.jsonl"
            try Data("{\"quill-manifest\": 1}\n{\"id\": \"\", \"text\": \"x\"}\n".utf8).write(to: URL(fileURLWithPath: source))
            expected = "m.jsonl:2: not a Quill manifest; expected a document with a non-empty 'id'"
        }
        defer { holder?.terminate() }
        let error = try #require(throws: QuillError.self) { try fixture.record(name: "bad", source: source) }
        #expect(error.kind == .badInput && error.message.contains(expected) && !error.message.contains("\n"), "\(error.message)")
        #expect(try fixture.storeTip() == tip)
    }
}
