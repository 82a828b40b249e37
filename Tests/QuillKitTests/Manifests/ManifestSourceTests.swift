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

    /// The vector Chroma returned for each id (`<name>.vectors.json`, written by the fixture script from `collection.get`).
    private func returnedVectors(_ name: String) throws -> [String: [Double]] {
        let url = Fixtures.root.appendingPathComponent("manifests/\(name).vectors.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: [Double]])
    }

    /// Git's id of `values` as little-endian float32 bytes.
    private func blob(of values: [Double], repository: TestRepository, folder: TemporaryFolder) throws -> String {
        var bytes = Data()
        for value in values { withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        let file = folder.path + "/vector.bin"
        try bytes.write(to: URL(fileURLWithPath: file))
        return "blob:" + (try repository.git("hash-object", file))
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
        // The vector as Chroma returns it (cosine space: after hnswlib's normalisation round trip), hashed by git.
        let expected = try blob(of: try #require(try returnedVectors("chroma-v1")["refunds"]), repository: fixture.repository, folder: folder)
        #expect(refunds.chunks == [ManifestChunk(id: "refunds", start: 0, end: refunds.size, embedding: expected)])
    }

    @Test("a Chroma directory whose vectors moved to its HNSW files: every checksum is git's id of the vector Chroma returns", arguments: [
        "chroma-flushed-v1", "chroma-flushed-cosine", "chroma-0.6-flushed",
    ])
    func chromaFlushed(name: String) throws {
        let fixture = try ManifestFixture()
        let folder = try TemporaryFolder()
        let path = try copy(name, into: folder)
        // The queue holds the last three operations only: the other records are in the HNSW files alone.
        let queued = try sqlite(path + "/chroma.sqlite3", "print(c.execute('SELECT COUNT(*) FROM embeddings_queue').fetchone()[0])")
        #expect(String(decoding: queued, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        let shown = try fixture.workspace().manifest(try fixture.record(name: "flushed", source: path).id)
        // doc-05 was deleted; doc-03 re-embedded after the flush (its queue entry wins over the HNSW copy).
        let returned = try returnedVectors(name)
        #expect(shown.documents.map(\.id) == returned.keys.sorted() && !shown.documents.contains { $0.id == "doc-05" })
        for document in shown.documents {
            let expected = try blob(of: try #require(returned[document.id]), repository: fixture.repository, folder: folder)
            #expect(document.chunks.map(\.embedding) == [expected], "\(document.id)")
        }
    }

    @Test("two flushed Chroma stores, a quarter of the records re-embedded: the diff shows those chunks re-embedded")
    func chromaFlushedDiff() throws {
        let fixture = try ManifestFixture()
        let folder = try TemporaryFolder()
        let old = try fixture.record(name: "library", source: try copy("chroma-flushed-v1", into: folder))
        let new = try fixture.record(name: "library", source: try copy("chroma-flushed-v2", into: folder))
        let diff = try fixture.workspace().diffManifests(old.id, new.id)
        let reembedded = stride(from: 0, to: 40, by: 4).map { String(format: "doc-%02d", $0) }
        #expect(diff.added.isEmpty && diff.removed.isEmpty)
        #expect(diff.changed.map(\.id) == reembedded)
        #expect(diff.changed.allSatisfy { !$0.contentChanged && $0.chunksReembedded == 1 })
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
        case truncatedVectors, hugeHeader, pickleGlobal, symlinkedSegment
    }

    /// The HNSW segment folder of a copied Chroma fixture.
    private func segmentFolder(_ source: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: source).filter { !$0.contains(".") }
        return source + "/" + (try #require(names.first))
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
        case .truncatedVectors:
            source = try copy("chroma-flushed-v1", into: folder)
            let file = try segmentFolder(source) + "/data_level0.bin"
            try Data(try Data(contentsOf: URL(fileURLWithPath: file)).prefix(1000)).write(to: URL(fileURLWithPath: file))
            expected = "data_level0.bin' holds 1000 bytes; expected 40 elements of 172 bytes"
        case .hugeHeader:
            source = try copy("chroma-flushed-v1", into: folder)
            let file = try segmentFolder(source) + "/header.bin"
            var header = try Data(contentsOf: URL(fileURLWithPath: file))
            header.replaceSubrange(12..<28, with: [UInt8](repeating: 0xFF, count: 15) + [0x0F])  // capacity and count: 2^60 and more
            try header.write(to: URL(fileURLWithPath: file))
            expected = "header.bin' describes 1152921504606846975 elements"
        case .pickleGlobal:
            source = try copy("chroma-flushed-v1", into: folder)
            // What `pickle.dumps` makes of a callable: an import of os.system.
            try Data("\u{80}\u{02}cos\nsystem\nq\u{00}.".unicodeScalars.map { UInt8($0.value) }).write(to: URL(fileURLWithPath: try segmentFolder(source) + "/index_metadata.pickle"))
            expected = "index_metadata.pickle': byte 2: opcode GLOBAL names Python code, which Quill never runs"
        case .symlinkedSegment:
            source = try copy("chroma-flushed-v1", into: folder)
            let segment = try segmentFolder(source)
            let outside = try copy("chroma-flushed-v2", into: folder)
            try FileManager.default.removeItem(atPath: segment)
            try FileManager.default.createSymbolicLink(atPath: segment, withDestinationPath: try segmentFolder(outside))
            expected = "' is a symbolic link or not a folder; expected the segment folder Chroma writes inside the directory"
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
