import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("quill sync")
struct SyncTests {
    @Test("two clones that record different results both end with the union, as does the remote")
    func twoClonesConverge() throws {
        let fixture = try SyncFixture()
        let first = try fixture.clone(), second = try fixture.clone()
        let firstCommit = try fixture.commitEdit(in: first, branch: "first")
        let secondCommit = try fixture.commitEdit(in: second, branch: "second")
        let firstIDs = try fixture.record(0.9, in: first).records.map(\.id)
        let secondIDs = try fixture.record(0.8, in: second).records.map(\.id)

        let firstSync = try Workspace.open(from: first.path).sync()
        let evals = try #require(firstSync.refs.first { $0.reference == "refs/quill/evals" })
        #expect(evals.action == .upToDate && evals.pushed && evals.toRemote == 1 && evals.remoteBefore == nil)
        let secondSync = try Workspace.open(from: second.path).sync()
        let merged = try #require(secondSync.refs.first { $0.reference == "refs/quill/evals" })
        #expect(merged.action == .merged && merged.fromRemote == 1 && merged.pushed && merged.toRemote == 1)
        #expect(secondSync.refs.map(\.reference) == ["refs/quill/evals", "refs/notes/quill"])
        let again = try Workspace.open(from: first.path).sync()
        #expect(again.refs.allSatisfy { $0.action == .fastForwarded && !$0.pushed })
        #expect(try Workspace.open(from: second.path).sync().refs.allSatisfy { $0.action == .upToDate && !$0.pushed })

        let union = Set(firstIDs + secondIDs)
        #expect(union.count == 2)
        for repository in [first, second, fixture.remote] {
            #expect(try SyncFixture.recordIDs(at: repository.path) == union)
            #expect(try repository.git("rev-parse", "refs/quill/evals") == (try first.git("rev-parse", "refs/quill/evals")))
            try repository.fsck()
        }
        for clone in [first, second] { try clone.git("fetch", "-q", "origin") }
        for repository in [first, second, fixture.remote] {
            #expect(try SyncFixture.note(firstCommit, at: repository.path).contains("accuracy=0.9"))
            #expect(try SyncFixture.note(secondCommit, at: repository.path).contains("accuracy=0.8"))
        }
    }

    @Test("a pull that fast-forwards reports the records it brings as the fetch's check counted them: as many as git lists anew")
    func fastForwardCountsRecords() throws {
        let fixture = try SyncFixture()
        let first = try fixture.clone(), second = try fixture.clone()
        try fixture.record(0.5, in: first)
        _ = try Workspace.open(from: first.path).sync()
        _ = try Workspace.open(from: second.path).sync()
        for accuracy in [0.6, 0.7, 0.8] { try fixture.record(accuracy, in: first) }
        _ = try Workspace.open(from: first.path).sync()
        let before = try SyncFixture.recordIDs(at: second.path)
        let pulled = try #require(try Workspace.open(from: second.path).sync().refs.first { $0.reference == "refs/quill/evals" })
        #expect(pulled.action == .fastForwarded && !pulled.pushed)
        #expect(pulled.fromRemote == 3 && pulled.toRemote == 0)
        #expect(try SyncFixture.recordIDs(at: second.path).subtracting(before).count == 3)
    }

    @Test("a clone whose store is still layout 1 and one of layout 2 merge as a union in layout 3, in both directions")
    func layoutsMerge() throws {
        let fixture = try SyncFixture()
        let old = try fixture.clone(), new = try fixture.clone()
        let oldIDs = try fixture.record(0.6, in: old).records.map(\.id) + fixture.record(0.65, in: old).records.map(\.id)
        try old.rewriteEvalStoreAsLayoutOne()
        let newIDs = try fixture.record(0.7, in: new).records.map(\.id)
        _ = try Workspace.open(from: old.path).sync()  // the remote now holds a layout-1 store
        #expect(try fixture.remote.git("ls-tree", "--name-only", "refs/quill/evals").contains("layout.json") == false)
        let merged = try #require(try Workspace.open(from: new.path).sync().refs.first { $0.reference == "refs/quill/evals" })
        #expect(merged.action == .merged && merged.fromRemote == 2 && merged.pushed)
        _ = try Workspace.open(from: old.path).sync()
        for repository in [old, new, fixture.remote] {
            #expect(try SyncFixture.recordIDs(at: repository.path) == Set(oldIDs + newIDs))
            #expect(try repository.git("cat-file", "-p", "refs/quill/evals:layout.json") == #"{"fanout":2,"quill":1,"scores":1}"#)
            try repository.fsck()
        }
        #expect(try Workspace.open(from: old.path).listEvaluations(prompt: SyncFixture.prompt, commit: nil).records.count == 3)
    }

    @Test("notes both sides wrote for one commit are recomputed from the merged store; a record stored twice is one")
    func conflictingNotes() throws {
        let fixture = try SyncFixture()
        let first = try fixture.clone(), second = try fixture.clone()
        let commit = try first.git("rev-parse", "HEAD")
        try fixture.record(0.9, in: first)
        try fixture.record(0.7, in: first)
        try fixture.record(0.9, in: second)  // the same record as the first clone's, with its own provenance
        try fixture.record(0.8, in: second)
        _ = try Workspace.open(from: first.path).sync()
        _ = try Workspace.open(from: second.path).sync()
        _ = try Workspace.open(from: first.path).sync()
        for repository in [first, second, fixture.remote] {
            #expect(try SyncFixture.recordIDs(at: repository.path).count == 3)
            let note = try SyncFixture.note(commit, at: repository.path)
            #expect(["accuracy=0.7", "accuracy=0.8", "accuracy=0.9"].allSatisfy(note.contains), "\(note)")
            #expect(note.split(separator: "\n").count == 1)
            try repository.fsck()
        }
        #expect(try first.git("rev-parse", "refs/notes/quill") == (try second.git("rev-parse", "refs/notes/quill")))
    }

    @Test("two stores with summaries of one version merge as the union of their lines, the shared record keeping its earlier provenance, alike on every side")
    func summariesMerge() throws {
        let fixture = try SyncFixture()
        let first = try fixture.clone(), second = try fixture.clone()
        let shared = try fixture.record(0.9, in: first).records[0].id
        try fixture.record(0.7, in: first)
        Thread.sleep(forTimeInterval: 1.1)  // the second recording of the shared record is a second later
        try fixture.record(0.9, in: second)
        try fixture.record(0.8, in: second)
        let earlier = try #require(try Workspace.open(from: first.path).listEvaluations(prompt: SyncFixture.prompt, commit: nil).records.first { $0.id == shared })
        _ = try Workspace.open(from: first.path).sync()
        _ = try Workspace.open(from: second.path).sync()
        _ = try Workspace.open(from: first.path).sync()
        let tree = try fixture.remote.git("rev-parse", "refs/quill/evals^{tree}")
        for repository in [first, second, fixture.remote] {
            #expect(try repository.git("rev-parse", "refs/quill/evals^{tree}") == tree)
            #expect(try repository.evalStoreSummaryMismatches() == [])
            try repository.fsck()
        }
        let listed = try Workspace.open(from: second.path).listEvaluations(prompt: SyncFixture.prompt, commit: nil).records
        #expect(listed.map(\.metrics["accuracy"]).compactMap { $0 }.sorted() == [0.7, 0.8, 0.9])
        #expect(listed.first { $0.id == shared }?.recordedAt == earlier.recordedAt)
    }

    @Test("a push that loses the race to another clone fetches, merges and pushes again")
    func lostRace() throws {
        let fixture = try SyncFixture()
        let first = try fixture.clone(), second = try fixture.clone()
        try fixture.record(0.9, in: first)
        try fixture.record(0.8, in: second)
        _ = try Workspace.open(from: first.path).sync()
        try fixture.record(0.95, in: first)
        var raced = false
        let report = try Workspace.open(from: second.path).sync(remote: "origin", attempts: 10) {
            guard !raced else { return }
            raced = true
            _ = try Workspace.open(from: first.path).sync()
        }
        #expect(report.retries == 1)
        _ = try Workspace.open(from: first.path).sync()
        for repository in [first, second, fixture.remote] {
            #expect(try SyncFixture.recordIDs(at: repository.path).count == 3)
            try repository.fsck()
        }
    }

    @Test("over git://, clones that record and sync at the same time all end with the union")
    func concurrentOverGitDaemon() async throws {
        let base = try TemporaryFolder()
        let fixture = try SyncFixture(remotePath: base.path + "/remote.git")
        let daemon = try GitDaemon(basePath: base.path)
        defer { daemon.stop() }
        let url = daemon.url("remote.git")
        let clones = try (0..<3).map { _ in try fixture.clone(url) }
        let paths = clones.map(\.path)
        var expected = Set<String>()
        for round in 0..<3 {
            for (index, clone) in clones.enumerated() {
                expected.formUnion(try fixture.record(Double(round * 10 + index) / 100, in: clone).records.map(\.id))
            }
            try await withThrowingTaskGroup(of: SyncReport.self) { group in
                for path in paths {
                    group.addTask { try Workspace.open(from: path).sync(remote: url) }
                }
                for try await report in group { #expect(report.trackingName == "127.0.0.1-\(daemon.port)-remote.git") }
            }
        }
        for path in paths { _ = try Workspace.open(from: path).sync(remote: url) }
        #expect(expected.count == 9)
        for path in paths + [base.path + "/remote.git"] {
            #expect(try SyncFixture.recordIDs(at: path) == expected)
        }
        for clone in clones { try clone.fsck() }
        let remoteCheck = try ProcessRunner.run(TestEnvironment.gitPath, ["fsck", "--strict", "--no-progress"], in: base.path + "/remote.git", environment: TestEnvironment.variables())
        #expect(remoteCheck.status == 0, "\(remoteCheck.stderr)")
    }

    @Test("a remote that is neither configured nor a repository is bad input naming it")
    func unknownRemote() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone()
        #expect {
            try Workspace.open(from: clone.path).sync(remote: "nosuch")
        } throws: { error in
            (error as? QuillError).map { $0.kind == .badInput && $0.message.contains("'nosuch'") } ?? false
        }
    }

    @Test("names derived from URLs stay inside the private namespace", arguments: [
        ("git://127.0.0.1:9418/remote.git", "127.0.0.1-9418-remote.git"),
        ("ssh://git@example.com/team/prompts.git", "git-example.com-team-prompts.git"),
        ("git@example.com:team/prompts.git", "git-example.com-team-prompts.git"),
        ("/tmp/../x..y/repo.lock", "tmp-.-x.y-repo"),
        ("file:///", "remote"),
    ])
    func sanitizedNames(url: String, name: String) throws {
        #expect(SyncRemote.sanitizedName(url) == name)
        #expect(try SyncRemote.checkedName(name) == name)
    }

    @Test("a configured remote name that would escape the namespace is refused", arguments: ["a..b", "/a", "a/", "a b", "x.lock"])
    func badNames(name: String) {
        #expect(throws: QuillError.self) { try SyncRemote.checkedName(name) }
    }
}
