import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("Blobs, trees and commits")
struct ObjectStoreTests {
    @Test("writes blobs that git cat-file reads, and reads blobs git wrote")
    func blobsBothWays() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let content = Data("line one\nline two\n".utf8)
        let id = try opened.writeBlob(content)
        #expect(try repository.git("cat-file", "-p", id.hex) == "line one\nline two")
        #expect(try repository.git("cat-file", "-t", id.hex) == "blob")
        let gitID = try repository.git(["hash-object", "-w", "--stdin"], input: "from git\n")
        #expect(try opened.blobData(#require(ObjectID(hex: gitID))) == Data("from git\n".utf8))
        #expect(opened.containsObject(id))
        #expect(try opened.writeBlob(Data()) .hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        try repository.fsck()
    }

    @Test("a packing handle keeps writes in memory, then stores them as one pack git reads, with no loose objects")
    func packsBatchWrites() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "a\n")
        let base = try #require(ObjectID(hex: try repository.commitAll("base")))
        let opened = try repository.open()
        let packing = try opened.openPackingHandle()
        let blobs = try (0..<200).map { try packing.writeBlob(Data("record \($0)\n".utf8)) }
        let tree = try packing.updateTree(try opened.treeID(ofCommit: base), applying: blobs.enumerated().map {
            .upsert(path: "records/\($0.offset % 7)/\($0.offset).json", id: $0.element)
        })
        let commit = try packing.createCommit(tree: tree, parents: [base], message: "batch\n", author: TestEnvironment.signature(at: 1_700_000_500), committer: TestEnvironment.signature(at: 1_700_000_500))
        #expect(try packing.blobData(blobs[3]) == Data("record 3\n".utf8), "pending objects are readable through the handle")
        #expect(!opened.containsObject(blobs[3]), "nothing reaches the disk before writePendingObjects")
        try packing.writePendingObjects()
        try packing.writePendingObjects()  // nothing pending: no empty pack
        #expect(try opened.blobData(blobs[199]) == Data("record 199\n".utf8))
        try opened.updateReference("refs/quill/evals", to: commit, expecting: nil, message: "batch")
        #expect(try repository.git("cat-file", "-p", "refs/quill/evals:records/3/3.json") == "record 3")
        let counts = try repository.git("count-objects", "-v")
        #expect(counts.hasPrefix("count: 3\n"), "only git's own three loose objects: \(counts)")
        #expect(counts.contains("\npacks: 1\n"), "\(counts)")
        #expect(counts.contains("\nin-pack: 210\n"), "200 blobs, 8 trees, a commit… and nothing else: \(counts)")

        // A second batch packs only what it adds: one blob, the trees on its path, the commit.
        let more = try opened.openPackingHandle()
        let extra = try more.writeBlob(Data("one more\n".utf8))
        let next = try more.updateTree(tree, applying: [.upsert(path: "records/3/extra.json", id: extra)])
        let second = try more.createCommit(tree: next, parents: [commit], message: "more\n", author: TestEnvironment.signature(at: 1_700_000_600), committer: TestEnvironment.signature(at: 1_700_000_600))
        try more.writePendingObjects()
        try opened.updateReference("refs/quill/evals", to: second, expecting: commit, message: "more")
        #expect(try repository.git("count-objects", "-v").contains("\nin-pack: 215\n"))
        #expect(try repository.git("cat-file", "-p", "refs/quill/evals:records/3/extra.json") == "one more")
        for index in try FileManager.default.contentsOfDirectory(atPath: repository.path + "/.git/objects/pack") where index.hasSuffix(".idx") {
            try repository.git("verify-pack", ".git/objects/pack/" + index)  // git checks both checksums, every CRC and offset
        }
        try repository.fsck()
    }

    @Test("what a killed pack writer leaves behind is invisible to git; the next writer removes the folders whose lock is free, never one whose owner lives")
    func leftoverTemporaryFiles() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "a\n")
        try repository.commitAll("base")
        try repository.git("gc", "-q")
        let objects = repository.path + "/.git/objects"
        let packs = try FileManager.default.contentsOfDirectory(atPath: objects + "/pack").filter { $0.hasSuffix(".pack") || $0.hasSuffix(".idx") }
        #expect(packs.count == 2)
        func folder(_ name: String, lock: Bool) throws -> String {
            let path = objects + "/tmp_objdir-quill-" + name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            if lock { try Data().write(to: URL(fileURLWithPath: path + "/owner.lock")) }
            return path
        }
        // A writer killed before its renames leaves whole or partial copies beside its free lock. Its
        // pid is this process's: a reused pid does not keep the folder.
        let killed = try folder("\(getpid())-0A1B", lock: true)
        for file in packs { try FileManager.default.copyItem(atPath: objects + "/pack/" + file, toPath: killed + "/" + file) }
        try Data("partial".utf8).write(to: URL(fileURLWithPath: killed + "/pack-0000000000000000000000000000000000000000.pack"))
        // A live owner, whose pid this process cannot see (another pid namespace): its lock is held.
        let finished = try ProcessRunner.run("/bin/sh", ["-c", "echo $$"])
        let live = try folder("\(finished.output)-0C1D", lock: false)
        // flock(1) holds the lock itself (`-o`: not its command), so killing it frees the lock.
        let owner = try SignalableProcess("/usr/bin/flock", ["-o", live + "/owner.lock", "sleep", "30"], in: repository.path,
                                          environment: TestEnvironment.variables(), outputPath: "/dev/null")
        defer {
            owner.send(SIGKILL)
            _ = owner.waitUntilExit()
        }
        func ownerHoldsLock() -> Bool {
            let probe = open(live + "/owner.lock", O_RDONLY | O_CLOEXEC)
            guard probe >= 0 else { return false }
            defer { close(probe) }
            return flock(probe, LOCK_EX | LOCK_NB) != 0
        }
        while !ownerHoldsLock() { usleep(10_000) }
        // Folders without a lock file: an old one is abandoned, a new one may be just being made.
        let old = try folder("1-0E1F", lock: false)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: old)
        let new = try folder("1-0A2B", lock: false)
        for arguments in [["status"], ["count-objects", "-v"], ["gc", "-q"]] {
            let result = try ProcessRunner.run(TestEnvironment.gitPath, arguments, in: repository.path, environment: TestEnvironment.variables())
            #expect(result.status == 0 && result.stderr.isEmpty, "git \(arguments): \(result.stderr)")
            if arguments == ["count-objects", "-v"] { #expect(result.stdout.contains("\ngarbage: 0\n"), "\(result.stdout)") }
        }
        try repository.fsck()
        let packing = try repository.open().openPackingHandle()
        _ = try packing.writeBlob(Data("new\n".utf8))
        try packing.writePendingObjects()
        let left = try FileManager.default.contentsOfDirectory(atPath: objects).filter { $0.hasPrefix("tmp_") }.sorted()
        #expect(left == [live, new].map { ($0 as NSString).lastPathComponent }.sorted())
        try repository.fsck()
    }

    @Test("tree updates store the paths git's index takes, where git finds them, and refuse the others", arguments: [
        "records/ab/cd.json", ".gitx/a", "a.git/b", "a/.../b", "", "/a", "a//b", "a/", "a/../b", "./a", ".GIT/config",
        "a/.Git", ".git/config", "a/./b", "a/.git",
    ])
    func validatesTreePaths(path: String) throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let blob = try opened.writeBlob(Data("x\n".utf8))
        // git's own answer: whether its index takes the path (verify_path).
        let index = try TemporaryFolder()
        let gitTakes = (try? repository.git(["update-index", "--add", "--cacheinfo", "100644,\(blob.hex),\(path)"],
                                            environment: ["GIT_INDEX_FILE": index.path + "/index"])) != nil
        let tree = try? opened.updateTree(nil, applying: [.upsert(path: path, id: blob)])
        #expect((tree != nil) == gitTakes, "\(path)")
        guard let tree else { return }
        #expect(try opened.treeEntry(atPath: path, inTree: tree)?.id == blob)
        #expect(try repository.git("ls-tree", "-r", "--name-only", tree.hex) == path)
        let commit = try opened.createCommit(tree: tree, parents: [], message: "path\n", author: TestEnvironment.signature(at: 1_700_000_000), committer: TestEnvironment.signature(at: 1_700_000_000))
        try opened.updateReference("refs/quill/test", to: commit, expecting: nil, message: "test")
        try repository.fsck()
    }

    @Test("SHA-1 of pack trailers matches the standard's test vectors", arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func sha1(message: String, digest: String) {
        #expect(SHA1.digest(Array(message.utf8)).map { String(format: "%02x", $0) }.joined() == digest)
    }

    @Test("SHA-1 of random buffers of every padding case equals sha1sum's", arguments: [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 4_097, 1_000_003])
    func sha1AgainstSha1sum(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13 ^ $0 &* 31) }
        let file = try TemporaryFolder()
        try Data(bytes).write(to: URL(fileURLWithPath: file.path + "/buffer"))
        let expected = try ProcessRunner.run("/usr/bin/env", ["sha1sum", file.path + "/buffer"]).stdout.prefix(40)
        #expect(SHA1.digest(bytes).map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test("updates nested paths in one pass: add, replace and remove, pruning empty folders")
    func updatesNestedTrees() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let one = try opened.writeBlob(Data("1\n".utf8))
        let two = try opened.writeBlob(Data("2\n".utf8))
        let first = try opened.updateTree(nil, applying: [
            .upsert(path: "records/ab/cdef.json", id: one),
            .upsert(path: "records/ab/0123.json", id: two),
            .upsert(path: "by-commit/12/3456/rec", id: one),
            .upsert(path: "top.txt", id: two, mode: .executable),
        ])
        #expect(try repository.git("ls-tree", "-r", "--name-only", first.hex).split(separator: "\n")
            == ["by-commit/12/3456/rec", "records/ab/0123.json", "records/ab/cdef.json", "top.txt"])
        let second = try opened.updateTree(first, applying: [
            .upsert(path: "records/ab/cdef.json", id: two),
            .remove(path: "by-commit/12/3456/rec"),
            .upsert(path: "records/cd/new.json", id: one),
        ])
        #expect(try repository.git("ls-tree", "-r", second.hex)
            == """
            100644 blob \(two.hex)\trecords/ab/0123.json
            100644 blob \(two.hex)\trecords/ab/cdef.json
            100644 blob \(one.hex)\trecords/cd/new.json
            100755 blob \(two.hex)\ttop.txt
            """)
        #expect(try opened.treeEntry(atPath: "records/cd/new.json", inTree: second)?.id == one)
        #expect(try opened.treeEntry(atPath: "by-commit", inTree: second) == nil)
        #expect(try opened.treeFiles(second).map(\.path) == ["records/ab/0123.json", "records/ab/cdef.json", "records/cd/new.json", "top.txt"])
        let records = try #require(try opened.treeEntry(atPath: "records/ab", inTree: second))
        let loaded = try opened.loadTree(records.id)
        #expect(try loaded.entry(named: "cdef.json")?.id == two)
        #expect(try loaded.entry(named: "0123.json")?.mode == .blob)
        #expect(try loaded.entry(named: "cdef") == nil && (try loaded.entry(named: "cdef.json.x")) == nil)
        #expect(try opened.loadTree(second).entry(named: "top.txt")?.mode == .executable)
        #expect(throws: GitError.self) { try opened.loadTree(two) }
        let commit = try opened.createCommit(tree: second, parents: [], message: "store\n", author: TestEnvironment.signature(at: 1_700_000_000), committer: TestEnvironment.signature(at: 1_700_000_000))
        try opened.updateReference("refs/quill/test", to: commit, expecting: nil, message: "test")
        try repository.fsck()
    }

    @Test("writes commits that git log reads with their author, date and parents")
    func writesCommits() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let blob = try opened.writeBlob(Data("hello\n".utf8))
        let tree = try opened.updateTree(nil, applying: [.upsert(path: "prompts/a.prompt", id: blob)])
        let author = Signature(name: "Grace Hopper", email: "grace@example.com", date: Date(timeIntervalSince1970: 1_700_000_123), timeZoneOffsetMinutes: -300)
        let root = try opened.commitOnHead(tree: tree, parents: [], message: "first prompt\n\nbody\n", author: author, committer: author)
        let child = try opened.commitOnHead(tree: tree, parents: [root], message: "again\n", author: author, committer: author)
        #expect(try repository.git("log", "--format=%H %an <%ae> %ad %s", "--date=raw")
            == "\(child.hex) Grace Hopper <grace@example.com> 1700000123 -0500 again\n\(root.hex) Grace Hopper <grace@example.com> 1700000123 -0500 first prompt")
        let read = try opened.commit(root)
        #expect(read.subject == "first prompt")
        #expect(read.message == "first prompt\n\nbody\n")
        #expect(read.author == author)
        #expect(try opened.commit(child).parentIDs == [root])
        // HEAD moved by compare-and-swap: a stale parent list is refused.
        #expect(throws: GitError.self) {
            try opened.commitOnHead(tree: tree, parents: [root], message: "stale\n", author: author, committer: author)
        }
        #expect(try opened.headCommitID() == child)
        try repository.fsck()
    }

    @Test("reads merges, renames and packfiles that git wrote")
    func readsWhatGitWrote() throws {
        let repository = try TestRepository()
        try repository.write("prompts/a.prompt", "one\n")
        try repository.commitAll("one")
        try repository.git("checkout", "-q", "-b", "side")
        try repository.git("mv", "prompts/a.prompt", "prompts/b.prompt")
        try repository.commitAll("rename")
        try repository.git("checkout", "-q", "main")
        try repository.write("other.txt", "x\n")
        try repository.commitAll("other")
        try repository.tick()
        try repository.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
        try repository.git("gc", "-q", "--aggressive", "--prune=now")
        let opened = try repository.open()
        let head = try #require(try opened.headCommitID())
        let merge = try opened.commit(head)
        #expect(merge.parentIDs.map(\.hex) == [try repository.git("rev-parse", "HEAD^1"), try repository.git("rev-parse", "HEAD^2")])
        #expect(merge.subject == "merge side")
        let tree = try opened.treeID(ofCommit: head)
        #expect(try opened.treeEntry(atPath: "prompts/b.prompt", inTree: tree)?.id.hex == (try repository.git("rev-parse", "HEAD:prompts/b.prompt")))
        #expect(try opened.blobData(#require(try opened.treeEntry(atPath: "prompts/b.prompt", inTree: tree)).id) == Data("one\n".utf8))
        let renameCommit = try opened.resolveCommit("side")
        let parent = try #require(try opened.commit(renameCommit).parentIDs.first)
        let changes = try opened.treeChanges(from: opened.treeID(ofCommit: parent), to: opened.treeID(ofCommit: renameCommit), detecting: .renames)
        #expect(changes.map(\.kind) == [.renamed])
        #expect(changes.first?.oldPath == "prompts/a.prompt")
        #expect(changes.first?.newPath == "prompts/b.prompt")
        #expect(changes.first?.similarity == 100)
    }
}
