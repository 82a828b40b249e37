import Foundation

/// The per-case blob format: JSON Lines, one canonical `EvalCase` a line, sorted by id then repeat.
enum EvalCases {
    /// The canonical JSON Lines bytes of `cases`.
    static func encode(_ cases: [EvalCase]) throws -> Data {
        let sorted = cases.sorted { ($0.id, $0.repeatIndex ?? 0) < ($1.id, $1.repeatIndex ?? 0) }
        var out = [UInt8]()
        out.reserveCapacity(sorted.count * 96)
        for item in sorted {
            try item.appendCanonical(to: &out)
            out.append(0x0A)
        }
        return Data(out)
    }

    /// Reads a per-case blob back: lines of the canonical shape through `CaseLineScanner`; anything
    /// else through `JSONDecoder`, the lines made one JSON array and decoded in one pass (a decoder
    /// call per line costs more than the decoding). Newlines inside strings are escaped in JSON, so
    /// every raw newline ends a line; blank lines are skipped.
    static func decode(_ data: Data) throws -> [EvalCase] {
        if let cases = data.withUnsafeBytes(CaseLineScanner.cases(in:)) { return cases }
        var array = Data(capacity: data.count + 2)
        array.append(UInt8(ascii: "["))
        data.withUnsafeBytes { bytes in
            var lineStart = 0
            var first = true
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                if index > lineStart {
                    if !first { array.append(UInt8(ascii: ",")) }
                    array.append(contentsOf: bytes[lineStart..<index])
                    first = false
                }
                lineStart = index + 1
            }
        }
        array.append(UInt8(ascii: "]"))
        return try JSONDecoder().decode([EvalCase].self, from: array)
    }
}
