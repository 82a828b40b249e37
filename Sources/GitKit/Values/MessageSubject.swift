/// The subject of a commit message as `git log --format=%s` shows it: the first paragraph on one
/// line, each line without leading and trailing blanks (spaces, tabs and Unicode space separators),
/// lines joined by a space.
///
/// Works on the message's UTF-8 bytes, so a parser can take the subject of a commit without making
/// text of the whole message; lines of ASCII blanks and text are trimmed without decoding scalars.
enum MessageSubject {
    /// The subject of the message `bytes` (ill-formed UTF-8 is repaired as `String(decoding:)` does).
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var subject = ""
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = trimmed(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            if line.isEmpty {
                if !subject.isEmpty { break }
            } else {
                if !subject.isEmpty { subject += " " }
                subject += line
            }
            start = end + 1
        }
        return subject
    }

    /// The line as text without leading and trailing blanks. ASCII blanks are cut from the bytes; a
    /// line that then starts or ends outside ASCII is decoded and trimmed by scalar, since a Unicode
    /// space separator may be there (and ill-formed bytes, repaired, are no blank).
    private static func trimmed(_ line: UnsafeBufferPointer<UInt8>) -> Substring {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = line.firstIndex(where: { !isBlank($0) }), let last = line.lastIndex(where: { !isBlank($0) }) else { return "" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[first...last]), as: UTF8.self)
        guard line[first] >= 0x80 || line[last] >= 0x80 else { return Substring(text) }
        let isScalarBlank: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isScalarBlank($0) }), let end = scalars.lastIndex(where: { !isScalarBlank($0) }) else {
            return ""
        }
        return Substring(scalars[start...end])
    }
}
