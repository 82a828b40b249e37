import Foundation

/// git's line diff as `git blame` runs it (`xdi_diff` with no context: the common tail cut in
/// 1,024-byte blocks, then xdiff's Myers with its heuristics, `xdl_change_compact` with or without
/// the indent heuristic, and one change per group), written natively so that each version's lines
/// are cut and hashed once (`LineTable`) and the common head and tail of two versions are skipped
/// with a memory compare instead of being classified line by line. Its answer is xdiff's; only the
/// work differs.
enum Xdiff {
    /// The changes from `old` to `new`, oldest first.
    ///
    /// Complexity: O(n) memory compares and hash look-ups for the common part, plus Myers'
    /// O((a + b) × d) on the a and b lines that differ in d places.
    static func changes(from old: LineTable, to new: LineTable, indentHeuristic: Bool) -> [LineChange] {
        old.data.withUnsafeBytes { oldBytes in
            new.data.withUnsafeBytes { newBytes in
                let empty = UnsafeRawPointer(bitPattern: 1)!
                let kept = Repository.lengthsWithoutCommonTail(oldBytes, newBytes)
                let side1 = XdiffSide(bytes: oldBytes.baseAddress ?? empty, table: old, count: old.lines(within: kept.old))
                let side2 = XdiffSide(bytes: newBytes.baseAddress ?? empty, table: new, count: new.lines(within: kept.new))
                var run = XdiffRun(side1, side2)
                run.diff()
                run.compact(side1, against: side2, indentHeuristic: indentHeuristic)
                run.compact(side2, against: side1, indentHeuristic: indentHeuristic)
                return run.script()
            }
        }
    }
}

/// The state of one diff: xdiff's `xdfenv_t`, the reduced line lists Myers works on, and its K vectors.
struct XdiffRun {
    let side1: XdiffSide
    let side2: XdiffSide
    /// Line numbers (git's `rindex`) and class ids (git's `ha`) of the lines Myers compares.
    private var index1 = [Int]()
    private var index2 = [Int]()
    private var class1 = [Int]()
    private var class2 = [Int]()

    init(_ side1: XdiffSide, _ side2: XdiffSide) {
        self.side1 = side1
        self.side2 = side2
    }

    /// Marks the changed lines of both sides (git's `xdl_do_diff`).
    mutating func diff() {
        let (start, end1, end2) = trimmedEnds()
        prepare(start: start, end1: end1, end2: end2)
        var search = MyersSearch(class1, class2)
        search.run()
        for (position, line) in index1.enumerated() where search.changed1[position] { side1.mark(line, true) }
        for (position, line) in index2.enumerated() where search.changed2[position] { side2.mark(line, true) }
    }

    /// The common head and tail of the two sides, in lines (git's `xdl_trim_ends`): returns the
    /// first line that differs and the last line of each side before the common tail.
    private func trimmedEnds() -> (start: Int, end1: Int, end2: Int) {
        let limit = min(side1.count, side2.count)
        var head = 0
        while head < limit, side1.table.hashes[head] == side2.table.hashes[head], side1.table.ends[head] == side2.table.ends[head] { head += 1 }
        if head > 0, memcmp(side1.bytes, side2.bytes, Int(side1.table.ends[head - 1])) != 0 {
            head = 0
            while head < limit, side1.matches(head, side2, head) { head += 1 }
        }
        var tail = 0
        while tail < limit - head, side1.matches(side1.count - 1 - tail, side2, side2.count - 1 - tail) { tail += 1 }
        return (head, side1.count - tail - 1, side2.count - tail - 1)
    }

    /// Classifies the lines between the common head and tail, counts each class over the whole of
    /// both sides, and keeps the lines Myers must compare (git's `xdl_classify_record` and
    /// `xdl_cleanup_records`): a line whose class the other side lacks is changed outright; one
    /// the other side has `√n` times or more is dropped when it sits among such lines.
    private mutating func prepare(start: Int, end1: Int, end2: Int) {
        var classes = LineClasses(capacity: max(0, end1 - start + 1) + max(0, end2 - start + 1))
        let classOf1 = start <= end1 ? (start...end1).map { classes.find(side1, $0, insert: true) } : []
        let classOf2 = start <= end2 ? (start...end2).map { classes.find(side2, $0, insert: true) } : []
        classOf1.forEach { classes.count1[$0] += 1 }
        classOf2.forEach { classes.count2[$0] += 1 }
        if !classes.isEmpty {
            for range in [0..<start, (end1 + 1)..<side1.count] {
                for line in range {
                    let found = classes.find(side1, line, insert: false)
                    if found >= 0 {
                        classes.count1[found] += 1
                        classes.count2[found] += 1
                    }
                }
            }
        }
        (index1, class1) = kept(side1, start: start, classes: classOf1) { classes.count2[$0] }
        (index2, class2) = kept(side2, start: start, classes: classOf2) { classes.count1[$0] }
    }

    /// The lines of `side` Myers compares, and their classes; the others are marked changed.
    private func kept(_ side: XdiffSide, start: Int, classes: [Int], otherCount: (Int) -> Int) -> ([Int], [Int]) {
        var limit = 1
        var n = side.count
        while n > 0 {
            limit <<= 1
            n >>= 2
        }
        limit = min(limit, 1024)
        // 0: the other side lacks the line; 1: it has it; 2: it has it `limit` times or more.
        let discard: [UInt8] = classes.map { otherCount($0) == 0 ? 0 : otherCount($0) >= limit ? 2 : 1 }
        var lines = [Int]()
        var kept = [Int]()
        for (offset, kind) in discard.enumerated() {
            if kind == 1 || (kind == 2 && !XdiffRun.isAmongUnmatched(discard, offset)) {
                lines.append(start + offset)
                kept.append(classes[offset])
            } else {
                side.mark(start + offset, true)
            }
        }
        return (lines, kept)
    }

    /// Whether the often-matched line at `position` sits in a run of unmatched and often-matched
    /// lines, within 100 lines either way, where the unmatched ones are over a quarter (git's
    /// `xdl_clean_mmatch`).
    private static func isAmongUnmatched(_ discard: [UInt8], _ position: Int) -> Bool {
        let low = max(0, position - 100)
        let high = min(discard.count - 1, position + 100)
        var unmatchedBefore = 0
        var multipleBefore = 1
        var offset = position - 1
        while offset >= low {
            if discard[offset] == 0 { unmatchedBefore += 1 } else if discard[offset] == 2 { multipleBefore += 1 } else { break }
            offset -= 1
        }
        guard unmatchedBefore > 0 else { return false }
        var unmatchedAfter = 0
        var multipleAfter = 1
        offset = position + 1
        while offset <= high {
            if discard[offset] == 0 { unmatchedAfter += 1 } else if discard[offset] == 2 { multipleAfter += 1 } else { break }
            offset += 1
        }
        guard unmatchedAfter > 0 else { return false }
        let unmatched = unmatchedBefore + unmatchedAfter
        let multiple = multipleBefore + multipleAfter
        return multiple * 4 < multiple + unmatched
    }

    /// The changes, oldest first, one per group of changed lines (git's `xdl_build_script`).
    func script() -> [LineChange] {
        var changes = [LineChange]()
        var line1 = side1.count
        var line2 = side2.count
        while line1 >= 0 || line2 >= 0 {
            if side1.isChanged(line1 - 1) || side2.isChanged(line2 - 1) {
                let end1 = line1
                let end2 = line2
                while side1.isChanged(line1 - 1) { line1 -= 1 }
                while side2.isChanged(line2 - 1) { line2 -= 1 }
                changes.append(LineChange(oldStart: line1, oldCount: end1 - line1, newStart: line2, newCount: end2 - line2))
            }
            line1 -= 1
            line2 -= 1
        }
        return changes.reversed()
    }
}

/// Equivalence classes of lines (git's `xdlclassifier_t`): lines are in one class when their bytes
/// are equal. Only the lines between the common head and tail get a class; the common ones are
/// looked up to count them.
private struct LineClasses {
    private var slots: [Int32]
    private let mask: Int
    private var hashes = [UInt64]()
    private var representatives = [(side: XdiffSide, line: Int)]()
    var count1 = [Int]()
    var count2 = [Int]()

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var isEmpty: Bool { hashes.isEmpty }

    /// The class of `line` of `side`; with `insert`, a new class when none matches, else -1.
    mutating func find(_ side: XdiffSide, _ line: Int, insert: Bool) -> Int {
        let hash = side.table.hashes[line]
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if hashes[candidate] == hash, representatives[candidate].side.matches(representatives[candidate].line, side, line) {
                return candidate
            }
            slot = (slot + 1) & mask
        }
        guard insert else { return -1 }
        slots[slot] = Int32(hashes.count)
        hashes.append(hash)
        representatives.append((side, line))
        count1.append(0)
        count2.append(0)
        return hashes.count - 1
    }
}
