/// Recently used delta bases of a `PackReader`, direct-mapped by pack offset as git's own delta base
/// cache is: each object has one slot, found by arithmetic alone, and a newer base takes the slot of
/// an older one. Walking history reads each base a few times in a row, which a slot serves; hashing
/// and ordering every base, as a dictionary with an eviction queue does, costs more than it saves.
struct DeltaBaseCache {
    /// A cached object: where it starts in which pack, its kind and bytes.
    struct Entry {
        let pack: Int
        let offset: Int
        let kind: PackReader.Kind
        let bytes: [UInt8]
    }

    private var slots: [Entry?]
    private var bytes = 0
    /// The next slot to empty when the cache holds more than `limit` bytes.
    private var evictionCursor = 0
    let limit: Int
    private let slotBits: Int

    /// A cache of `1 << slotBits` slots holding at most `limit` bytes.
    init(slotBits: Int = 10, limit: Int = 4 << 20) {
        self.slotBits = slotBits
        self.limit = limit
        slots = Array(repeating: nil, count: 1 << slotBits)
    }

    /// The object at `offset` of pack `pack`, when its slot holds it.
    func object(pack: Int, offset: Int) -> Entry? {
        guard let entry = slots[slot(pack: pack, offset: offset)], entry.offset == offset, entry.pack == pack else { return nil }
        return entry
    }

    /// Keeps `entry` in its slot, then empties slots in turn while the cache holds too many bytes.
    /// Objects larger than a quarter of the limit are not kept.
    mutating func remember(_ entry: Entry) {
        guard entry.bytes.count <= limit / 4 else { return }
        let index = slot(pack: entry.pack, offset: entry.offset)
        bytes += entry.bytes.count - (slots[index]?.bytes.count ?? 0)
        slots[index] = entry
        while bytes > limit {
            if evictionCursor != index, let old = slots[evictionCursor] {
                bytes -= old.bytes.count
                slots[evictionCursor] = nil
            }
            evictionCursor = (evictionCursor + 1) & (slots.count - 1)
        }
    }

    /// Fibonacci hashing of the offset, with the pack number mixed in.
    private func slot(pack: Int, offset: Int) -> Int {
        let key = UInt64(truncatingIfNeeded: offset) ^ UInt64(truncatingIfNeeded: pack) << 48
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }
}
