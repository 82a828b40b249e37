import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Revisions and walks")
struct RevisionTests {
    /// main: c1 - c2 - c5(merge) - c6, side: c2 - c3 - c4 merged into c5.
    private func branchyRepository() throws -> TestRepository {
        let repository = try TestRepository()
        try repository.write("a.txt", "1\n")
        try repository.commitAll("c1")
        try repository.write("a.txt", "2\n")
        try repository.commitAll("c2")
        try repository.git("checkout", "-q", "-b", "side")
        try repository.write("b.txt", "3\n")
        try repository.commitAll("c3")
        try repository.write("b.txt", "4\n")
        try repository.commitAll("c4")
        try repository.git("checkout", "-q", "main")
        try repository.write("c.txt", "x\n")
        try repository.commitAll("c4b")
        try repository.tick()
        try repository.git("merge", "-q", "--no-ff", "-m", "c5", "side")
        try repository.write("a.txt", "6\n")
        try repository.commitAll("c6")
        return repository
    }

    private func hexes(_ ids: [ObjectID]) -> String { ids.map(\.hex).joined(separator: "\n") }

    @Test("walks like git rev-list: by date, topologically, and ranges")
    func walksLikeRevList() throws {
        let repository = try branchyRepository()
        let opened = try repository.open()
        let head = try #require(try opened.headCommitID())

        let byTime = try RevisionWalk(opened, order: .time)
        try byTime.include(head)
        #expect(hexes(try byTime.all()) == (try repository.git("rev-list", "HEAD")))

        let topological = try RevisionWalk(opened, order: .topological)
        try topological.include(head)
        let topologicalIDs = try topological.all()
        #expect(Set(topologicalIDs.map(\.hex)) == Set(try repository.git("rev-list", "HEAD").split(separator: "\n").map(String.init)))
        for (position, id) in topologicalIDs.enumerated() {
            for parent in try opened.parentIDs(ofCommit: id) {
                #expect(try #require(topologicalIDs.firstIndex(of: parent)) > position, "a parent came before its child")
            }
        }

        let range = try RevisionWalk(opened, order: .time)
        try range.include(opened.resolveCommit("side"))
        try range.exclude(opened.resolveCommit("main~3"))
        #expect(hexes(try range.all()) == (try repository.git("rev-list", "main~3..side")))
    }

    @Test("date-order walk equals git rev-list's default order, also with skewed clocks and merges")
    func dateOrderMatchesGit() throws {
        let repository = try branchyRepository()
        // Commits dated before their parents, as skewed clocks leave them.
        for (step, date) in [1_600_000_000, 1_800_000_000, 1_500_000_000].enumerated() {
            try repository.write("skew.txt", "\(step)\n")
            try repository.git("add", "-A")
            try repository.git(["commit", "-q", "-m", "skew \(step)"], date: date)
        }
        let opened = try repository.open()
        let walk = try DateOrderWalk(opened, from: [try opened.resolveCommit("HEAD")])
        var ids = [ObjectID]()
        while let node = try walk.next() {
            ids.append(node.id)
            #expect(node.treeID == (try opened.treeID(ofCommit: node.id)))
        }
        #expect(hexes(ids) == (try repository.git("rev-list", "HEAD")))
    }

    @Test("the date-order walk and the commit-graph reader give git rev-list's order and the objects' parents, trees and times on 500-commit histories",
          arguments: [(UInt64(5), CommitGraphLayout.none), (6, .single), (7, .split)])
    func dateOrderOnGeneratedHistories(seed: UInt64, layout: CommitGraphLayout) throws {
        var generator = BlameHistoryGenerator(seed: seed, commits: 500)
        let repository = try TestRepository()
        try repository.importStream(generator.generate().stream)
        try repository.git("checkout", "-q", "-b", "side", "HEAD~40")
        try repository.write("side.txt", "side\n")
        try repository.commitAll("side")
        try repository.git("checkout", "-q", "main")
        try repository.writeCommitGraph(layout)
        let opened = try repository.open()
        let expected = try repository.git("-c", "core.commitGraph=false", "log", "--format=%H %T %ct %P", "main", "side")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let walk = try DateOrderWalk(opened, from: [try opened.resolveCommit("main"), try opened.resolveCommit("side")])
        var actual = [String]()
        while let node = try walk.next() {
            actual.append(([node.id.hex, node.treeID.hex, String(node.time)] + node.parentIDs.map(\.hex)).joined(separator: " "))
        }
        #expect(actual.count >= 500)
        let first = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(actual.count == expected.count && first == nil, "\(layout): first difference at \(first ?? -1): \(first.map { actual[$0] } ?? "") vs \(first.map { expected[$0] } ?? "")")
    }

    @Test("reads git's commit-graph, single file and split chain, exactly as the commit objects say", arguments: [false, true])
    func readsCommitGraph(split: Bool) throws {
        let repository = try branchyRepository()
        // An octopus merge exercises the graph's extra-edges chunk.
        for branch in ["o1", "o2", "o3"] {
            try repository.git("checkout", "-q", "-b", branch, "main~1")
            try repository.write("\(branch).txt", "\(branch)\n")
            try repository.commitAll(branch)
        }
        try repository.git("checkout", "-q", "main")
        try repository.tick()
        try repository.git("merge", "-q", "-m", "octopus", "o1", "o2", "o3")
        try repository.git(["commit-graph", "write", "--reachable"] + (split ? ["--split"] : []))
        if split {
            try repository.write("after.txt", "later\n")
            try repository.commitAll("after the first layer")
            try repository.git("commit-graph", "write", "--reachable", "--split=no-merge")
            #expect(FileManager.default.fileExists(atPath: repository.path + "/.git/objects/info/commit-graphs/commit-graph-chain"))
        }
        // Commits written after the graph: the walk reads them from their objects and steps back
        // into the graph through their parents.
        try repository.write("outside.txt", "not in the graph\n")
        try repository.commitAll("outside the graph")
        let opened = try repository.open()
        let walk = try DateOrderWalk(opened, from: [try opened.resolveCommit("HEAD")])
        var ids = [ObjectID]()
        while let node = try walk.next() {
            #expect(node == (try opened.commitNode(node.id)))
            ids.append(node.id)
        }
        #expect(hexes(ids) == (try repository.git("rev-list", "HEAD")))
        #expect(try opened.commitNode(opened.resolveCommit(":/octopus")).parentIDs.count == 4)
    }

    @Test("core.commitGraph=false keeps the walk off the commit-graph, as it keeps git off it")
    func honoursCoreCommitGraph() throws {
        let repository = try branchyRepository()
        try repository.git("commit-graph", "write", "--reachable")
        let path = repository.path + "/.git/objects/info/commit-graph"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The first commit's time in the CDAT chunk (the low 34 bits of its last 8 bytes) set to 0.
        let entry = try #require((0..<Int(bytes[6])).map { 8 + $0 * 12 }.first { Array(bytes[$0..<$0 + 4]) == Array("CDAT".utf8) })
        let data = bytes[(entry + 4)..<(entry + 12)].reduce(0) { $0 << 8 | Int($1) }
        bytes[data + 31] &= 0xFC
        bytes.replaceSubrange((data + 32)..<(data + 36), with: [0, 0, 0, 0])
        try FileManager.default.removeItem(atPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        func times() throws -> [String: Int64] {
            let opened = try repository.open()
            let walk = try DateOrderWalk(opened, from: [try opened.resolveCommit("HEAD")])
            var times = [String: Int64]()
            while let node = try walk.next() { times[node.id.hex] = node.time }
            return times
        }
        #expect(try times().values.contains(0), "the altered graph is read by default")
        try repository.git("config", "core.commitGraph", "false")
        let real = try repository.git("log", "--format=%H %ct", "HEAD").split(separator: "\n").map { $0.split(separator: " ") }
        #expect(try times() == Dictionary(uniqueKeysWithValues: real.map { (String($0[0]), Int64($0[1])!) }))
    }

    /// A commit-graph damaged as fuzzing found it could be (a fan-out out of order sent the lookup
    /// past the ids; a chunk offset past the end overflowed): the graph is not used, and the walk
    /// reads the commit objects instead, giving what git gives without a graph.
    @Test("a damaged commit-graph is not used", arguments: ["fan-out out of order", "chunk offset past the end"])
    func ignoresDamagedCommitGraph(damage: String) throws {
        let repository = try branchyRepository()
        try repository.git("commit-graph", "write", "--reachable")
        let path = repository.path + "/.git/objects/info/commit-graph"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The chunk table: 12-byte entries from offset 8, an id and a big-endian 64-bit offset.
        let fanoutEntry = try #require((0..<Int(bytes[6])).map { 8 + $0 * 12 }.first { Array(bytes[$0..<$0 + 4]) == Array("OIDF".utf8) })
        if damage == "fan-out out of order" {
            let fanout = bytes[(fanoutEntry + 4)..<(fanoutEntry + 12)].reduce(0) { $0 << 8 | Int($1) }
            // Every count but the last (the number of commits) rising far past the ids.
            let counts: [UInt8] = (0..<255).flatMap { (index: Int) -> [UInt8] in [0, 0, UInt8(0x10 + index / 16), UInt8(index % 16 * 16)] }
            bytes.replaceSubrange(fanout..<(fanout + 255 * 4), with: counts)
        } else {
            bytes.replaceSubrange((fanoutEntry + 4)..<(fanoutEntry + 12), with: [UInt8](repeating: 0xFF, count: 8))
        }
        try FileManager.default.removeItem(atPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let opened = try repository.open()
        let walk = try DateOrderWalk(opened, from: [try opened.resolveCommit("HEAD")])
        var ids = [ObjectID]()
        while let node = try walk.next() { ids.append(node.id) }
        #expect(hexes(ids) == (try repository.git("-c", "core.commitGraph=false", "rev-list", "HEAD")))
    }

    @Test("resolves any commit spec git does", arguments: ["HEAD", "HEAD~1", "HEAD~1^2", "side~1", ":/c3", "HEAD@{0}", "main^{commit}"])
    func resolvesRevisions(spec: String) throws {
        let repository = try branchyRepository()
        #expect(try repository.open().resolveCommit(spec).hex == (try repository.git("rev-parse", spec)))
    }

    @Test("resolves abbreviated ids and merge bases")
    func resolvesRanges() throws {
        let repository = try branchyRepository()
        let opened = try repository.open()
        let full = try repository.git("rev-parse", "HEAD~2")
        #expect(try opened.resolveCommit(String(full.prefix(8))).hex == full)
        let base = try opened.mergeBase(opened.resolveCommit("main~1^1"), opened.resolveCommit("side"))
        #expect(base?.hex == (try repository.git("merge-base", "main~1^1", "side")))
    }

    @Test("names the bad revision in its error")
    func unknownRevision() throws {
        let repository = try branchyRepository()
        let error = try #require(throws: GitError.self) { try repository.open().resolveCommit("no-such-branch") }
        #expect(error.code == .notFound)
        #expect(error.description.contains("no-such-branch"))
    }
}
