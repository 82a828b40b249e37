internal import CLibGit2

extension Repository {
    /// Whether git accepts `name` as a full reference name.
    public static func isValidReferenceName(_ name: String) -> Bool {
        LibGit2.isValid { git_reference_name_is_valid(&$0, name) }
    }

    /// The reference `name` as stored (not followed), or `nil` when there is none.
    public func reference(named name: String) throws(GitError) -> Reference? {
        var reference: OpaquePointer?
        guard try checkFound(git_reference_lookup(&reference, handle, name), "git_reference_lookup('\(name)')") else { return nil }
        defer { git_reference_free(reference) }
        return Reference(reference!)
    }

    /// The object id `name` resolves to, following symbolic references; `nil` when it does not exist.
    public func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, handle, name)
        guard try checkFound(result, "git_reference_name_to_id('\(name)')") else { return nil }
        return ObjectID(oid)
    }

    /// Points `name` at `id` only if it currently points at `expected` (`nil`: only if it does not exist).
    ///
    /// This is compare-and-swap: a concurrent writer that moved the reference first makes this throw
    /// `GitError` with code `.modified` (moved) or `.exists` (created), and nothing changes. A reference
    /// locked by another writer (its `<name>.lock` file exists) throws `.locked`.
    ///
    /// Interrupts (SIGINT, SIGTERM, SIGHUP, SIGQUIT) are held back while the lock is held, so they
    /// cannot leave the lock file behind.
    public func updateReference(_ name: String, to id: ObjectID, expecting expected: ObjectID?, message: String) throws(GitError) {
        try InterruptShield.run { () throws(GitError) in
            guard let expected else { return try createReference(name, to: id, message: message) }
            var reference: OpaquePointer?
            var oid = id.oid
            var current = expected.oid
            // libgit2 compares the current value after taking the lock, so this is atomic.
            try check(git_reference_create_matching(&reference, handle, name, &oid, 1, &current, message), "git_reference_create_matching('\(name)')")
            git_reference_free(reference)
        }
    }

    /// Creates `name` at `id` only if it does not exist, deciding under the reference's lock.
    ///
    /// `git_reference_create` without force checks for an existing reference before it takes the lock
    /// (libgit2 1.5), so two concurrent creators can both pass the check and the second overwrites the
    /// first. A transaction takes the lock first, then the check and the write happen under it.
    private func createReference(_ name: String, to id: ObjectID, message: String) throws(GitError) {
        var transaction: OpaquePointer?
        try check(git_transaction_new(&transaction, handle), "git_transaction_new")
        defer { git_transaction_free(transaction) }  // unlocks (removes the lock file) if not committed
        try check(git_transaction_lock_ref(transaction, name), "git_transaction_lock_ref('\(name)')")
        if try referenceTarget(name) != nil {
            throw GitError(code: .exists, message: "reference '\(name)' already exists", function: "createReference('\(name)')")
        }
        var oid = id.oid
        try check(git_transaction_set_target(transaction, name, &oid, nil, message), "git_transaction_set_target('\(name)')")
        try check(git_transaction_commit(transaction), "git_transaction_commit('\(name)')")
    }

    /// The references whose names start with `prefix` (such as `refs/quill/`), as stored.
    public func references(under prefix: String) throws(GitError) -> [Reference] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, handle, prefix + "*"), "git_reference_iterator_glob_new('\(prefix)')")
        defer { git_reference_iterator_free(iterator) }
        var found = [Reference]()
        var reference: OpaquePointer?
        while true {
            let result = git_reference_next(&reference, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "git_reference_next")
            found.append(Reference(reference!))
            git_reference_free(reference)
        }
        return found
    }

    /// Deletes the reference `name`; nothing happens when there is none.
    public func deleteReference(_ name: String) throws(GitError) {
        let result = git_reference_remove(handle, name)
        guard result != GIT_ENOTFOUND.rawValue else { return git_error_clear() }
        try check(result, "git_reference_remove('\(name)')")
    }

    /// The lock file a writer of the reference `name` holds while it moves it (`<git dir>/<name>.lock`).
    public func lockFilePath(forReference name: String) -> String {
        commonDirectoryPath + name + ".lock"
    }
}

extension Reference {
    /// Copies a libgit2 reference.
    init(_ reference: OpaquePointer) {
        name = String(cString: git_reference_name(reference))
        if let symbolic = git_reference_symbolic_target(reference) {
            target = .symbolic(String(cString: symbolic))
        } else {
            target = .direct(git_reference_target(reference).map(ObjectID.init) ?? .zero)
        }
    }
}
