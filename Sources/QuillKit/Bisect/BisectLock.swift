import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive hold on a work tree's bisect session for the length of one command, so two `quill
/// bisect` commands never interleave their steps: an advisory `flock` on `quill/bisect.lock` in the
/// git directory, beside the session (`BisectStateFile.lock()`). The system drops it when the process ends, even when killed, so it never goes stale;
/// evaluator runs do not inherit it.
final class BisectLock {
    private let descriptor: Int32

    /// Takes the lock file at `path` (its folder created when missing), or fails at once when
    /// another process holds it.
    init(path: String) throws {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw QuillError(.repository, "cannot open the bisect lock '\(path)': \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw QuillError(.repository, "another 'quill bisect' is running in this work tree (it holds '\(path)'); wait for it to finish or stop it")
        }
    }

    deinit {
        close(descriptor)
    }
}
