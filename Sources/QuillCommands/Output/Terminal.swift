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
        write(text, to: .standardOutput)
    }

    /// Writes `bytes` to stdout as they are, without copying them.
    static func out(bytes: [UInt8]) {
        try? FileHandle.standardOutput.write(contentsOf: bytes)
    }

    static func error(_ text: String) {
        write(text, to: .standardError)
    }

    /// Writes `text`, then a line feed unless it ends with one: in one write up to 64 KiB, else 64 KiB
    /// at a time, so that a listing of tens of thousands of lines is not copied whole twice more on its
    /// way out.
    private static func write(_ text: String, to handle: FileHandle) {
        let bytes = text.utf8
        guard bytes.count > 1 << 16 else {
            handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
            return
        }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes.index(start, offsetBy: 1 << 16, limitedBy: bytes.endIndex) ?? bytes.endIndex
            handle.write(Data(bytes[start..<end]))
            start = end
        }
        if !text.hasSuffix("\n") { handle.write(Data("\n".utf8)) }
    }
}
