import Foundation
import GitKit

/// The vectors Chroma has moved out of its write-ahead queue into a persisted HNSW segment: the
/// segment folder (named by the segment's id in `chroma.sqlite3`) holds hnswlib's files
/// (`HNSWIndexFiles`) and `index_metadata.pickle`, whose `id_to_label` maps each record id to its
/// hnswlib label: a pickled dict (Chroma 1.x) or a pickled `PersistentData` object holding the same
/// fields (Chroma 0.5 to 0.6, read as data: the class is never imported). The last queue entry the
/// files hold is the pickle's `max_seq_id` when it has one, else the `max_seq_id` table's.
///
/// A segment folder that does not exist, or holds no `index_metadata.pickle`, holds no vectors yet
/// (Chroma writes the pickle when it first persists). The folder must be a real folder inside the
/// directory: a symbolic link is refused, never followed.
struct ChromaVectorSegment {
    static let metadataFile = "index_metadata.pickle"
    /// The class Chroma 0.5 and 0.6 pickle the mapping as.
    static let persistentData = "chromadb.segment.impl.vector.local_persistent_hnsw.PersistentData"
    /// At most this many bytes of pickle are read (about ten million ids).
    static let maximumMetadataSize = 1 << 29

    /// The checksum of each id's embedding, as Chroma returns it.
    let checksums: [String: String]
    /// The queue entry the files are up to date with, when the pickle says.
    let maxSeqID: Int64?

    /// Reads segment `id` of the directory at `root` (shown as `shown`); `nil` when it holds no vectors.
    static func read(id: String, root: String, shown: String, dimension: Int?, cosine: Bool) throws -> ChromaVectorSegment? {
        let folder = shown + "/" + id
        guard id.count == 36, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw QuillError.badInput("'\(shown)/chroma.sqlite3' names vector segment '\(id.prefix(80))'; expected a UUID")
        }
        guard let entry = FolderListing.entry(atPath: root + "/" + id) else { return nil }
        guard entry.kind == .folder else {
            throw QuillError.badInput("'\(folder)' is a symbolic link or not a folder; expected the segment folder Chroma writes inside the directory")
        }
        let pickle: ContainedFile
        do {
            pickle = try ContainedFile.open(id + "/" + metadataFile, in: root)
        } catch .missing {
            return nil
        } catch {
            throw QuillError.badInput("'\(folder)/\(metadataFile)' is a symbolic link or not a regular file; expected the id mapping Chroma writes")
        }
        guard pickle.size <= maximumMetadataSize, let bytes = pickle.read(at: 0, count: pickle.size) else {
            throw QuillError.badInput("'\(folder)/\(metadataFile)' holds \(pickle.size) bytes; expected at most \(maximumMetadataSize) bytes, read whole")
        }
        let (labels, maxSeqID) = try mapping(bytes, file: folder + "/" + metadataFile)
        let index = try HNSWIndexFiles(segment: id, root: root, shown: shown, dimension: dimension, withLengths: cosine)
        var checksums = [String: String]()
        // hnswlib finds a label's last element; a deleted one has no vector.
        try index.forEachElement { element in
            guard let id = labels[element.label] else { return }
            checksums[id] = element.isDeleted ? nil : try ChromaEmbedding.checksum(stored: element.vector, length: element.length)
        }
        return ChromaVectorSegment(checksums: checksums, maxSeqID: maxSeqID)
    }

    /// The id of each label, and the pickle's `max_seq_id`, from the pickled metadata.
    private static func mapping(_ bytes: Data, file: String) throws -> (labels: [UInt64: String], maxSeqID: Int64?) {
        let value: PickleValue
        do {
            value = try PickleReader.decode(Array(bytes), classes: [persistentData])
        } catch {
            throw QuillError.badInput("'\(file)': byte \(error.offset): \(error.reason); expected Chroma's id mapping, a pickled dict of strings and integers")
        }
        guard case .dict(let pairs)? = value["id_to_label"] else {
            throw QuillError.badInput("'\(file)' has no 'id_to_label' dict; expected Chroma's id mapping")
        }
        var labels = [UInt64: String]()
        for (key, label) in pairs {
            guard case .string(let id) = key, case .int(let number) = label, number >= 0 else {
                throw QuillError.badInput("'\(file)': 'id_to_label' holds an entry that is not a string id with a label; expected string ids and non-negative integer labels")
            }
            guard labels.updateValue(id, forKey: UInt64(number)) == nil else {
                throw QuillError.badInput("'\(file)': 'id_to_label' gives label \(number) to two ids; expected one label per id")
            }
        }
        if case .int(let seq)? = value["max_seq_id"] { return (labels, seq) }
        return (labels, nil)
    }
}
