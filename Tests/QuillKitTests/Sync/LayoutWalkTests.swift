import Foundation
import GitKit
@testable import QuillKit
import TestSupport
import Testing

@Suite("The layout walk of a fetched store")
struct LayoutWalkTests {
    /// `tree` with a file `name` added to the folder at `path`, written with `git mktree` level by level.
    private func adding(_ name: String, toFolder path: String, in tree: String, of repository: TestRepository) throws -> String {
        var listing = try repository.git("ls-tree", tree).split(separator: "\n").map(String.init)
        if path.isEmpty {
            listing.append("100644 blob \(try repository.writeBlob("stray\n"))\t\(name)")
        } else {
            let folder = String(path.prefix { $0 != "/" }), rest = String(path.dropFirst(folder.count + 1))
            let index = try #require(listing.firstIndex { $0.hasSuffix("\t" + folder) })
            let subtree = String(listing[index].split(separator: " ")[2].prefix(40))
            listing[index] = "040000 tree \(try adding(name, toFolder: rest, in: subtree, of: repository))\t\(folder)"
        }
        return try repository.git(["mktree"], input: listing.joined(separator: "\n") + "\n")
    }

    @Test("walked on several threads, the first misplaced entry and the count of new records are the one walk's")
    func threadsAnswerAsOneWalk() throws {
        let fixture = try SyncFixture()
        let clone = try fixture.clone()
        try fixture.record(0.5, in: clone)
        let known = try clone.git("rev-parse", "refs/quill/evals^{tree}")
        for accuracy in [0.6, 0.7, 0.8] { try fixture.record(accuracy, in: clone) }
        let tree = try clone.git("rev-parse", "refs/quill/evals^{tree}")
        let records = try clone.git("ls-tree", "--name-only", "\(tree):records").split(separator: "\n").map(String.init)
        let meta = try clone.git("ls-tree", "--name-only", "\(tree):meta").split(separator: "\n").map(String.init)
        let inMeta = try adding("evil.txt", toFolder: "meta/\(meta[0])", in: tree, of: clone)
        let inBoth = try adding("evil.txt", toFolder: "records/\(records[0])", in: inMeta, of: clone)
        let repository = try clone.open()
        let levels = try StoreFanout(of: #require(ObjectID(hex: tree)), in: repository).rawValue
        // The one walk takes the top folders last first: `records/` before `meta/`.
        let cases: [(tree: String, misplaced: String?)] = [
            (tree, nil), (inMeta, "meta/\(meta[0])/evil.txt"), (inBoth, "records/\(records[0])/evil.txt"),
        ]
        for (tree, misplaced) in cases {
            let root = LayoutWalk.Folder(path: "", tree: try #require(ObjectID(hex: tree)), layout: .evalStore, known: ObjectID(hex: known))
            var oneWalk = LayoutWalk(repository: repository, keeping: true, recordLevels: levels)
            var threaded = LayoutWalk(repository: repository, keeping: true, recordLevels: levels)
            var added = (one: 0, threaded: 0)
            #expect(try oneWalk.firstMisplaced(below: [root], added: &added.one) == misplaced)
            #expect(try threaded.firstMisplaced(below: root, location: repository.location, added: &added.threaded) == misplaced)
            if misplaced == nil {
                #expect(added.one == 3 && added.threaded == 3)
            }
        }
    }
}
