import Foundation

/// The probability of each explanation of a regression: a candidate commit, or a setting the records
/// name that changed outside the repository.
///
/// Every explanation is equally likely before the evidence (a regression is caused by one change, any
/// of them); the evidence is the likelihood of the boundary it implies (`ChangeWindow`), so
/// P(e) = L(boundary of e) / Σ L(boundary of e′). An explanation is decisive when its probability is at
/// least `decisive`.
struct CandidateRanking {
    /// One explanation.
    struct Entry {
        /// The commit, or `nil` for a change outside the repository.
        let commit: String?
        /// Index of its boundary in the window.
        let boundary: Int
        /// Chronological order on first-parent history (branch commits just before their merge).
        let order: Int
        /// The merge that brought it, for branch commits.
        let merge: String?
    }

    /// The probability at or above which an explanation is named as the culprit.
    static let decisive = 0.95

    let entries: [Entry]
    let probabilities: [Double]

    init(_ entries: [Entry], logLikelihoods: [Double]) {
        self.entries = entries
        let top = entries.map { logLikelihoods[$0.boundary] }.max() ?? 0
        let weights = entries.map { exp(logLikelihoods[$0.boundary] - top) }
        let total = weights.reduce(0, +)
        probabilities = weights.map { total > 0 ? $0 / total : 0 }
    }

    /// The sum of the probabilities of the explanations brought by `merge`.
    func probability(ofBranch merge: String) -> Double {
        zip(entries, probabilities).filter { $0.0.merge == merge }.map(\.1).reduce(0, +)
    }

    /// The decisive commit: a single explanation, else a merge whose branch commits together are.
    var culprit: String? {
        if let best = probabilities.indices.max(by: { probabilities[$0] < probabilities[$1] }), probabilities[best] >= Self.decisive,
           let commit = entries[best].commit {
            return commit
        }
        return Set(entries.compactMap(\.merge)).first { probability(ofBranch: $0) >= Self.decisive }
    }

    /// The commit whose evaluation best splits the remaining probability in two: evaluated bad, the
    /// culprit is it or older; good, newer. `nil` when one explanation holds nearly all of it.
    var evaluateNext: String? {
        guard probabilities.allSatisfy({ $0 < Self.decisive }) else { return nil }
        let ordered = entries.indices.filter { entries[$0].commit != nil }.sorted { entries[$0].order < entries[$1].order }
        var cumulative = 0.0
        var best: (commit: String, distance: Double)?
        for index in ordered {
            cumulative += probabilities[index]
            guard cumulative < 1 - 1e-9 else { break }
            let distance = abs(cumulative - 0.5)
            if best == nil || distance < best!.distance { best = (entries[index].commit!, distance) }
        }
        return best?.commit
    }
}
