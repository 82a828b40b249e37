import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("labels merged by quill sync")
struct LabelSyncTests {
    private func environment(at seconds: Int, name: String) -> [String: String] {
        ["GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": "\(name.lowercased())@example.com", "GIT_COMMITTER_DATE": "@\(seconds) +0000"]
    }

    /// The moves `git log` lists on the label ref at `path`, as `author subject`, newest first.
    private func history(at path: String) throws -> [String] {
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, ["log", "--no-merges", "--format=%an %s", "refs/quill/labels"], in: path, environment: TestEnvironment.variables())
        return result.output.split(separator: "\n").map(String.init).sorted()
    }

    @Test("two machines move one label over git://: both moves are in every history, the later one is current everywhere, a later removal wins")
    func twoMachinesOverGitDaemon() throws {
        let base = try TemporaryFolder()
        let fixture = try SyncFixture(remotePath: base.path + "/remote.git")
        let daemon = try GitDaemon(basePath: base.path)
        defer { daemon.stop() }
        let url = daemon.url("remote.git")
        let (one, two) = (try fixture.clone(url), try fixture.clone(url))
        let first = try fixture.commitEdit(in: one, branch: "one")
        try two.git("fetch", "-q", "origin")
        let second = try fixture.commitEdit(in: two, branch: "two")
        let prompt = SyncFixture.prompt

        // Both machines set production before either syncs; two's move is the later one, one's is later
        // for staging: each machine has the winner of one label.
        _ = try Workspace.open(from: one.path).setLabel("production", on: "\(prompt)@\(first)", message: "one ships", environment: environment(at: 1_800_000_000, name: "One"))
        let later = try Workspace.open(from: two.path).setLabel("production", on: "\(prompt)@\(second)", message: "two ships", environment: environment(at: 1_800_000_100, name: "Two"))
        let staging = try Workspace.open(from: one.path).setLabel("staging", on: "\(prompt)@\(first)", message: nil, environment: environment(at: 1_800_000_200, name: "One"))
        _ = try Workspace.open(from: two.path).setLabel("staging", on: "\(prompt)@\(second)", message: nil, environment: environment(at: 1_800_000_150, name: "Two"))

        for clone in [one, two, one] { _ = try Workspace.open(from: clone.path).sync(remote: url) }
        let expectedHistory = try history(at: one.path)
        #expect(expectedHistory.count == 4)
        for path in [one.path, two.path, base.path + "/remote.git"] {
            #expect(try history(at: path) == expectedHistory, "no move may be lost at \(path)")
        }
        for clone in [one, two] {
            let workspace = try Workspace.open(from: clone.path)
            let labels = Dictionary(uniqueKeysWithValues: try workspace.labels().labels.map { ($0.label, $0.version) })
            #expect(labels == ["production": later.to!, "staging": staging.to!])
            let log = try workspace.labelLog("production")
            #expect(log.moves.map(\.movedBy) == ["Two <two@example.com>", "One <one@example.com>"])
            #expect(log.moves.map(\.isCurrent) == [true, false])
            try clone.fsck()
        }

        // A removal on one machine, later than the other machine's move, removes the label everywhere.
        _ = try Workspace.open(from: two.path).setLabel("staging", on: "\(prompt)@\(second)", message: nil, environment: environment(at: 1_800_000_300, name: "Two"))
        _ = try Workspace.open(from: one.path).removeLabel("staging", from: nil, message: "pulled", environment: environment(at: 1_800_000_400, name: "One"))
        for clone in [two, one, two] { _ = try Workspace.open(from: clone.path).sync(remote: url) }
        for clone in [one, two] {
            #expect(try Workspace.open(from: clone.path).labels().labels.map(\.label) == ["production"])
            #expect(try Workspace.open(from: clone.path).labelLog("staging").moves.count == 4)
        }
    }
}

@Suite("fetched labels are checked before they are merged")
struct HostileLabelTests {
    @Test("a remote label store with a bad label name or a value that is not a label stops the sync, exit 3, the local labels untouched", arguments: [
        ("bad..name", #"{"blob":"\#(String(repeating: "a", count: 40))","commit":"\#(String(repeating: "b", count: 40))","movedAt":1,"movedBy":"x","quill":1}"#),
        ("production", "#!/bin/sh\nrm -rf /\n"),
        ("production", #"{"blob":"zz","commit":"b","movedAt":1,"movedBy":"x","quill":1}"#),
    ])
    func hostileRemote(label: String, value: String) throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone()
        _ = try Workspace.open(from: clone.path).setLabel("staging", on: SyncFixture.prompt, message: nil)
        let before = try clone.git("rev-parse", "refs/quill/labels")
        // The remote's label ref is written with git's plumbing, as a hostile machine could.
        let remote = fixture.remote
        let blob = try remote.git(["hash-object", "-w", "--stdin"], input: value)
        let inner = try remote.git(["mktree"], input: "100644 blob \(blob)\tsupport.prompt\n")
        let prompts = try remote.git(["mktree"], input: "040000 tree \(inner)\tprompts\n")
        let root = try remote.git(["mktree"], input: "040000 tree \(prompts)\t\(label)\n")
        let commit = try remote.git("commit-tree", root, "-m", "hostile")
        try remote.git("update-ref", "refs/quill/labels", commit)
        do {
            _ = try Workspace.open(from: clone.path).sync()
            Issue.record("a hostile label store must stop the sync")
        } catch let error as QuillError {
            #expect(error.kind == .repository && error.message.contains(" sent 'refs/quill/labels' "), "\(error.message)")
        }
        #expect(try clone.git("rev-parse", "refs/quill/labels") == before)
        #expect(try remote.git("rev-parse", "refs/quill/labels") == commit)
    }
}
