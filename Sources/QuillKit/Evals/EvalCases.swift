import Foundation

/// The per-case blob format: JSON Lines, one canonical `EvalCase` a line, sorted by id then repeat.
enum EvalCases {
    /// The canonical JSON Lines bytes of `cases`.
    ///
    /// The order is sorted as indices (not copies of the cases), and each line is written into a
    /// buffer of one case, then appended to bytes reserved for about the whole blob, so a large batch
    /// holds its cases and their bytes once each, not a sorted copy and a second copy of the bytes.
    static func encode(_ cases: [EvalCase]) throws -> Data {
        let order = cases.indices.sorted { (cases[$0].id, cases[$0].repeatIndex ?? 0) < (cases[$1].id, cases[$1].repeatIndex ?? 0) }
        var data = Data(capacity: cases.reduce(0) { $0 + estimatedLineSize($1) })
        var line = [UInt8]()
        for index in order {
            line.removeAll(keepingCapacity: true)
            try cases[index].appendCanonical(to: &line)
            line.append(0x0A)
            data.append(contentsOf: line)
        }
        return data
    }

    /// About the bytes of `item`'s line: its texts as they are plus room for the keys and numbers
    /// (escapes can make it longer; the bytes then grow as any buffer does).
    private static func estimatedLineSize(_ item: EvalCase) -> Int {
        let texts = item.id.utf8.count + (item.output?.utf8.count ?? 0) + (item.error?.utf8.count ?? 0)
        return 64 + texts + item.metrics.keys.reduce(0) { $0 + $1.utf8.count + 28 }
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
