import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("Shard cache")
struct ShardCacheTests {
    @Test("loads each shard once and hands every reader the same bytes")
    func loadsOnce() throws {
        let repository = try TestRepository()
        try repository.write("a.txt", "a\n")
        try repository.commitAll("one")
        let opened = try repository.open()
        let tree = try opened.treeID(ofCommit: opened.resolveCommit("HEAD"))
        let cache = ShardCache()
        var loads = 0
        for _ in 0..<3 {
            let shard = try cache.shard("ab") {
                loads += 1
                return try opened.loadTree(tree)
            }
            #expect(try shard.entry(named: "a.txt") != nil)
        }
        #expect(loads == 1)
        #expect(throws: GitError.self) { try cache.shard("cd") { try opened.loadTree(ObjectID.zero) } }
        #expect(try cache.shard("cd") { try opened.loadTree(tree) }.id == tree, "a failed load is not kept")
    }
}
