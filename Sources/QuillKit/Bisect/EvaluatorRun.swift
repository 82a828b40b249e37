import Foundation
import Synchronization

/// The signal that interrupted the evaluator run in progress (0: none), set from the signal handler.
private let interruptingSignal = Atomic<Int32>(0)
/// The process id of the evaluator run in progress (0: none), read from the signal handler.
private let runningChild = Atomic<Int32>(0)

/// One run of the evaluator command: `/bin/sh -c COMMAND` in a folder with extra environment variables,
/// its output sent to this process's standard error so that standard output stays Quill's data.
///
/// While it runs, SIGINT, SIGTERM and SIGHUP sent to Quill are passed on to the command (and its process
/// group) instead of ending Quill at once, so the caller can clean up and keep the session consistent.
struct EvaluatorRun {
    /// How the command ended.
    enum Outcome: Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// Quill was asked to stop (the signal number) while the command ran.
        case interrupted(Int32)
    }

    let command: String
    let folder: String
    let environment: [String: String]

    private static let forwarded = [SIGINT, SIGTERM, SIGHUP]

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
        interruptingSignal.store(0, ordering: .sequentiallyConsistent)
        for number in EvaluatorRun.forwarded {
            signal(number) { received in
                interruptingSignal.store(received, ordering: .sequentiallyConsistent)
                let child = runningChild.load(ordering: .sequentiallyConsistent)
                if child > 0 {
                    kill(-child, received)
                    kill(child, received)
                }
            }
        }
        defer {
            runningChild.store(0, ordering: .sequentiallyConsistent)
            for number in EvaluatorRun.forwarded { signal(number, SIG_DFL) }
        }
        do {
            try process.run()
        } catch {
            throw QuillError(.repository, "cannot start '/bin/sh -c \(command)': \(error.localizedDescription)")
        }
        runningChild.store(process.processIdentifier, ordering: .sequentiallyConsistent)
        if interruptingSignal.load(ordering: .sequentiallyConsistent) != 0 { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        let interrupted = interruptingSignal.load(ordering: .sequentiallyConsistent)
        if interrupted != 0 { return .interrupted(interrupted) }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus)
        case .uncaughtSignal: return .exited(128 + process.terminationStatus)
        @unknown default: return .exited(process.terminationStatus)
        }
    }
}
