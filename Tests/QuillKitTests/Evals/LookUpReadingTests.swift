import Foundation
@testable import GitKit
@testable import QuillKit
import TestSupport
import Testing

/// `eval list P` and `blame P --metric` walk the prompt's history, then look its versions' score
/// summaries up all over the store: after the walk they read the packs as look-ups want them read
/// (`Repository.readPacksForLookUps()`), so that the walk's mapped index pages are not held while
/// they do (at a million records, the two together kept 127 MB resident; read this way, 69 to 70).
@Suite("Look-ups after a walk")
struct LookUpReadingTests {
    /// A packed history of 50 commits with accuracy recorded at 46 of them, dropping at the 31st.
    private func packedHistory() throws -> (TestRepository, [String]) {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "prompts:\n  - prompts/**\nmetrics:\n  accuracy: {direction: higher}\n")
        let commits = try repository.commitPromptHistory(count: 50, culprit: 30)
        try repository.recordAccuracyDrop(on: commits, at: 30, skipping: Set(28...31), seed: 11)
        // Every object in a pack, which the native pack reader reads (loose objects are libgit2's).
        try repository.git("repack", "-a", "-d", "-q")
        return (repository, commits)
    }

    @Test("eval list P reads the store for look-ups once its walk is over, and lists every record of the prompt as git's tree holds them")
    func evalListReadsForLookUps() throws {
        let (repository, _) = try packedHistory()
        let workspace = try Workspace.open(from: repository.path)
        #expect(!workspace.repository.readsPacksForLookUps)
        let listed = try workspace.listEvaluations(prompt: "prompts/a.md", commit: nil).records
        #expect(workspace.repository.readsPacksForLookUps)
        let stored = try repository.git("ls-tree", "-r", "--name-only", "refs/quill/evals", "records/").split(separator: "\n").map { path in
            path.dropFirst("records/".count).dropLast(".json".count).replacingOccurrences(of: "/", with: "")
        }
        #expect(stored.count == 46)
        #expect(Set(listed.map(\.id)) == Set(stored))
        #expect(listed.count == stored.count)
    }

    @Test("blame --metric reads the store for look-ups once its first-parent walk is over, and still names the culprit")
    func blameMetricReadsForLookUps() throws {
        let (repository, commits) = try packedHistory()
        let workspace = try Workspace.open(from: repository.path)
        #expect(!workspace.repository.readsPacksForLookUps)
        let report = try workspace.regressions(prompt: "prompts/a.md", metric: "accuracy")
        #expect(workspace.repository.readsPacksForLookUps)
        #expect(report.evaluatedCommits == 46)
        #expect(report.regressions.map(\.culprit) == [commits[30]])
        #expect(report.regressions.first?.candidates.first?.changedLines == ["+Skip citations."])
    }
}
