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
    /// `GitError` with code `.modified` (moved) or `.exists` (created), and nothing changes.
    public func updateReference(_ name: String, to id: ObjectID, expecting expected: ObjectID?, message: String) throws(GitError) {
        var reference: OpaquePointer?
        var oid = id.oid
        if let expected {
            var current = expected.oid
            try check(git_reference_create_matching(&reference, handle, name, &oid, 1, &current, message), "git_reference_create_matching('\(name)')")
        } else {
            try check(git_reference_create(&reference, handle, name, &oid, 0, message), "git_reference_create('\(name)')")
        }
        git_reference_free(reference)
    }

    /// Deletes `name` only if it still points at `expected`.
    public func deleteReference(_ name: String, expecting expected: ObjectID) throws(GitError) {
        var reference: OpaquePointer?
        try check(git_reference_lookup(&reference, handle, name), "git_reference_lookup('\(name)')")
        defer { git_reference_free(reference) }
        guard let current = git_reference_target(reference), ObjectID(current) == expected else {
            throw GitError(code: .modified, message: "reference '\(name)' is not at \(expected.hex)", function: "deleteReference")
        }
        try check(git_reference_delete(reference), "git_reference_delete('\(name)')")
    }

    /// Every reference whose name starts with `prefix` (`refs/quill/`), loose and packed, sorted by name.
    public func references(withPrefix prefix: String) throws(GitError) -> [Reference] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, handle, prefix + "*"), "git_reference_iterator_glob_new('\(prefix)')")
        defer { git_reference_iterator_free(iterator) }
        var references = [Reference]()
        while true {
            var reference: OpaquePointer?
            let result = git_reference_next(&reference, iterator)
            if result == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try check(result, "git_reference_next")
            references.append(Reference(reference!))
            git_reference_free(reference)
        }
        return references.filter { $0.name.hasPrefix(prefix) }.sorted { $0.name < $1.name }
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
