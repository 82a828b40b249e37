import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Walks in shallow clones against git")
struct ShallowWalkTests {
    @Test("boundary commits have no parents and merge bases are git merge-base's, at several depths", arguments: [2, 5, 9])
    func boundaryAndMergeBases(depth: Int) throws {
        var generator = BlameHistoryGenerator(seed: 3, commits: 150)
        let source = try TestRepository()
        try source.importStream(generator.generate().stream)
        // A branch that left main 12 first-parent commits ago: its merge base is beyond shallow boundaries.
        try source.git("checkout", "-q", "-b", "side", "HEAD~12")
        try source.write("side.txt", "side\n")
        try source.commitAll("side")
        try source.git("checkout", "-q", "main")
        let clone = try TestRepository(cloning: source, options: ["--depth", String(depth), "--no-single-branch"])
        let repository = try clone.open()
        let boundary = try clone.read(".git/shallow").split(separator: "\n").compactMap { ObjectID(hex: $0) }
        #expect(repository.isShallow && repository.shallowCommits == Set(boundary))
        for commit in boundary {
            #expect(try repository.commit(commit).parentIDs.isEmpty)
            #expect(try repository.commitNode(commit).parentIDs.isEmpty)
            #expect(try repository.parentIDs(ofCommit: commit).isEmpty)
        }
        // Every pair of the clone's 30 newest commits: both sides of merges, boundary commits, bases beyond the boundary.
        let commits = try clone.git("rev-list", "--all", "-30").split(separator: "\n").map(String.init)
        var compared = 0
        var outside = 0
        for (index, one) in commits.enumerated() {
            for two in commits[(index + 1)...] {
                let result = try ProcessRunner.run(
                    TestEnvironment.gitPath, ["merge-base", one, two], in: clone.path, environment: TestEnvironment.variables())
                let base = try repository.mergeBase(try #require(ObjectID(hex: one)), try #require(ObjectID(hex: two)))
                #expect(base?.hex == (result.status == 0 ? result.output : nil), "merge-base \(one) \(two)")
                compared += 1
                if base == nil { outside += 1 }
            }
        }
        #expect(compared >= 10 && outside >= 1, "\(compared) pairs, \(outside) without a base in the clone")
    }
}
