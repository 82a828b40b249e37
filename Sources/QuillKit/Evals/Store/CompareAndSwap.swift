import Foundation
import GitKit

/// Appends to an append-only ref: build a new commit from the tip that was read, move the ref only
/// if it is still at that tip, and on a lost race build again on the new tip.
struct CompareAndSwap {
    let repository: Repository
    let reference: String
    /// How many lost races to redo before giving up.
    var attempts = 200

    /// Runs `build` on the current tip until the ref moves to its result; `build` returns `nil` when
    /// there is nothing to add on that tip. Returns the new tip, or `nil` when nothing was added.
    func append(_ build: (_ tip: ObjectID?) throws -> ObjectID?) throws -> ObjectID? {
        for attempt in 0..<attempts {
            let tip = try repository.referenceTarget(reference)
            guard let commit = try build(tip) else { return nil }
            do {
                try repository.updateReference(reference, to: commit, expecting: tip, message: "quill: append")
                return commit
            } catch {
                guard [.modified, .exists, .locked].contains(error.code) else { throw error }
                // Another writer won; back off a little (jittered) and redo the additions on its tip.
                usleep(UInt32.random(in: 200...2_000) * UInt32(min(attempt + 1, 10)))
            }
        }
        throw QuillError(.repository, "could not update '\(reference)': other writers kept moving it; try again")
    }
}
