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

    @Test("a manifest rebuilt twice between two evaluations: both commits that set it are data candidates, not only the one whose value the records name")
    func settingChangedTwice() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "notes: false\nmetrics:\n  accuracy: {direction: higher}\n")
        try repository.write("prompts/a.md", "Answer the question.\n")
        try repository.write("rag/index.yaml", "store: docs\nmanifest: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")
        var commits = [String]()
        for index in 0..<40 {
            switch index {
            case 20: try repository.write("rag/index.yaml", "store: docs\nmanifest: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n")
            case 21: try repository.write("rag/index.yaml", "store: docs\nmanifest: cccccccccccccccccccccccccccccccccccccccc\n")
            default: try repository.write("src/app.py", "print(\(index))\n")
            }
            commits.append(try repository.commitAll("change \(index)"))
        }
        var random = SplitMix64(seed: 11)
        for (index, commit) in commits.enumerated() where ![20, 21].contains(index) {
            let accuracy = 0.8 - (index >= 20 ? 0.05 : 0) + 0.005 * Double.random(in: -1...1, using: &random)
            try repository.recordMetrics(#"{"quill": 1, "manifest": "\#(index >= 20 ? "cccccccccccccccccccccccccccccccccccccccc" : "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")", "metrics": {"accuracy": \#(accuracy)}}"#, commit: commit)
        }
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let regression = try #require(report.regressions.first)
        #expect(regression.lastGood == commits[19] && regression.firstBad == commits[22])
        #expect(regression.recordChanges.map(\.commit) == [commits[21]])
        let byCommit = Dictionary(uniqueKeysWithValues: regression.candidates.map { ($0.commit, $0) })
        #expect(Set(byCommit.keys) == [commits[20], commits[21]])
        #expect(byCommit[commits[20]]?.kinds == [.data])
        #expect(byCommit[commits[20]]?.settings.map(\.path) == ["rag/index.yaml"])
        #expect(byCommit[commits[20]]?.settings.first?.changedLines == ["-manifest: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "+manifest: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"])
        #expect(byCommit[commits[21]]?.settings.first?.changedLines == ["+manifest: cccccccccccccccccccccccccccccccccccccccc"])
        #expect(regression.ambiguous && regression.culprit == nil)
        #expect(regression.evaluateNext == commits[20])
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
