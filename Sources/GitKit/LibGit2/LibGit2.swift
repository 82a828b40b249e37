internal import CDeferredConnectionSetup
internal import CLibGit2

/// Process-wide libgit2 state: initialised once on first use, never shut down.
enum LibGit2 {
    /// Touch before the first libgit2 call; the initialiser runs exactly once per process.
    static let initialized: Bool = {
        // The CA certificates and libssh2 wait for the first connection (`prepareConnections`).
        quill_git_init_deferring_connection_setup()
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

    /// Parses the CA certificates for HTTPS and starts libssh2, once; call before connecting to a remote.
    static func prepareConnections() {
        ensureInitialized()
        quill_git_prepare_connections()
    }

    /// The CA certificates' file or folder that initialisation deferred; nil when libgit2 asked for none.
    static var deferredCertificateLocation: String? {
        quill_git_deferred_certificate_location().map { String(cString: $0) }
    }

    /// How many times CA certificates were parsed in this process: 0 until a connection needed them.
    static var certificateParses: Int {
        Int(quill_git_certificate_parses())
    }

    /// How many times TLS's random generator was seeded in this process: 0 until a connection needed it.
    static var randomSeeds: Int {
        Int(quill_git_random_seeds())
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
    /// Where libgit2 looks for the global (`~/.gitconfig`) configuration; `nil` restores the default.
    ///
    /// Tests point this at an empty folder so the machine's identity does not leak into them.
    public static func setGlobalConfigSearchPath(_ path: String?) throws(GitError) {
        LibGit2.ensureInitialized()
        try check(quill_git_set_search_path(Int32(GIT_CONFIG_LEVEL_GLOBAL.rawValue), path), "git_libgit2_opts")
        try check(quill_git_set_search_path(Int32(GIT_CONFIG_LEVEL_XDG.rawValue), path), "git_libgit2_opts")
    }
}
