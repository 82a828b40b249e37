import Foundation
import GitKit

/// How many two-hex-digit folder levels shard the id-named folders of an eval store tree.
///
/// Layout 1 (one level, `records/ab/cdef….json`) puts about n/256 entries in each shard, so at a
/// million records a batch rewrites every shard of 4,000 entries: a write costs O(store). Layout 2
/// (two levels, `records/ab/cd/ef….json`) keeps the leaves at about n/65,536 entries, so a write
/// rewrites only the small leaves it touches. A layout-2 tree says so with `layout.json` at its root;
/// layout 3 is layout 2 with a score summary per prompt version (`scores/…`), and says so with another
/// `layout.json`.
enum StoreFanout: Int, Sendable {
    case one = 1
    case two = 2

    /// The content of `layout.json` in a layout-2 tree (canonical JSON).
    static let marker = Data(#"{"fanout":2,"quill":1}"#.utf8)
    /// The content of `layout.json` in a layout-3 tree: layout 2 with `scores/` (canonical JSON).
    static let summaryMarker = Data(#"{"fanout":2,"quill":1,"scores":1}"#.utf8)
    /// The blob ids of `marker` and `summaryMarker`.
    static let markerID = constantBlobID(marker)
    static let summaryMarkerID = constantBlobID(summaryMarker)

    /// The fan-out of the store tree `tree`: two when its `layout.json` is the layout-2 or layout-3
    /// marker, one when it has none. Complexity: one scan of the root tree (seven entries).
    init(of tree: ObjectID, in repository: Repository) throws {
        self = try StoreFanout.layout(of: tree, in: repository) == 1 ? .one : .two
    }

    /// The layout of the store tree `tree`: 1, 2 or 3 (docs/storage.md); a `layout.json` of any other
    /// content is a later layout, refused rather than misread.
    static func layout(of tree: ObjectID, in repository: Repository) throws -> Int {
        guard let entry = try repository.treeEntryTarget(named: StorePath.layoutFile, inTree: tree) else { return 1 }
        switch entry.id {
        case markerID: return 2
        case summaryMarkerID: return 3
        default:
            throw QuillError(
                .repository,
                "'\(EvalStore.reference)' has a '\(StorePath.layoutFile)' this version of quill does not know (\(entry.id.abbreviated())); upgrade quill to read it")
        }
    }

    private static func constantBlobID(_ data: Data) -> ObjectID {
        guard let id = try? Repository.blobID(of: data) else { preconditionFailure("hashing a constant blob failed") }
        return id
    }
}
