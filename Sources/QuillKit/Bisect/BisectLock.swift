import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive hold on a work tree's bisect session for the length of one command, so two `quill
/// bisect` commands never interleave their steps: an advisory `flock` on `quill/bisect.lock` in the
/// git directory, beside the session (`BisectStateFile.lock()`). The system drops it when the process ends, even when killed, so it never goes stale;
/// evaluator runs do not inherit it.
///
/// A command that ends with no session removes the file (and its folder when empty) while it still holds
/// it, so a bad start leaves the git directory as it was; a process that locked a file removed meanwhile
/// sees that the path no longer names what it locked and takes the lock again on the new file.
final class BisectLock {
    private let descriptor: Int32
    private let path: String

    /// Takes the lock file at `path` (its folder created when missing), or fails when another process
    /// still holds it a second later.
    init(path: String) throws {
        self.path = path
        for _ in 0..<3 {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                if errno == ENOENT { continue }  // the folder was removed meanwhile by a command ending
                throw QuillError(.repository, "cannot open the bisect lock '\(path)': \(String(cString: strerror(errno)))")
            }
            guard Self.lock(descriptor) else {
                close(descriptor)
                throw QuillError(.repository, "another 'quill bisect' is running in this work tree (it holds '\(path)'); wait for it to finish or stop it")
            }
            var locked = stat(), current = stat()
            if fstat(descriptor, &locked) == 0, stat(path, &current) == 0, locked.st_ino == current.st_ino, locked.st_dev == current.st_dev {
                self.descriptor = descriptor
                return
            }
            close(descriptor)  // removed by the holder before it let go: lock the new file
        }
        throw QuillError(.repository, "cannot take the bisect lock '\(path)': it keeps being removed; try again")
    }

    /// Takes the exclusive lock on `descriptor`, trying for up to a second. A lock is held by an open
    /// file description, and a child forked by another thread of the same program shares it until the
    /// child execs (close-on-exec drops it only then): a lock just released can look held for that
    /// moment, which a loaded machine stretches to milliseconds.
    private static func lock(_ descriptor: Int32) -> Bool {
        for attempt in 0..<40 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK, attempt < 39 else { return false }
            usleep(25_000)
        }
        return false
    }

    /// Removes the lock file, and its folder when that is left empty, while the lock is still held.
    func removeFile() {
        unlink(path)
        rmdir((path as NSString).deletingLastPathComponent)
    }

    deinit {
        close(descriptor)
    }
}
