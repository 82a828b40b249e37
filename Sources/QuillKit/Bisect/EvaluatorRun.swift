import Foundation
import Synchronization

/// The signal caught by the handler while an evaluator runs (0: none).
private let caughtSignal = Atomic<Int32>(0)

/// One run of the evaluator command: `/bin/sh -c COMMAND` in a folder with extra environment variables,
/// its output sent to this process's standard error so that standard output stays Quill's data.
///
/// While it runs, SIGINT, SIGTERM and SIGHUP sent to Quill do not end Quill: they are passed on to the
/// command's process group, and the run reports that it was interrupted, so the caller can remove its
/// folder and keep the session consistent. The signals are blocked in the waiting thread and collected
/// with `sigtimedwait` (libdispatch's threads block them too, and a process that inherited a blocked
/// mask would never see them otherwise); a handler catches them where some thread does not block them.
struct EvaluatorRun {
    /// How the command ended.
    enum Outcome: Equatable {
        /// It exited with this status (128 + the signal when a signal ended it).
        case exited(Int32)
        /// Quill was asked to stop (the signal number) while the command ran.
        case interrupted(Int32)
    }

    let command: String
    let folder: String
    let environment: [String: String]

    private static let forwarded = [SIGINT, SIGTERM, SIGHUP]
    /// How long a command may take to stop after a forwarded signal before it is killed.
    private static let graceSeconds = 5.0

    /// Runs the command and waits for it.
    func run() throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in EvaluatorRun.forwarded { sigaddset(&signals, number) }
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &signals, &previousMask)
        caughtSignal.store(0, ordering: .sequentiallyConsistent)
        let previousHandlers = EvaluatorRun.forwarded.map { number in
            signal(number) { received in caughtSignal.store(received, ordering: .sequentiallyConsistent) }
        }
        defer {
            for (number, handler) in zip(EvaluatorRun.forwarded, previousHandlers) { signal(number, handler) }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
        do {
            try process.run()
        } catch {
            throw QuillError(.repository, "cannot start '/bin/sh -c \(command)': \(error.localizedDescription)")
        }
        let child = process.processIdentifier
        var interruption: Int32 = 0
        var deadline: Date?
        while process.isRunning {
            var timeout = timespec(tv_sec: 0, tv_nsec: 50_000_000)
            let waited = sigtimedwait(&signals, nil, &timeout)
            let received = waited > 0 ? waited : caughtSignal.exchange(0, ordering: .sequentiallyConsistent)
            if received > 0 {
                interruption = received
                kill(-child, received)
                kill(child, received)
                deadline = deadline ?? Date().addingTimeInterval(EvaluatorRun.graceSeconds)
            }
            if let deadline, Date() > deadline, process.isRunning {
                kill(-child, SIGKILL)
                kill(child, SIGKILL)
            }
        }
        process.waitUntilExit()
        if interruption != 0 { return .interrupted(interruption) }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus)
        case .uncaughtSignal: return .exited(128 + process.terminationStatus)
        @unknown default: return .exited(process.terminationStatus)
        }
    }
}
