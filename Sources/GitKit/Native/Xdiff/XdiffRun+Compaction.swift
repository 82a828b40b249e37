extension XdiffRun {
    /// A group of changed lines of one side (git's `struct xdlgroup`): `start..<end`, empty at an
    /// unchanged line.
    private struct Group {
        var start = 0
        var end = 0

        init(first side: XdiffSide) {
            while side.isChanged(end) { end += 1 }
        }

        /// Moves to the next group; false at the end of the side.
        mutating func next(_ side: XdiffSide) -> Bool {
            guard end != side.count else { return false }
            start = end + 1
            end = start
            while side.isChanged(end) { end += 1 }
            return true
        }

        /// Moves to the previous group; false at the start of the side.
        mutating func previous(_ side: XdiffSide) -> Bool {
            guard start != 0 else { return false }
            end = start - 1
            start = end
            while side.isChanged(start - 1) { start -= 1 }
            return true
        }

        /// Slides the group one line down when its first line equals the line after it, merging
        /// a group it runs into.
        mutating func slideDown(_ side: XdiffSide) -> Bool {
            guard end < side.count, side.matches(start, side, end) else { return false }
            side.mark(start, false)
            side.mark(end, true)
            start += 1
            end += 1
            while side.isChanged(end) { end += 1 }
            return true
        }

        /// Slides the group one line up when its last line equals the line before it.
        mutating func slideUp(_ side: XdiffSide) -> Bool {
            guard start > 0, side.matches(start - 1, side, end - 1) else { return false }
            start -= 1
            end -= 1
            side.mark(start, true)
            side.mark(end, false)
            while side.isChanged(start - 1) { start -= 1 }
            return true
        }
    }

    /// Slides each group of changed lines of `side` as git does (`xdl_change_compact`): merged with
    /// the groups it can reach, then lined up with a group of the other side when it can be, else,
    /// with the indent heuristic, put where the blank lines and indentation around it score best,
    /// else left as low as it goes.
    func compact(_ side: XdiffSide, against other: XdiffSide, indentHeuristic: Bool) {
        var group = Group(first: side)
        var otherGroup = Group(first: other)
        while true {
            if group.end != group.start {
                var size = 0
                var earliestEnd = 0
                var endMatchingOther = -1
                repeat {
                    size = group.end - group.start
                    endMatchingOther = -1
                    while group.slideUp(side) { _ = otherGroup.previous(other) }
                    earliestEnd = group.end
                    if otherGroup.end > otherGroup.start { endMatchingOther = group.end }
                    while group.slideDown(side) {
                        _ = otherGroup.next(other)
                        if otherGroup.end > otherGroup.start { endMatchingOther = group.end }
                    }
                } while size != group.end - group.start
                if group.end == earliestEnd {
                    // It cannot move.
                } else if endMatchingOther != -1 {
                    while otherGroup.end == otherGroup.start {
                        _ = group.slideUp(side)
                        _ = otherGroup.previous(other)
                    }
                } else if indentHeuristic {
                    let best = bestShift(side, end: group.end, earliestEnd: earliestEnd, size: size)
                    while group.end > best {
                        _ = group.slideUp(side)
                        _ = otherGroup.previous(other)
                    }
                }
            }
            guard group.next(side) else { break }
            _ = otherGroup.next(other)
        }
    }

    /// Where the indent heuristic puts a group of `size` lines that can end anywhere from
    /// `earliestEnd` to `end` (at most 100 lines up): the end whose two splits score lowest, the
    /// lowest such end on a tie.
    private func bestShift(_ side: XdiffSide, end: Int, earliestEnd: Int, size: Int) -> Int {
        var shift = max(earliestEnd, end - size - 1, end - 100)
        var best = -1
        var bestScore = SplitScore()
        while shift <= end {
            var score = SplitScore()
            score.add(SplitMeasure(side, at: shift))
            score.add(SplitMeasure(side, at: shift - size))
            if best == -1 || score.compare(bestScore) <= 0 {
                bestScore = score
                best = shift
            }
            shift += 1
        }
        return best
    }
}

/// What the indent heuristic sees around a split above line `split` (git's `split_measurement`).
private struct SplitMeasure {
    var isEndOfFile = false
    /// The indent of the line after the split, -1 when blank.
    var indent = -1
    var blanksBefore = 0
    var indentBefore = -1
    var blanksAfter = 0
    var indentAfter = -1

    init(_ side: XdiffSide, at split: Int) {
        if split >= side.count {
            isEndOfFile = true
        } else {
            indent = side.indent(split)
        }
        (blanksBefore, indentBefore) = SplitMeasure.blanks(side, from: split - 1, step: -1)
        (blanksAfter, indentAfter) = SplitMeasure.blanks(side, from: split + 1, step: 1)
    }

    /// The blank lines met going from `line` by `step` (at most 20, then counted as indent 0), and
    /// the indent of the first non-blank one (-1 when the side ends first).
    private static func blanks(_ side: XdiffSide, from line: Int, step: Int) -> (count: Int, indent: Int) {
        var count = 0
        var line = line
        while line >= 0, line < side.count {
            let indent = side.indent(line)
            if indent != -1 { return (count, indent) }
            count += 1
            if count == 20 { return (count, 0) }
            line += step
        }
        return (count, -1)
    }
}

/// The badness of a group's two splits (git's `split_score` and `score_add_split`, with git's weights).
private struct SplitScore {
    var effectiveIndent = 0
    var penalty = 0

    mutating func add(_ measure: SplitMeasure) {
        if measure.indentBefore == -1, measure.blanksBefore == 0 { penalty += 1 }
        if measure.isEndOfFile { penalty += 21 }
        let blanksAfter = measure.indent == -1 ? 1 + measure.blanksAfter : 0
        let blanks = measure.blanksBefore + blanksAfter
        penalty += -30 * blanks + 6 * blanksAfter
        let indent = measure.indent != -1 ? measure.indent : measure.indentAfter
        let anyBlanks = blanks != 0
        effectiveIndent += indent
        if indent == -1 || measure.indentBefore == -1 {
            return
        } else if indent > measure.indentBefore {
            penalty += anyBlanks ? 10 : -4
        } else if indent == measure.indentBefore {
            return
        } else if measure.indentAfter != -1, measure.indentAfter > indent {
            penalty += anyBlanks ? 17 : 24
        } else {
            penalty += anyBlanks ? 17 : 23
        }
    }

    /// Negative when `self` is better than `other`, zero when as good.
    func compare(_ other: SplitScore) -> Int {
        let indents = (effectiveIndent > other.effectiveIndent ? 1 : 0) - (effectiveIndent < other.effectiveIndent ? 1 : 0)
        return 60 * indents + (penalty - other.penalty)
    }
}
