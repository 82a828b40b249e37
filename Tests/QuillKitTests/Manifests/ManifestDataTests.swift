import Foundation
@testable import QuillKit
import TestSupport
import Testing

/// Manifests in the commands that compare scores: diff (and review, which shows the diff), log, and
/// the data check of regression attribution.
@Suite("manifest data in diff, log and blame")
struct ManifestDataTests {
    /// A prompt at two commits, each evaluated against the manifest named by `manifests`.
    private func history(manifests: (String, String), in fixture: ManifestFixture) throws -> (old: String, new: String) {
        let repository = fixture.repository
        try repository.write("prompts/a.prompt", "Answer: {{question}}\n")
        let old = try repository.commitAll("first")
        try repository.write("prompts/a.prompt", "Answer briefly: {{question}}\n")
        let new = try repository.commitAll("second")
        let results = try TemporaryFolder()
        for (commit, manifest) in [(old, manifests.0), (new, manifests.1)] {
            let file = results.path + "/results-\(UUID().uuidString).json"
            try Data(#"{"accuracy": 0.8}"#.utf8).write(to: URL(fileURLWithPath: file))
            _ = try fixture.workspace().recordEvaluations(
                RecordRequest(files: [file], prompt: "prompts/a.prompt", commit: commit, manifest: manifest), environment: TestEnvironment.variables(date: 1_700_000_000))
        }
        return (old, new)
    }

    @Test("diff names the data change between the two sides' records, with what changed; log shows each version's manifest")
    func diffAndLog() throws {
        let fixture = try ManifestFixture()
        try fixture.write("a.md", "alpha\n")
        try fixture.write("b.md", "beta\n")
        let before = try fixture.record()
        try fixture.write("b.md", "beta, edited\n")
        try fixture.write("c.md", "gamma\n")
        let after = try fixture.record()
        let commits = try history(manifests: (before.id, "latest:docs"), in: fixture)
        let diff = try fixture.workspace().diff(DiffRequest(revisions: [commits.old, commits.new]))
        let data = try #require(diff.prompts.first?.scores.data)
        #expect(data.from == [before.id] && data.to == [after.id] && data.differs)
        #expect(data.summary == .init(added: 1, removed: 0, changed: 1, chunksReembedded: 0, settings: []))
        let log = try fixture.workspace().log(prompt: "prompts/a.prompt")
        #expect(log.versions.map { $0.scores.first?.manifests } == [[after.id], [before.id]])
    }

    @Test("the same data recorded as two manifests (stored contents and --content hash) is no data change")
    func sameDataDifferentIDs() throws {
        let fixture = try ManifestFixture()
        try fixture.write("a.md", "alpha\n")
        let stored = try fixture.record()
        let hashed = try fixture.record(name: "hashed", content: .hash)
        #expect(stored.id != hashed.id)
        let change = try #require(try fixture.workspace().manifestChange(from: [stored.id], to: [hashed.id]))
        #expect(!change.differs && change.summary == nil)
        let unknown = String(repeating: "ab", count: 20)
        #expect(try fixture.workspace().manifestChange(from: [stored.id], to: [unknown])?.differs == true)
        #expect(try fixture.workspace().manifestChange(from: [], to: []) == nil)
        let commits = try history(manifests: (stored.id, hashed.id), in: fixture)
        #expect(try fixture.workspace().diff(DiffRequest(revisions: [commits.old, commits.new])).prompts.first?.scores.data?.differs == false)
    }
}
