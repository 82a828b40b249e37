@testable import GitKit
import Testing

@Suite("Message subject")
struct MessageSubjectTests {
    /// The subject as `Commit.subject` made it before it read bytes: the message decoded whole, split
    /// into lines, each trimmed of tabs and Unicode space separators scalar by scalar.
    private static func decodedSubject(_ bytes: [UInt8]) -> String {
        let message = String(decoding: bytes, as: UTF8.self)
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        var lines = [Substring]()
        for line in message.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let scalars = Substring(line).unicodeScalars
            guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
                if lines.isEmpty { continue } else { break }
            }
            lines.append(Substring(scalars[first...last]))
        }
        return lines.joined(separator: " ")
    }

    private static func subject(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { MessageSubject.of($0) }
    }

    static let messages: [String] = [
        "", "\n", "Subject", "Subject\n\nBody", "  padded \t\n", "\n\n  after blank lines\nsecond line\n\nbody",
        "first\n second \n third\n\nbody", "\u{00A0}no-break\u{00A0}", "ideographic\u{3000}", "\u{2003}em space",
        "tab\tinside", "carriage\r\nreturn", "emoji 😀 subject", "\u{3000}\n\u{00A0}\n", "one\u{2028}line separator",
        "ends with a blank line\n \n\nbody",
    ]

    @Test("gives the subject the decoded message gave, for blanks of every kind", arguments: messages)
    func sameAsDecoded(message: String) {
        let bytes = Array(message.utf8)
        #expect(Self.subject(bytes) == Self.decodedSubject(bytes))
    }

    /// Random bytes from an alphabet of blanks, newlines, multi-byte characters, parts of them
    /// (ill-formed UTF-8) and letters.
    @Test("gives the subject the decoded message gave, for random messages with ill-formed UTF-8")
    func randomMessages() {
        let pieces: [[UInt8]] = [
            [0x20], [0x09], [0x0A], [0x0D], [0x41], [0x62], [0xC2, 0xA0], [0xE3, 0x80, 0x80], [0xE2, 0x80, 0x83], [0xC3, 0xA9],
            [0xF0, 0x9F, 0x98, 0x80], [0xC2], [0xE3, 0x80], [0x80], [0xFF], [0xA0],
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            var bytes = [UInt8]()
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 60) + 1 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(Self.subject(bytes) == Self.decodedSubject(bytes), "\(bytes)")
        }
    }
}
