import Foundation

/// The per-case blob format: JSON Lines, one canonical `EvalCase` a line, sorted by id then repeat.
enum EvalCases {
    /// The canonical JSON Lines bytes of `cases`.
    static func encode(_ cases: [EvalCase]) throws -> Data {
        let sorted = cases.sorted { ($0.id, $0.repeatIndex ?? 0) < ($1.id, $1.repeatIndex ?? 0) }
        var data = Data()
        for item in sorted {
            data.append(try CanonicalJSON.encode(item.jsonValue))
            data.append(0x0A)
        }
        return data
    }

    /// Reads a per-case blob back.
    static func decode(_ data: Data) throws -> [EvalCase] {
        let decoder = JSONDecoder()
        return try data.split(separator: 0x0A).map { try decoder.decode(EvalCase.self, from: Data($0)) }
    }
}
