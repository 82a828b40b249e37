import Foundation

/// A file's lines as git blame shows them.
enum BlameText {
    /// The lines of `data` without their `\n` (a `\r` before it stays), decoded as UTF-8 with invalid
    /// bytes replaced; a last line without a newline is a line, as xdiff counts lines.
    static func lines(of data: Data) -> [String] {
        var lines = [String]()
        var start = data.startIndex
        for index in data.indices where data[index] == UInt8(ascii: "\n") {
            lines.append(String(decoding: data[start..<index], as: UTF8.self))
            start = index + 1
        }
        if start < data.endIndex { lines.append(String(decoding: data[start...], as: UTF8.self)) }
        return lines
    }
}
