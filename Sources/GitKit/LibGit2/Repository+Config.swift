internal import CLibGit2

extension Repository {
    /// The value of `key` (`user.name`) as git reads it across system, global and repository config.
    public func configString(_ key: String) throws(GitError) -> String? {
        let snapshot = try configSnapshot()
        defer { git_config_free(snapshot) }
        var value: UnsafePointer<CChar>?
        guard try checkFound(git_config_get_string(&value, snapshot, key), "git_config_get_string('\(key)')") else { return nil }
        return value.map { String(cString: $0) }
    }

    /// The boolean value of `key`, or `nil` when it is not set.
    public func configBool(_ key: String) throws(GitError) -> Bool? {
        let snapshot = try configSnapshot()
        defer { git_config_free(snapshot) }
        var value: Int32 = 0
        guard try checkFound(git_config_get_bool(&value, snapshot, key), "git_config_get_bool('\(key)')") else { return nil }
        return value != 0
    }

    /// The integer value of `key` (with git's `k`, `m` and `g` suffixes), or `nil` when it is not set.
    public func configInt(_ key: String) throws(GitError) -> Int? {
        let snapshot = try configSnapshot()
        defer { git_config_free(snapshot) }
        var value: Int32 = 0
        guard try checkFound(git_config_get_int32(&value, snapshot, key), "git_config_get_int32('\(key)')") else { return nil }
        return Int(value)
    }

    /// Every value of the multivar `key`, in the order git reads them.
    public func configValues(_ key: String) throws(GitError) -> [String] {
        let snapshot = try configSnapshot()
        defer { git_config_free(snapshot) }
        var iterator: OpaquePointer?
        guard try checkFound(git_config_multivar_iterator_new(&iterator, snapshot, key, nil), "git_config_multivar_iterator_new") else { return [] }
        defer { git_config_iterator_free(iterator) }
        var values = [String]()
        var entry: UnsafeMutablePointer<git_config_entry>?
        while true {
            let result = git_config_next(&entry, iterator)
            if result == GIT_ITEROVER.rawValue {
                git_error_clear()
                break
            }
            try check(result, "git_config_next")
            if let value = entry?.pointee.value { values.append(String(cString: value)) }
        }
        return values
    }

    /// Sets `key` in the repository's own config (`.git/config`).
    public func setConfigString(_ key: String, to value: String) throws(GitError) {
        let config = try localConfig()
        defer { git_config_free(config) }
        try check(git_config_set_string(config, key, value), "git_config_set_string('\(key)')")
    }

    /// Adds `value` to the multivar `key` in the repository's own config unless it is already there.
    public func addConfigValue(_ key: String, _ value: String) throws(GitError) {
        guard try !configValues(key).contains(value) else { return }
        let config = try localConfig()
        defer { git_config_free(config) }
        // A regular expression that matches no existing value appends a new one.
        try check(git_config_set_multivar(config, key, "^$^", value), "git_config_set_multivar('\(key)')")
    }

    func configSnapshot() throws(GitError) -> OpaquePointer {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, handle), "git_repository_config_snapshot")
        return config!
    }

    private func localConfig() throws(GitError) -> OpaquePointer {
        var config: OpaquePointer?
        try check(git_repository_config(&config, handle), "git_repository_config")
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "git_config_open_level(local)")
        return local!
    }
}
