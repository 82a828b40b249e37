import Foundation
import Synchronization

/// The per-case results of one side, by case id: repeats and repeated runs folded into a mean per
/// metric, a pass share, and an output. Metric values sit in arrays indexed by a column number, so
/// reading a metric across thousands of cases hashes its name once, not once per case.
struct CaseTable {
    /// One case id's results on one side.
    struct Entry {
        var sums = [Double]()
        var counts = [Int]()
        var passes = 0
        var verdicts = 0
        /// The first recorded output of a passing run, of a failing run, and of any run.
        var outputs: (pass: String?, fail: String?, any: String?)

        /// The mean of a column over the runs of this case.
        func value(_ column: Column) -> Double? {
            switch column {
            case .metric(let index):
                guard index < counts.count, counts[index] > 0 else { return nil }
                return sums[index] / Double(counts[index])
            case .passShare:
                return verdicts > 0 ? Double(passes) / Double(verdicts) : nil
            case .missing:
                return nil
            }
        }

        /// Passed when more than half of its runs passed, failed when fewer than half did; nil
        /// without a verdict or with runs split evenly (such a case is left out of the pass/fail test).
        var passed: Bool? { verdicts == 0 || passes * 2 == verdicts ? nil : passes * 2 > verdicts }

        /// An output that shows the case's verdict: from a run with that verdict when there is one.
        var output: String? {
            switch passed {
            case true?: outputs.pass ?? outputs.any
            case false?: outputs.fail ?? outputs.any
            case nil: outputs.any
            }
        }
    }

    /// Where a metric's per-case values are.
    enum Column {
        /// A recorded metric, by column number.
        case metric(Int)
        /// `pass_rate`: the share of passing runs.
        case passShare
        /// Not in this table.
        case missing
    }

    /// The metric importers compute from verdicts.
    static let passRate = "pass_rate"

    private(set) var entries = [String: Entry]()
    private var columns = [String: Int]()

    /// Decodes per-case blobs (from any number of records) and folds them into one table.
    init(blobs: [Data]) throws {
        self.init([])
        for blob in blobs {
            let items = try EvalCases.decode(blob)
            // Sized by the first blob: later ones mostly repeat its ids (repeated runs).
            if entries.isEmpty { entries.reserveCapacity(items.count) }
            for item in items { CaseTable.fold(item, into: &entries[item.id, default: Entry()], columns: &columns) }
        }
    }

    /// Below this many bytes of blobs in all, the sides are decoded one after another on the calling
    /// thread: handing a few small tables to other threads costs more than decoding them.
    static let parallelBytes = 1 << 20

    /// The tables of several sides, each decoded and folded on its own thread when they are large (the
    /// work is pure; the blobs were read from the repository beforehand).
    static func tables(of sides: [[Data]]) throws -> [CaseTable] {
        guard sides.joined().reduce(0, { $0 + $1.count }) >= parallelBytes else { return try sides.map(CaseTable.init(blobs:)) }
        let results = Mutex([Result<CaseTable, any Error>?](repeating: nil, count: sides.count))
        DispatchQueue.concurrentPerform(iterations: sides.count) { side in
            let table = Result { try CaseTable(blobs: sides[side]) }
            results.withLock { $0[side] = table }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }

    /// Folds `cases` (from any number of records) into one entry per id.
    init(_ cases: [EvalCase]) {
        entries.reserveCapacity(cases.count)
        for item in cases { CaseTable.fold(item, into: &entries[item.id, default: Entry()], columns: &columns) }
    }

    /// Adds one run of a case to its entry (in place: the entry is not copied out and back).
    private static func fold(_ item: EvalCase, into entry: inout Entry, columns: inout [String: Int]) {
        for (name, value) in item.metrics {
            // A known name is hashed once; only a new one is stored.
            let column: Int
            if let known = columns[name] {
                column = known
            } else {
                column = columns.count
                columns[name] = column
            }
            if entry.sums.count <= column {
                entry.sums += [Double](repeating: 0, count: column + 1 - entry.sums.count)
                entry.counts += [Int](repeating: 0, count: column + 1 - entry.counts.count)
            }
            entry.sums[column] += value
            entry.counts[column] += 1
        }
        if let pass = item.pass {
            entry.verdicts += 1
            if pass { entry.passes += 1 }
            if pass, entry.outputs.pass == nil { entry.outputs.pass = item.output }
            if !pass, entry.outputs.fail == nil { entry.outputs.fail = item.output }
        }
        if entry.outputs.any == nil { entry.outputs.any = item.output }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Where `metric`'s values are; `pass_rate` comes from the verdicts unless it was recorded per case.
    func column(_ metric: String) -> Column {
        if let index = columns[metric] { return .metric(index) }
        return metric == CaseTable.passRate ? .passShare : .missing
    }

    /// Case ids ordered as people expect: runs of digits compare by value (`t8` < `t11` < `t24`,
    /// `2` < `10`), everything else by its UTF-8 bytes (faster than String's Unicode comparison).
    static func ordered(_ ids: some Sequence<String>) -> [String] {
        // Each id's bytes once, not twice per comparison.
        ids.map { (id: $0, bytes: Array($0.utf8)) }.sorted { naturallyPrecedes($0.bytes, $1.bytes) }.map(\.id)
    }

    /// Whether `left` sorts before `right` with digit runs compared as numbers (leading zeros
    /// ignored; equal numbers with more zeros sort later, so the order is total).
    static func naturallyPrecedes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var (l, r) = (0, 0)
        var zeroTieBreak = 0
        while l < left.count, r < right.count {
            guard isDigit(left[l]), isDigit(right[r]) else {
                if left[l] != right[r] { return left[l] < right[r] }
                l += 1
                r += 1
                continue
            }
            let (lStart, rStart) = (l, r)
            while l < left.count, left[l] == 0x30 { l += 1 }
            while r < right.count, right[r] == 0x30 { r += 1 }
            let (lSignificant, rSignificant) = (l, r)
            while l < left.count, isDigit(left[l]) { l += 1 }
            while r < right.count, isDigit(right[r]) { r += 1 }
            let (lLength, rLength) = (l - lSignificant, r - rSignificant)
            if lLength != rLength { return lLength < rLength }
            for offset in 0..<lLength where left[lSignificant + offset] != right[rSignificant + offset] {
                return left[lSignificant + offset] < right[rSignificant + offset]
            }
            if zeroTieBreak == 0 { zeroTieBreak = (lSignificant - lStart) - (rSignificant - rStart) }
        }
        if (left.count - l) != (right.count - r) { return left.count - l < right.count - r }
        return zeroTieBreak < 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
