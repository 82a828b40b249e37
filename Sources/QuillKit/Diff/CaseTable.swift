import Foundation
import Synchronization

/// The per-case results of one side, by case id: repeats and repeated runs folded into a mean per
/// metric, a pass share, and an output. Each case id has a row; metric values sit in one array per
/// column (a metric), so reading a metric across thousands of cases hashes its name once, not once per
/// case, and a case costs no dictionary and no arrays of its own.
struct CaseTable {
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

    /// The row of each case id.
    private(set) var rows = [String: Int]()
    private var columns = [String: Int]()
    /// By column then row: the sum of a metric's values over a case's runs, and how many runs had it.
    private var sums = [[Double]]()
    private var counts = [[Int]]()
    /// By row: the runs that passed, the runs with a verdict, and the first recorded output of a
    /// passing run, of a failing run, and of any run.
    private var passes = [Int]()
    private var verdicts = [Int]()
    private var outputs = [(pass: String?, fail: String?, any: String?)]()

    /// Decodes per-case blobs (from any number of records) and folds them into one table: each blob's
    /// lines straight from its bytes when they are all of the canonical shape, else from `EvalCases`.
    init(blobs: [Data]) throws {
        var runs = CaseRuns()
        for blob in blobs {
            runs.removeAll()
            if blob.withUnsafeBytes({ CaseLineScanner.scan($0, into: &runs) }) {
                // Sized by the first blob: later ones mostly repeat its ids (repeated runs).
                if rows.isEmpty { reserveCapacity(runs.count) }
                fold(runs)
            } else {
                for item in try EvalCases.decode(blob) { fold(item) }
            }
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

    /// Folds `cases` (from any number of records) into one row per id.
    init(_ cases: [EvalCase]) {
        reserveCapacity(cases.count)
        for item in cases { fold(item) }
    }

    var isEmpty: Bool { rows.isEmpty }

    /// Where `metric`'s values are; `pass_rate` comes from the verdicts unless it was recorded per case.
    func column(_ metric: String) -> Column {
        if let index = columns[metric] { return .metric(index) }
        return metric == CaseTable.passRate ? .passShare : .missing
    }

    /// The mean of a column over the runs of the case in `row`.
    func value(_ column: Column, row: Int) -> Double? {
        switch column {
        case .metric(let index):
            let count = counts[index][row]
            return count > 0 ? sums[index][row] / Double(count) : nil
        case .passShare:
            return verdicts[row] > 0 ? Double(passes[row]) / Double(verdicts[row]) : nil
        case .missing:
            return nil
        }
    }

    /// Passed when more than half of its runs passed, failed when fewer than half did; nil without a
    /// verdict or with runs split evenly (such a case is left out of the pass/fail test).
    func passed(row: Int) -> Bool? {
        verdicts[row] == 0 || passes[row] * 2 == verdicts[row] ? nil : passes[row] * 2 > verdicts[row]
    }

    /// An output that shows the case's verdict: from a run with that verdict when there is one.
    func output(row: Int) -> String? {
        switch passed(row: row) {
        case true?: outputs[row].pass ?? outputs[row].any
        case false?: outputs[row].fail ?? outputs[row].any
        case nil: outputs[row].any
        }
    }

    private mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
        passes.reserveCapacity(count)
        verdicts.reserveCapacity(count)
        outputs.reserveCapacity(count)
    }

    /// A blob's runs, in its order: their metrics by the blob's name numbers, made columns once each.
    private mutating func fold(_ runs: CaseRuns) {
        var blobColumns = [Int]()
        for name in runs.names { blobColumns.append(column(named: name)) }
        var start = 0
        for run in 0..<runs.count {
            let row = row(of: runs.ids[run])
            let end = runs.metricEnds[run]
            for index in start..<end {
                add(runs.metricValues[index], column: blobColumns[runs.metricNames[index]], row: row)
            }
            start = end
            addVerdict(runs.passes[run], output: runs.outputs[run], row: row)
        }
    }

    /// Adds one run of a case to its row.
    private mutating func fold(_ item: EvalCase) {
        let row = row(of: item.id)
        for (name, value) in item.metrics { add(value, column: column(named: name), row: row) }
        addVerdict(item.pass, output: item.output, row: row)
    }

    /// The row of `id`, a new one (zero in every column) when it has none: one hash either way.
    private mutating func row(of id: String) -> Int {
        let next = rows.count
        let row = Self.read(&rows[id, default: next])
        guard row == next else { return row }
        for column in sums.indices {
            sums[column].append(0)
            counts[column].append(0)
        }
        passes.append(0)
        verdicts.append(0)
        outputs.append((nil, nil, nil))
        return row
    }

    /// The value an in-out access holds (reading `dictionary[key, default:]` in out stores the default).
    private static func read(_ value: inout Int) -> Int { value }

    /// The column of the metric `name`, a new one (zero in every row) when it has none.
    private mutating func column(named name: String) -> Int {
        if let known = columns[name] { return known }
        columns[name] = sums.count
        sums.append([Double](repeating: 0, count: rows.count))
        counts.append([Int](repeating: 0, count: rows.count))
        return sums.count - 1
    }

    private mutating func add(_ value: Double, column: Int, row: Int) {
        sums[column][row] += value
        counts[column][row] += 1
    }

    private mutating func addVerdict(_ pass: Bool?, output: String?, row: Int) {
        if let pass {
            verdicts[row] += 1
            if pass { passes[row] += 1 }
            if pass, outputs[row].pass == nil { outputs[row].pass = output }
            if !pass, outputs[row].fail == nil { outputs[row].fail = output }
        }
        if outputs[row].any == nil { outputs[row].any = output }
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
