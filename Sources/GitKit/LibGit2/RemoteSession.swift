internal import CLibGit2

/// The payload of one fetch or push: picks credentials without ever prompting and collects push
/// statuses. Its callbacks never throw across C; what went wrong is kept here and thrown afterwards.
final class RemoteSession {
    private(set) var rejections = [PushRejection]()
    private let helper: CredentialHelper
    private var triedAgent = false
    private var triedUsername = false
    private var triedDefault = false
    private var triedHelper = false
    /// The user name and password from the credential helpers, while the server has not refused them.
    private var offered: (credential: CredentialHelper.Credential, url: String)?
    /// Why the credentials callback gave up, for the error thrown after the call.
    private var credentialFailure: String?

    /// A session that asks the credential helpers configured for the repository at `gitDirectory`.
    init(gitDirectory: String) {
        helper = CredentialHelper(gitDirectory: gitDirectory)
    }

    /// Call after the operation succeeded: the helpers may store the password that worked.
    func succeeded() {
        if let offered { helper.approve(offered.credential, url: offered.url) }
    }

    /// libgit2 callbacks that reach this session through their payload; valid while the session lives.
    func callbacks() throws(GitError) -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        try check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), "git_remote_init_callbacks")
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.credential(
                out, url: url.map { String(cString: $0) } ?? "", username: usernameFromURL.map { String(cString: $0) },
                allowed: allowedTypes)
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let reference, let status, let payload else { return 0 }
            Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue().rejections.append(
                PushRejection(reference: String(cString: reference), reason: String(cString: status)))
            return 0
        }
        return callbacks
    }

    /// Offers, once each and in order: the ssh agent for ssh keys, the user name for ssh, the user
    /// name and password git's credential helpers hold for the URL, and the default (Negotiate/NTLM)
    /// credentials; then gives up, so a bad login fails instead of looping. A password the server
    /// refused is rejected to the helpers, as git does.
    private func credential(_ out: UnsafeMutablePointer<OpaquePointer?>, url: String, username: String?, allowed: UInt32) -> Int32 {
        let user = username ?? "git"
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            if let refused = offered {
                offered = nil
                helper.reject(refused.credential, url: refused.url)
                credentialFailure = "authentication to '\(url)' failed with the user name and password from git's credential helper"
                return GIT_EUSER.rawValue
            }
            if !triedHelper {
                triedHelper = true
                if let credential = helper.fill(url: url, username: username) {
                    offered = (credential, url)
                    return credentialResult(git_credential_userpass_plaintext_new(out, credential.username, credential.password))
                }
            }
        }
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, !triedAgent {
            triedAgent = true
            return credentialResult(git_credential_ssh_key_from_agent(out, user))
        }
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0, !triedUsername {
            triedUsername = true
            return credentialResult(git_credential_username_new(out, user))
        }
        if allowed & GIT_CREDENTIAL_DEFAULT.rawValue != 0, !triedDefault {
            triedDefault = true
            return credentialResult(git_credential_default_new(out))
        }
        credentialFailure = triedAgent
            ? "authentication to '\(url)' failed with the keys of the ssh agent; add the right key with 'ssh-add'"
            : "authentication to '\(url)' needs credentials and quill never prompts; store them with a git credential helper (git config credential.helper) or use an ssh URL with a running ssh agent"
        return GIT_EUSER.rawValue
    }

    private func credentialResult(_ result: Int32) -> Int32 {
        guard result < 0 else { return result }
        credentialFailure = GitError.last(code: result, function: "credentials").message
        return GIT_EUSER.rawValue
    }

    /// Like `check`, but a failure the credentials callback caused becomes an `.auth` error naming the remedy.
    @discardableResult
    func check(_ result: Int32, _ function: @autoclosure () -> String) throws(GitError) -> Int32 {
        guard result < 0, let credentialFailure else { return try GitKit.check(result, function()) }
        git_error_clear()
        throw GitError(code: .auth, message: credentialFailure, function: function())
    }
}
