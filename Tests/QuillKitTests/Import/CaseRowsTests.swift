import Foundation
import QuillKit
import Testing

@Suite("rows of cases: --case-id for JSON Lines and CSV, lm-eval samples, and unknown shapes refused")
struct CaseRowsTests {
    /// Two lines of an export with per-run UUIDs as 'id' and the dataset row's id beside them.
    private let export = """
        {"id": "8f0c1a52-run-1", "dataset_row": "ex-refund", "scores": {"correctness": 1}}
        {"id": "3b9e44d0-run-2", "dataset_row": "ex-cancel", "scores": {"correctness": 0}}
        """

    @Test("--case-id names the JSON Lines field that holds the case id; the default takes 'id'")
    func jsonLinesCaseID() throws {
        #expect(try EvalFixtures.read(text: export, path: "runs.jsonl").evaluations[0].cases.map(\.id) == ["8f0c1a52-run-1", "3b9e44d0-run-2"])
        let named = try ResultImporter.read(Data(export.utf8), path: "runs.jsonl", format: .auto, caseID: "dataset_row")
        #expect(named.evaluations[0].cases.map(\.id) == ["ex-refund", "ex-cancel"])
        #expect(named.evaluations[0].cases.map(\.metrics) == [["scores.correctness": 1], ["scores.correctness": 0]])
    }

    @Test("a row without the --case-id field is refused at its line")
    func missingCaseID() throws {
        let text = export + "\n{\"id\": \"x\", \"scores\": {\"correctness\": 1}}\n"
        let error = #expect(throws: InputFileError.self) {
            try ResultImporter.read(Data(text.utf8), path: "runs.jsonl", format: .jsonl, caseID: "dataset_row")
        }
        #expect(error?.description == "runs.jsonl:3:1: line 3 has no 'dataset_row'; expected every row to name its case there (or in the field --case-id names)")
    }

    @Test("--case-id is refused for formats that number their cases themselves")
    func caseIDOnPromptfoo() throws {
        let error = #expect(throws: InputFileError.self) {
            try ResultImporter.read(Fixtures.data("evals/promptfoo-v3.json"), path: "p.json", format: .auto, caseID: "id")
        }
        #expect(error?.message.hasPrefix("--case-id 'id' names a field of rows of cases") == true)
    }

    @Test("CSV: numbers are metrics, text is skipped, 'passed' is the verdict, ids from 'id' or --case-id")
    func csv() throws {
        let text = """
            id,question,answer,faithfulness,passed,ticket
            a,"Where is my order, please?","It ships ""today""
            by noon",0.5,true,17
            b,Refund?,Yes,1,false,18

            """
        let results = try EvalFixtures.read(text: text, path: "table.csv")
        #expect(results.format == .csv)
        let cases = results.evaluations[0].cases
        #expect(cases.map(\.id) == ["a", "b"])
        #expect(cases.map(\.metrics) == [["faithfulness": 0.5, "ticket": 17], ["faithfulness": 1, "ticket": 18]])
        #expect(cases.map(\.pass) == [true, false])
        let byTicket = try ResultImporter.read(Data(text.utf8), path: "table.csv", format: .csv, caseID: "ticket")
        #expect(byTicket.evaluations[0].cases.map(\.id) == ["17", "18"])
        #expect(byTicket.evaluations[0].cases[0].metrics == ["faithfulness": 0.5])
    }

    @Test("CSV rows without an id column are numbered from 0, as pandas numbers them")
    func csvRowIndex() throws {
        let results = try EvalFixtures.read(text: "score,note\n1,ok\n0,nan\n", path: "t.csv")
        #expect(results.evaluations[0].cases.map(\.id) == ["0", "1"])
        #expect(results.evaluations[0].metrics == ["score": 0.5])
    }

    @Test("malformed CSV is refused with the line and column of the field or quote at fault", arguments: [
        ("a,b\n1,2\n3,4,5\n", "t.csv:3:5: record has 3 fields; expected at most 2, as the header names"),
        ("a,b\n1,2\n3,x\"y\n", "t.csv:3:4: a '\"' inside an unquoted field; expected the whole field quoted, with each '\"' in it doubled"),
        ("a,b\n1,2\n3,1e999\n", "t.csv:3:3: metric 'b' is '1e999', out of the range of a double"),
        ("a,b\n1,\"two\nlines\"\n3,\"open", "t.csv:4:3: quoted field is never closed; expected a closing '\"'"),
        ("a,b\n1,\"x\" y\n", "t.csv:2:7: text after a field's closing quote; expected ',' or a line break"),
        // Columns count characters, not bytes ('é' is two bytes in UTF-8).
        ("a,b\né,1,x\n", "t.csv:2:5: record has 3 fields; expected at most 2, as the header names"),
        ("a,b\n\"1,2\"\"\n3,4\n", "t.csv:2:1: quoted field is never closed; expected a closing '\"'"),
        // Characters Swift calls newlines that are no CSV record break (VT, FF, NEL, LS, PS in a field), and CRLF.
        ("a,b\r\n1,\"x\u{0B}y\u{0C}z\u{85}w\u{2028}v\u{2029}\"\r\n3,4,5\r\n", "t.csv:3:5: record has 3 fields; expected at most 2, as the header names"),
        ("a,b\n1,x\u{85}y\n3,4,5\n", "t.csv:3:5: record has 3 fields; expected at most 2, as the header names"),
        // A lone CR ends a record as SwiftCSV reads it; lines are counted by LF, as in every other message.
        ("a,b\r1,2\r3,4,5\r", "t.csv:1:13: record has 3 fields; expected at most 2, as the header names"),
    ])
    func malformedCSV(_ text: String, _ expected: String) throws {
        let error = #expect(throws: InputFileError.self) { try EvalFixtures.read(text: text, path: "t.csv") }
        #expect(error?.description.hasPrefix(expected) == true, "\(String(describing: error))")
    }

    @Test("lm-eval samples: doc_id is the case id, the listed metrics are the metrics, target and doc_id never are")
    func lmEvalSamples() throws {
        let text = """
            {"doc_id": 0, "doc": {"question": "2+2", "label": 1}, "target": 1, "arguments": [["2+2", " 4"]], "resps": [[["-0.5", "True"]]], "filtered_resps": [["-0.5", "True"]], "filter": "none", "metrics": ["acc", "acc_norm"], "doc_hash": "ab", "prompt_hash": "cd", "target_hash": "ef", "acc": 1.0, "acc_norm": 0.0}
            {"doc_id": 1, "doc": {"question": "3+3", "label": 0}, "target": 0, "arguments": [["3+3", " 6"]], "resps": [[["-2.5", "False"]]], "filtered_resps": [["-2.5", "False"]], "filter": "none", "metrics": ["acc", "acc_norm"], "doc_hash": "ab", "prompt_hash": "cd", "target_hash": "ef", "acc": 0.0, "acc_norm": 1.0}
            """
        let results = try EvalFixtures.read(text: text, path: "out/samples_arc_easy_2025-01-02T03-04-05.123456.jsonl")
        #expect(results.format == .lmEval)
        let evaluation = try #require(results.evaluations.first)
        #expect(evaluation.suite == "arc_easy")
        #expect(evaluation.cases.map(\.id) == ["0", "1"])
        #expect(evaluation.cases.map(\.metrics) == [["acc": 1, "acc_norm": 0], ["acc": 0, "acc_norm": 1]])
        #expect(evaluation.metrics == ["acc": 0.5, "acc_norm": 0.5])
    }

    @Test("an unknown shape is refused with one line naming what was looked for, not a DVC message", arguments: [
        #"{"status": "ok", "accuracy": 0.9}"#, #"[{"a": 1}]"#, #"{"run": {"name": "x"}}"#,
    ])
    func unknownShape(_ text: String) throws {
        let error = #expect(throws: InputFileError.self) { try EvalFixtures.read(text: text, path: "r.json") }
        let message = try #require(error?.description)
        #expect(message.hasPrefix("r.json:1:1: unrecognised results file; looked for one of: \"quill\" (Quill JSON);"))
        for looked in ["(promptfoo)", "(gh models eval)", "(lm-evaluation-harness)", "(.jsonl)", "(.csv)", "(DVC metrics"] {
            #expect(message.contains(looked), "\(looked)")
        }
        #expect(!message.contains("\n") && !message.contains("is a string"))
    }
}
