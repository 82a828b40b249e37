import Foundation
import GitKit

/// How many two-hex-digit folder levels shard the id-named folders of an eval store tree.
///
/// Layout 1 (one level, `records/ab/cdef….json`) puts about n/256 entries in each shard, so at a
/// million records a batch rewrites every shard of 4,000 entries: a write costs O(store). Layout 2
/// (two levels, `records/ab/cd/ef….json`) keeps the leaves at about n/65,536 entries, so a write
/// rewrites only the small leaves it touches. A layout-2 tree says so with `layout.json` at its root.
enum StoreFanout: Int, Sendable {
    case one = 1
    case two = 2

    /// The content of `layout.json` in a layout-2 tree (canonical JSON).
    static let marker = Data(#"{"fanout":2,"quill":1}"#.utf8)
    /// The blob id of `marker`.
    static let markerID: ObjectID = {
        guard let id = try? Repository.blobID(of: marker) else { preconditionFailure("hashing a constant blob failed") }
        return id
    }()

    /// The fan-out of the store tree `tree`: two when its `layout.json` is the layout-2 marker, one
    /// when it has none. Complexity: one scan of the root tree (six entries).
    init(of tree: ObjectID, in repository: Repository) throws {
        guard let entry = try repository.treeEntryTarget(named: StorePath.layoutFile, inTree: tree) else {
            self = .one
            return
        }
        guard entry.id == StoreFanout.markerID else {
            throw QuillError(
                .repository,
                "'\(EvalStore.reference)' has a '\(StorePath.layoutFile)' this version of quill does not know (\(entry.id.abbreviated())); upgrade quill to read it")
        }
        self = .two
    }
}
