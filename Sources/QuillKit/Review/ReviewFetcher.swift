import Foundation
import GitKit

/// Fetches what `quill review` needs and a CI checkout (`git clone --depth 1 --branch feature`,
/// `actions/checkout`) lacks, from the review's remote (`ReviewRemote`): the base branch, history down
/// to the merge base, and the eval records. With fetching off, it names the command that would fetch
/// instead (bad input).
///
/// The base branch and the history are fetched by the `git` executable (`Repository.fetchWithGit`:
/// libgit2 1.5 cannot fetch into a shallow clone); after such a fetch the workspace is reopened, so it
/// reads the new shallow boundary and packs. The records are fetched and merged as `quill sync` does,
/// without the push.
struct ReviewFetcher {
    /// How far below the shallow boundary the history is deepened, step by step, until the merge base is
    /// in: 64 commits, then twice as far each time, up to `ReviewRequest.fetchDepthLimit`.
    static let depths = [64, 128, 256, 512, 1024, ReviewRequest.fetchDepthLimit]
    /// The most the history is deepened: past this, review gives up and names the fetch to run.
    static var depthLimit: Int { ReviewRequest.fetchDepthLimit }

    private(set) var workspace: Workspace
    private(set) var remote: ReviewRemote?
    let isAllowed: Bool
    /// What was fetched, one line each (`'main' from 'origin'`), for the report.
    private(set) var fetched = [String]()

    init(workspace: Workspace, base: String?, isAllowed: Bool) throws {
        self.workspace = workspace
        self.remote = try ReviewRemote.of(base: base, in: workspace.repository)
        self.isAllowed = isAllowed
    }

    /// The commit `base` names; when it names a branch of the remote that this clone has not fetched
    /// (`origin/main` in a single-branch clone), that branch is fetched first (in a shallow clone only
    /// its newest commits).
    mutating func resolveBase(_ base: String) throws -> ObjectID {
        let local = try? workspace.resolveUserCommit(base)
        if let local { return local }
        guard let remote, let branch = remote.branch, let refspec = remote.branchRefspec,
            try workspace.repository.referenceTarget(remote.trackingReference!) == nil else {
            return try workspace.resolveUserCommit(base)
        }
        let shallow = workspace.repository.isShallow
        guard isAllowed else {
            let depth = shallow ? "--depth=\(Self.depths[0]) " : ""
            throw QuillError.badInput(
                "'\(base)' is not in this clone; run 'git fetch \(depth)\(Workspace.shellQuoted(remote.name)) \(Workspace.shellQuoted(refspec))', or review without --no-fetch")
        }
        try fetch(what: "'\(branch)'", sources: [refspec], depth: shallow ? .tips(Self.depths[0]) : .full)
        fetched.append("'\(branch)' from '\(remote.name)'")
        return try workspace.resolveUserCommit(base)
    }

    /// The remote's default branch, for a review without BASE in a clone without `<remote>/HEAD` (a
    /// single-branch clone): asked of the remote, then resolved (and fetched) as `resolveBase` does.
    /// `nil` when fetching is off, there is no remote, or its HEAD names no branch.
    mutating func defaultBase() throws -> (label: String, commit: ObjectID)? {
        guard isAllowed, let remote else { return nil }
        let advertised: String?
        do {
            advertised = try workspace.repository.remoteDefaultBranch(remote.name)
        } catch {
            throw unreachable(remote, what: "the default branch", error)
        }
        guard let advertised, advertised.hasPrefix("refs/heads/") else { return nil }
        let branch = String(advertised.dropFirst("refs/heads/".count))
        guard Repository.isValidReferenceName("refs/remotes/\(remote.name)/\(branch)") else { return nil }
        self.remote = ReviewRemote(name: remote.name, branch: branch)
        let label = "\(remote.name)/\(branch)"
        return (label, try resolveBase(label))
    }

    /// The merge base of `base` and `head`; in a shallow clone without it, the history of both is
    /// deepened from the remote, step by step, until it is there or it was deepened by `depthLimit`.
    mutating func mergeBase(_ base: ObjectID, _ head: ObjectID, labels: (base: String, head: String)) throws -> ObjectID {
        if let found = try workspace.repository.mergeBase(base, head) { return found }
        var deepened = 0
        defer { if deepened > 0, let remote { fetched.append("\(deepened) more commits of history from '\(remote.name)'") } }
        for depth in Self.depths {
            guard workspace.repository.isShallow, let remote else { break }
            guard isAllowed else {
                throw QuillError.badInput(
                    "'\(labels.base)' and '\(labels.head)' have no common ancestor in this shallow clone; run 'git fetch --deepen=\(Self.depthLimit) \(Workspace.shellQuoted(remote.name)) \(base.hex) \(head.hex)', or review without --no-fetch")
            }
            try fetch(what: "history", sources: [base.hex, head.hex], depth: .deeper(depth - deepened))
            deepened = depth
            if let found = try workspace.repository.mergeBase(base, head) { return found }
        }
        guard workspace.repository.isShallow else {
            throw QuillError.badInput("'\(labels.base)' and '\(labels.head)' have no common ancestor; expected a head branched from the base")
        }
        guard let remote else { throw workspace.noMergeBase(labels.base, labels.head) }
        throw QuillError.badInput(
            "'\(labels.base)' and '\(labels.head)' have no common ancestor even with this shallow clone deepened by \(Self.depthLimit) commits from '\(remote.name)' (the most review deepens); run 'git fetch --unshallow \(Workspace.shellQuoted(remote.name))' and retry")
    }

    /// Fetches the remote's eval records and notes and merges them into the local refs, as `quill sync`
    /// does without the push. Returns whether anything was fetched. With fetching off, refuses when this
    /// clone has no eval records at all (every verdict would be *not evaluated*) and does nothing otherwise.
    mutating func fetchRecords() throws -> Bool {
        guard let remote else { return false }
        guard isAllowed else {
            guard try workspace.repository.referenceTarget(SyncedRefs.evals) == nil else { return false }
            throw QuillError.badInput(
                "this clone has no eval records ('\(SyncedRefs.evals)'); run 'git fetch \(Workspace.shellQuoted(remote.name)) 'refs/quill/*:refs/quill/*' '\(SyncedRefs.notes):\(SyncedRefs.notes)'', or review without --no-fetch")
        }
        let repository = workspace.repository
        let target = try SyncRemote.resolve(remote.name, in: workspace)
        // A merge commit needs an identity; a CI checkout often has none, and these merges stay local.
        let signature = (try? repository.defaultSignature(for: .committer)) ?? Signature(name: "quill review", email: "quill-review@localhost")
        let merger = RefMerger(repository: repository, remote: target, signature: signature)
        let merges: [RefMerger.Merge]
        do {
            merges = try workspace.fetchAndMerge(target, remote: remote.name, merger: merger)
        } catch let error as GitError {
            throw unreachable(remote, what: "the eval records", error)
        }
        let gained = merges.filter { $0.action != .upToDate }
        if !gained.isEmpty { fetched.append("\(gained.map { "'\($0.reference)'" }.joined(separator: ", ")) from '\(remote.name)'") }
        return !gained.isEmpty
    }

    /// Fetches with git, then reopens the workspace so it sees the new history.
    private mutating func fetch(what: String, sources: [String], depth: FetchDepth) throws {
        guard let remote else { return }
        do {
            try workspace.repository.fetchWithGit(remote: remote.name, sources: sources, depth: depth)
        } catch where error.code == .notFound {
            throw QuillError.badInput("'\(remote.name)' has no branch \(what): \(error.message)")
        } catch {
            throw unreachable(remote, what: what, error)
        }
        workspace = try workspace.reopened()
    }

    /// The one line for a fetch that failed: the remote could not be reached or refused (exit 3).
    private func unreachable(_ remote: ReviewRemote, what: String, _ error: GitError) -> QuillError {
        QuillError(.repository, "cannot fetch \(what) from '\(remote.name)': \(error.message)")
    }
}

extension Workspace {
    /// The same workspace on a newly opened repository, which reads what another process (git) wrote.
    func reopened() throws -> Workspace {
        Workspace(
            repository: try Repository.open(at: repository.gitDirectoryPath), workTreeRoot: workTreeRoot, config: config,
            currentDirectory: currentDirectory)
    }
}
