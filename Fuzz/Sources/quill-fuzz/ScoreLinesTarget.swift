import Foundation
@testable import QuillKit

/// The score summary reader: `ScoreLine(scanning:)`, the fast path for Quill's own lines, must read
/// every line it accepts as the full JSON reader does, and whatever `ScoreSummary.decode` reads must
/// survive being written and read again.
enum ScoreLinesTarget {
    static let target = FuzzTarget(name: "score-lines", summary: "score summary lines: ScoreLine(scanning:) against the full reader") { bytes in
        let data = Data(bytes)
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let scanned = Array(line).withUnsafeBytes(ScoreLine.init(scanning:)) else { continue }
            let parsed = try? ScoreLine(parsing: ArraySlice(line))
            Invariant.require(parsed == scanned, "ScoreLine(scanning:) read \(scanned), the full reader \(String(describing: parsed))")
        }
        guard let lines = try? ScoreSummary.decode(data), let blob = try? ScoreSummary.encode(lines) else { return }
        let back = try? ScoreSummary.decode(blob)
        Invariant.require(back.map(Set.init) == Set(lines), "score lines changed on the way through a summary: \(lines) -> \(String(describing: back))")
    }
}
