import Foundation

/// Where output goes and whether it may be coloured (`NO_COLOR` unset and stdout a terminal).
struct Terminal {
    let usesColor: Bool

    /// The terminal of this process.
    static var current: Terminal {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Terminal(usesColor: !noColor && isatty(STDOUT_FILENO) == 1)
    }

    /// `text` in an ANSI colour when colour is on.
    func paint(_ text: String, _ color: Color) -> String {
        usesColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    enum Color: String {
        case yellow = "33", green = "32", red = "31", cyan = "36", dim = "2", bold = "1"
        case greenBackground = "30;42", redBackground = "30;41"
    }
}

/// Writes to standard output and standard error.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes `bytes` to stdout as they are, without copying them.
    static func out(bytes: [UInt8]) {
        try? FileHandle.standardOutput.write(contentsOf: bytes)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
