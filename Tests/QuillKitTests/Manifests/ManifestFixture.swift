import Foundation
import GitKit
@testable import QuillKit
import TestSupport

/// A repository and a folder of documents beside it, recorded as manifests through QuillKit.
final class ManifestFixture {
    let repository: TestRepository
    let documents: TemporaryFolder
    private var clock = 1_700_000_000

    init(repository: TestRepository? = nil) throws {
        self.repository = try repository ?? TestRepository()
        documents = try TemporaryFolder()
    }

    /// Writes `text` at `path` below the documents folder.
    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: documents.path + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Records the documents folder (or `source`) under `name`, a minute after the previous record.
    @discardableResult
    func record(name: String = "docs", source: String? = nil, content: ManifestHeader.ContentMode = .blobs, chunkSize: Int = 1000, overlap: Int = 200) throws -> ManifestRecordReport {
        clock += 60
        return try workspace().recordManifest(
            ManifestRecordRequest(source: source ?? documents.path, name: name, content: content, chunkSize: chunkSize, overlap: overlap),
            environment: TestEnvironment.variables(date: clock))
    }

    func workspace() throws -> Workspace {
        try Workspace.open(from: repository.path)
    }

    /// The tip of `refs/quill/manifests`, or nil.
    func storeTip() throws -> String? {
        let result = try ProcessRunner.run(
            TestEnvironment.gitPath, ["rev-parse", "-q", "--verify", "refs/quill/manifests"], in: repository.path, environment: TestEnvironment.variables())
        return result.status == 0 ? result.output : nil
    }
}
