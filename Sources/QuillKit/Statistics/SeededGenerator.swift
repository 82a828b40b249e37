/// A small, fast random number generator with a fixed seed (SplitMix64), so that resampling gives
/// the same answer on every run and every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The seed Quill's statistics use unless told otherwise.
    public static let defaultSeed: UInt64 = 0x5155_494C_4C00_0001

    /// Makes a generator that starts from `seed`.
    public init(seed: UInt64 = SeededGenerator.defaultSeed) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform index in `0..<count` (multiply-shift; the bias is below 2^-40 for any count Quill sees).
    public mutating func index(below count: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }
}
