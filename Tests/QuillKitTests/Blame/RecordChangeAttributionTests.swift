import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Regression attribution: every kind of change, honest answers")
struct RecordChangeAttributionTests {
    @Test("a model change the records show is the commit's that set it, not a prompt edit's; two candidates make an ambiguous answer")
    func modelChangeAttributed() throws {
        let (repository, commits) = try TestRepository.modelSwitch(pinned: true, gap: [19, 20, 21])
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let regression = try #require(report.regressions.first)
        #expect(report.regressions.count == 1)
        #expect(regression.lastGood == commits[18] && regression.firstBad == commits[22])
        #expect(regression.recordChanges.map(\.field) == [.model])
        #expect(regression.recordChanges.first?.commit == commits[20])
        #expect(regression.recordChanges.first?.after == ["gpt-4o-mini"])
        let byCommit = Dictionary(uniqueKeysWithValues: regression.candidates.map { ($0.commit, $0) })
        #expect(byCommit[commits[20]]?.kinds == [.model])
        #expect(byCommit[commits[20]]?.settings.map(\.path) == ["config/model.yaml"])
        #expect(byCommit[commits[20]]?.settings.first?.changedLines == ["+model: gpt-4o-mini"])
        #expect(byCommit[commits[21]]?.kinds == [.prompt])
        #expect(Set(regression.candidates.map(\.commit)) == [commits[20], commits[21]])
        #expect(regression.ambiguous)
        #expect(regression.culprit == nil)
        #expect(regression.candidates.allSatisfy { abs($0.probability - 0.5) < 0.01 })
        #expect(regression.evaluateNext == commits[20])
    }

    @Test("a model change with no commit behind it is a change outside the repository, and the prompt edit beside it is not decisive")
    func outsideChange() throws {
        let (repository, commits) = try TestRepository.modelSwitch(pinned: false, gap: [19, 20], switchAt: 21)
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let regression = try #require(report.regressions.first)
        #expect(regression.firstBad == commits[21])
        #expect(regression.recordChanges.map(\.field) == [.model])
        #expect(regression.recordChanges.first?.commit == nil)
        #expect(regression.candidates.map(\.commit) == [commits[21]])
        #expect(regression.candidates.first?.kinds == [.prompt])
        #expect(abs(regression.outsideProbability - 0.5) < 0.01)
        #expect(regression.ambiguous && regression.culprit == nil)
    }

    @Test("a culprit on a merged branch with records is named; without records the merge is, with the branch commits listed")
    func merges() throws {
        for evaluated in [true, false] {
            let shape = RegressionHistoryGenerator.Shape(cause: .prompt, sigmas: 5, commits: 50, evaluatedEvery: 1, onBranch: true, branchEvaluated: evaluated)
            var generator = RegressionHistoryGenerator(shape: shape, seed: 3)
            let history = try generator.generate()
            let report = try Workspace.open(from: history.repository.path).regressions(prompt: history.prompt, metric: "accuracy")
            let regression = try #require(report.regressions.first)
            let culprit = try #require(history.culprit)
            if evaluated {
                #expect(regression.culprit == culprit)
                #expect(regression.candidates.first { $0.commit == culprit }?.merge == history.merge)
            } else {
                #expect(regression.culprit == history.merge)
                #expect(regression.candidates.contains { $0.commit == culprit && $0.merge == history.merge })
                #expect(regression.candidates.filter { $0.merge == history.merge }.count == 3)
                #expect(regression.ambiguous)
            }
        }
    }

    @Test("eight evaluated points with a 5σ fall: reported with the low-confidence flag; noise alone is not", arguments: [UInt64(1), 2, 3])
    func shortSeries(seed: UInt64) throws {
        for cause in [RegressionHistoryGenerator.Cause.prompt, .none] {
            var generator = RegressionHistoryGenerator(shape: .init(cause: cause, sigmas: 5, commits: 40, evaluatedEvery: 5), seed: seed)
            let history = try generator.generate()
            let report = try Workspace.open(from: history.repository.path).regressions(prompt: history.prompt, metric: "accuracy")
            #expect(report.evaluatedCommits == 8)
            if cause == .none {
                #expect(report.regressions.isEmpty)
            } else {
                let regression = try #require(report.regressions.first)
                #expect(regression.lowConfidence)
                #expect(regression.culprit == history.culprit || regression.candidates.contains { $0.commit == history.culprit })
            }
        }
    }
}
