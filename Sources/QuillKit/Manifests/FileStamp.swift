import Foundation

/// What `lstat` says about a file that changes when its content may have: size, modification and
/// status-change times, inode (the fields git's index compares).
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64
    var changedSeconds: Int64
    var changedNanoseconds: Int64
    var inode: UInt64

    /// Whether the file was last modified at or after `instant` (seconds, nanoseconds): a change made
    /// in the same tick as a scan could leave the stamp as it was, so such a file is read again (git's
    /// "racily clean" entries).
    func isRacy(against instant: (seconds: Int64, nanoseconds: Int64)) -> Bool {
        (modifiedSeconds, modifiedNanoseconds) >= instant
    }

    /// The current wall-clock time as (seconds, nanoseconds).
    static func now() -> (seconds: Int64, nanoseconds: Int64) {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return (Int64(time.tv_sec), Int64(time.tv_nsec))
    }
}

/// One entry of a folder, as `lstat` sees it (links are never followed).
struct FolderEntry {
    enum Kind { case file, folder, other }
    let kind: Kind
    let stamp: FileStamp

    /// `lstat` of `path`, or `nil` when it cannot be read.
    static func at(_ path: String) -> FolderEntry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        let kind: Kind = type == S_IFREG ? .file : type == S_IFDIR ? .folder : .other
        let stamp = FileStamp(
            size: Int64(info.st_size), modifiedSeconds: Int64(info.st_mtim.tv_sec), modifiedNanoseconds: Int64(info.st_mtim.tv_nsec),
            changedSeconds: Int64(info.st_ctim.tv_sec), changedNanoseconds: Int64(info.st_ctim.tv_nsec), inode: UInt64(info.st_ino))
        return FolderEntry(kind: kind, stamp: stamp)
    }
}
