import Foundation
import GitKit

/// Picks the reader for what `manifest record` was given: a Chroma directory (it holds
/// `chroma.sqlite3`), a LlamaIndex storage folder (`docstore.json`), Quill's manifest file (`.json`,
/// `.jsonl`), or any other folder of documents.
enum ManifestSources {
    /// Reads the snapshot at `path` (absolute; `shown` as the user named it).
    static func read(
        _ path: String, shown: String, splitter: TextSplitter, content: ManifestHeader.ContentMode, collection: String?,
        cache: @autoclosure () -> RecordCache?
    ) throws -> ManifestSnapshot {
        guard let entry = FolderListing.entry(atPath: path) else {
            throw QuillError.badInput("'\(shown)' does not exist; expected a folder of documents, a Chroma or LlamaIndex folder, or a manifest file")
        }
        switch entry.kind {
        case .folder:
            if FolderListing.entry(atPath: path + "/" + ChromaSource.fileName)?.kind == .file {
                return try ChromaSource(root: path, shown: shown, collection: collection).read()
            }
            if FolderListing.entry(atPath: path + "/" + LlamaIndexSource.docstore)?.kind == .file {
                return try LlamaIndexSource(root: path, shown: shown).read()
            }
            return try FolderSource(root: path, shown: shown, splitter: splitter).read(cache: cache())
        case .file where path.hasSuffix(".json") || path.hasSuffix(".jsonl"):
            return try QuillManifestSource(path: path, shown: shown, splitter: splitter, content: content).read()
        case .file, .other:
            throw QuillError.badInput("'\(shown)' is not a folder or a .json/.jsonl manifest file; expected a folder of documents, a Chroma or LlamaIndex folder, or a manifest file")
        }
    }
}
