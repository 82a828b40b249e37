import Foundation
@testable import GitKit
import TestSupport
import Testing

@Suite("Commit parser")
struct CommitParserTests {
    private static let tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
    private static let parent = "1111111111111111111111111111111111111111"

    /// Commits of the usual shape: the parser must give exactly what libgit2 gives.
    static let usual: [String] = [
        "tree \(tree)\nauthor A U Thor <a@example.com> 1700000000 +0100\ncommitter C <c@example.com> 1700000001 -0530\n\nSubject\n\nBody line.\n",
        "tree \(tree)\nparent \(parent)\nparent \(tree)\nauthor  Padded Name\t <  spaced@example.com > 1 +0000\ncommitter C <c@x> 2 +1400\n\nmerge\n",
        "tree \(tree)\nauthor A <a@x> 1700000000 +0000\nauthor B <b@x> 1700000000 +0000\ncommitter C <c@x> 1700000000 +0000\nencoding ISO-8859-1\n\nextra author line\n",
        "tree \(tree)\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nsigned\n",
        "tree \(tree)\nauthor Ünïcödé <ü@x> 1700000000 -0000\ncommitter C <c@x> 1700000000 +0059\n\n",
        "tree \(tree)\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000000 +0000\n\n  leading blanks\n\n\nand a NUL \u{0} cut\n",
        "tree \(tree)\nauthor <> 0 +0000\ncommitter C <c@x> 1700000000 +0000\n\nno name, no email",
    ]

    /// Commits libgit2 reads its own way (or refuses): the parser must step aside.
    static let unusual: [String] = [
        "tree \(tree)\nauthor A <a@x> 1700000000 +0000\ncommitter C <c@x> 1700000000 +0000",
        "tree \(tree)\nauthor A <a@x> 1700000000 +2500\ncommitter C <c@x> 1700000000 +0000\n\nzone out of range\n",
        "tree \(tree)\nauthor A <a@x> -5 +0000\ncommitter C <c@x> 1700000000 +0000\n\nnegative time\n",
        "tree \(tree)\nauthor A <a@x>\ncommitter C <c@x> 1700000000 +0000\n\nno time\n",
        "tree \(tree)\nparent nothex\nauthor A <a@x> 1 +0000\ncommitter C <c@x> 1 +0000\n\nbad parent\n",
    ]

    @Test("gives libgit2's commit for every commit of the usual shape, and steps aside for the rest; a walk's node and a log's summary alone the same way")
    func matchesLibgit2() throws {
        let repository = try TestRepository()
        let opened = try repository.open()
        for (text, isUsual) in Self.usual.map({ ($0, true) }) + Self.unusual.map({ ($0, false) }) {
            let id = try #require(ObjectID(hex: try repository.git(["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], input: text)))
            let parsed = CommitParser.parse(Array(text.utf8), id: id)
            let node = CommitParser.node(Array(text.utf8))
            let summary = CommitParser.summary(Array(text.utf8), id: id)
            if isUsual {
                // Loose objects are read through libgit2, the oracle.
                let commit = try opened.commit(id)
                #expect(parsed == commit, "\(text)")
                #expect(node?.treeID == commit.treeID && node?.parentIDs == commit.parentIDs && node?.time == commit.committer.unixTime, "\(text)")
                #expect(summary == commit.summary, "\(text)")
            } else {
                #expect(parsed == nil && node == nil && summary == nil, "\(text)")
            }
        }
    }

    @Test("packed commits read through the parser equal what libgit2 read before packing, as git log prints them")
    func packedCommits() throws {
        let repository = try TestRepository()
        for index in 0..<5 {
            try repository.write("f.txt", "\(index)\n")
            try repository.commitAll("change \(index)\n\nwith a body")
        }
        let ids = try repository.git("rev-list", "HEAD").split(separator: "\n").compactMap { ObjectID(hex: $0) }
        let loose = try ids.map { try repository.open().commit($0) }
        try repository.git("gc", "-q")
        let opened = try repository.open()
        #expect(try ids.map { try opened.commit($0) } == loose)
        #expect(opened.packs?.object(ids[0])?.kind == .commit)
        let printed = try repository.git("log", "--format=%s|%an|%ae|%at|%ct").split(separator: "\n").map(String.init)
        let ours = try ids.map { id in
            let commit = try opened.commit(id)
            return "\(commit.subject)|\(commit.author.name)|\(commit.author.email)|\(commit.author.unixTime)|\(commit.committer.unixTime)"
        }
        #expect(printed == ours)
    }
}
