/// Git's pairing of rename and copy destinations with sources (`diffcore-rename.c`,
/// `diffcore_rename_extended`, git 2.39), without break detection or directory-rename hints.
///
/// In order:
/// 1. Exact matches: each destination, in path order, takes a source with the same blob id (and the
///    same mode unless both are regular files). Among several it prefers, by one point each, a
///    source not used yet (a deleted file) and one with the same basename; the first with the most
///    points wins, in the order of git's hash table (path order until the table grows, see
///    `exactMatchOrder`), after at most 100 tries. For renames only, a source is used at most once.
/// 2. For renames only: sources and destinations whose basename is unique on each side are paired
///    when their score reaches `minimum + (maximum - minimum) / 2` (75% by default).
/// 3. The rename limit: when the remaining destinations times the sources exceed the limit squared,
///    inexact detection is skipped; for copies, it first retries without unmodified sources.
/// 4. Inexact matches: each remaining destination keeps its 4 best sources (score, then same
///    basename; the earlier source on a tie). All kept candidates are stably sorted by score, then
///    basename; the best pair whose score reaches `minimum` is taken first, a destination only once,
///    first with sources not used yet (renames), then, for copies, with any source.
struct RenamePairing {
    /// A destination's source: an index into the sources, the score, and whether git reports a copy.
    struct Match: Equatable {
        let source: Int
        let score: Int
        var isCopy: Bool
    }

    let detection: RenameDetection
    var minimumScore = SimilarityScore.defaultMinimum
    /// `diff.renameLimit`, 1,000 by default; 0 or less is unlimited.
    var renameLimit = Self.defaultRenameLimit
    /// git's rename limit when no setting names one.
    static let defaultRenameLimit = 1000
    var content: SimilarityContent

    private static let candidatesPerDestination = 4
    private static let exactTries = 100

    private struct Candidate {
        let destination: Int
        let source: Int
        let score: Int
        let sameBasename: Bool

        /// git's `score_compare` < 0: `self` sorts before `other` (higher score, then same basename).
        func ranksAbove(_ other: Candidate) -> Bool {
            score != other.score ? score > other.score : sameBasename && !other.sameBasename
        }
    }

    /// The source of each destination that has one, by destination index. Sources and destinations
    /// must be in git's path order (byte order of the full path).
    mutating func matches(sources allSources: [RenameSource], destinations: [SimilarityFile]) throws(GitError) -> [Int: Match] {
        let wantsCopies = detection != .renames
        let registered = allSources.indices.filter { wantsCopies || allSources[$0].state == .deleted }
        var used = [Int](repeating: 0, count: allSources.count)
        for index in registered where allSources[index].state != .deleted { used[index] = 1 }
        var matches = [Int: Match]()
        func record(_ destination: Int, _ source: Int, _ score: Int) {
            used[source] += 1
            matches[destination] = Match(source: source, score: score, isCopy: false)
        }
        guard !registered.isEmpty, !destinations.isEmpty else { return matches }

        let byID = Self.exactMatchOrder(registered, ids: { allSources[$0].file.id })
        for (destinationIndex, destination) in destinations.enumerated() {
            var best: Int?
            var bestPoints = -1
            var tries = Self.exactTries
            for index in byID[destination.id] ?? [] {
                let source = allSources[index].file
                if !(source.mode.isRegularFile && destination.mode.isRegularFile), source.mode != destination.mode { continue }
                if used[index] > 0 && !wantsCopies { continue }
                let points = (used[index] == 0 ? 1 : 0) + (source.hasSameBasename(as: destination) ? 1 : 0)
                if points > bestPoints {
                    best = index
                    bestPoints = points
                    if points == 2 { break }
                }
                tries -= 1
                if tries == 0 { break }
            }
            if let best { record(destinationIndex, best, SimilarityScore.maximum) }
        }
        guard minimumScore < SimilarityScore.maximum else { return resolved(matches, sources: allSources) }

        var sources = wantsCopies ? registered : registered.filter { used[$0] == 0 }
        if !wantsCopies {
            let basenameMinimum = minimumScore + (SimilarityScore.maximum - minimumScore) / 2
            for (destination, source, score) in try basenameMatches(
                sources: sources, allSources: allSources, destinations: destinations.indices.filter { matches[$0] == nil }.map { ($0, destinations[$0]) },
                minimum: basenameMinimum) {
                record(destination, source, score)
            }
            sources = sources.filter { used[$0] == 0 }
        }
        let remaining = destinations.indices.filter { matches[$0] == nil }
        // The limit counts the sources left after the exact and basename steps (git's culled `rename_src`).
        guard !remaining.isEmpty, !sources.isEmpty else { return resolved(matches, sources: allSources) }

        var skipsUnmodified = false
        if renameLimit > 0, remaining.count * sources.count > renameLimit * renameLimit {
            let changed = registered.filter { allSources[$0].state != .unmodified }.count
            guard wantsCopies, remaining.count * changed <= renameLimit * renameLimit else { return resolved(matches, sources: allSources) }
            skipsUnmodified = true
        }

        var candidates = [Candidate]()
        for destinationIndex in remaining {
            let destination = destinations[destinationIndex]
            var kept = [Candidate?](repeating: nil, count: Self.candidatesPerDestination)
            for index in sources where !(skipsUnmodified && allSources[index].state == .unmodified) {
                let source = allSources[index].file
                let candidate = Candidate(
                    destination: destinationIndex, source: index,
                    score: try content.score(of: source, into: destination, minimumScore: minimumScore),
                    sameBasename: source.hasSameBasename(as: destination))
                Self.keep(candidate, in: &kept)
            }
            candidates.append(contentsOf: kept.compactMap { $0 })
        }
        candidates = Self.stablySorted(candidates)
        for copies in wantsCopies ? [false, true] : [false] {
            for candidate in candidates {
                guard candidate.score >= minimumScore else { break }
                if matches[candidate.destination] != nil { continue }
                if !copies && used[candidate.source] > 0 { continue }
                record(candidate.destination, candidate.source, candidate.score)
            }
        }
        return resolved(matches, sources: allSources)
    }

    /// Step 2: pairs of a source and a destination whose basename no other remaining one has, as
    /// (destination, source, score).
    private mutating func basenameMatches(
        sources: [Int], allSources: [RenameSource], destinations: [(index: Int, file: SimilarityFile)], minimum: Int
    ) throws(GitError) -> [(Int, Int, Int)] {
        func unique<Item>(_ items: [Item], name: (Item) -> [UInt8]) -> [[UInt8]: Item] {
            var counts = [[UInt8]: Int]()
            for item in items { counts[name(item), default: 0] += 1 }
            return Dictionary(items.filter { counts[name($0)] == 1 }.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
        }
        let uniqueSources = unique(sources) { allSources[$0].file.basename }
        let uniqueDestinations = unique(destinations) { $0.file.basename }
        var found = [(Int, Int, Int)]()
        for index in sources {
            let source = allSources[index].file
            guard uniqueSources[source.basename] != nil, let destination = uniqueDestinations[source.basename] else { continue }
            let score = try content.score(of: source, into: destination.file, minimumScore: minimum)
            if score >= minimum { found.append((destination.index, index, score)) }
        }
        return found
    }

    /// The sources of each blob id in the order git's exact-match table hands them out
    /// (`find_exact_renames` over `hashmap.c`): sources go in from the last to the first, each at the
    /// head of its bucket, so a lookup meets them in path order, except that each time the table
    /// grows (past 80% of 64, 256, 1,024, … buckets, sized at first for all sources) every bucket's
    /// chain is reversed. With 205 sources, say, git's table grows at the last one and prefers the
    /// last identical file in path order.
    private static func exactMatchOrder(_ sources: [Int], ids: (Int) -> ObjectID) -> [ObjectID: [Int]] {
        var size = 64
        let wanted = sources.count * 100 / 80
        while wanted > size { size <<= 2 }
        var growAt = size * 80 / 100
        var chains = [ObjectID: [Int]]()
        for (count, index) in sources.reversed().enumerated() {
            chains[ids(index), default: []].insert(index, at: 0)
            if count + 1 > growAt {
                size <<= 2
                growAt = size * 80 / 100
                for id in chains.keys { chains[id]!.reverse() }
            }
        }
        return chains
    }

    /// git's `record_if_better`: `candidate` replaces the worst kept one when it ranks above it (an
    /// empty slot ranks below everything; the first of equally bad slots is replaced).
    private static func keep(_ candidate: Candidate, in kept: inout [Candidate?]) {
        func isWorse(_ a: Candidate?, than b: Candidate?) -> Bool {
            guard let a else { return b != nil }
            guard let b else { return false }
            return b.ranksAbove(a)
        }
        var worst = 0
        for slot in 1..<kept.count where isWorse(kept[slot], than: kept[worst]) { worst = slot }
        if isWorse(kept[worst], than: candidate) { kept[worst] = candidate }
    }

    /// git's `STABLE_QSORT` with `score_compare`.
    private static func stablySorted(_ candidates: [Candidate]) -> [Candidate] {
        candidates.enumerated().sorted { a, b in
            a.element.ranksAbove(b.element) || (!b.element.ranksAbove(a.element) && a.offset < b.offset)
        }.map(\.element)
    }

    /// git's `diff_resolve_rename_copy`: a pair is a copy when its source stays in the new tree, or
    /// when a later destination (in path order) takes the same deleted source; the last is the rename.
    private func resolved(_ matches: [Int: Match], sources: [RenameSource]) -> [Int: Match] {
        var resolved = matches
        var lastUse = [Int: Int]()
        for destination in matches.keys.sorted() { lastUse[matches[destination]!.source] = destination }
        for (destination, match) in matches {
            resolved[destination]?.isCopy = sources[match.source].state != .deleted || lastUse[match.source] != destination
        }
        return resolved
    }
}
