import Foundation
import GitKit

/// What `lstat` says about a file that changes when its content may have: size, modification and
/// status-change times, inode (the fields git's index compares).
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var changedSeconds: Int64
    var changedNanoseconds: Int64
    var inode: UInt64

    init(size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, changedSeconds: Int64, changedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedSeconds = modifiedSeconds
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedSeconds = changedSeconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
    }

    /// The stamp of a folder entry.
    init(_ entry: FolderListing.Entry) {
        self.init(
            size: entry.size, modifiedSeconds: entry.modifiedSeconds, modifiedNanoseconds: entry.modifiedNanoseconds, changedSeconds: entry.changedSeconds,
            changedNanoseconds: entry.changedNanoseconds, inode: entry.inode)
    }

    /// The current time by the clock the kernel stamps files with (the coarse real-time clock, which
    /// can lag the precise one by a tick): a file changed after this call has a modification time at
    /// or after it.
    static func now() -> (seconds: Int64, nanoseconds: Int64) {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &time)
        return (Int64(time.tv_sec), Int64(time.tv_nsec))
    }
}
