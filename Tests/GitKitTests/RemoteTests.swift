import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Fetch and push")
struct RemoteTests {
    private static let fetchSpecs = ["+refs/quill/*:refs/quill-remotes/r/quill/*", "+refs/notes/quill:refs/quill-remotes/r/notes/quill"]

    /// A bare remote with `refs/quill/evals` at a commit; returns it and the commit.
    private func makeRemote() throws -> (TestRepository, String) {
        let source = try TestRepository()
        try source.write("a.txt", "a\n")
        let commit = try source.commitAll("first")
        let remote = try TestRepository(bare: true)
        try source.git("push", "-q", remote.path, "HEAD:refs/quill/evals")
        return (remote, commit)
    }

    /// Both receivers of a fetched pack: the `git` executable (the default where it is installed) and libgit2.
    static let receivers: [FetchReceiver] = [.automatic, .libgit2]

    @Test("fetch copies the remote's refs into the private namespace; a ref the remote lacks is no error", arguments: receivers)
    func fetchesIntoNamespace(receiver: FetchReceiver) throws {
        let (remote, commit) = try makeRemote()
        let local = try TestRepository()
        let opened = try local.open()
        let advertised = try opened.fetch(remote: remote.path, refspecs: Self.fetchSpecs, receiver: receiver)
        #expect(advertised.contains { $0.name == "refs/quill/evals" && $0.id?.hex == commit })
        #expect(try opened.referenceTarget("refs/quill-remotes/r/quill/evals")?.hex == commit)
        #expect(try opened.referenceTarget("refs/quill-remotes/r/notes/quill") == nil)
        #expect(try local.git("for-each-ref", "--format=%(refname)") == "refs/quill-remotes/r/quill/evals")
        try local.fsck()
    }

    @Test("fetch reads a configured remote by name and a file:// URL alike", arguments: receivers)
    func fetchesByNameAndURL(receiver: FetchReceiver) throws {
        let (remote, commit) = try makeRemote()
        let local = try TestRepository()
        try local.git("remote", "add", "origin", remote.path)
        let opened = try local.open()
        #expect(try opened.remoteURL(named: "origin") == remote.path)
        #expect(try opened.remoteURL(named: "nosuch") == nil)
        try opened.fetch(remote: "origin", refspecs: Self.fetchSpecs, receiver: receiver)
        #expect(try opened.referenceTarget("refs/quill-remotes/r/quill/evals")?.hex == commit)
        try opened.fetch(remote: "file://" + remote.path, refspecs: ["+refs/quill/evals:refs/quill-remotes/u/quill/evals"], receiver: receiver)
        #expect(try opened.referenceTarget("refs/quill-remotes/u/quill/evals")?.hex == commit)
    }

    @Test("a fetch by git receives only the objects the clone lacks: no copy of a local object as a delta base")
    func fetchReceivesNoThinPack() throws {
        let source = try TestRepository()
        let lines = (0..<200).map { "line \($0) of a file long enough to be sent as a delta\n" }
        try source.write("a.txt", lines.joined())
        try source.commitAll("first")
        let remote = try TestRepository(bare: true)
        try source.git("push", "-q", remote.path, "HEAD:refs/quill/evals")
        let local = try TestRepository()
        let opened = try local.open()
        try opened.fetch(remote: remote.path, refspecs: Self.fetchSpecs)
        let packsBefore = try packIndexes(of: local)
        let oldBlob = try source.git("rev-parse", "HEAD:a.txt")
        var changed = lines
        changed[100] = "line 100 changed\n"
        try source.write("a.txt", changed.joined())
        try source.commitAll("second")
        try source.git("push", "-q", remote.path, "HEAD:refs/quill/evals")
        try opened.fetch(remote: remote.path, refspecs: Self.fetchSpecs)
        // A thin pack sends the new blob as a delta against the old one, which `index-pack --fix-thin` copies in.
        let received = try #require(packIndexes(of: local).subtracting(packsBefore).first)
        let objects = try local.git("verify-pack", "-v", received).split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        let newObjects = try ["HEAD", "HEAD^{tree}", "HEAD:a.txt"].map { try source.git("rev-parse", $0) }
        #expect(Set(objects.filter { $0.count == oldBlob.count }) == Set(newObjects))
        #expect(!objects.contains(oldBlob))
        try local.fsck()
    }

    /// The paths of the pack indexes in `repository`'s `objects/pack/`.
    private func packIndexes(of repository: TestRepository) throws -> Set<String> {
        let folder = repository.path + "/" + (try repository.git("rev-parse", "--git-path", "objects/pack"))
        return Set(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".idx") }.map { folder + "/" + $0 })
    }

    @Test("push fast-forwards, and reports a non-fast-forward ref as rejected without moving it")
    func pushRejectsNonFastForward() throws {
        let (remote, remoteCommit) = try makeRemote()
        let local = try TestRepository()
        let opened = try local.open()
        try local.write("b.txt", "b\n")
        let unrelated = try local.commitAll("unrelated")
        try local.git("update-ref", "refs/quill/evals", unrelated)
        // The remote's commit is not here: git says "fetch first".
        #expect(try opened.push(remote: remote.path, refspecs: ["refs/quill/evals:refs/quill/evals"])
            == [PushRejection(reference: "refs/quill/evals", reason: "fetch first")])
        try opened.fetch(remote: remote.path, refspecs: Self.fetchSpecs)
        #expect(try opened.push(remote: remote.path, refspecs: ["refs/quill/evals:refs/quill/evals"])
            == [PushRejection(reference: "refs/quill/evals", reason: "non-fast-forward")])
        #expect(try remote.git("rev-parse", "refs/quill/evals") == remoteCommit)
        // A merge of both is a fast-forward for the remote.
        let merge = try local.git("commit-tree", "-p", unrelated, "-p", remoteCommit, "-m", "merge", "\(unrelated)^{tree}")
        try local.git("update-ref", "refs/quill/evals", merge)
        try local.git("update-ref", "refs/notes/quill", unrelated)
        #expect(try opened.push(remote: remote.path, refspecs: ["refs/quill/evals:refs/quill/evals", "refs/notes/quill:refs/notes/quill"]).isEmpty)
        #expect(try remote.git("rev-parse", "refs/quill/evals") == merge)
        #expect(try remote.git("rev-parse", "refs/notes/quill") == unrelated)
        #expect(try opened.push(remote: remote.path, refspecs: ["refs/quill/evals:refs/quill/evals"]).isEmpty)
        try remote.fsck()
    }

    @Test("over git://, fetch and push work and a refusal by the server is reported with its message", arguments: receivers)
    func gitDaemon(receiver: FetchReceiver) throws {
        let base = try TemporaryFolder()
        let (seed, commit) = try makeRemote()
        try ProcessRunner.run(TestEnvironment.gitPath, ["clone", "-q", "--bare", "--mirror", seed.path, base.path + "/remote.git"], environment: TestEnvironment.variables())
        let daemon = try GitDaemon(basePath: base.path)
        defer { daemon.stop() }
        let local = try TestRepository()
        let opened = try local.open()
        try opened.fetch(remote: daemon.url("remote.git"), refspecs: Self.fetchSpecs, receiver: receiver)
        #expect(try opened.referenceTarget("refs/quill-remotes/r/quill/evals")?.hex == commit)
        let next = try local.git("commit-tree", "-p", commit, "-m", "next", "\(commit)^{tree}")
        try local.git("update-ref", "refs/quill/evals", next)
        #expect(try opened.push(remote: daemon.url("remote.git"), refspecs: ["refs/quill/evals:refs/quill/evals"]).isEmpty)
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["rev-parse", "refs/quill/evals"], in: base.path + "/remote.git", environment: TestEnvironment.variables()).output == next)
        // A hook that refuses every update: the server's status comes back as a rejection.
        let hook = base.path + "/remote.git/hooks/update"
        try Data("#!/bin/sh\necho refused >&2\nexit 1\n".utf8).write(to: URL(fileURLWithPath: hook))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let last = try local.git("commit-tree", "-p", next, "-m", "last", "\(commit)^{tree}")
        try local.git("update-ref", "refs/quill/evals", last)
        let rejections = try opened.push(remote: daemon.url("remote.git"), refspecs: ["refs/quill/evals:refs/quill/evals"])
        #expect(rejections.map(\.reference) == ["refs/quill/evals"])
        #expect(rejections.first?.reason.isEmpty == false)
    }

    @Test("over http://, the user name and password come from git's credential helper; a refused one is rejected to it",
          arguments: receivers)
    func httpCredentials(receiver: FetchReceiver) throws {
        let base = try TemporaryFolder()
        let (seed, commit) = try makeRemote()
        try ProcessRunner.run(TestEnvironment.gitPath, ["clone", "-q", "--bare", "--mirror", seed.path, base.path + "/remote.git"], environment: TestEnvironment.variables())
        let server = try HTTPGitServer(basePath: base.path, user: "alice", password: "s3cret")
        defer { server.stop() }
        let local = try TestRepository()
        let opened = try local.open()
        let log = base.path + "/helper.log"
        func useHelper(password: String) throws {
            try local.git("config", "credential.helper", "!f() { echo \"$1\" >> '\(log)'; test \"$1\" = get && printf 'username=alice\\npassword=\(password)\\n'; true; }; f")
        }
        func helperActions() throws -> [String] {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: log)
            return text.split(separator: "\n").map(String.init)
        }

        // No helper: a clear error that says quill never prompts.
        let unhelped = #expect(throws: GitError.self) { try opened.fetch(remote: server.url("remote.git"), refspecs: Self.fetchSpecs, receiver: receiver) }
        #expect(unhelped?.code == .auth)
        #expect(unhelped?.message.contains("never prompts") == true)

        try useHelper(password: "wrong")
        let refused = #expect(throws: GitError.self) { try opened.fetch(remote: server.url("remote.git"), refspecs: Self.fetchSpecs, receiver: receiver) }
        #expect(refused?.code == .auth)
        #expect(refused?.message.contains("credential helper") == true)
        #expect(try helperActions() == ["get", "erase"])
        #expect(try opened.referenceTarget("refs/quill-remotes/r/quill/evals") == nil)

        try useHelper(password: "s3cret")
        try opened.fetch(remote: server.url("remote.git"), refspecs: Self.fetchSpecs, receiver: receiver)
        #expect(try opened.referenceTarget("refs/quill-remotes/r/quill/evals")?.hex == commit)
        // With `git`, libgit2 lists the remote's refs first (`git fetch` refuses a missing source), then git fetches.
        #expect(try helperActions() == (receiver == .libgit2 ? ["get", "store"] : ["get", "store", "get", "store"]))
        let next = try local.git("commit-tree", "-p", commit, "-m", "next", "\(commit)^{tree}")
        try local.git("update-ref", "refs/quill/evals", next)
        #expect(try opened.push(remote: server.url("remote.git"), refspecs: ["refs/quill/evals:refs/quill/evals"]).isEmpty)
        #expect(try ProcessRunner.run(TestEnvironment.gitPath, ["rev-parse", "refs/quill/evals"], in: base.path + "/remote.git", environment: TestEnvironment.variables()).output == next)
        try local.fsck()
    }
}
