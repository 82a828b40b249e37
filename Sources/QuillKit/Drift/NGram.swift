/// Two or three consecutive word ids of one sentence, packed as a dictionary key.
struct NGram: Hashable {
    /// The first two ids (the first in the high half).
    let head: UInt64
    /// The third id, or `UInt32.max` in a bigram.
    let tail: UInt32

    /// The bigram `first second`.
    init(_ first: Int32, _ second: Int32) {
        head = UInt64(UInt32(first)) << 32 | UInt64(UInt32(second))
        tail = .max
    }

    /// The trigram `first second third`.
    init(_ first: Int32, _ second: Int32, _ third: Int32) {
        head = UInt64(UInt32(first)) << 32 | UInt64(UInt32(second))
        tail = UInt32(third)
    }

    /// The word ids, in order.
    var ids: [Int32] {
        let pair = [Int32(truncatingIfNeeded: head >> 32), Int32(truncatingIfNeeded: head & 0xFFFF_FFFF)]
        return tail == .max ? pair : pair + [Int32(bitPattern: tail)]
    }
}
