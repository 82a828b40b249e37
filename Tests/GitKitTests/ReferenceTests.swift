import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("References")
struct ReferenceTests {
    private func repositoryWithTwoCommits() throws -> (TestRepository, ObjectID, ObjectID) {
        let repository = try TestRepository()
        try repository.write("a.txt", "1\n")
        let first = try #require(ObjectID(hex: try repository.commitAll("one")))
        try repository.write("a.txt", "2\n")
        let second = try #require(ObjectID(hex: try repository.commitAll("two")))
        return (repository, first, second)
    }

    @Test("moves a reference only from the expected id")
    func compareAndSwap() throws {
        let (repository, first, second) = try repositoryWithTwoCommits()
        let opened = try repository.open()
        try opened.updateReference("refs/quill/evals", to: first, expecting: nil, message: "create")
        let exists = try #require(throws: GitError.self) {
            try opened.updateReference("refs/quill/evals", to: second, expecting: nil, message: "create again")
        }
        #expect(exists.code == .exists)
        #expect(!FileManager.default.fileExists(atPath: opened.lockFilePath(forReference: "refs/quill/evals")), "a refused create unlocks")
        let moved = try #require(throws: GitError.self) {
            try opened.updateReference("refs/quill/evals", to: second, expecting: second, message: "stale")
        }
        #expect(moved.code == .modified)
        #expect(try repository.git("rev-parse", "refs/quill/evals") == first.hex)
        try opened.updateReference("refs/quill/evals", to: second, expecting: first, message: "advance")
        #expect(try repository.git("rev-parse", "refs/quill/evals") == second.hex)
        try repository.fsck()
    }

    @Test("while a reference moves, the terminating signals are held back on that thread; the mask is restored after")
    func interruptShield() throws {
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        func blocked() -> [Bool] {
            var current = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &current)
            return signals.map { sigismember(&current, $0) == 1 }
        }
        // Test threads may start with some of them blocked: start from none.
        var all = sigset_t(), previous = sigset_t()
        sigemptyset(&all)
        for signal in signals { sigaddset(&all, signal) }
        pthread_sigmask(SIG_UNBLOCK, &all, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let inside = try InterruptShield.run { () throws(GitError) in blocked() }
        #expect(inside == [true, true, true, true])
        #expect(blocked() == [false, false, false, false])
    }

    @Test("a reference whose lock file exists is neither created nor moved, and the lock is left to its owner")
    func respectsLockFiles() throws {
        let (repository, first, second) = try repositoryWithTwoCommits()
        let opened = try repository.open()
        let lock = opened.lockFilePath(forReference: "refs/quill/evals")
        #expect(lock == repository.path + "/.git/refs/quill/evals.lock")
        try FileManager.default.createDirectory(atPath: repository.path + "/.git/refs/quill", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let created = try #require(throws: GitError.self) {
            try opened.updateReference("refs/quill/evals", to: first, expecting: nil, message: "create")
        }
        #expect(created.code == .locked)
        #expect(FileManager.default.fileExists(atPath: lock), "another writer's lock is not removed")
        try FileManager.default.removeItem(atPath: lock)
        try opened.updateReference("refs/quill/evals", to: first, expecting: nil, message: "create")
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let moved = try #require(throws: GitError.self) {
            try opened.updateReference("refs/quill/evals", to: second, expecting: first, message: "advance")
        }
        #expect(moved.code == .locked)
        try FileManager.default.removeItem(atPath: lock)
        #expect(try repository.git("rev-parse", "refs/quill/evals") == first.hex)
    }

    @Test("reads loose and packed references")
    func listsByPrefix() throws {
        let (repository, first, second) = try repositoryWithTwoCommits()
        try repository.git("update-ref", "refs/quill/labels", first.hex)
        try repository.git("update-ref", "refs/quill/evals", second.hex)
        try repository.git("pack-refs", "--all")
        try repository.git("update-ref", "refs/quill/manifests", first.hex)
        try repository.git("update-ref", "refs/quilted", first.hex)
        let opened = try repository.open()
        #expect(try ["refs/quill/evals", "refs/quill/labels", "refs/quill/manifests", "refs/quilted"].map(opened.referenceTarget)
            == [second, first, first, first])
        #expect(try opened.reference(named: "HEAD")?.target == .symbolic("refs/heads/main"))
        #expect(try opened.referenceTarget("HEAD") == second)
    }

    @Test("checks reference names as git does", arguments: [
        ("refs/quill/evals", true), ("refs/quill/labels/production", true), ("refs/quill/../x", false),
        ("refs/quill/a..b", false), ("refs/quill/x.lock", false), ("refs/quill/sp ace", false), ("refs/quill/", false),
    ])
    func validatesNames(name: String, valid: Bool) {
        #expect(Repository.isValidReferenceName(name) == valid)
    }
}
