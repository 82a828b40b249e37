import Foundation
@testable import QuillKit
import Testing

@Suite("Case tables")
struct CaseTableTests {
    /// What a table says of every case for `metrics`: the values, verdicts and outputs, by id.
    private func contents(_ table: CaseTable, metrics: [String]) -> [String: [String]] {
        table.rows.mapValues { row in
            metrics.map { "\(table.value(table.column($0), row: row).map { $0.bitPattern } as Any)" }
                + ["\(table.passed(row: row) as Any)", "\(table.output(row: row) as Any)"]
        }
    }

    /// A column's kind, without its number (the two ways of reading may number metrics differently).
    private func kind(_ column: CaseTable.Column) -> String {
        switch column {
        case .metric: "metric"
        case .passShare: "pass share"
        case .missing: "missing"
        }
    }

    /// A table read from `blobs` straight must be the one folded from their cases as `EvalCases` decodes them.
    private func expectSameTable(_ blobs: [Data], metrics: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let read = try CaseTable(blobs: blobs)
        let folded = CaseTable(try blobs.flatMap(EvalCases.decode))
        #expect(contents(read, metrics: metrics) == contents(folded, metrics: metrics), sourceLocation: sourceLocation)
        #expect(metrics.map { kind(read.column($0)) } == metrics.map { kind(folded.column($0)) }, sourceLocation: sourceLocation)
    }

    @Test("blobs read straight into columns fold as their decoded cases: repeats, runs, verdicts, outputs")
    func canonicalBlobs() throws {
        let first = try EvalCases.encode([
            EvalCase(id: "t2", metrics: ["accuracy": 1, "latency": 812.25], pass: true, output: "yes", repeatIndex: 0),
            EvalCase(id: "t2", metrics: ["accuracy": 0, "latency": 90.5], pass: false, output: "no", repeatIndex: 1),
            EvalCase(id: "t10", metrics: ["latency": 3, "ünïcode": 0.5], pass: false),
            EvalCase(id: "t1", metrics: [:], output: "only output"),
            EvalCase(id: "t3", metrics: ["accuracy": 0.1], error: "HTTP 429"),
        ])
        let second = try EvalCases.encode([
            EvalCase(id: "t2", metrics: ["accuracy": 1, "pass_rate": 1], pass: true, output: "again"),
            EvalCase(id: "t9", metrics: ["zeta": -0.0, "accuracy": 1e-300], pass: true),
        ])
        try expectSameTable([first, second], metrics: ["accuracy", "latency", "ünïcode", "pass_rate", "zeta", "absent"])
        let table = try CaseTable(blobs: [first, second])
        let row = try #require(table.rows["t2"])
        #expect(table.value(table.column("accuracy"), row: row) == 2.0 / 3)
        #expect(table.passed(row: row) == true && table.output(row: row) == "yes")
        #expect(table.value(table.column("pass_rate"), row: try #require(table.rows["t10"])) == nil)
    }

    @Test("a repeated key in a line keeps its last value; a second metrics object replaces the first")
    func repeatedKeys() throws {
        let lines = [
            #"{"id":"a","metrics":{"m":1,"n":2,"m":5},"pass":true,"pass":false,"output":"x","output":"y"}"#,
            #"{"id":"a","metrics":{"m":7},"metrics":{"n":3},"id":"b"}"#,
            #"{"metrics":{"n":1,"m":2},"id":"c"}"#,
            #"{"id":"d","metrics":{}}"#,
        ]
        let blob = Data(lines.joined(separator: "\n").utf8)
        #expect(blob.withUnsafeBytes(CaseLineScanner.cases(in:)) != nil, "the lines must take the fast path to test it")
        try expectSameTable([blob], metrics: ["m", "n"])
    }

    @Test("a blob not all canonical is read by the full decoder, and nothing of its canonical lines is counted twice")
    func fallback() throws {
        let blob = Data((#"{"id":"a","metrics":{"m":1,"new":4}}"# + "\n" + #"{"id":"b","extra":true,"metrics":{"m":2}}"#).utf8)
        #expect(blob.withUnsafeBytes(CaseLineScanner.cases(in:)) == nil)
        try expectSameTable([blob, try EvalCases.encode([EvalCase(id: "a", metrics: ["m": 3])])], metrics: ["m", "new"])
        let table = try CaseTable(blobs: [blob])
        #expect(table.value(table.column("m"), row: try #require(table.rows["a"])) == 1)
    }

    @Test("mutated lines the fast reader accepts fold as JSONDecoder reads them")
    func mutatedLines() throws {
        var random = SeededGenerator(seed: 11)
        let lines = try EvalCases.encode([
            EvalCase(id: "b", metrics: ["accuracy": 1, "score": 0.25], pass: true, output: "fine", repeatIndex: 1),
            EvalCase(id: "c", metrics: ["score": 3], pass: false),
        ]).split(separator: 0x0A).map { Array($0) }
        let alphabet = Array(#"{}[]:,"\ 0123456789+-.eEtrufalsn"#.utf8)
        var compared = 0
        for _ in 0..<2_000 {
            let blob = Data(LineMutation.mutated(lines, alphabet: alphabet, using: &random))
            guard blob.withUnsafeBytes(CaseLineScanner.cases(in:)) != nil else { continue }
            try expectSameTable([blob, Data(lines[0])], metrics: ["accuracy", "score", "pass_rate"])
            compared += 1
        }
        #expect(compared > 100, "too few mutations were read by the fast reader to compare")
    }
}
