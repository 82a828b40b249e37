import Foundation
@testable import GitKit
import TestSupport
import Testing

/// `Repository.updateTree` builds trees itself (`TreeUpdater`); git's index is the oracle: the same
/// updates given to `git update-index --index-info` on the base tree must write the same tree.
@Suite("Native tree updates")
struct TreeUpdaterTests {
    /// The tree git writes from `base` with `updates` applied through a temporary index.
    private func gitTree(_ repository: TestRepository, base: ObjectID, _ updates: [TreeUpdate]) throws -> String {
        let index = try TemporaryFolder()
        let environment = ["GIT_INDEX_FILE": index.path + "/index"]
        try repository.git(["read-tree", base.hex], environment: environment)
        let lines = updates.map { update in
            switch update {
            case .upsert(let path, let id, let mode): "\(String(mode.rawValue, radix: 8)) \(id.hex)\t\(path)\n"
            case .remove(let path): "0 \(String(repeating: "0", count: 40))\t\(path)\n"
            }
        }
        try repository.git(["update-index", "--index-info"], input: lines.joined(), environment: environment)
        return try repository.git(["write-tree"], environment: environment)
    }

    @Test("random updates of a fanned-out store write the tree git's index writes, packed or loose", arguments: [1, 2, 3, 4])
    func againstGitIndex(seed: UInt64) throws {
        let repository = try TestRepository()
        var random = SplitMix64(seed: seed)
        let names = ["ab", "cd", "a", "a-b", "a.b", "a0", "b"]
        func randomPath() -> String {
            (0..<Int.random(in: 1...3, using: &random)).map { _ in names.randomElement(using: &random)! }.joined(separator: "/")
        }
        for _ in 0..<30 {
            let path = randomPath()
            try? repository.write(path, "\(path) \(Int.random(in: 0..<1_000, using: &random))\n")  // a path through a file is skipped
        }
        let opened = try repository.open()
        let base = try opened.treeID(ofCommit: try #require(ObjectID(hex: try repository.commitAll("base"))))
        let files = try opened.treeFiles(base)
        let blobs = try (0..<8).map { try opened.writeBlob(Data("blob \($0) of \(seed)\n".utf8)) }
        for round in 0..<20 {
            var updates = [TreeUpdate]()
            var touched = Set<String>()
            for file in files where Bool.random(using: &random) && Int.random(in: 0..<4, using: &random) == 0 && touched.insert(file.path).inserted {
                updates.append(Bool.random(using: &random) ? .remove(path: file.path) : .upsert(path: file.path, id: blobs.randomElement(using: &random)!, mode: .executable))
            }
            // New files in new folders: below a name no file of the base uses.
            for number in 0..<Int.random(in: 0...6, using: &random) {
                let path = "new\(round)/\(randomPath())/f\(number)"
                if touched.insert(path).inserted { updates.append(.upsert(path: path, id: blobs.randomElement(using: &random)!)) }
            }
            let expected = try gitTree(repository, base: base, updates)
            #expect(try opened.updateTree(base, applying: updates).hex == expected, "round \(round): \(updates)")
            let packing = try opened.openPackingHandle()
            #expect(try packing.updateTree(base, applying: updates).hex == expected)
        }
    }

    @Test("removing every file of a folder removes the folder; removing every file leaves the empty tree")
    func emptiedFolders() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let blob = try opened.writeBlob(Data("x\n".utf8))
        let tree = try opened.updateTree(nil, applying: [.upsert(path: "a/b/c", id: blob), .upsert(path: "a/d", id: blob)])
        let pruned = try opened.updateTree(tree, applying: [.remove(path: "a/b/c")])
        #expect(try repository.git("ls-tree", "-r", "-t", "--name-only", pruned.hex) == "a\na/d")
        #expect(try opened.updateTree(pruned, applying: [.remove(path: "a/d")]) == (try opened.emptyTreeID()))
    }

    @Test("an update reusing the trees look-ups kept writes the same tree, and takes every tree it rewrote out of the cache")
    func reusedTrees() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let blobs = try (0..<3).map { try opened.writeBlob(Data("blob \($0)\n".utf8)) }
        let base = try opened.updateTree(nil, applying: [
            .upsert(path: "records/ab/cd.json", id: blobs[0]), .upsert(path: "records/ab/ef.json", id: blobs[1]),
            .upsert(path: "records/12/34.json", id: blobs[0]), .upsert(path: "meta/ab/cd.json", id: blobs[2]),
        ])
        let cache = TreeReadCache()
        let records = try #require(try opened.loadTree(base, keepingIn: cache).entry(named: "records"))
        let shard = try #require(try opened.loadTree(records.id, keepingIn: cache).entry(named: "ab"))
        #expect(try opened.loadTree(shard.id, keepingIn: cache).entry(named: "ef.json")?.id == blobs[1])
        #expect(try opened.loadTree(shard.id, keepingIn: cache).id == shard.id)  // kept once
        #expect(cache.count == 3)
        let updates: [TreeUpdate] = [.upsert(path: "records/ab/gh.json", id: blobs[2]), .upsert(path: "meta/ab/gh.json", id: blobs[0])]
        let reused = try opened.updateTree(base, applying: updates, reusing: cache)
        #expect(reused == (try opened.updateTree(base, applying: updates)))
        #expect(reused.hex == (try gitTree(repository, base: base, updates)))
        #expect(cache.count == 0)
    }

    @Test("removing a path that is not there, or writing below a file, is refused and writes nothing")
    func refusals() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let blob = try opened.writeBlob(Data("x\n".utf8))
        let tree = try opened.updateTree(nil, applying: [.upsert(path: "a/b", id: blob)])
        #expect(throws: GitError.self) { try opened.updateTree(tree, applying: [.remove(path: "a/missing")]) }
        #expect(throws: GitError.self) { try opened.updateTree(tree, applying: [.remove(path: "nowhere/missing")]) }
        #expect(throws: GitError.self) { try opened.updateTree(tree, applying: [.upsert(path: "a/b/c", id: blob)]) }
        let packing = try opened.openPackingHandle()
        // Whichever folder is found wrong first, the trees made before it are taken out of the pack again.
        for updates: [TreeUpdate] in [[.upsert(path: "x/y", id: blob), .remove(path: "a/missing")], [.upsert(path: "a/x", id: blob), .remove(path: "b/missing")]] {
            #expect(throws: GitError.self) { try packing.updateTree(tree, applying: updates) }
        }
        try packing.writePendingObjects()
        #expect(try repository.git("count-objects", "-v").contains("\npacks: 0\n"))
    }
}
