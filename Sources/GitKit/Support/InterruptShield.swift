import Foundation

/// Holds back the signals that end a process by default (SIGINT, SIGTERM, SIGHUP, SIGQUIT) while a
/// reference lock is held, so Ctrl-C or `kill` between taking a `.lock` file and renaming it cannot
/// leave the lock behind; a held-back signal is delivered as soon as the lock is gone.
///
/// SIGKILL cannot be held back: a process killed that way can still leave a lock file.
enum InterruptShield {
    /// Runs `body` with the terminating signals blocked on the calling thread.
    static func run<Result>(_ body: () throws(GitError) -> Result) throws(GitError) -> Result {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            sigaddset(&blocked, signal)
        }
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}
