import Foundation
import QuillKit
import Testing
import ZIPFoundation

@Suite("Inspect AI logs, .json and the zipped .eval, as Inspect's own writer made them (Fixtures/evals/generate/make-inspect-ai.py)")
struct InspectLogTests {
    @Test("both logs give one evaluation: the task, the mock model, samples by id with epochs as repeats, letter grades as 1/0")
    func fixtures() throws {
        let json = try EvalFixtures.read("inspect-ai.json")
        let zipped = try EvalFixtures.read("inspect-ai.eval")
        #expect(json.format == .inspect && zipped.format == .inspect)
        for results in [json, zipped] {
            let evaluation = try #require(results.evaluations.first)
            #expect(results.evaluations.count == 1)
            #expect(evaluation.suite == "arithmetic_and_capitals")
            #expect(evaluation.model == "mockllm/model")
            let byKey = Dictionary(uniqueKeysWithValues: evaluation.cases.map { ("\($0.id)#\($0.repeatIndex ?? -1)", $0) })
            #expect(byKey.keys.sorted() == ["add-2-2#0", "add-2-2#1", "add-3-5#0", "add-3-5#1", "capital-fr#0", "capital-fr#1"])
            #expect(byKey["add-3-5#0"]?.metrics == ["match": 0, "brevity": 0.25])
            #expect(byKey["add-3-5#0"]?.pass == false)
            #expect(byKey["add-3-5#0"]?.output == "The answer is 9")
            #expect(byKey["capital-fr#1"]?.metrics == ["match": 1, "brevity": 1.0 / 3])
            #expect(byKey["capital-fr#1"]?.pass == true)
            // 5 of 6 answers match (Inspect's own accuracy, 0.8333); brevity (1 + 0.25 + 1 + 1 + 1 + 1/3) / 6
            #expect(sameMetrics(evaluation.metrics, ["match": 5.0 / 6, "pass_rate": 5.0 / 6, "brevity": (4.25 + 1.0 / 3) / 6]))
        }
    }

    @Test("a Zstandard-compressed .eval (current Inspect's default) is refused with the command that converts it")
    func zstandard() throws {
        let error = #expect(throws: InputFileError.self) { try EvalFixtures.read("inspect-ai-zstd.eval") }
        #expect(error?.description == "inspect-ai-zstd.eval:1:1: ZIP member 'header.json' is compressed with a method Quill does not read (current Inspect AI writes Zstandard); expected deflated or stored members: run 'inspect log convert --to json' and record the .json log")
    }

    @Test("a sample that errored is an error case; a log without samples gives results.scores")
    func errorsAndSummary() throws {
        let log = """
            {"version": 2, "status": "error", "eval": {"task": "t", "model": "m"}, "results": {"scores": [{"name": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 0.5}}}]},
             "samples": [{"id": 1, "epoch": 1, "scores": {"match": {"value": "C"}}},
                         {"id": 2, "epoch": 1, "error": {"message": "RateLimitError: 429", "traceback": ""}, "scores": {}}]}
            """
        let evaluation = try #require(EvalFixtures.read(text: log, path: "log.json").evaluations.first)
        #expect(evaluation.cases.map(\.error) == [nil, "RateLimitError: 429"])
        #expect(evaluation.metrics == ["match": 1, "pass_rate": 1])
        let header = #"{"version": 2, "eval": {"task": "t", "model": "m"}, "results": {"scores": [{"name": "match", "metrics": {"accuracy": {"name": "accuracy", "value": 0.5}}}]}}"#
        #expect(try EvalFixtures.read(text: header, path: "h.json").evaluations.first?.metrics == ["match.accuracy": 0.5])
    }

    /// An in-memory ZIP archive of `members`, deflated.
    private func archive(_ members: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in members {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    @Test("a member that decompresses past 64 MiB (a zip bomb) is refused, and so is an archive without header.json or a broken one")
    func bounded() throws {
        let header = Data(#"{"version": 2, "eval": {"task": "t", "model": "m"}}"#.utf8)
        let bomb = try archive([("header.json", header), ("samples/1_epoch_1.json", Data(count: 65 << 20))])
        #expect(bomb.count < 1 << 20, "the bomb is small on disk")
        let error = #expect(throws: InputFileError.self) { try ResultImporter.read(bomb, path: "bomb.eval", format: .auto) }
        #expect(error?.description == "bomb.eval:1:1: ZIP member 'samples/1_epoch_1.json' decompresses past 64 MiB a member; expected a log within these bounds")
        let headless = try archive([("summaries.json", Data("[]".utf8))])
        #expect(throws: InputFileError.self) { try ResultImporter.read(headless, path: "x.eval", format: .inspect) }
        var broken = try archive([("header.json", header)])
        broken.removeLast(broken.count / 2)
        #expect(throws: InputFileError.self) { try ResultImporter.read(broken, path: "y.eval", format: .auto) }
        let badMember = try archive([("header.json", Data(#"{"version": 2, "eval": [}"#.utf8))])
        let memberError = #expect(throws: InputFileError.self) { try ResultImporter.read(badMember, path: "z.eval", format: .auto) }
        #expect(memberError?.description.hasPrefix("z.eval:1:25: in ZIP member 'header.json': invalid JSON") == true, "\(String(describing: memberError))")
    }
}
