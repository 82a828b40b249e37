import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("manifest diff")
struct ManifestDiffTests {
    @Test("documents added, removed and changed, with a word diff of the changed text; settings compared")
    func addedRemovedChanged() throws {
        let fixture = try ManifestFixture()
        try fixture.write("keep.md", "unchanged\n")
        try fixture.write("edit.md", "The refund window is 30 days.\nContact support.\n")
        try fixture.write("gone.md", "old policy\n")
        let old = try fixture.record()
        try fixture.write("edit.md", "The refund window is 14 days.\nContact support.\n")
        try FileManager.default.removeItem(atPath: fixture.documents.path + "/gone.md")
        try fixture.write("new.md", "new policy\n")
        let new = try fixture.record(chunkSize: 500, overlap: 50)
        let diff = try fixture.workspace().diffManifests(old.id, new.id)
        #expect(diff.added.map(\.id) == ["new.md"] && diff.removed.map(\.id) == ["gone.md"] && diff.changed.map(\.id) == ["edit.md"])
        #expect(diff.counts.unchanged == 1 && diff.counts.fromDocuments == 3 && diff.counts.toDocuments == 3)
        let words = try #require(diff.changed.first?.text?.hunks.first?.lines.first { $0.kind == .changed }?.words)
        #expect(words.contains(WordSpan(kind: .removed, text: "30")) && words.contains(WordSpan(kind: .added, text: "14")))
        #expect(Set(diff.settings.map(\.path)) == ["chunking.size", "chunking.overlap"])
        #expect(try fixture.workspace().diffManifests(old.id, old.id).isEmpty)
    }

    @Test("the text diff limit leaves further changed documents without a text diff, counted")
    func textDiffLimit() throws {
        let fixture = try ManifestFixture()
        for index in 0..<5 { try fixture.write("\(index).md", "version one of \(index)\n") }
        let old = try fixture.record()
        for index in 0..<5 { try fixture.write("\(index).md", "version two of \(index)\n") }
        let new = try fixture.record()
        let diff = try fixture.workspace().diffManifests(old.id, new.id, textDiffs: 2)
        #expect(diff.changed.count == 5 && diff.changed.filter { $0.text != nil }.count == 2 && diff.textDiffsOmitted == 3)
    }
}
