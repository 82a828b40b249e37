import Foundation
import GitKit
import TestSupport
import Testing

/// `LoadedTree.changes`, the native one-level tree comparison, against `git diff-tree`.
@Suite("tree comparison against git diff-tree")
struct TreeComparisonTests {
    /// Names that sort around the `/` git puts after a folder's name, and files that become folders.
    private static let names = ["a", "a.b", "a-b", "a0", "ab", "b", "b.md", "c", "é", "z"]

    /// What `git diff-tree -z OLD NEW` lists, as name → (old id, new id), a file on one side and a
    /// folder on the other merged into one change (zero ids for a side without the name).
    private func gitChanges(_ old: ObjectID, _ new: ObjectID, in repository: TestRepository) throws -> [String: [String]] {
        let fields = try repository.git("diff-tree", "-z", old.hex, new.hex).split(separator: "\0", omittingEmptySubsequences: false)
        var changes = [String: [String]]()
        var index = 0
        while index + 1 < fields.count, fields[index].hasPrefix(":") {
            let parts = fields[index].split(separator: " ")
            let name = String(fields[index + 1])
            let before = parts[2].allSatisfy { $0 == "0" } ? nil : String(parts[2])
            let after = parts[3].allSatisfy { $0 == "0" } ? nil : String(parts[3])
            let known = changes[name] ?? [ObjectID.zero.hex, ObjectID.zero.hex]
            changes[name] = [before ?? known[0], after ?? known[1]]
            index += 2
        }
        return changes
    }

    @Test("every difference git lists and no other, in random trees whose names sort around '/'", arguments: Array(UInt64(1)...12))
    func sameAsGit(seed: UInt64) throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        var random = SplitMix64(seed: seed)
        func randomTree() throws -> ObjectID {
            var updates = [TreeUpdate]()
            var taken = Set<String>()
            for _ in 0..<Int.random(in: 0..<14, using: &random) {
                let top = Self.names.randomElement(using: &random)!
                let path = Bool.random(using: &random) ? top : top + "/" + Self.names.randomElement(using: &random)!
                let first = String(path.split(separator: "/")[0])
                // A name is either a file or a folder within one tree.
                guard !taken.contains(path == first ? first + "/" : first), !taken.contains(path) else { continue }
                taken.insert(path == first ? first : first + "/")
                taken.insert(path)
                let content = "\(Int.random(in: 0..<3, using: &random))\n"
                updates.append(.upsert(path: path, id: try opened.writeBlob(Data(content.utf8)), mode: Int.random(in: 0..<5, using: &random) == 0 ? .executable : .blob))
            }
            return try opened.updateTree(nil, applying: updates)
        }
        for _ in 0..<20 {
            let old = try randomTree()
            let new = Bool.random(using: &random) ? old : try randomTree()
            let changes = try LoadedTree.changes(from: opened.loadTree(old), to: opened.loadTree(new))
            #expect(Set(changes.map(\.name)).count == changes.count)
            let ours = Dictionary(uniqueKeysWithValues: changes.map { ($0.name, [$0.before?.id.hex ?? ObjectID.zero.hex, $0.after?.id.hex ?? ObjectID.zero.hex]) })
            #expect(ours == (try gitChanges(old, new, in: repository)), "\(old.hex) -> \(new.hex)")
            let modes = changes.filter { $0.before?.id == $0.after?.id }
            #expect(modes.allSatisfy { $0.before?.mode != $0.after?.mode })
        }
    }

    @Test("no tree on one side lists every entry of the other")
    func againstNothing() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        let tree = try opened.updateTree(nil, applying: Self.names.map { .upsert(path: $0, id: try opened.writeBlob(Data($0.utf8))) })
        let added = try LoadedTree.changes(from: nil, to: opened.loadTree(tree))
        #expect(added.map(\.name) == (try repository.git("ls-tree", "-z", "--name-only", tree.hex)).split(separator: "\0").map(String.init))
        #expect(added.allSatisfy { $0.before == nil && $0.after != nil })
        #expect(try LoadedTree.changes(from: opened.loadTree(tree), to: opened.loadTree(tree)).isEmpty)
    }
}
