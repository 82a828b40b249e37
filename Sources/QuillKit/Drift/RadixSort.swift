/// Least-significant-digit radix sort of 64-bit keys, 16 bits a pass, over only the bits in use.
enum RadixSort {
    /// Sorts `keys` ascending; every key must be below 2^`bits`. Complexity: O(n · ⌈bits/16⌉),
    /// n more keys of scratch.
    static func sort(_ keys: inout [UInt64], bits: Int) {
        guard keys.count > 1 else { return }
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var histogram = [Int](repeating: 0, count: 1 << 16)
        var shift: UInt64 = 0
        while shift < UInt64(bits) {
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    histogram.withUnsafeMutableBufferPointer { slots in
                        for index in slots.indices { slots[index] = 0 }
                        for key in source { slots[Int((key >> shift) & 0xFFFF)] += 1 }
                        var sum = 0
                        for index in slots.indices {
                            let count = slots[index]
                            slots[index] = sum
                            sum += count
                        }
                        for key in source {
                            let digit = Int((key >> shift) & 0xFFFF)
                            target[slots[digit]] = key
                            slots[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
            shift += 16
        }
    }
}
