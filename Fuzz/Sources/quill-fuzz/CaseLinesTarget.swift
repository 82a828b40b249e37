import Foundation
@testable import QuillKit

/// The per-case blob readers: `CaseLineScanner`, the fast path for Quill's own lines, must agree with
/// `JSONDecoder` on every input it accepts; whatever `EvalCases.decode` reads must survive being
/// written and read again; and `CaseTable(blobs:)`, which folds canonical blobs straight into its
/// columns, must hold what folding the cases `EvalCases.decode` reads gives. The input is one blob, or
/// several separated by NUL bytes (a table folds the blobs of several records).
enum CaseLinesTarget {
    static let target = FuzzTarget(name: "case-lines", summary: "per-case JSON Lines: CaseLineScanner against JSONDecoder, CaseTable(blobs:) against decoded cases") { bytes in
        let data = Data(bytes)
        if let scanned = data.withUnsafeBytes(CaseLineScanner.cases(in:)) {
            let lines = data.split(separator: UInt8(ascii: "\n")).filter { line in line.contains { !isJSONSpace($0) } }
            let decoded = lines.map { line in try? JSONDecoder().decode(EvalCase.self, from: Data(line)) }
            Invariant.require(decoded == scanned.map(Optional.some), "CaseLineScanner read \(scanned), JSONDecoder \(decoded)")
        }
        if let cases = try? EvalCases.decode(data) { checkRoundTrip(cases) }
        checkTable(bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(maxBlobs).map { Data($0) })
    }

    /// At most this many blobs go into one table.
    static let maxBlobs = 4

    /// `cases` written as a per-case blob and read back are the same cases.
    static func checkRoundTrip(_ cases: [EvalCase]) {
        guard let blob = try? EvalCases.encode(cases) else { return }
        let back: [EvalCase]
        do {
            back = try EvalCases.decode(blob)
        } catch {
            Invariant.require(false, "a per-case blob Quill wrote does not read back: \(error)")
            return
        }
        Invariant.require(back.count == cases.count && Set(back) == Set(cases), "cases changed on the way through a blob: \(cases) -> \(back)")
    }

    /// The table read from `blobs` straight and the one folded from their decoded cases: both refuse the
    /// blobs, or both have the same case ids, and per case the same mean of every metric (to the bit),
    /// the same verdict and the same output; each metric is recorded, derived or missing in both.
    static func checkTable(_ blobs: [Data]) {
        let cases = try? blobs.flatMap(EvalCases.decode)
        let read = try? CaseTable(blobs: blobs)
        guard let cases, let read else {
            Invariant.require(cases == nil && read == nil, "CaseTable(blobs:) \(read == nil ? "refused" : "read") blobs EvalCases \(cases == nil ? "refuses" : "reads")")
            return
        }
        let folded = CaseTable(cases)
        Invariant.require(Set(read.rows.keys) == Set(folded.rows.keys), "case ids \(read.rows.keys.sorted()) read, \(folded.rows.keys.sorted()) folded")
        let metrics = Set(cases.flatMap(\.metrics.keys)).union([CaseTable.passRate, "absent"])
        for metric in metrics {
            let (readColumn, foldedColumn) = (read.column(metric), folded.column(metric))
            Invariant.require(kind(readColumn) == kind(foldedColumn), "'\(metric)' is \(kind(readColumn)) read, \(kind(foldedColumn)) folded")
            for (id, row) in read.rows {
                let other = folded.rows[id]!
                let (mine, theirs) = (read.value(readColumn, row: row), folded.value(foldedColumn, row: other))
                Invariant.require(mine?.bitPattern == theirs?.bitPattern, "'\(metric)' of case '\(id)': \(String(describing: mine)) read, \(String(describing: theirs)) folded")
            }
        }
        for (id, row) in read.rows {
            let other = folded.rows[id]!
            Invariant.require(read.passed(row: row) == folded.passed(row: other), "verdict of case '\(id)' differs")
            Invariant.require(read.output(row: row) == folded.output(row: other), "output of case '\(id)' differs")
        }
    }

    /// Where a column's values come from, without its number (the two tables may number metrics differently).
    private static func kind(_ column: CaseTable.Column) -> String {
        switch column {
        case .metric: "recorded"
        case .passShare: "derived from verdicts"
        case .missing: "missing"
        }
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
