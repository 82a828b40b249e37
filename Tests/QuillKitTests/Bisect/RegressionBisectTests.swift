import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("blame --metric --bisect")
struct RegressionBisectTests {
    @Test("an ambiguous regression between a model switch and a prompt edit is settled in one run, recorded in the store")
    func settlesModelChange() throws {
        let (repository, commits) = try TestRepository.modelSwitch(pinned: true, gap: [19, 20, 21])
        let folder = try TemporaryFolder()
        let script = """
            echo "$QUILL_COMMIT" >> '\(folder.path)/runs'
            if grep -q mini config/model.yaml; then a=0.75; m=gpt-4o-mini; else a=0.80; m=gpt-4o; fi
            printf '{"quill": 1, "model": "%s", "metrics": {"accuracy": %s}}' "$m" "$a" > "$QUILL_OUTPUT"
            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: folder.path + "/evaluate.sh"))
        let workspace = try Workspace.open(from: repository.path)
        let result = try workspace.bisectRegression(prompt: "prompts/a.md", metric: "accuracy", command: "sh '\(folder.path)/evaluate.sh'")
        #expect(result.regression == commits[22])
        #expect(result.candidates == 2 && result.runBound == 1)
        #expect(result.steps.map(\.commit) == [commits[20]])
        #expect(result.steps.first?.value == 0.75)
        let runs = try String(contentsOfFile: folder.path + "/runs", encoding: .utf8)
        #expect(runs == commits[20] + "\n")
        let regression = try #require(result.report.regressions.first)
        #expect(result.report.regressions.count == 1)
        #expect(regression.culprit == commits[20])
        #expect(!regression.ambiguous)
        #expect(regression.candidates.first?.kinds == [.model])
        // The run is in the store: attributing again names the culprit without running anything.
        let again = try workspace.regressions(prompt: "prompts/a.md", metric: "accuracy")
        #expect(again.regressions.first?.culprit == commits[20])
    }

    @Test("a regression that is not ambiguous runs nothing")
    func nothingToBisect() throws {
        let (repository, commits) = try TestRepository.modelSwitch(pinned: true, gap: [])
        let result = try Workspace.open(from: repository.path).bisectRegression(prompt: "prompts/a.md", metric: "accuracy", command: "exit 1")
        #expect(result.regression == nil && result.steps.isEmpty)
        #expect(result.report.regressions.first?.culprit == commits[20])
    }
}
