internal import CLibGit2
import Foundation

/// An open git repository. Frees its libgit2 handle when released; use from one thread at a time.
public final class Repository {
    let handle: OpaquePointer
    /// The object backend of a packing handle (`openPackingHandle()`), which writes its pack.
    var packing: PackingBackend?
    /// The pack files as they were when first needed, read directly (`PackReader`) as a walk reads
    /// them unless `readPacksForLookUps()` was called; `nil` when there are none.
    lazy var packs: PackReader? = PackReader(gitDirectory: commonDirectoryPath)
    /// The quarantine folder this handle reads besides the repository's objects (`openQuarantineHandle()`).
    var quarantinePath: String?
    /// Whether the packs are read for look-ups (`readPacksForLookUps()`) rather than as a walk reads them.
    private(set) var readsPacksForLookUps = false
    /// The blobs rename detection could not read (a partial clone's, a damaged repository's), each
    /// scored as not similar; a caller checks it to say its answer may be incomplete.
    public internal(set) var unreadableRenameCandidates = Set<ObjectID>()
    /// The commits a shallow clone ends at, read once (`Repository+Shallow`); empty in a full clone.
    public private(set) lazy var shallowCommits: Set<ObjectID> = Repository.readShallowCommits(commonDirectory: commonDirectoryPath)

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Reads the pack files from now on as look-ups scattered over a large store want them read:
    /// packs past 16 MiB with `pread`, which keeps none of their pages resident, rather than through
    /// the mapped windows a history walk wants (`PackReader.Access`). For commands that read some
    /// thousands of objects far apart: a batch of records resolving its commits and rewriting index
    /// leaves all over a million-record store touched 100 MB of windows and mapped packs. The windows
    /// the process's walks kept are let go (`MappedWindows.dropKept()`), so a command that walks
    /// history first and then looks its records up (`eval list P`, `blame --metric`) does not hold
    /// the walk's 50 MB of index pages while it reads them.
    public func readPacksForLookUps() {
        packs = PackReader(gitDirectory: commonDirectoryPath, access: .reads)
        readsPacksForLookUps = true
        MappedWindows.indexes.dropKept()
        MappedWindows.packData.dropKept()
    }

    /// Opens the repository whose work tree or git folder is exactly `path`.
    public static func open(at path: String) throws(GitError) -> Repository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        try check(git_repository_open_ext(&handle, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil), "git_repository_open_ext('\(path)')")
        return Repository(handle: handle!)
    }

    /// Opens the repository containing `path`, searching its parent folders like git does.
    public static func discover(from path: String) throws(GitError) -> Repository {
        LibGit2.ensureInitialized()
        var handle: OpaquePointer?
        try check(git_repository_open_ext(&handle, path, 0, nil), "git_repository_open_ext('\(path)')")
        return Repository(handle: handle!)
    }

    /// Creates a repository at `path` (or reopens the one already there, like `git init`).
    public static func create(at path: String, bare: Bool = false, initialBranch: String? = nil) throws(GitError) -> Repository {
        LibGit2.ensureInitialized()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), "git_repository_init_options_init")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        var handle: OpaquePointer?
        let result: Int32 = withOptionalCString(initialBranch) { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, path, &options)
        }
        try check(result, "git_repository_init_ext('\(path)')")
        return Repository(handle: handle!)
    }

    /// The work tree's root folder (with a trailing slash), or `nil` for a bare repository.
    public var workTreePath: String? {
        git_repository_workdir(handle).map { String(cString: $0) }
    }

    /// The git folder (`.git`, or the repository itself when bare), with a trailing slash.
    public var gitDirectoryPath: String { String(cString: git_repository_path(handle)) }

    /// The git folder shared by all work trees (`$GIT_COMMON_DIR`), where the objects are: the
    /// main repository's for a linked work tree, else the same as `gitDirectoryPath`.
    public var commonDirectoryPath: String { String(cString: git_repository_commondir(handle)) }

    /// Whether HEAD names a commit directly rather than a branch.
    public var isHeadDetached: Bool { git_repository_head_detached(handle) == 1 }

    /// The commit HEAD resolves to, or `nil` when HEAD is unborn.
    public func headCommitID() throws(GitError) -> ObjectID? {
        var reference: OpaquePointer?
        let result = git_repository_head(&reference, handle)
        if result == GIT_EUNBORNBRANCH.rawValue || result == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(result, "git_repository_head")
        defer { git_reference_free(reference) }
        return git_reference_target(reference).map(ObjectID.init)
    }

    /// The full name of the branch HEAD points at (`refs/heads/main`), also when it is unborn; `nil` when detached.
    public func headBranchName() throws(GitError) -> String? {
        guard !isHeadDetached else { return nil }
        var reference: OpaquePointer?
        try check(git_reference_lookup(&reference, handle, "HEAD"), "git_reference_lookup('HEAD')")
        defer { git_reference_free(reference) }
        return git_reference_symbolic_target(reference).map { String(cString: $0) }
    }
}

/// Calls `body` with a C string for `string`, or NULL.
func withOptionalCString<Result>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
