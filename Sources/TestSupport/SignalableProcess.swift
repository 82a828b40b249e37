import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with no signal blocked and every terminating signal at its default
/// action, as a shell starts a command. Foundation's `Process` passes on the spawning thread's
/// signal mask, and the threads tests run on block SIGINT and SIGTERM: a child started that way
/// cannot be interrupted, and a test that interrupts it tests nothing.
public final class SignalableProcess {
    /// The child's process id.
    public let pid: pid_t
    private var status: Int32?

    /// Starts `executable` with `arguments` in `directory`, its standard output written to the file at
    /// `outputPath`, standard input and error on `/dev/null`.
    public init(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String], outputPath: String) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The shell changes folder and replaces itself with the program; it leaves the mask alone.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var child = pid_t()
        let result = withCStrings(argv) { cArguments in
            withCStrings(envp) { cEnvironment in
                posix_spawn(&child, "/bin/sh", &actions, &attributes, cArguments, cEnvironment)
            }
        }
        guard result == 0 else { throw TestFailure("posix_spawn \(executable) failed: \(String(cString: strerror(result)))") }
        pid = child
    }

    /// Whether the child has not exited yet.
    public var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
        status = raw
        return false
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the child; true when it exited with status 0 (not ended by a signal).
    public func waitUntilExit() -> Bool {
        if status == nil {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1, errno == EINTR {}
            status = raw
        }
        let raw = status ?? -1
        return raw & 0x7F == 0 && (raw >> 8) & 0xFF == 0
    }
}

/// Calls `body` with a NULL-terminated array of C strings copied from `strings`.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
    let copies = strings.map { strdup($0) } + [nil]
    defer { copies.forEach { free($0) } }
    return body(copies)
}
