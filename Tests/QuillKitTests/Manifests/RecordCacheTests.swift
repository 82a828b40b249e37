import Foundation
import GitKit
@testable import QuillKit
import Synchronization
import TestSupport
import Testing

@Suite("manifest record cache")
struct RecordCacheTests {
    /// Ways a cache file can be unusable.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case flippedByte, truncated, empty, otherVersion, textVersion1
        var testDescription: String { rawValue }
    }

    @Test("a corrupt, truncated or foreign cache is never trusted: every file is read, the manifest is a fresh record's, and the cache is rebuilt", arguments: Damage.allCases)
    func damagedCache(damage: Damage) throws {
        let fixture = try settledFixture(files: 30)
        let before = try fixture.record()
        #expect(before.documentsReused == 30)
        // A change the damaged cache could hide if it were trusted: same size, old times again.
        try fixture.write("d/4.txt", "document 4 EDITED " + String(repeating: "word ", count: 4 * 30).dropLast(7))
        try setOldTimes(fixture, "d/4.txt")
        let path = try cacheFile(fixture)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case .textVersion1: bytes = Array("quill manifest cache 1\nsettings\n\(before.id)\n1 0\n".utf8)
        default: CacheDamage(rawValue: damage.rawValue)?.apply(to: &bytes, version: 3)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let damaged = try fixture.record()
        #expect(damaged.documentsRead == 30 && damaged.documentsReused == 0)
        #expect(damaged.id == (try ManifestFixture().record(source: fixture.documents.path).id) && damaged.id != before.id)
        let rebuilt = try fixture.record()
        #expect(rebuilt.id == damaged.id && rebuilt.documentsReused == 30)
        try fixture.repository.fsck()
    }

    @Test("a file changed in the second the scan began, its stamp unchanged, is read again (racily clean); a second later the stamp is trusted")
    func racilyCleanFile() throws {
        let fixture = try settledFixture(files: 5)
        let stale = try fixture.record()
        let staleCache = Array(try Data(contentsOf: URL(fileURLWithPath: try cacheFile(fixture))))
        // The scan saw d/2.txt, then it changed within the same second without its stamp moving (a
        // file system with coarse times): forged by giving the cache the new stamp and the old line.
        try fixture.write("d/2.txt", "document 2 CHANGED " + String(repeating: "word ", count: 2 * 30).dropLast(8))
        let stamp = FileStamp(try #require(FolderListing.entry(atPath: fixture.documents.path + "/d/2.txt")))
        try forge(fixture, from: staleCache, path: "d/2.txt", stamp: stamp, scannedAt: (stamp.modifiedSeconds, min(stamp.modifiedNanoseconds + 1, 999_999_999)))
        let racy = try fixture.record()
        #expect(racy.documentsRead == 1 && racy.documentsReused == 4)
        #expect(racy.id == (try ManifestFixture().record(source: fixture.documents.path).id) && racy.id != stale.id)

        // The same forged entry in a cache whose scan began a second after the change is reused: the
        // stamp is all the cache knows, as in git's index (this is what makes the rule above matter).
        try forge(fixture, from: staleCache, path: "d/2.txt", stamp: stamp, scannedAt: (stamp.modifiedSeconds + 1, 0))
        let trusted = try fixture.record()
        #expect(trusted.documentsReused == 5 && trusted.id == stale.id)
    }

    @Test("records writing one folder's cache at once leave one whole cache and no temporary file")
    func concurrentRecords() throws {
        let fixture = try settledFixture(files: 40)
        let path = fixture.documents.path, repository = fixture.repository.path
        let failures = Mutex(0)
        // Two chunk sizes take turns, so every record finds the other's cache, reads every file and
        // writes its own.
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<3 {
                do {
                    _ = try Workspace.open(from: repository).recordManifest(
                        ManifestRecordRequest(source: path, name: "docs", chunkSize: worker % 2 == 0 ? 1000 : 500),
                        environment: TestEnvironment.variables(date: 1_800_000_000 + worker * 10 + round))
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try cacheFile(fixture))))
        let cache = try #require(RecordCache(bytes: bytes, settings: storedSettings(bytes)))
        #expect(cache.slots.count == 40)
        try setOldTimes(fixture)
        try fixture.record()
        #expect(try fixture.record().documentsReused == 40)
    }

    // MARK: - Helpers

    /// A fixture with `files` documents whose times are an hour old, recorded once so its cache holds
    /// every file with a scan time after them.
    private func settledFixture(files: Int) throws -> ManifestFixture {
        let fixture = try ManifestFixture()
        for index in 0..<files { try fixture.write("d/\(index).txt", "document \(index) " + String(repeating: "word ", count: index * 30)) }
        try setOldTimes(fixture)
        try fixture.record()
        return fixture
    }

    private func setOldTimes(_ fixture: ManifestFixture, _ only: String? = nil) throws {
        let old = Date(timeIntervalSinceNow: -3600)
        let paths = try only.map { [$0] } ?? FileManager.default.subpathsOfDirectory(atPath: fixture.documents.path)
        for path in paths {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: fixture.documents.path + "/" + path)
        }
    }

    /// The one cache file of the fixture's repository.
    private func cacheFile(_ fixture: ManifestFixture) throws -> String {
        let folder = fixture.repository.path + "/.git/quill/manifest-cache"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        try #require(files.count == 1)
        return folder + "/" + files[0]
    }

    /// The settings a cache file says it was made with.
    private func storedSettings(_ bytes: [UInt8]) -> String {
        let count = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        return String(decoding: bytes[12..<12 + count], as: UTF8.self)
    }

    /// Writes the fixture's cache as `original` with `stamp` for `path` (its cached line kept) and the
    /// scan time `scannedAt`.
    private func forge(_ fixture: ManifestFixture, from original: [UInt8], path: String, stamp: FileStamp, scannedAt: (seconds: Int64, nanoseconds: Int64)) throws {
        let cache = try #require(RecordCache(bytes: original, settings: storedSettings(original)))
        var builder = RecordCache.Builder(settings: cache.settings, manifest: cache.manifest, scannedAt: scannedAt, capacity: original.count)
        for entry in cache.slots.indices {
            if cache.path(entry).elementsEqual(path.utf8) {
                builder.append(path: path, stamp: stamp, content: cache.content(entry), chunkCount: cache.chunkCount(entry), line: Array(cache.line(entry)))
            } else {
                builder.append(record: cache.record(entry))
            }
        }
        try Data(builder.finish(byPath: cache.byPath)).write(to: URL(fileURLWithPath: try cacheFile(fixture)))
    }
}
