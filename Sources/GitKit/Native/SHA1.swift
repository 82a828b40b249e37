/// SHA-1 (FIPS 180-4): the checksum that ends a git pack file and its index, fed in pieces
/// (`update`) as a pack is written, or over one buffer (`digest`).
///
/// Only for pack trailers; object ids are hashed by libgit2.
struct SHA1 {
    private var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    /// Scratch space of 80 words for `compress`.
    private var words = [UInt32](repeating: 0, count: 80)
    /// The bytes of an incomplete block, fewer than 64.
    private var partial = [UInt8]()
    /// How many bytes were fed in.
    private var length: UInt64 = 0

    /// The 20-byte digest of `message`.
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var hash = SHA1()
        message.withUnsafeBytes { hash.update($0) }
        return hash.finish()
    }

    /// Feeds `bytes` in, read in place: only what does not fill a whole block is copied.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !partial.isEmpty {
            start = min(64 - partial.count, bytes.count)
            partial += bytes[0..<start]
            guard partial.count == 64 else { return }
            partial.withUnsafeBytes { compressBlocks($0, upTo: 64) }
            partial.removeAll(keepingCapacity: true)
        }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
        let whole = rest.count / 64 * 64
        compressBlocks(rest, upTo: whole)
        partial += rest[whole...]
    }

    /// The 20-byte digest of everything fed in.
    mutating func finish() -> [UInt8] {
        let bitLength = length &* 8
        var tail = partial
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { compressBlocks($0, upTo: $0.count) }
        return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
    }

    /// Folds the blocks of `bytes[0..<end]` (a multiple of 64 bytes) into the state.
    private mutating func compressBlocks(_ bytes: UnsafeRawBufferPointer, upTo end: Int) {
        guard end > 0 else { return }
        // In place, without an array's bounds check and uniqueness check per word: the pack trailer of
        // a batch hashes 30 MB.
        var (h0, h1, h2, h3, h4) = (state[0], state[1], state[2], state[3], state[4])
        words.withUnsafeMutableBufferPointer { words in
            for block in stride(from: 0, to: end, by: 64) {
                SHA1.compress(bytes, at: block, into: &h0, &h1, &h2, &h3, &h4, words: words)
            }
        }
        state = [h0, h1, h2, h3, h4]
    }

    /// Folds the 64-byte block at `block` into the state `h0`…`h4`; `words` is scratch space of 80 words.
    private static func compress(
        _ bytes: UnsafeRawBufferPointer, at block: Int, into h0: inout UInt32, _ h1: inout UInt32, _ h2: inout UInt32,
        _ h3: inout UInt32, _ h4: inout UInt32, words: UnsafeMutableBufferPointer<UInt32>
    ) {
        for index in 0..<16 {
            words[index] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: block + index * 4, as: UInt32.self))
        }
        for index in 16..<80 {
            let mixed = words[index - 3] ^ words[index - 8] ^ words[index - 14] ^ words[index - 16]
            words[index] = mixed << 1 | mixed >> 31
        }
        var (a, b, c, d, e) = (h0, h1, h2, h3, h4)
        func round(_ function: UInt32, _ constant: UInt32, _ word: UInt32) {
            let next = (a << 5 | a >> 27) &+ function &+ e &+ constant &+ word
            (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, next)
        }
        for index in 0..<20 { round((b & c) | (~b & d), 0x5A82_7999, words[index]) }
        for index in 20..<40 { round(b ^ c ^ d, 0x6ED9_EBA1, words[index]) }
        for index in 40..<60 { round((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, words[index]) }
        for index in 60..<80 { round(b ^ c ^ d, 0xCA62_C1D6, words[index]) }
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
    }
}
