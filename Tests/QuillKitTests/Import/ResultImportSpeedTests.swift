import Foundation
import QuillKit
import Testing

@Suite("importing is fast enough for large promptfoo runs")
struct ResultImportSpeedTests {
    /// A promptfoo output file with `count` rows over two prompts, shaped like `promptfoo-v3.json`'s.
    static func promptfooFile(rows count: Int) -> Data {
        var rows: [String] = []
        rows.reserveCapacity(count)
        for index in 0..<count {
            let prompt = index % 2
            let test = index / 2
            rows.append("""
                {"cost":0.0001,"id":"r\(index)","latencyMs":\(300 + index % 97),"namedScores":{"helpfulness":\(Double(index % 10) / 10),"tone":1},\
                "prompt":{"raw":"Answer: {{question}}","label":"prompts/p\(prompt).txt: Answer: {{question}}"},"promptId":"p\(prompt)","promptIdx":\(prompt),\
                "provider":{"id":"openai:gpt-4o-mini","label":""},"response":{"output":"Answer number \(index) with some text to carry","tokenUsage":{"total":70,"prompt":48,"completion":22}},\
                "score":\(index % 3 == 0 ? 0 : 1),"success":\(index % 3 != 0),"testCase":{"vars":{"question":"Question \(test)?"},"assert":[{"type":"llm-rubric","value":"is helpful"}],"options":{},"metadata":{}},\
                "testIdx":\(test),"vars":{"question":"Question \(test)?"},"metadata":{},"failureReason":0}
                """)
        }
        let text = #"{"evalId":"speed","results":{"version":3,"timestamp":"2025-01-01T00:00:00Z","results":["# + rows.joined(separator: ",") + #"],"prompts":[]},"config":{}}"#
        return Data(text.utf8)
    }

    @Test("10,000 promptfoo rows import in well under ten seconds, even in a debug build")
    func tenThousandRows() throws {
        let data = Self.promptfooFile(rows: 10_000)
        let clock = ContinuousClock()
        var results: ImportedResults?
        let elapsed = try clock.measure {
            results = try ResultImporter.read(data, path: "big.json", format: .auto)
        }
        #expect(results?.evaluations.map(\.cases.count) == [5_000, 5_000])
        #expect(results?.evaluations.first?.cases.last?.id == "4999")
        // A release build takes 0.38 s (docs/eval-import.md); the bound leaves room for debug builds and slow machines.
        #expect(elapsed < .seconds(10), "imported in \(elapsed)")
    }
}
