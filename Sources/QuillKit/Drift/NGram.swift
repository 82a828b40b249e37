/// How the n-grams of one order are packed into 64-bit keys: each word id in `bits` bits, the first
/// word highest, so keys sort as the n-grams do by id. With more distinct words than the key holds
/// (over 2,097,151 for trigrams, over 4,294,967,295 for bigrams) every later-interned word shares
/// the last id, shown as `(other)`.
struct NGramPacking {
    let order: Int
    let bits: Int

    /// The packing of n-grams of `order` over a vocabulary of `count` words.
    init(order: Int, vocabularySize count: Int) {
        self.order = order
        bits = min(max(1, Int.bitWidth - max(count - 1, 1).leadingZeroBitCount), 64 / order)
    }

    /// The largest id a word keeps; later ids are clamped to it.
    var lastID: UInt64 { (1 << UInt64(bits)) - 1 }

    /// The word ids of `key`, first word first; a clamped id reads as `lastID`.
    func ids(_ key: UInt64) -> [UInt64] {
        (0..<order).map { (key >> UInt64(bits * (order - 1 - $0))) & lastID }
    }
}
