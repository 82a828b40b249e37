internal import CLibGit2

extension Repository {
    /// The URL of the configured remote `name`, or `nil` when there is no such remote.
    public func remoteURL(named name: String) throws(GitError) -> String? {
        guard Repository.isValidRemoteName(name) else { return nil }
        var remote: OpaquePointer?
        guard try checkFound(git_remote_lookup(&remote, handle, name), "git_remote_lookup('\(name)')") else { return nil }
        defer { git_remote_free(remote) }
        return git_remote_url(remote).map { String(cString: $0) }
    }

    /// Whether git accepts `name` as a remote's name (`origin`, `upstream`).
    public static func isValidRemoteName(_ name: String) -> Bool {
        LibGit2.isValid { git_remote_name_is_valid(&$0, name) }
    }

    /// Fetches `refspecs` (such as `+refs/quill/*:refs/quill-remotes/origin/quill/*`) from `remote`, a
    /// configured remote's name or any URL libgit2 supports, and returns the references it advertised.
    ///
    /// The objects are received into a quarantine (`openQuarantineHandle()`) and `accept` is called with a
    /// handle that reads them and the advertised references, while no local reference has moved and no
    /// other reader can see the objects: when it throws, the quarantine is removed and the error rethrown,
    /// leaving the repository exactly as it was. Otherwise the objects join `objects/pack/` and the
    /// references move. A refspec whose source the remote does not have fetches nothing and is not an
    /// error. Tags are not followed and `FETCH_HEAD` is not written. Credentials come from the ssh agent,
    /// git's credential helpers or the system's default credentials, never from a prompt.
    ///
    /// When the `git` executable can be run (`receiver` `.automatic`), it fetches instead, with the same
    /// quarantine (`fetchWithGitInQuarantine`): its `index-pack` indexes a large pack several times faster
    /// than libgit2's single-threaded indexer. Then `accept` sees, and this returns, only the references
    /// fetched (by their names on the remote). In a shallow clone, whose history libgit2 1.5 cannot
    /// negotiate over (it walks to a missing parent), `git` always fetches.
    @discardableResult
    public func fetch(
        remote: String, refspecs: [String], receiver: FetchReceiver = .automatic, accept: (Repository, [Reference]) throws -> Void = { _, _ in }
    ) throws -> [Reference] {
        if isShallow || (receiver == .automatic && GitProcess.isAvailable) {
            return try fetchWithGitInQuarantine(remote: remote, refspecs: refspecs, accept: accept)
        }
        let (quarantined, folder) = try openQuarantineHandle()
        defer { folder.remove() }
        var refusal: (any Error)?
        let advertised = try quarantined.withRemote(remote, refspecsOnly: true) { (remoteHandle, session) throws(GitError) -> [Reference] in
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
            options.callbacks = try session.callbacks()
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            options.update_fetchhead = 0
            defer { git_remote_disconnect(remoteHandle) }
            let result = try withStringArray(refspecs) { array in
                git_remote_download(remoteHandle, &array, &options)
            }
            try session.check(result, "git_remote_download('\(remote)')")
            let advertised = try advertisedReferences(remoteHandle)
            do {
                try accept(quarantined, advertised)
                try quarantined.publishQuarantine(folder)
            } catch {
                refusal = error
                return advertised
            }
            try session.check(
                git_remote_update_tips(remoteHandle, &options.callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_NONE, "quill: fetch"),
                "git_remote_update_tips('\(remote)')")
            return advertised
        }
        if let refusal { throw refusal }
        return advertised
    }

    /// The branch the remote's `HEAD` names (`refs/heads/main`), as it advertises it; `nil` when it
    /// names none (a detached or empty remote).
    public func remoteDefaultBranch(_ remote: String) throws(GitError) -> String? {
        try withConnection(remote) { remoteHandle throws(GitError) -> String? in
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            guard try checkFound(git_remote_default_branch(&buffer, remoteHandle), "git_remote_default_branch('\(remote)')"),
                let text = buffer.ptr else { return nil }
            return String(cString: text)
        }
    }

    /// The references the remote advertises (`git ls-remote`).
    public func remoteReferences(_ remote: String) throws(GitError) -> [Reference] {
        try withConnection(remote) { remoteHandle throws(GitError) in try advertisedReferences(remoteHandle) }
    }

    /// Calls `body` with the remote connected for fetching (its own refspecs unused); disconnects after.
    private func withConnection<Result>(_ remote: String, _ body: (OpaquePointer) throws(GitError) -> Result) throws(GitError) -> Result {
        try withRemote(remote, refspecsOnly: true) { (remoteHandle, session) throws(GitError) -> Result in
            var callbacks = try session.callbacks()
            try session.check(git_remote_connect(remoteHandle, GIT_DIRECTION_FETCH, &callbacks, nil, nil), "git_remote_connect('\(remote)')")
            defer { git_remote_disconnect(remoteHandle) }
            return try body(remoteHandle)
        }
    }

    /// Pushes `refspecs` (such as `refs/quill/evals:refs/quill/evals`) to `remote` and returns the
    /// references the remote did not update.
    ///
    /// A refspec without `+` only fast-forwards: when the remote's reference is not an ancestor of the
    /// local one it is rejected (`fetch first` when its commit is not even here, `non-fast-forward`
    /// otherwise) without being sent, as `git push` does; a reference the server refuses (it moved
    /// during the push, a hook said no) is rejected with the server's message. A reference already at
    /// the local commit is not sent. Throws for a source reference that does not exist. In a shallow
    /// clone the `git` executable sends the pack (`git push --porcelain`, no hooks).
    @discardableResult
    public func push(remote: String, refspecs: [String]) throws(GitError) -> [PushRejection] {
        try withRemote(remote) { (remoteHandle, session) throws(GitError) -> [PushRejection] in
            var callbacks = try session.callbacks()
            try session.check(git_remote_connect(remoteHandle, GIT_DIRECTION_PUSH, &callbacks, nil, nil), "git_remote_connect('\(remote)')")
            var advertised = [String: ObjectID]()
            for reference in try advertisedReferences(remoteHandle) { advertised[reference.name] = reference.id }
            var rejections = [PushRejection]()
            var sending = [(refspec: String, destination: String)]()
            for refspec in refspecs {
                let parsed = try PushRefspec(refspec)
                guard let local = try referenceTarget(parsed.source) else {
                    throw GitError(code: .notFound, message: "src refspec '\(parsed.source)' does not match any reference", function: "push")
                }
                let current = advertised[parsed.destination]
                if current == local { continue }
                if !parsed.isForced, let current {
                    if !containsObject(current) {
                        rejections.append(PushRejection(reference: parsed.destination, reason: "fetch first"))
                        continue
                    }
                    if try !isAncestor(current, of: local) {
                        rejections.append(PushRejection(reference: parsed.destination, reason: "non-fast-forward"))
                        continue
                    }
                }
                sending.append((refspec, parsed.destination))
            }
            guard !sending.isEmpty else { return rejections }
            if isShallow {
                // libgit2 1.5 walks the history below a shallow clone's boundary to build the pack, and fails.
                return rejections + (try GitProcess.push(gitDirectory: commonDirectoryPath, remote: remote, refspecs: sending.map(\.refspec)))
            }
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options_init")
            options.callbacks = callbacks
            let result = try withStringArray(sending.map(\.refspec)) { array in
                git_remote_push(remoteHandle, &array, &options)
            }
            if result == GIT_ENONFASTFORWARD.rawValue {
                // libgit2 checked again and found the remote ahead of us: none of them was sent.
                git_error_clear()
                return rejections + sending.map { PushRejection(reference: $0.destination, reason: "non-fast-forward") }
            }
            try session.check(result, "git_remote_push('\(remote)')")
            return rejections + session.rejections
        }
    }

    /// Calls `body` with the configured remote `remote` (else an anonymous remote for the URL `remote`)
    /// and a session for its callbacks; frees the remote afterwards. With `refspecsOnly`, a configured
    /// remote is used through an anonymous one for its URL, so its own fetch refspecs (a mirror's
    /// `+refs/*:refs/*`) move no reference beyond those fetched, as `git fetch --refmap=` does.
    private func withRemote<Result>(
        _ remote: String, refspecsOnly: Bool = false, _ body: (OpaquePointer, RemoteSession) throws(GitError) -> Result
    ) throws(GitError) -> Result {
        LibGit2.prepareConnections()
        var remoteHandle: OpaquePointer?
        var isConfigured = false
        var url = remote
        if Repository.isValidRemoteName(remote) {
            isConfigured = try checkFound(git_remote_lookup(&remoteHandle, handle, remote), "git_remote_lookup('\(remote)')")
        }
        if isConfigured, refspecsOnly, let configuredURL = git_remote_url(remoteHandle) {
            url = String(cString: configuredURL)
            git_remote_free(remoteHandle)
            isConfigured = false
        }
        if !isConfigured {
            try check(git_remote_create_anonymous(&remoteHandle, handle, url), "git_remote_create_anonymous('\(url)')")
        }
        defer { git_remote_free(remoteHandle) }
        let session = RemoteSession(gitDirectory: gitDirectoryPath)
        let result = try withExtendedLifetime(session) { () throws(GitError) -> Result in try body(remoteHandle!, session) }
        session.succeeded()
        return result
    }

    /// The references a connected (or once-connected) remote advertised.
    private func advertisedReferences(_ remote: OpaquePointer) throws(GitError) -> [Reference] {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try check(git_remote_ls(&heads, &count, remote), "git_remote_ls")
        guard let heads else { return [] }
        return (0..<count).compactMap { index in
            guard let head = heads[index]?.pointee, let name = head.name else { return nil }
            return Reference(name: String(cString: name), target: .direct(ObjectID(head.oid)))
        }
    }
}

/// A push refspec, parsed by libgit2: `[+]source:destination`.
private struct PushRefspec {
    let source: String
    let destination: String
    let isForced: Bool

    init(_ text: String) throws(GitError) {
        var refspec: OpaquePointer?
        try check(git_refspec_parse(&refspec, text, 0), "git_refspec_parse('\(text)')")
        defer { git_refspec_free(refspec) }
        source = String(cString: git_refspec_src(refspec))
        destination = git_refspec_dst(refspec).map { String(cString: $0) } ?? source
        isForced = git_refspec_force(refspec) == 1
    }
}
