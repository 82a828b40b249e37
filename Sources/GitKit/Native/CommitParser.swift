import Foundation

/// Parses a commit object's raw bytes (read from a pack by `PackReader`) into a `Commit`, giving
/// what libgit2's parser gives for the same bytes. Only the common, well-formed shape is accepted;
/// for anything else it returns `nil` and the caller asks libgit2, whose answer (or error) stands.
///
/// Format: `tree <hex>`, `parent <hex>`…, `author <sig>`, `committer <sig>`, other headers, a blank
/// line, the message; a signature is `name <email> <seconds> <±hhmm>`.
enum CommitParser {
    static func parse(_ bytes: [UInt8], id: ObjectID) -> Commit? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let parts = parts(of: buffer) else { return nil }
            return Commit(
                id: id, treeID: parts.tree, parentIDs: parts.parents, author: signature(parts.author), committer: signature(parts.committer),
                message: String(decoding: parts.message, as: UTF8.self))
        }
    }

    /// The id, author and subject alone, what a history listing shows, without making text of the
    /// committer or the message's body; `nil` exactly where `parse` gives `nil`.
    static func summary(_ bytes: [UInt8], id: ObjectID) -> CommitSummary? {
        bytes.withUnsafeBufferPointer { buffer in
            parts(of: buffer, keepingParents: false).map { CommitSummary(id: id, author: signature($0.author), subject: MessageSubject.of(UnsafeBufferPointer(rebasing: $0.message))) }
        }
    }

    /// The tree, parents and committer time alone, what a walk orders commits by, without making
    /// text of the signatures and message; `nil` exactly where `parse` gives `nil`.
    static func node(_ bytes: [UInt8]) -> (treeID: ObjectID, parentIDs: [ObjectID], time: Int64)? {
        bytes.withUnsafeBufferPointer { buffer in
            parts(of: buffer).map { ($0.tree, $0.parents, $0.committer.seconds) }
        }
    }

    /// A commit's fields, found and checked, before any is copied.
    private struct Parts {
        let tree: ObjectID
        let parents: [ObjectID]
        let author: SignatureFields
        let committer: SignatureFields
        let message: Slice<UnsafeBufferPointer<UInt8>>
    }

    /// A signature's name and email (untrimmed), seconds and time zone offset.
    private struct SignatureFields {
        let name: Slice<UnsafeBufferPointer<UInt8>>
        let email: Slice<UnsafeBufferPointer<UInt8>>
        let seconds: Int64
        let minutes: Int
    }

    /// The fields of a commit's bytes; with `keepingParents` false the parents are checked but not
    /// kept (`parents` is empty), for callers that show the commit rather than walk from it.
    private static func parts(of buffer: UnsafeBufferPointer<UInt8>, keepingParents: Bool = true) -> Parts? {
        var reader = LineReader(bytes: buffer)
        guard let tree = reader.header("tree ").flatMap(ObjectID.init(hexDigits:)) else { return nil }
        var parents = [ObjectID]()
        while let line = reader.header("parent ") {
            guard let parent = ObjectID(hexDigits: line) else { return nil }
            if keepingParents { parents.append(parent) }
        }
        guard let authorLine = reader.header("author "), let author = fields(authorLine) else { return nil }
        // libgit2 skips extra author lines, which some tools write.
        while reader.header("author ") != nil {}
        guard let committerLine = reader.header("committer "), let committer = fields(committerLine) else { return nil }
        // Other headers (encoding, gpgsig and its continuation lines) up to the blank line.
        while true {
            guard let line = reader.nextLine() else { return nil }
            if line.isEmpty { break }
        }
        return Parts(tree: tree, parents: parents, author: author, committer: committer, message: reader.rest.prefix { $0 != 0 })
    }

    /// The fields of `name <email> seconds ±hhmm`; `nil` unless it has that shape.
    private static func fields(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> SignatureFields? {
        guard let open = lastIndex(of: UInt8(ascii: "<"), in: line), let close = lastIndex(of: UInt8(ascii: ">"), in: line), open < close else {
            return nil
        }
        // After the `>`: a space, the seconds, a space, and the zone, with no other space.
        let space = UInt8(ascii: " ")
        let after = line[(close + 1)...]
        guard after.first == space, let secondSpace = after.dropFirst().firstIndex(of: space),
              let seconds = Int64(decimal: line[(close + 2)..<secondSpace]) else { return nil }
        let zone = line[(secondSpace + 1)...]
        guard zone.count == 5, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let hhmm = Int64(decimal: zone.dropFirst()), hhmm / 100 <= 14, hhmm % 100 <= 59 else { return nil }
        let minutes = Int(hhmm / 100 * 60 + hhmm % 100)
        return SignatureFields(name: line[..<open], email: line[(open + 1)..<close], seconds: seconds, minutes: sign == UInt8(ascii: "-") ? -minutes : minutes)
    }

    /// Where `byte` last occurs in `line`, read through the buffer it slices (no slice bounds checks).
    private static func lastIndex(of byte: UInt8, in line: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var index = line.endIndex
        while index > line.startIndex {
            index -= 1
            if line.base[index] == byte { return index }
        }
        return nil
    }

    /// The signature of `fields`, name and email trimmed as libgit2 trims them.
    private static func signature(_ fields: SignatureFields) -> Signature {
        Signature(
            name: text(trimming: fields.name), email: text(trimming: fields.email),
            date: Date(timeIntervalSince1970: TimeInterval(fields.seconds)), timeZoneOffsetMinutes: fields.minutes)
    }

    /// The bytes as text without surrounding white space, cut at a NUL as libgit2's C strings are.
    private static func text(trimming bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
        return String(decoding: bytes[start..<max(start, end)].prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Reads a commit's header lines in order.
    private struct LineReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        /// The rest of the current line after `name` when the line starts with it; else nothing is read.
        mutating func header(_ name: StaticString) -> Slice<UnsafeBufferPointer<UInt8>>? {
            let count = name.utf8CodeUnitCount
            guard bytes.count - position >= count, let start = bytes.baseAddress, memcmp(start + position, name.utf8Start, count) == 0 else {
                return nil
            }
            position += count
            return nextLine()
        }

        /// The current line without its newline; `nil` at the end or on a line with no newline.
        mutating func nextLine() -> Slice<UnsafeBufferPointer<UInt8>>? {
            guard position < bytes.count, let start = bytes.baseAddress,
                  let newline = memchr(start + position, Int32(UInt8(ascii: "\n")), bytes.count - position) else { return nil }
            let end = UnsafeRawPointer(start).distance(to: UnsafeRawPointer(newline))
            defer { position = end + 1 }
            return bytes[position..<end]
        }

        /// Everything after the current position.
        var rest: Slice<UnsafeBufferPointer<UInt8>> { bytes[position...] }
    }
}

private extension Int64 {
    /// Plain decimal digits, at most 18 of them; `nil` for anything else.
    init?(decimal bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}
