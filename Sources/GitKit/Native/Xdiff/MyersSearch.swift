/// Myers' O(ND) search with xdiff's heuristics (git's `xdl_recs_cmp` and `xdl_split`): splits the
/// box of the two line lists at the middle snake, recursively, and once the edit cost passes
/// `√(a + b)` (at least 256) or a long snake is found far from the diagonal, takes the furthest
/// reaching path instead of the shortest, exactly as git does, so the changes are git's.
struct MyersSearch {
    private let class1: [Int]
    private let class2: [Int]
    private(set) var changed1: [Bool]
    private(set) var changed2: [Bool]
    /// Forward and backward furthest-reaching K vectors, indexed by diagonal + `offset`.
    private var forward: [Int]
    private var backward: [Int]
    private let offset: Int
    private let maxCost: Int
    private static let snakeCount = 20
    private static let heuristicMinimumCost = 256
    private static let heuristicFactor = 4
    private static let lineMax = Int.max

    init(_ class1: [Int], _ class2: [Int]) {
        self.class1 = class1
        self.class2 = class2
        changed1 = [Bool](repeating: false, count: class1.count)
        changed2 = [Bool](repeating: false, count: class2.count)
        let diagonals = class1.count + class2.count + 3
        forward = [Int](repeating: 0, count: diagonals + 2)
        backward = [Int](repeating: 0, count: diagonals + 2)
        offset = class2.count + 1
        var cost = 1
        var n = diagonals
        while n > 0 {
            cost <<= 1
            n >>= 2
        }
        maxCost = max(cost, 256)
    }

    /// Marks the changed positions of both lists.
    mutating func run() {
        var boxes = [(off1: 0, lim1: class1.count, off2: 0, lim2: class2.count, needMinimal: false)]
        while let box = boxes.popLast() {
            var (off1, lim1, off2, lim2) = (box.off1, box.lim1, box.off2, box.lim2)
            while off1 < lim1, off2 < lim2, class1[off1] == class2[off2] {
                off1 += 1
                off2 += 1
            }
            while off1 < lim1, off2 < lim2, class1[lim1 - 1] == class2[lim2 - 1] {
                lim1 -= 1
                lim2 -= 1
            }
            if off1 == lim1 {
                for position in off2..<lim2 { changed2[position] = true }
            } else if off2 == lim2 {
                for position in off1..<lim1 { changed1[position] = true }
            } else {
                let split = self.split(off1, lim1, off2, lim2, needMinimal: box.needMinimal)
                boxes.append((split.i1, lim1, split.i2, lim2, split.minimalHigh))
                boxes.append((off1, split.i1, off2, split.i2, split.minimalLow))
            }
        }
    }

    private struct Split {
        var i1 = 0
        var i2 = 0
        var minimalLow = true
        var minimalHigh = true
    }

    /// The point where the box is cut in two (git's `xdl_split`).
    private mutating func split(_ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int, needMinimal: Bool) -> Split {
        let dmin = off1 - lim2
        let dmax = lim1 - off2
        let fmid = off1 - off2
        let bmid = lim1 - lim2
        let odd = (fmid - bmid) & 1 != 0
        var fmin = fmid
        var fmax = fmid
        var bmin = bmid
        var bmax = bmid
        let k = offset
        forward[fmid + k] = off1
        backward[bmid + k] = lim1
        var cost = 1
        while true {
            var gotSnake = false
            if fmin > dmin {
                fmin -= 1
                forward[fmin - 1 + k] = -1
            } else {
                fmin += 1
            }
            if fmax < dmax {
                fmax += 1
                forward[fmax + 1 + k] = -1
            } else {
                fmax -= 1
            }
            var d = fmax
            while d >= fmin {
                var i1 = forward[d - 1 + k] >= forward[d + 1 + k] ? forward[d - 1 + k] + 1 : forward[d + 1 + k]
                let previous = i1
                var i2 = i1 - d
                while i1 < lim1, i2 < lim2, class1[i1] == class2[i2] {
                    i1 += 1
                    i2 += 1
                }
                if i1 - previous > MyersSearch.snakeCount { gotSnake = true }
                forward[d + k] = i1
                if odd, bmin <= d, d <= bmax, backward[d + k] <= i1 {
                    return Split(i1: i1, i2: i2, minimalLow: true, minimalHigh: true)
                }
                d -= 2
            }
            if bmin > dmin {
                bmin -= 1
                backward[bmin - 1 + k] = MyersSearch.lineMax
            } else {
                bmin += 1
            }
            if bmax < dmax {
                bmax += 1
                backward[bmax + 1 + k] = MyersSearch.lineMax
            } else {
                bmax -= 1
            }
            d = bmax
            while d >= bmin {
                var i1 = backward[d - 1 + k] < backward[d + 1 + k] ? backward[d - 1 + k] : backward[d + 1 + k] - 1
                let previous = i1
                var i2 = i1 - d
                while i1 > off1, i2 > off2, class1[i1 - 1] == class2[i2 - 1] {
                    i1 -= 1
                    i2 -= 1
                }
                if previous - i1 > MyersSearch.snakeCount { gotSnake = true }
                backward[d + k] = i1
                if !odd, fmin <= d, d <= fmax, i1 <= forward[d + k] {
                    return Split(i1: i1, i2: i2, minimalLow: true, minimalHigh: true)
                }
                d -= 2
            }
            defer { cost += 1 }
            if needMinimal { continue }
            if gotSnake, cost > MyersSearch.heuristicMinimumCost {
                if let split = snakeSplit(off1, lim1, off2, lim2, dmin: fmin, dmax: fmax, mid: fmid, cost: cost, isForward: true) { return split }
                if let split = snakeSplit(off1, lim1, off2, lim2, dmin: bmin, dmax: bmax, mid: bmid, cost: cost, isForward: false) { return split }
            }
            if cost >= maxCost { return furthest(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax) }
        }
    }

    /// A path that reached far from its corner and ends (forward) or starts (backward) with a
    /// snake of at least 20 lines, if any: the best by distance reached less distance from the
    /// middle diagonal, when that passes 4 × `cost`.
    private func snakeSplit(_ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int, dmin: Int, dmax: Int, mid: Int, cost: Int, isForward: Bool) -> Split? {
        let snake = MyersSearch.snakeCount
        var best = 0
        var split = Split(minimalLow: isForward, minimalHigh: !isForward)
        var d = dmax
        while d >= dmin {
            let i1 = isForward ? forward[d + offset] : backward[d + offset]
            let i2 = i1 - d
            let reached = isForward ? (i1 - off1) + (i2 - off2) : (lim1 - i1) + (lim2 - i2)
            let value = reached - (d > mid ? d - mid : mid - d)
            let isInside = isForward
                ? off1 + snake <= i1 && i1 < lim1 && off2 + snake <= i2 && i2 < lim2
                : off1 < i1 && i1 <= lim1 - snake && off2 < i2 && i2 <= lim2 - snake
            if value > MyersSearch.heuristicFactor * cost, value > best, isInside,
               (0..<snake).allSatisfy({ isForward ? class1[i1 - 1 - $0] == class2[i2 - 1 - $0] : class1[i1 + $0] == class2[i2 + $0] }) {
                best = value
                split.i1 = i1
                split.i2 = i2
            }
            d -= 2
        }
        return best > 0 ? split : nil
    }

    /// The furthest-reaching forward or backward path, when the search has cost too much.
    private func furthest(_ off1: Int, _ lim1: Int, _ off2: Int, _ lim2: Int, _ fmin: Int, _ fmax: Int, _ bmin: Int, _ bmax: Int) -> Split {
        var forwardBest = -1
        var forwardBest1 = -1
        var d = fmax
        while d >= fmin {
            var i1 = min(forward[d + offset], lim1)
            var i2 = i1 - d
            if lim2 < i2 {
                i1 = lim2 + d
                i2 = lim2
            }
            if forwardBest < i1 + i2 {
                forwardBest = i1 + i2
                forwardBest1 = i1
            }
            d -= 2
        }
        var backwardBest = MyersSearch.lineMax
        var backwardBest1 = MyersSearch.lineMax
        d = bmax
        while d >= bmin {
            var i1 = max(off1, backward[d + offset])
            var i2 = i1 - d
            if i2 < off2 {
                i1 = off2 + d
                i2 = off2
            }
            if i1 + i2 < backwardBest {
                backwardBest = i1 + i2
                backwardBest1 = i1
            }
            d -= 2
        }
        if (lim1 + lim2) - backwardBest < forwardBest - (off1 + off2) {
            return Split(i1: forwardBest1, i2: forwardBest - forwardBest1, minimalLow: true, minimalHigh: false)
        }
        return Split(i1: backwardBest1, i2: backwardBest - backwardBest1, minimalLow: false, minimalHigh: true)
    }
}
