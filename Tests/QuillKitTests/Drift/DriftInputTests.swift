import Foundation
import Testing
import TestSupport

@testable import QuillKit

/// The collections `quill drift` reads: files and committed revisions of them, plain text, JSON
/// Lines and CSV; and what it refuses, in one line naming the file and line.
@Suite("drift inputs")
struct DriftInputTests {
    static func documents(_ text: String, path: String, field: String = "text") throws(InputFileError) -> [String] {
        var documents = [String]()
        try DatasetReader(path: path, format: DatasetFormat.of(path: path), field: field).read(Data(text.utf8)) { documents.append($0) }
        return documents
    }

    @Test("CSV as RFC 4180 has it: quoted commas, doubled quotes, line breaks inside quotes, CRLF, blank lines, no final line break")
    func csv() throws {
        let text = "id,text\r\n1,\"Hello, world\"\r\n2,\"She said \"\"hi\"\"\"\r\n\r\n3,\"two\nlines\"\r\n4,last"
        #expect(try Self.documents(text, path: "q.csv") == ["Hello, world", "She said \"hi\"", "two\nlines", "last"])
        #expect(try Self.documents("text,id\nfirst,1\nsecond,\n", path: "q.CSV") == ["first", "second"])
    }

    @Test("a bad CSV file is refused naming the row's line and what was expected",
        arguments: [
            ("id,text\n1,ok\n2,\"a\nb\"\n3\n", "q.csv:5: the row has 1 fields; expected 2, as the header has"),
            ("id,body\n1,ok\n", "q.csv:1: the header has no column 'text'; expected one of 'id', 'body' (name the text's column with --field)"),
            ("id,text\n1,ok\n2,\"never closed\n3,x\n", "q.csv:3:3: quoted field is never closed; expected a closing '\"'"),
            ("id,text\n1,ok\n2,\"quoted\"x\n", "q.csv:3:11: text after a field's closing quote; expected ',' or a line break"),
            ("id,text\n1,5\" screen\n", "q.csv:2:4: a '\"' inside an unquoted field; expected the whole field quoted, with each '\"' in it doubled"),
        ])
    func badCSV(_ text: String, _ message: String) {
        #expect(throws: InputFileError.self) { try Self.documents(text, path: "q.csv") }
        do {
            _ = try Self.documents(text, path: "q.csv")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("JSON Lines: the named field of each object, blank lines skipped; other shapes refused at their line",
        arguments: [
            ("{\"text\": \"a\"}\n\n{\"text\": \"b\", \"n\": 1}\n", nil),
            ("{\"text\": \"a\"}\n{\"body\": \"b\"}\n", "q.jsonl:2:1: line 2 has no field 'text'; expected an object with a string 'text' (name the text's field with --field)"),
            ("{\"text\": \"a\"}\n{\"text\": 3}\n", "q.jsonl:2:10: 'text' is a number; expected a string"),
            ("{\"text\": \"a\"}\n[1]\n", "q.jsonl:2:1: line 2 is an array; expected an object with a string 'text'"),
            ("{\"text\": \"a\"}\n{\"text\": \"b\"\n", "q.jsonl:2:13: invalid JSON: unexpected end of file; expected ',' or '}' in an object"),
        ])
    func jsonLines(_ text: String, _ message: String?) {
        do {
            #expect(try Self.documents(text, path: "q.jsonl") == ["a", "b"])
            #expect(message == nil)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("bytes that are not UTF-8 are refused naming their line")
    func notUTF8() {
        var data = Data("{\"text\": \"ok\"}\n{\"text\": \"".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        data.append(contentsOf: Array("\"}\n".utf8))
        #expect(throws: InputFileError.self) {
            try DatasetReader(path: "q.jsonl", format: .jsonLines, field: "text").read(data) { _ in }
        }
        do {
            try DatasetReader(path: "q.jsonl", format: .jsonLines, field: "text").read(data) { _ in }
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test("two revisions of a committed dataset, by REV:PATH, with --field; the store and work tree untouched")
    func revisions() throws {
        let repository = try TestRepository()
        try repository.write("data/inputs.jsonl", "{\"q\": \"Where is my order?\"}\n{\"q\": \"The invoice is wrong.\"}\n")
        try repository.commitAll("v1")
        try repository.write("data/inputs.jsonl", "{\"q\": \"Where is my order?\"}\n{\"q\": \"Quantum gluons bind quarks tightly.\"}\n")
        try repository.commitAll("v2")
        let before = try repository.git("for-each-ref") + repository.git("status", "--porcelain")
        let report = try Workspace.open(from: repository.path).drift(DriftRequest(a: "HEAD~1:data/inputs.jsonl", b: "HEAD:data/inputs.jsonl", field: "q"))
        #expect(report.a.name == "HEAD~1:data/inputs.jsonl")
        #expect(report.vocabulary.newWords.map(\.word) == ["bind", "gluons", "quantum", "quarks", "tightly"])
        #expect(report.vocabulary.vanishedWords.map(\.word) == ["invoice", "the", "wrong"])
        #expect(abs(report.vocabulary.oovRate - 5.0 / 9.0) < 1e-12)
        #expect(try repository.git("for-each-ref") + repository.git("status", "--porcelain") == before)
    }

    @Test("bad names are refused in one line", arguments: [
        ("nope:data.jsonl", "unknown revision 'nope'; expected a commit such as 'HEAD~1', a branch, a tag or a commit id"),
        ("HEAD:missing.jsonl", "'missing.jsonl' is not a file in 'HEAD'; expected a file committed there, such as 'HEAD:data/inputs.jsonl'"),
        ("absent.txt", "'absent.txt' does not exist; expected a file, or REV:PATH for a file as committed at a revision"),
        ("empty.txt", "'empty.txt' holds no words (1 documents); expected a plain text file with text in it"),
    ])
    func badNames(_ spec: String, _ message: String) throws {
        let repository = try TestRepository()
        try repository.write("data.jsonl", "{\"text\": \"hello\"}\n")
        try repository.write("empty.txt", "... !!!\n")
        try repository.commitAll("data")
        #expect(throws: QuillError.badInput(message)) {
            try Workspace.open(from: repository.path).drift(DriftRequest(a: "data.jsonl", b: spec))
        }
    }

    @Test("limits come from quill.yaml's drift: mapping; null turns one off; a bad value names its line")
    func limits() throws {
        let config = try QuillConfig.parse(Data("drift:\n  oov_rate: 0.5\n  bigram_jsd: null\n  sentence_p: 0.05\n".utf8), path: "quill.yaml")
        var expected = DriftThresholds()
        expected.oovRate = 0.5
        expected.bigramDivergence = nil
        expected.sentenceLengthPValue = 0.05
        #expect(config.drift == expected)
        #expect(throws: InputFileError(file: "quill.yaml", line: 3, column: 13, message: "'drift.word_jsd' is a string; expected a number of at least 0, or null to turn it off")) {
            try QuillConfig.parse(Data("drift:\n  oov_rate: 0.5\n  word_jsd: high\n".utf8), path: "quill.yaml")
        }
        #expect(throws: InputFileError(file: "quill.yaml", line: 2, column: 3, message: "unknown key 'oov' in 'drift'; expected one of oov_rate, word_jsd, bigram_jsd, trigram_jsd, sentence_ks, sentence_p")) {
            try QuillConfig.parse(Data("drift:\n  oov: 0.5\n".utf8), path: "quill.yaml")
        }
    }

    @Test("two manifests' documents, by manifest:ID and manifest:latest:NAME; --field and a content-hash manifest refused")
    func manifests() throws {
        let fixture = try ManifestFixture()
        try fixture.write("faq.md", "Where is my order? The invoice is wrong.")
        let first = try fixture.record()
        try fixture.write("faq.md", "Where is my order? Quantum gluons bind quarks tightly.")
        try fixture.write("more.md", "Where is my order?")
        try fixture.record()
        let workspace = try fixture.workspace()
        let report = try workspace.drift(DriftRequest(a: "manifest:\(first.id.prefix(10))", b: "manifest:latest:docs"))
        #expect(report.a.documents == 1 && report.b.documents == 2)
        #expect(report.vocabulary.newWords.map(\.word) == ["bind", "gluons", "quantum", "quarks", "tightly"])
        #expect(report.vocabulary.vanishedWords.map(\.word) == ["invoice", "the", "wrong"])
        #expect(throws: QuillError.badInput("'manifest:latest:docs' is a manifest of text documents; '--field q' names a field of a .jsonl or .csv file")) {
            try workspace.drift(DriftRequest(a: "manifest:latest:docs", b: "manifest:latest:docs", field: "q"))
        }
        let hashed = try fixture.record(name: "hashed", content: .hash)
        #expect(throws: QuillError.self) {
            try workspace.drift(DriftRequest(a: "manifest:latest:docs", b: "manifest:\(hashed.id)"))
        }
        #expect(throws: QuillError.badInput("no manifest recorded under the name 'nope'; see 'quill manifest list'")) {
            try workspace.drift(DriftRequest(a: "manifest:latest:nope", b: "manifest:latest:docs"))
        }
    }
}
