import Foundation
import QuillKit
import Testing

@Suite("large promptfoo runs import whole")
struct LargeResultImportTests {
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

    /// Speed is measured by `scripts/bench/eval.sh` on a release build, not asserted here.
    @Test("10,000 promptfoo rows import as two prompts of 5,000 cases each")
    func tenThousandRows() throws {
        let results = try ResultImporter.read(Self.promptfooFile(rows: 10_000), path: "big.json", format: .auto)
        #expect(results.evaluations.map(\.cases.count) == [5_000, 5_000])
        #expect(results.evaluations.first?.cases.last?.id == "4999")
    }
}
