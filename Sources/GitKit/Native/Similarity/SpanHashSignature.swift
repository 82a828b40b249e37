/// Git's content signature for rename detection (`diffcore-delta.c`, `hash_chars`): the file cut
/// into spans that end after a newline or at 64 bytes, each span hashed, and the bytes counted per
/// hash value.
///
/// As git 2.39 does it: the hash is two 32-bit accumulators rolled 7 bits per byte and reduced
/// modulo 107,927; a carriage return just before a line feed is skipped in text (a file with no NUL
/// byte in its first 8,000 bytes); a last span that ends neither with a newline nor at 64 bytes is
/// not counted.
struct SpanHashSignature: Sendable {
    /// The hash values in increasing order, each with the bytes its spans hold.
    private(set) var hashes: [UInt32] = []
    private(set) var counts: [UInt32] = []

    private static let hashBase: UInt32 = 107_927
    private static let longestSpan = 64
    /// How far git looks for a NUL byte to call content binary (`buffer_is_binary`).
    private static let binaryProbeLength = 8000

    /// The signature of `bytes`; `isBinary` is what the file's `diff` attribute says, `nil` to
    /// decide from the content (no NUL byte in the first 8,000 bytes is text).
    init<Bytes: RandomAccessCollection>(_ bytes: Bytes, isBinary: Bool? = nil) where Bytes.Element == UInt8, Bytes.Index == Int {
        let isText = !(isBinary ?? bytes.prefix(Self.binaryProbeLength).contains(0))
        var spans = [UInt32: UInt32]()
        var accumulator1: UInt32 = 0
        var accumulator2: UInt32 = 0
        var length = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if isText && byte == 0x0D && index < bytes.endIndex && bytes[index] == 0x0A { continue }
            let previous = accumulator1
            accumulator1 = (accumulator1 << 7) ^ (accumulator2 >> 25)
            accumulator2 = (accumulator2 << 7) ^ (previous >> 25)
            accumulator1 &+= UInt32(byte)
            length += 1
            guard length == Self.longestSpan || byte == 0x0A else { continue }
            spans[(accumulator1 &+ accumulator2 &* 0x61) % Self.hashBase, default: 0] += UInt32(length)
            length = 0
            accumulator1 = 0
            accumulator2 = 0
        }
        for hash in spans.keys.sorted() {
            hashes.append(hash)
            counts.append(spans[hash]!)
        }
    }

    /// The bytes of `destination` that this content also holds (`src_copied` of
    /// `diffcore_count_changes`): per hash value, the smaller of the two counts, summed.
    func bytesCopied(into destination: SpanHashSignature) -> Int {
        var copied = 0
        var other = 0
        for (position, hash) in hashes.enumerated() {
            while other < destination.hashes.count && destination.hashes[other] < hash { other += 1 }
            guard other < destination.hashes.count, destination.hashes[other] == hash else { continue }
            copied += Int(min(counts[position], destination.counts[other]))
            other += 1
        }
        return copied
    }
}
