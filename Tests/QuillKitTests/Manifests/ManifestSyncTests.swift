import Foundation
@testable import QuillKit
import TestSupport
import Testing

@Suite("manifest sync")
struct ManifestSyncTests {
    @Test("over git://, two clones that record manifests end with the union; a manifest both named keeps the earlier naming")
    func unionOverGitDaemon() throws {
        let base = try TemporaryFolder()
        let fixture = try SyncFixture(remotePath: base.path + "/remote.git")
        let daemon = try GitDaemon(basePath: base.path)
        defer { daemon.stop() }
        let url = daemon.url("remote.git")
        let first = try ManifestFixture(repository: try fixture.clone(url))
        let second = try ManifestFixture(repository: try fixture.clone(url))
        try first.write("a.md", "alpha\n")
        try second.write("a.md", "alpha\n")
        try second.write("b.md", "beta\n")
        let shared = try first.record()
        let later = try second.record(name: "other")
        let same = try second.record(source: first.documents.path)
        #expect(same.id == shared.id)

        let firstSync = try first.workspace().sync(remote: url)
        #expect(firstSync.refs.first { $0.reference == "refs/quill/manifests" }?.unit == "manifests")
        let secondSync = try second.workspace().sync(remote: url)
        let merged = try #require(secondSync.refs.first { $0.reference == "refs/quill/manifests" })
        #expect(merged.action == .merged && merged.pushed)
        _ = try first.workspace().sync(remote: url)
        for side in [first, second] {
            let list = try side.workspace().manifests().manifests
            #expect(Set(list.map { "\($0.name) \($0.id)" }) == ["docs \(shared.id)", "other \(later.id)"])
            #expect(list.first { $0.name == "docs" }?.recordedAt == (try first.workspace().manifests(named: "docs").manifests.first?.recordedAt))
            try side.repository.fsck()
        }
        #expect(try first.repository.git("rev-parse", "refs/quill/manifests") == (try second.repository.git("rev-parse", "refs/quill/manifests")))
    }
}
