import Foundation
import TestSupport
import Testing

@Suite("quill sync command")
struct SyncCommandTests {
    @Test("sync prints one line per ref in text, and the same data as JSON")
    func printsPerRef() throws {
        let remote = try TestRepository(bare: true)
        let clone = try TestRepository()
        try clone.write("prompts/support.prompt", "Answer {{question}}\n")
        try clone.commitAll("add prompt")
        try clone.git("remote", "add", "origin", remote.path)
        try clone.write("metrics.json", #"{"accuracy": 0.9}"#)
        let record = try QuillBinary.run(["eval", "record", "metrics.json", "--prompt", "prompts/support.prompt", "--allow-dirty"], in: clone.path)
        #expect(record.status == 0, "\(record.stderr)")
        let text = try QuillBinary.run(["sync"], in: clone.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.output.split(separator: "\n") == ["refs/quill/evals: pushed 1", "refs/notes/quill: pushed 1"])
        let json = try QuillBinary.run(["sync", "origin", "--format", "json"], in: clone.path)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"action\" : \"up-to-date\""))
        #expect(json.stdout.contains("\"trackingName\" : \"origin\""))
        #expect(try remote.git("rev-parse", "refs/quill/evals") == (try clone.git("rev-parse", "refs/quill/evals")))
        let missing = try QuillBinary.run(["sync", "nosuch"], in: clone.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no remote named 'nosuch'"))
    }
}
