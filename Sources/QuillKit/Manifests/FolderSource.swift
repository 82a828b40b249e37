import Foundation
import GitKit

/// A folder of source documents: every regular file below it whose path has no component starting
/// with `.`, as UTF-8 text, with the relative path (`/`-separated) as its id and chunks from Quill's
/// splitter. Links are never followed and nothing outside the folder is read.
struct FolderSource {
    /// Deeper folders than this are refused (a loop of bind mounts, a hostile tree).
    static let maximumDepth = 64

    /// The folder, absolute.
    let root: String
    /// The folder as the user named it, for messages.
    let shown: String
    let splitter: TextSplitter

    /// Reads the folder; files the cache says are unchanged are not opened.
    func read(cache: RecordCache?) throws -> ManifestSnapshot {
        var snapshot = ManifestSnapshot(
            store: .init(kind: "folder"), embedding: nil,
            chunking: .init(method: TextSplitter.method, size: splitter.size, overlap: splitter.overlap), index: nil, documents: [], cache: cache, scannedAt: FileStamp.now())
        var position = 0
        try walk("", depth: 0, into: &snapshot, position: &position)
        return snapshot
    }

    /// `position`: where in the cache's path order the next file is expected.
    private func walk(_ relative: String, depth: Int, into snapshot: inout ManifestSnapshot, position: inout Int) throws {
        guard depth < FolderSource.maximumDepth else {
            throw QuillError.badInput("'\(shown)/\(relative)' is nested deeper than \(FolderSource.maximumDepth) folders; expected a folder of documents")
        }
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let entries = FolderListing.entries(atPath: folder) else {
            throw QuillError.badInput("cannot read the folder '\(relative.isEmpty ? shown : shown + "/" + relative)'; expected a readable folder of documents")
        }
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let id = relative.isEmpty ? entry.name : relative + "/" + entry.name
            switch entry.kind {
            case .folder: try walk(id, depth: depth + 1, into: &snapshot, position: &position)
            case .other: continue
            case .file:
                let stamp = FileStamp(entry)
                if let cached = snapshot.cache?.unchanged(id, stamp: stamp, position: &position) {
                    snapshot.reused.append(cached)
                    continue
                }
                snapshot.documents.append(try document(id, stamp: stamp))
            }
        }
    }

    private func document(_ id: String, stamp: FileStamp) throws -> ManifestSnapshot.Document {
        guard let data = FileManager.default.contents(atPath: root + "/" + id) else {
            throw QuillError.badInput("cannot read '\(shown)/\(id)'; expected a readable document")
        }
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw QuillError.badInput("'\(shown)/\(id)' is not UTF-8 text; expected documents in UTF-8 (move other files out of the folder or name them with a leading '.')")
        }
        return .init(id: id, bytes: bytes, chunks: splitter.chunks(of: bytes, id: id), stamp: stamp)
    }
}
