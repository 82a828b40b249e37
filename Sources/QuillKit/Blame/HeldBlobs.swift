import Foundation
import GitKit

/// The versions the line blame still needs, cut into lines, as git's `blame_origin` holds its file: every origin
/// waiting in the queue holds its blob, and a blob no waiting origin holds is dropped as soon as the
/// origin that read it is done (git's `drop_origin_blob`), so memory follows the walk's frontier,
/// not the history's length.
struct HeldBlobs {
    private var holders = [ObjectID: Int]()
    private var contents = [ObjectID: LineTable]()
    /// Blobs read since the last `sweep`, dropped then unless an origin holds them.
    private var loose = [ObjectID]()

    /// Counts one more waiting origin whose file is `blob`.
    mutating func hold(_ blob: ObjectID) {
        holders[blob, default: 0] += 1
    }

    /// Counts one waiting origin less for `blob`, dropping its bytes when none is left.
    mutating func release(_ blob: ObjectID) {
        guard let count = holders[blob] else { return }
        if count > 1 {
            holders[blob] = count - 1
        } else {
            holders.removeValue(forKey: blob)
            contents.removeValue(forKey: blob)
        }
    }

    /// The lines of `blob`, kept from an earlier read while an origin holds it, else from `read`.
    mutating func lines(_ blob: ObjectID, orRead read: (ObjectID) throws -> LineTable) rethrows -> LineTable {
        if let lines = contents[blob] { return lines }
        let lines = try read(blob)
        contents[blob] = lines
        loose.append(blob)
        return lines
    }

    /// Drops the blobs read since the last sweep that no waiting origin holds.
    mutating func sweep() {
        for blob in loose where holders[blob] == nil { contents.removeValue(forKey: blob) }
        loose.removeAll(keepingCapacity: true)
    }
}
