import ArgumentParser
import Foundation
import QuillKit

/// Runs one invocation of `quill` and returns its exit status; the executable is a call to this.
///
/// Exit status: 0 success, 1 a check failed, 2 bad input or usage, 3 a repository problem.
public enum QuillMain {
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try Quill.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return report(error)
        }
    }

    /// Prints one line for `error` on stderr (help goes to stdout) and returns its exit status.
    ///
    /// Control characters in the message (a path or revision holding a newline, an escape sequence) are
    /// escaped here, for every error, so the line stays one line.
    static func report(_ error: any Error) -> Int32 {
        if let error = error as? ExitCode {
            return error.rawValue
        }
        if let error = QuillError(classifying: error) {
            Console.error("error: \(error.message.escapingControlCharacters)")
            return ExitStatus.of(error.kind)
        }
        let message = Quill.fullMessage(for: error)
        if Quill.exitCode(for: error) == .success {
            Console.out(message)
            return 0
        }
        Console.error(usageLine(message).escapingControlCharacters)
        return ExitStatus.badInput
    }

    /// ArgumentParser's error as one line: `error: unexpected argument 'x'; see 'quill --help'`.
    static func usageLine(_ message: String) -> String {
        var first = message.split(separator: "\n").first.map(String.init) ?? message
        if first.hasPrefix("Error: ") { first.removeFirst(7) }
        if first.hasPrefix("error: ") { first.removeFirst(7) }
        while first.hasSuffix(".") { first.removeLast() }
        return "error: " + first.prefix(1).lowercased() + first.dropFirst() + "; see 'quill --help'"
    }
}

/// The exit statuses of DESIGN.md.
enum ExitStatus {
    static let checkFailed: Int32 = 1
    static let badInput: Int32 = 2
    static let repository: Int32 = 3

    static func of(_ kind: QuillError.Kind) -> Int32 {
        switch kind {
        case .checkFailed: checkFailed
        case .badInput: badInput
        case .repository: repository
        }
    }
}
