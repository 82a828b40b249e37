import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("The score summary check of a fetched store")
struct ScoreSummaryCheckTests {
    /// A clone whose store holds six prompt versions, one record each; returns it and the summaries' paths, sorted.
    private func storeOfSixVersions() throws -> (TestRepository, [String]) {
        let fixture = try SyncFixture()
        let clone = try fixture.clone()
        for version in 0..<6 {
            try clone.write(SyncFixture.prompt, "---\nmodel: gpt-4o\n---\n{{role \"user\"}}\n{{question}} (\(version))\n")
            try clone.commitAll("version \(version)")
            try fixture.record(0.5 + Double(version) / 20, in: clone)
        }
        let paths = try clone.git("ls-tree", "-r", "--name-only", "refs/quill/evals", "--", "scores").split(separator: "\n").map(String.init)
        #expect(paths.count == 6)
        return (clone, paths.sorted())
    }

    /// The store tree of `clone` with the summaries at `paths` given a raised score.
    private func lying(about paths: [String], in clone: TestRepository) throws -> ObjectID {
        var tree = try clone.git("rev-parse", "refs/quill/evals^{tree}")
        for path in paths {
            let summary = try clone.git("cat-file", "blob", "\(tree):\(path)") + "\n"
            let raised = try clone.writeBlob(summary.replacingOccurrences(of: "\"accuracy\":0.", with: "\"accuracy\":0.9"))
            tree = try HostileRemoteTests.replacing(path, with: raised, in: tree, of: clone)
        }
        return try #require(ObjectID(hex: tree))
    }

    @Test("checked on several threads, the first summary that lies is the one a check of each version in turn finds")
    func threadsFindTheFirstMismatch() throws {
        let (clone, paths) = try storeOfSixVersions()
        let repository = try clone.open()
        let cases: [(lies: [String], first: String?)] = [([], nil), ([paths[4]], paths[4]), ([paths[1], paths[4]], paths[1]), ([paths[5], paths[0]], paths[0])]
        for (lies, first) in cases {
            let tree = try lying(about: lies, in: clone)
            var inTurn = ScoreSummaryCheck(repository: repository)
            inTurn.versionsPerWorker = .max
            var threaded = ScoreSummaryCheck(repository: repository)
            threaded.versionsPerWorker = 1
            #expect(try inTurn.firstMismatch(in: tree, known: nil) == first)
            #expect(try threaded.firstMismatch(in: tree, known: nil) == first)
        }
    }
}
