import Foundation
import GitKit
import TestSupport
import Testing

@Suite("Tree union")
struct TreeUnionTests {
    /// Writes a tree of `files` (path → content) and returns its id.
    private func tree(_ files: [String: String], in repository: Repository) throws -> ObjectID {
        try repository.updateTree(nil, applying: files.map { .upsert(path: $0.key, id: try repository.writeBlob(Data($0.value.utf8))) })
    }

    /// `git ls-tree -r` as path → blob id.
    private func listing(_ tree: ObjectID, in repository: TestRepository) throws -> [String: String] {
        var files = [String: String]()
        for line in try repository.git("ls-tree", "-r", tree.hex).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            files[String(parts[1])] = String(parts[0].split(separator: " ")[2])
        }
        return files
    }

    @Test("the union lists every file of both sides, as git ls-tree -r reads it", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func unionMatchesGit(seed: UInt64) throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        var random = SplitMix64(seed: seed)
        var ours = [String: String](), theirs = [String: String]()
        for index in 0..<60 {
            let shard = String(format: "%02x", Int.random(in: 0..<6, using: &random))
            let path = ["records", "by-commit/\(shard)", "by-prompt/\(shard)/x"][index % 3] + "/\(shard)\(index).json"
            switch Int.random(in: 0..<3, using: &random) {
            case 0: ours[path] = "record \(index)\n"
            case 1: theirs[path] = "record \(index)\n"
            default:
                ours[path] = "record \(index)\n"
                theirs[path] = "record \(index)\n"
            }
        }
        let ourTree = try tree(ours, in: opened)
        let theirTree = try tree(theirs, in: opened)
        let union = try opened.unionTree(ourTree, theirTree) { path, _, _ in
            Issue.record("no conflict expected, got one at '\(path)'")
            return try opened.writeBlob(Data())
        }
        let expected = try listing(ourTree, in: repository).merging(listing(theirTree, in: repository)) { first, _ in first }
        #expect(try listing(union, in: repository) == expected)
        #expect(try opened.unionTree(union, ourTree) { _, ours, _ in ours } == union)
        #expect(try opened.unionTree(theirTree, ourTree) { _, ours, _ in ours } == union)
        try repository.fsck()
    }

    @Test("a file that differs on both sides is settled by resolve, with its full path")
    func conflictsAreResolved() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let ours = try tree(["notes/ab/cd": "ours\n", "notes/ab/ef": "same\n", "top": "a\n"], in: opened)
        let theirs = try tree(["notes/ab/cd": "theirs\n", "notes/ab/ef": "same\n", "other": "b\n"], in: opened)
        var conflicts = [String]()
        let union = try opened.unionTree(ours, theirs) { path, our, their in
            conflicts.append(path)
            let text = String(decoding: try opened.blobData(our) + opened.blobData(their), as: UTF8.self)
            return try opened.writeBlob(Data(text.utf8))
        }
        #expect(conflicts == ["notes/ab/cd"])
        #expect(try repository.git("cat-file", "-p", "\(union.hex):notes/ab/cd") == "ours\ntheirs")
        #expect(try listing(union, in: repository).keys.sorted() == ["notes/ab/cd", "notes/ab/ef", "other", "top"])
        #expect(try opened.unionTree(nil, nil) { _, ours, _ in ours } == opened.emptyTreeID())
        #expect(try opened.unionTree(ours, nil) { _, ours, _ in ours } == ours)
    }

    @Test("a folder on one side and a file on the other is a conflict")
    func folderAgainstFile() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let ours = try tree(["a/b": "1\n"], in: opened)
        let theirs = try tree(["a": "2\n"], in: opened)
        #expect {
            try opened.unionTree(ours, theirs) { _, ours, _ in ours }
        } throws: { ($0 as? GitError)?.code == .conflict }
    }
}
