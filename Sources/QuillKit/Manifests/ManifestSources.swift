import Foundation

/// Picks the reader for what `manifest record` was given.
enum ManifestSources {
    /// Reads the snapshot at `path` (absolute; `shown` as the user named it).
    static func read(_ path: String, shown: String, splitter: TextSplitter, collection: String?, cache: @autoclosure () -> RecordCache?) throws -> ManifestSnapshot {
        guard let entry = FolderEntry.at(path) else {
            throw QuillError.badInput("'\(shown)' does not exist; expected a folder of documents, a Chroma or LlamaIndex folder, or a manifest file")
        }
        switch entry.kind {
        case .folder:
            return try FolderSource(root: path, shown: shown, splitter: splitter).read(cache: cache())
        case .file, .other:
            throw QuillError.badInput("'\(shown)' is not a folder; expected a folder of documents, a Chroma or LlamaIndex folder, or a manifest file")
        }
    }
}
