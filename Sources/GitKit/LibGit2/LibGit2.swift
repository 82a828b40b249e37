internal import CLibGit2
import Foundation

/// Process-wide libgit2 state: initialised once on first use, never shut down.
enum LibGit2 {
    /// Touch before the first libgit2 call; the initialiser runs exactly once per process.
    static let initialized: Bool = {
        git_libgit2_init()
        // Reads are trusted as git trusts them (fsck verifies); writes are still hashed.
        quill_git_enable_strict_hash_verification(0)
        // Quill's walks remember what they need themselves; libgit2's cache would hold every object
        // read, growing memory with history length and costing a long free at exit.
        quill_git_enable_caching(0)
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }

    /// Runs a libgit2 `*_is_valid(&valid, …)` check; a failing check counts as invalid.
    static func isValid(_ check: (inout Int32) -> Int32) -> Bool {
        ensureInitialized()
        var valid: Int32 = 0
        guard check(&valid) == 0 else {
            git_error_clear()
            return false
        }
        return valid == 1
    }
}

/// Settings that apply to every repository this process opens.
public enum GitSettings {
    /// Starts libgit2's one-time initialisation on a thread of its own, so that its cost (mostly
    /// parsing the system's CA certificates for HTTPS, about 4 ms) overlaps what the process does
    /// before its first git call. The first call waits for it to finish.
    public static func initializeInBackground() {
        Thread { LibGit2.ensureInitialized() }.start()
    }

    /// Where libgit2 looks for the global (`~/.gitconfig`) configuration; `nil` restores the default.
    ///
    /// Tests point this at an empty folder so the machine's identity does not leak into them.
    public static func setGlobalConfigSearchPath(_ path: String?) throws(GitError) {
        LibGit2.ensureInitialized()
        try check(quill_git_set_search_path(Int32(GIT_CONFIG_LEVEL_GLOBAL.rawValue), path), "git_libgit2_opts")
        try check(quill_git_set_search_path(Int32(GIT_CONFIG_LEVEL_XDG.rawValue), path), "git_libgit2_opts")
    }
}
