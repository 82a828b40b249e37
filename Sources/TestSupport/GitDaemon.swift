import Foundation

/// A `git daemon` serving the repositories below a folder on 127.0.0.1, with pushes allowed, for tests
/// of the `git://` transport. Stopped by its pid in `stop()` (and when the value goes away).
public final class GitDaemon {
    /// The port it listens on.
    public let port: Int
    private let process: Process

    /// Starts the daemon for the repositories in `basePath` on a free port and waits until it answers.
    ///
    /// Bounded: a few ports are tried (another process may take a free port first), each for at most
    /// five seconds.
    public init(basePath: String) throws {
        var lastFailure = "no port tried"
        for _ in 0..<5 {
            let port = try GitDaemon.freePort()
            let process = Process()
            // The daemon itself, not the `git` wrapper, so the pid stopped is the one listening.
            process.executableURL = URL(fileURLWithPath: try GitDaemon.executable())
            process.arguments = [
                "--export-all", "--enable=receive-pack", "--informative-errors", "--base-path=\(basePath)",
                "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", basePath,
            ]
            process.environment = TestEnvironment.variables()
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if try GitDaemon.waitUntilListening(process, port: port) {
                self.port = port
                self.process = process
                return
            }
            lastFailure = "git daemon did not answer on 127.0.0.1:\(port)"
            GitDaemon.stop(process)
        }
        throw TestFailure(lastFailure)
    }

    deinit {
        stop()
    }

    /// The `git://` URL of the repository `name` (a folder below the base path).
    public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }

    /// Stops the daemon by its pid and waits for it; connections it already forked finish on their own.
    public func stop() {
        GitDaemon.stop(process)
    }

    /// SIGKILL: children of a test process may start with SIGTERM blocked, and the daemon keeps no state.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `git-daemon` in git's exec path.
    private static func executable() throws -> String {
        let execPath = try ProcessRunner.run(TestEnvironment.gitPath, ["--exec-path"], environment: TestEnvironment.variables()).output
        let path = execPath + "/git-daemon"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw TestFailure("no git-daemon at '\(path)'") }
        return path
    }

    /// Asks git to list a repository that does not exist: the daemon answers "not exported" once it listens.
    private static func waitUntilListening(_ process: Process, port: Int) throws -> Bool {
        for _ in 0..<50 {
            guard process.isRunning else { return false }
            let probe = try ProcessRunner.run(
                TestEnvironment.gitPath, ["ls-remote", "git://127.0.0.1:\(port)/quill-daemon-probe.git"],
                environment: TestEnvironment.variables())
            if !probe.stderr.contains("unable to connect"), !probe.stderr.contains("Connection refused") { return true }
            usleep(100_000)
        }
        return false
    }

    /// A port on 127.0.0.1 that was free a moment ago: the kernel picks it when a socket binds port 0.
    private static func freePort() throws -> Int {
        // sockaddr_in for 127.0.0.1:0 (family in host order, port and address in network order).
        let loopback = Data([UInt8(AF_INET), 0, 0, 0, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        guard let socket = SocketPort(protocolFamily: AF_INET, socketType: Int32(SOCK_STREAM.rawValue), protocol: Int32(IPPROTO_TCP), address: loopback) else {
            throw TestFailure("cannot bind a socket on 127.0.0.1 to find a free port")
        }
        defer { socket.invalidate() }
        let address = [UInt8](socket.address)
        guard address.count >= 4 else { throw TestFailure("cannot read the port of a bound socket") }
        return Int(address[2]) << 8 | Int(address[3])
    }
}
