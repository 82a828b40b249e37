/// A seeded xorshift64* generator (Vigna 2016), so permutation tests repeat exactly for a seed.
struct BlameRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator for `seed` (zero is replaced, since xorshift never leaves it).
    init(seed: UInt64) { state = seed == 0 ? 0x2545_F491_4F6C_DD1D : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}
