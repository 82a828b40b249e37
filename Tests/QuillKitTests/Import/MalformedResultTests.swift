import Foundation
@testable import QuillKit
import Testing

/// A results file that must not import, the format it is read as, and the one line its error must read.
struct MalformedResult: CustomTestStringConvertible, Sendable {
    var path: String
    var format: ResultFormat
    var contents: String
    var expected: String

    init(_ path: String, as format: ResultFormat = .auto, _ contents: String, _ expected: String) {
        self.path = path
        self.format = format
        self.contents = contents
        self.expected = expected
    }

    var testDescription: String { "\(path) (\(format.rawValue))" }
}

@Suite("malformed results files name the file, the line and column, and what was expected")
struct MalformedResultTests {
    /// What `--format auto` looks for, as the one line refusing an unknown shape lists it.
    static let lookedFor = #"one of: "quill" (Quill JSON); 'evalId', 'results.results' or promptfoo rows with 'promptIdx' and 'testIdx' (promptfoo); one case object a line (.jsonl); a header row (.csv); numbers only, nested or in lists (DVC metrics, .json/.yaml/.toml); 'testResults' (gh models eval); 'results' by task with 'versions' or 'configs', or lines with 'doc_id' (lm-evaluation-harness); 'version' beside 'eval.task', or a ZIP archive (Inspect AI); rows with 'example_id' and 'feedback.' scores (LangSmith); 'testCases' (DeepEval); rows with 'user_input' and 'response' or 'retrieved_contexts' (RAGAS); 'columns' and 'data' or rows with '<metric>/score' columns (MLflow); a first line with 'spec' or 'final_report' (OpenAI Evals)"#

    static let cases: [MalformedResult] = [
        MalformedResult("a.json", #"{"quill": 1, "cases": [}"#, "a.json:1:24: invalid JSON: unexpected character '}'; expected a value"),
        MalformedResult("b.json", "{\n  \"results\": {\n    \"version\": 3,\n    \"results\": [1 2]\n  }\n}\n",
                        "b.json:4:19: invalid JSON: expected ',' or ']' after a value in an array"),
        MalformedResult("c.json", #"{"evalId": "e1", "results": {"version": 3, "results": {"a": 1}}}"#,
                        "c.json:1:55: 'results.results' is an object; expected an array of result rows"),
        MalformedResult("d.json", as: .dvc, #"{"accuracy": "high", "f1": 0.8}"#, "d.json:1:14: metric 'accuracy' is a string; expected a number"),
        MalformedResult("dd.json", #"{"accuracy": "high", "f1": 0.8}"#, "dd.json:1:1: unrecognised results file; looked for \(lookedFor); pass --format to read it as one of them"),
        MalformedResult("e.json", as: .quill, #"{"quill": 1, "metrics": {"accuracy": "high"}}"#, "e.json:1:38: metric 'accuracy' is a string; expected a number"),
        MalformedResult("f.json", #"{"accuracy": NaN}"#, "f.json:1:14: invalid JSON: 'NaN' is not a finite number; expected a finite JSON number"),
        MalformedResult("g.json", "{\"loss\": -Infinity}", "g.json:1:10: invalid JSON: '-Infinity' is not a finite number; expected a finite JSON number"),
        MalformedResult("h.yaml", "eval:\n  accuracy: .nan\n", "h.yaml:2:13: metric 'eval.accuracy' is '.nan', not a finite number; expected a number"),
        MalformedResult("i.yml", "f1: nan\n", "i.yml:1:5: metric 'f1' is 'nan', not a finite number; expected a number"),
        MalformedResult("j.toml", "# metrics\nloss = nan\n", "j.toml:2:8: metric 'loss' is 'nan', not a finite number; expected a number"),
        MalformedResult("k.toml", "scores = [1, -inf]\n", "k.toml:1:10: metric 'scores[1]' is '-inf', not a finite number; expected a number"),
        MalformedResult("l.json", "", "l.json: empty file; expected \(lookedFor)"),
        MalformedResult("m.json", as: .promptfoo, " \n\t\n", "m.json: empty file; expected promptfoo results (JSON with 'results', or JSON Lines of result rows)"),
        MalformedResult("n.json", #"{"evalId": "e1", "results": {"version": 3, "results": [], "prompts": []}}"#,
                        "n.json:1:55: no result rows in 'results.results'; expected at least one evaluated test"),
        MalformedResult("o.jsonl", "{\"id\": \"a\", \"score\": 1}\n[1, 2]\n", "o.jsonl:2:1: line 2 is an array; expected a case object"),
        MalformedResult("p.jsonl", "{\"id\": \"a\", \"score\": 1}\n\n{\"id\": \"b\", \"score\": }\n",
                        "p.jsonl:3:22: invalid JSON: unexpected character '}'; expected a value"),
        MalformedResult("q.json", #"{"name": "nightly", "owner": "ml-team"}"#,
                        "q.json:1:1: unrecognised results file; looked for \(lookedFor); pass --format to read it as one of them"),
        MalformedResult("r.json", #"{"quill": 2, "metrics": {}}"#, "r.json:1:11: unsupported 'quill' version 2; expected 1"),
        MalformedResult("s.json", #"{"quill": 1, "cases": [{"metrics": {"a": 1}}]}"#, "s.json:1:24: case 0 has no 'id'; expected an object with 'id' and 'metrics' or 'pass'"),
        MalformedResult("t.json", #"{"quill": 1, "prompt": "p"}"#, "t.json:1:1: evaluation has neither 'metrics' nor 'cases'; expected at least one"),
        MalformedResult("u.json", #"{"name": "x", "testResults": {}}"#, "u.json:1:30: 'testResults' is an object; expected an array of test results"),
        MalformedResult("v.jsonl", as: .promptfoo, "{\"promptIdx\": 0, \"testIdx\": 0, \"success\": \"yes\", \"score\": 1}\n{\"promptIdx\": 0, \"testIdx\": 1, \"success\": true}\n",
                        "v.jsonl:1:43: 'success' of line 1 is a string; expected true or false"),
        MalformedResult("w.toml", "[[runs]]\naccuracy = 0.9\n", "w.toml:1:1: metric 'runs[0]' is an object; expected a number"),
        MalformedResult("x.toml", "a = 1\nb = 2\na = 3\n", "x.toml:3:5: invalid TOML: error while parsing key-value pair: cannot redefine existing integer 'a'"),
        MalformedResult("y.toml", "when = 2024-05-01\n", "y.toml:1:8: metric 'when' is a string; expected a number"),
        // toml++ asserts on these table headers (fuzzing found the first two): refused before it parses
        MalformedResult("ta.toml", "[\u{01}val]\ny = 1\n", "ta.toml:1:2: invalid TOML: expected a key in the table header, saw byte 0x1"),
        MalformedResult("tb.toml", "a = 1\n[[ .eval]]\n", "tb.toml:2:4: invalid TOML: expected a key in the table header, saw '.'"),
        MalformedResult("tc.toml", "\u{FEFF}[[[x]]]\n", "tc.toml:1:3: invalid TOML: expected a key in the table header, saw '['"),
        // toml++ asserts on these array values (fuzzing found the first): refused before it parses
        MalformedResult("te.toml", "x = [1, }]\n", "te.toml:1:9: invalid TOML: '}' inside an array; expected a value, ',' or ']'"),
        MalformedResult("tf.toml", "x = [\u{2028}1]\n", "tf.toml:1:6: invalid TOML: a Unicode line or paragraph separator outside a string; expected a newline"),
        MalformedResult("tg.toml", "x = [1,\u{85}]\n", "tg.toml:1:8: invalid TOML: a Unicode line or paragraph separator outside a string; expected a newline"),
        MalformedResult("td.toml", "x = 1 # [\n  [\n", "td.toml:2:4: invalid TOML: expected a key in the table header, saw byte 0xA"),
        MalformedResult("z.json", #"{"a.b": 1, "a": {"b": 2}}"#, "z.json:1:23: metric 'a.b' appears twice; expected each metric once"),
        MalformedResult("aa.json", as: .ghModels, #"{"testResults": [{"modelResponse": "ok", "evaluationResults": [{"evaluatorName": "len", "score": 1}]}]}"#,
                        "aa.json:1:64: evaluator 'len' of test result 0 has no 'passed'; expected true or false"),
        MalformedResult("ab.yaml", "- 0.9\n- 0.8\n", "ab.yaml:1:1: document is a list; expected a mapping of metric names to numbers, nested mappings or lists of numbers"),
        // OpenAI Evals logs
        MalformedResult("oa.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n{\"final_report\": {\"accuracy\": 1}}\n{\"sample_id\": \"s\", \"type\": \"match\", \"data\": {\"correct\": \"yes\"}}\n",
                        "oa.jsonl:3:57: 'correct' of the match event of line 3 is a string; expected true or false"),
        MalformedResult("ob.jsonl", as: .openAIEvals, "{\"sample_id\": \"s\", \"type\": \"match\", \"data\": {\"correct\": true}}\n",
                        "ob.jsonl:1:1: line 1 comes before any 'spec' line; expected an OpenAI Evals log starting with {\"spec\": …}"),
        // Every recorder of oaieval writes the spec first; a log that starts with its final report lost it.
        MalformedResult("oe.jsonl", "{\"final_report\": {\"accuracy\": 1}, \"run_id\": \"r\"}\n{\"run_id\": \"r\", \"sample_id\": \"s\", \"type\": \"match\", \"data\": {\"correct\": true}}\n",
                        "oe.jsonl:1:1: line 1 is a 'final_report' before any 'spec' line, so the run's eval, completion functions and events are missing; expected the whole log oaieval --record_path writes, starting with {\"spec\": …}"),
        MalformedResult("of.json", #"{"final_report": {"accuracy": 1}, "run_id": "r"}"#,
                        "of.json:1:1: line 1 is a 'final_report' before any 'spec' line, so the run's eval, completion functions and events are missing; expected the whole log oaieval --record_path writes, starting with {\"spec\": …}"),
        // Two runs' lines mixed in one file: the event of r2 would be counted in r1.
        MalformedResult("og.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r1\"}}\n{\"run_id\": \"r1\", \"sample_id\": \"s\", \"type\": \"match\", \"data\": {\"correct\": true}}\n{\"run_id\": \"r2\", \"sample_id\": \"s\", \"type\": \"match\", \"data\": {\"correct\": false}}\n",
                        "og.jsonl:3:12: line 3 is of run 'r2', not of run 'r1' whose spec is on line 1; expected each run's lines after its own spec"),
        MalformedResult("oh.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r1\"}}\n{\"run_id\": \"r1\", \"sample_id\": \"s\", \"type\": \"match\", \"data\": {\"correct\": true}}\n{\"final_report\": {\"accuracy\": 0.5}, \"run_id\": \"r0\"}\n",
                        "oh.jsonl:3:47: line 3 is of run 'r0', not of run 'r1' whose spec is on line 1; expected each run's lines after its own spec"),
        MalformedResult("oc.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n{\"final_report\": [1, 2]}\n",
                        "oc.jsonl:2:18: 'final_report' is an array; expected an object of metric names to numbers"),
        MalformedResult("od.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n{\"sample_id\": \"s\", \"data\": {}}\n",
                        "od.jsonl:2:1: line 2 has no 'type'; expected an event with 'type', 'sample_id' and 'data'"),
        MalformedResult("oe.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n{\"sample_id\": \"s\", \"type\": \"extra\", \"data\": {}}\n",
                        "oe.jsonl:1:10: run has no final_report numbers and no match or metrics events; expected the log of a finished run"),
        MalformedResult("of.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n[1]\n",
                        "of.jsonl:2:1: line 2 is an array; expected an OpenAI Evals log line: 'spec', 'final_report' or an event with 'type'"),
        MalformedResult("og.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n{\"final_report\": {}}\n{\"final_report\": {}}\n",
                        "og.jsonl:3:18: a second 'final_report' in one run; expected one a run"),
        MalformedResult("oh.jsonl", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n{\"sample_id\": \"s\", \"type\": \"metrics\", \"data\": {\"score\": 1e999}}\n",
                        "oh.jsonl:2:57: metric 'score' is '1e999', out of the range of a double; expected 0 or a magnitude between 5e-324 and 1.8e308"),
        MalformedResult("oi.json", "{\"spec\": {\"completion_fns\": [\"dummy\"], \"eval_name\": \"e\", \"run_id\": \"r\"}}\n",
                        "oi.json:1:10: run has no final_report numbers and no match or metrics events; expected the log of a finished run"),
    ]

    @Test("each malformed file", arguments: cases)
    func malformed(_ item: MalformedResult) {
        let error = #expect(throws: InputFileError.self) {
            try EvalFixtures.read(text: item.contents, path: item.path, format: item.format)
        }
        #expect(error?.description == item.expected)
    }

    @Test("lines that open with '[' inside strings, arrays and inline tables are not table headers")
    func bracketLinesThatAreNotHeaders() throws {
        let text = "note = \"\"\"\n[*] a step \u{2028}}\n\"\"\"\nrows = [\n  [+1, 2],\n  [{a = 1}], # }\n]\n[ \"quoted\" ]\nx = 0.5\n"
        let document = try TOMLReader.read(SourceText(text))
        guard case .table(let entries) = document.kind else { Issue.record("not a table"); return }
        #expect(entries.map { $0.key } == ["note", "quoted", "rows"])
    }

    @Test("a DVC list of more values than a series may hold is refused where it starts, before its cases are made")
    func seriesBound() throws {
        let bound = MetricCollector.maximumSeries
        let zeros = "{\"accuracy\": [" + Array(repeating: "0", count: bound + 1).joined(separator: ",") + "]}"
        let error = #expect(throws: InputFileError.self) { try ResultImporter.read(Data(zeros.utf8), path: "z.json", format: .dvc) }
        #expect(error?.description == "z.json:1:14: metric 'accuracy' lists \(bound + 1) values; expected at most \(bound) cases")
        let atBound = "{\"accuracy\": [" + Array(repeating: "1", count: bound).joined(separator: ",") + "]}"
        #expect(try ResultImporter.read(Data(atBound.utf8), path: "z.json", format: .dvc).evaluations[0].cases.count == bound)
    }

    @Test("bytes that are not UTF-8 are refused at their position")
    func binary() {
        let error = #expect(throws: InputFileError.self) {
            try ResultImporter.read(Data([0x7B, 0x0A, 0xFF]), path: "bin.json", format: .auto)
        }
        #expect(error == InputFileError(file: "bin.json", line: 2, column: 1, message: "invalid UTF-8 byte 0xFF; expected UTF-8 text"))
    }

    @Test("a file read as the wrong format says what that format expects")
    func wrongFormat() throws {
        let error = #expect(throws: InputFileError.self) {
            try EvalFixtures.read("gh-models.json", format: .quill)
        }
        #expect(error?.description == "gh-models.json:1:1: no 'quill' key; expected \"quill\": 1")
    }
}
