import Foundation
import QuillKit
import TestSupport
import Testing

@Suite("Regression attribution")
struct RegressionBlameTests {
    @Test("a drop names the prompt commit behind it, with its changed lines, and never an unrelated commit")
    func namesCulprit() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n")
        let commits = try repository.commitPromptHistory(count: 50, culprit: 30)
        try repository.recordAccuracyDrop(on: commits, at: 30, skipping: Set(28...31), seed: 11)
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        #expect(report.evaluatedCommits == 46)
        let regression = try #require(report.regressions.first)
        #expect(report.regressions.count == 1)
        #expect(regression.lastGood == commits[27])
        #expect(regression.firstBad == commits[32])
        #expect(regression.candidates.map(\.commit) == [commits[30]])
        #expect(regression.culprit == commits[30])
        #expect(regression.candidates.first?.kinds == [.prompt])
        #expect(regression.candidates.first?.changedLines == ["+Skip citations."])
        #expect(abs(regression.change + 0.05) < 0.01)
    }

    @Test("two prompts with the same content at every commit (one blob): each series holds its own records only")
    func sharedVersionKeepsSeriesApart() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n")
        var lines = ["Answer the customer's question.", "Cite the policy."]
        var commits = [String]()
        for index in 0..<50 {
            if index == 30 || index % 3 == 0 {
                lines.append(index == 30 ? "Skip citations." : "Rule \(index).")
                for prompt in ["prompts/a.md", "prompts/b.md"] { try repository.write(prompt, lines.joined(separator: "\n") + "\n") }
            } else {
                try repository.write("src/app.py", "print(\(index))\n")
            }
            commits.append(try repository.commitAll("change \(index)"))
        }
        try repository.recordAccuracyDrop(on: commits, at: 30, skipping: Set(28...31), seed: 11, prompt: "prompts/a.md")
        try repository.recordAccuracyDrop(on: commits, at: commits.count, skipping: [], seed: 12, prompt: "prompts/b.md")
        let workspace = try Workspace.open(from: repository.path)
        let dropped = try workspace.regressions(prompt: "prompts/a.md", metric: "accuracy")
        #expect(dropped.evaluatedCommits == 46)
        #expect(dropped.regressions.map(\.firstBad) == [commits[32]])
        #expect(dropped.regressions.first?.culprit == commits[30])
        let steady = try workspace.regressions(prompt: "prompts/b.md", metric: "accuracy")
        #expect(steady.evaluatedCommits == 50)
        #expect(steady.regressions.isEmpty)
    }

    /// The series keeps only the version read last; a version a revert brings back is read again.
    @Test("a version a revert brings back keeps its records in the series: every evaluated commit counts")
    func revertedVersionKeepsItsRecords() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n")
        var commits = [String]()
        for index in 0..<45 {
            // Version A, then B from commit 15, then A again from commit 30 (B reverted).
            try repository.write("prompts/a.md", (15..<30).contains(index) ? "Answer.\nSkip citations.\n" : "Answer.\nCite the policy.\n")
            try repository.write("src/app.py", "print(\(index))\n")
            commits.append(try repository.commitAll("change \(index)"))
        }
        try repository.recordAccuracyDrop(on: commits, at: 15, skipping: [], seed: 7)
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        #expect(report.evaluatedCommits == 45)
        #expect(report.regressions.map(\.firstBad) == [commits[15]])
    }

    @Test("a drop caused by a change to an included partial names that commit, with the partial's lines; a partial's partials are followed, cycles too", arguments: [false, true])
    func namesIncludedFileChange(nested: Bool) throws {
        let (repository, commits) = try TestRepository.partialRegression(nested: nested)
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.prompt", metric: "accuracy")
        let regression = try #require(report.regressions.first)
        #expect(report.regressions.count == 1)
        #expect(regression.candidates.map(\.commit) == [commits[24]])
        #expect(regression.culprit == commits[24])
        let candidate = try #require(regression.candidates.first)
        #expect(candidate.kinds == [.prompt])
        #expect(candidate.changedLines.isEmpty)
        #expect(candidate.includes.map(\.path) == [nested ? "prompts/rules/_cite.prompt" : "prompts/_tone.prompt"])
        #expect(candidate.includes.first?.changedLines == ["-Cite the policy.", "+Skip citations."])
    }

    @Test("noise that makes the two evaluations before a drop look low, then high, does not move the boundary off the drop")
    func boundaryBeyondNoisyNeighbours() throws {
        // blame.sh's generated series at 300 commits around its second drop (levels 0.76 and 0.72,
        // noise sd 0.01), which commit 30 causes; 28 reads low and 29 high.
        let values = [
            0.757, 0.774, 0.750, 0.773, 0.747, 0.752, 0.766, 0.771, 0.769, 0.763, 0.761, 0.762, 0.766, 0.758, 0.763,
            0.766, 0.760, 0.768, 0.766, 0.780, 0.763, 0.756, 0.756, 0.760, 0.769, 0.757, 0.764, 0.778, 0.734, 0.749,
            0.722, 0.724, 0.722, 0.716, 0.727, 0.723, 0.715, 0.744, 0.724, 0.714, 0.719, 0.718, 0.719, 0.693, 0.715,
            0.730, 0.708, 0.719, 0.730, 0.729, 0.735, 0.703, 0.716, 0.717, 0.726, 0.731, 0.693, 0.731, 0.706, 0.727,
        ]
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n")
        let promptCommits: Set<Int> = [0, 12, 24, 30, 38, 50]
        var commits = [String]()
        for index in values.indices {
            if promptCommits.contains(index) {
                try repository.write("prompts/a.md", "Answer briefly.\nRule \(index).\n")
            } else {
                try repository.write("src/app.py", "print(\(index))\n")
            }
            commits.append(try repository.commitAll("change \(index)"))
            try repository.recordMetrics(#"{"accuracy": \#(values[index])}"#, commit: commits[index])
        }
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let regression = try #require(report.regressions.first)
        #expect(report.regressions.count == 1)
        #expect(regression.firstBad == commits[30])
        #expect(regression.culprit == commits[30])
    }

    @Test("a metric never recorded is bad input")
    func noRecords() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.md", "hello\n")
        try repository.commitAll("add")
        let error = #expect(throws: QuillError.self) { try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy") }
        #expect(error?.kind == .badInput)
    }
}

@Suite("Regression attribution on generated histories")
struct GeneratedRegressionTests {
    @Test("injected drops of 4 noise standard deviations name their commit as culprit; recall and precision printed", arguments: [UInt64(5), 6])
    func injectedDrops(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let repository = try TestRepository.evaluated()
        var lines = (1...12).map { "Rule \($0)." }
        var commits = [String]()
        var promptCommits = [Int]()
        for index in 0..<90 {
            if index == 0 || random.next() % 3 == 0 {
                lines[Int(random.next() % UInt64(lines.count))] = "Rule \(index) rewritten."
                try repository.write("prompts/a.md", lines.joined(separator: "\n") + "\n")
                if index > 0 { promptCommits.append(index) }
            } else {
                try repository.write("src/app.py", "print(\(index))\n")
            }
            commits.append(try repository.commitAll("change \(index)"))
        }
        // Three drops, each at a commit that changed the prompt, at least 20 commits apart.
        let drops = [promptCommits.first { $0 >= 20 }!, promptCommits.first { $0 >= 45 }!, promptCommits.first { $0 >= 70 }!]
        var level = 0.8
        for (index, commit) in commits.enumerated() {
            if drops.contains(index) { level -= 0.04 }
            let noise = 0.01 * (Double(random.next() % 2001) / 1000 - 1) * 1.7
            try repository.recordMetrics(#"{"accuracy": \#(level + noise)}"#, commit: commit)
        }
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let named = report.regressions.compactMap(\.culprit)
        let expected = drops.map { commits[$0] }
        let hits = named.filter(expected.contains).count
        print("attribution (seed \(seed)): \(drops.count) injected, \(named.count) named, recall \(Double(hits) / Double(drops.count)), precision \(Double(hits) / Double(max(named.count, 1)))")
        #expect(Set(named) == Set(expected))
        let unrelated = Set(commits.indices.filter { !promptCommits.contains($0) && $0 != 0 }.map { commits[$0] })
        #expect(report.regressions.flatMap(\.candidates).allSatisfy { !unrelated.contains($0.commit) })
    }
}
