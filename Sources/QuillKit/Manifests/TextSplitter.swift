/// Quill's documented splitter (`utf8-window`, docs/storage.md): fixed windows over a document's
/// UTF-8 bytes, so the same bytes and settings always give the same chunks.
///
/// The first window starts at byte 0. A window ends `size` bytes after its start, or at the end of
/// the document, moved back to the start of a UTF-8 character; the next starts `overlap` bytes
/// before that end, moved back to the start of a character, and always after the previous start.
/// Chunk `i` of document `d` has the id `d#i`. An empty document has no chunks.
struct TextSplitter: Sendable, Equatable {
    static let method = "utf8-window"

    let size: Int
    let overlap: Int

    /// Refuses settings that would not move forward.
    init(size: Int, overlap: Int) throws {
        guard size >= 4, overlap >= 0, overlap < size else {
            throw QuillError.badInput("--chunk-size \(size) --overlap \(overlap) cannot split text; expected a chunk size of at least 4 bytes and an overlap from 0 to less than the size")
        }
        self.size = size
        self.overlap = overlap
    }

    /// The chunks of `bytes`, a document whose id is `id`.
    func chunks(of bytes: [UInt8], id: String) -> [ManifestChunk] {
        var chunks = [ManifestChunk]()
        var start = 0
        while start < bytes.count {
            var end = min(start + size, bytes.count)
            end = characterStart(atOrBefore: end, in: bytes)
            if end <= start { end = min(start + size, bytes.count) }  // cannot happen for valid UTF-8 with size >= 4
            chunks.append(ManifestChunk(id: "\(id)#\(chunks.count)", start: start, end: end))
            guard end < bytes.count else { break }
            let next = characterStart(atOrBefore: end - overlap, in: bytes)
            start = next > start ? next : end
        }
        return chunks
    }

    /// `offset`, or the nearest offset before it that starts a UTF-8 character (not a continuation byte).
    private func characterStart(atOrBefore offset: Int, in bytes: [UInt8]) -> Int {
        var offset = offset
        while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }
}
