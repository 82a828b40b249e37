import Foundation

/// The user's git credential helpers, asked through `git credential` as git itself asks them: libgit2
/// has no helper support of its own. Never prompts: the terminal prompt and interactive helper UIs are
/// switched off, so a missing credential is an answer, not a hang.
struct CredentialHelper {
    /// A user name and password for one URL.
    struct Credential: Equatable {
        let username: String
        let password: String
    }

    /// The git folder whose configuration (`credential.helper`, `credential.<url>.*`) applies.
    let gitDirectory: String

    /// What the helpers hold for `url`, or `nil` when they have nothing (or `git` cannot be run).
    func fill(url: String, username: String?) -> Credential? {
        var request = "url=\(url)\n"
        if let username { request += "username=\(username)\n" }
        guard let output = run("fill", input: request + "\n") else { return nil }
        var fields = [String: String]()
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard let name = fields["username"], let password = fields["password"] else { return nil }
        return Credential(username: name, password: password)
    }

    /// Tells the helpers the credential worked (`approve`) so they may store it.
    func approve(_ credential: Credential, url: String) {
        _ = run("approve", input: describe(credential, url: url))
    }

    /// Tells the helpers the credential was refused (`reject`) so they forget it.
    func reject(_ credential: Credential, url: String) {
        _ = run("reject", input: describe(credential, url: url))
    }

    private func describe(_ credential: Credential, url: String) -> String {
        "url=\(url)\nusername=\(credential.username)\npassword=\(credential.password)\n\n"
    }

    /// Runs `git credential ACTION` with `input`; its standard output, or `nil` when it failed.
    private func run(_ action: String, input: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--git-dir=\(gitDirectory)", "credential", action]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GCM_INTERACTIVE"] = "never"
        environment["GIT_ASKPASS"] = "/bin/false"
        environment["SSH_ASKPASS"] = "/bin/false"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? String(decoding: output, as: UTF8.self) : nil
        } catch {
            return nil
        }
    }
}
