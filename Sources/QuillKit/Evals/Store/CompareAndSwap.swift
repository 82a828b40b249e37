import Foundation
import GitKit

/// Appends to an append-only ref: build a new commit from the tip that was read, move the ref only
/// if it is still at that tip, and on a lost race build again on the new tip.
///
/// A ref locked by another writer is waited for; a lock file that stays longer than any live writer
/// holds one (`staleLockAge`) was left by a killed process, and stops the append with an error that
/// names the file, as git does: removing it is the user's call, since no lock file says who owns it.
struct CompareAndSwap {
    let repository: Repository
    let reference: String
    /// How many lost races to redo before giving up.
    var attempts = 200
    /// How old, in seconds, a lock file must be to count as left behind. A live libgit2 or git writer
    /// holds a ref lock for milliseconds (git itself waits 100 ms for one by default).
    var staleLockAge: TimeInterval = 2

    /// Runs `build` on the current tip until the ref moves to its result; `build` returns `nil` when
    /// there is nothing to add on that tip. Returns the new tip, or `nil` when nothing was added.
    func append(_ build: (_ tip: ObjectID?) throws -> ObjectID?) throws -> ObjectID? {
        var lostRaces = 0
        var built: (tip: ObjectID?, commit: ObjectID)?
        while true {
            let tip = try repository.referenceTarget(reference)
            let commit: ObjectID
            if let built, built.tip == tip {
                commit = built.commit  // only the lock was in the way: the same commit still fits
            } else {
                guard let fresh = try build(tip) else { return nil }
                commit = fresh
                built = (tip, fresh)
            }
            do {
                try repository.writePendingObjects()  // a packing handle's objects reach the disk first
                try repository.updateReference(reference, to: commit, expecting: tip, message: "quill: append")
                return commit
            } catch {
                switch error.code {
                case .modified, .exists:
                    // Another writer won; back off a little (jittered) and redo the additions on its tip.
                    lostRaces += 1
                    guard lostRaces < attempts else {
                        throw QuillError(.repository, "could not update '\(reference)': other writers kept moving it; try again")
                    }
                    usleep(UInt32.random(in: 200...2_000) * UInt32(min(lostRaces, 10)))
                case .locked:
                    try refuseStaleLock()
                    usleep(UInt32.random(in: 500...3_000))
                default:
                    throw error
                }
            }
        }
    }

    /// Throws when the ref's lock file has been there for `staleLockAge` or longer.
    private func refuseStaleLock() throws {
        let path = repository.lockFilePath(forReference: reference)
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return }
        let age = Date().timeIntervalSince(modified)
        guard age >= staleLockAge else { return }
        throw QuillError(
            .repository,
            "cannot update '\(reference)': its lock file '\(path)' has existed for \(Int(age)) s; another git or quill process may be writing it, or one was killed while writing; if none is running, remove '\(path)' and try again")
    }
}
